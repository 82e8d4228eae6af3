"""The site around a synthetic page's content: head, cookie banner, navigation and news ticker,
breadcrumbs, one of four content containers, a related-reports sidebar, footer, comment, script.

Everything outside the content carries dates, countries or organizations on purpose: the gold
never includes them, as GOLD_FORMAT.md says of navigation, sidebars, footers and scripts.
"""

from __future__ import annotations

import datetime as dt
import html
import random

from benchmarks import synth_text as T
from benchmarks.synth_names import (
    DAY_STYLES,
    OrgName,
    city_names,
    country_names,
    day_text,
    org_names,
)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def wrap_in_site(
    rng: random.Random,
    content: str,
    title: str,
    host: OrgName,
    index: int,
    seed: int,
    published: dt.date | None,
) -> str:
    """Wrap the content in a site: head, cookie banner, navigation, sidebar, footer, script."""
    site = host.name if not host.acronym else f"{host.acronym} – {host.name}"
    other = rng.sample(org_names(), 2)
    elsewhere = rng.sample(country_names(), 3)
    stale = dt.date(rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28))
    items = []
    for i, (c, o) in enumerate(zip(elsewhere, [*other, other[0]], strict=True)):
        when = day_text(stale + dt.timedelta(days=40 * i), rng.choice(DAY_STYLES), year=True)
        label = f"{rng.choice(T.EVENT_KINDS['workshop'])} in {c.short.removeprefix('the ')}"
        items.append(
            f'<li><a href="/reports/{rng.randint(1000, 9999)}/">{_esc(label)} with '
            f'{_esc(o.acronym or o.name)}</a> <span class="date">{when}</span></li>'
        )
    related = "".join(items)
    sidebar = f'<h2 class="widget-title">Related reports</h2><ul>{related}</ul>'
    nav = "".join(
        f'<li><a href="/{item.lower().replace(" ", "-")}/">{item}</a></li>' for item in T.NAV
    )
    cookie = (
        '<div class="cookie-notice" role="dialog"><p>We use cookies to improve this site. Policy '
        f'updated {day_text(stale, "dmy", year=True)}. <a href="/privacy">Read more</a>.</p>'
        '<button class="cookie-accept">Accept</button></div>'
        if rng.random() < 0.6
        else ""
    )
    header = (
        f'<header class="site-header"><a class="brand" href="/">{_esc(site)}</a>'
        f'<nav class="main-menu"><ul>{nav}</ul></nav>'
        f'<div class="ticker"><a href="/news/">{day_text(stale, "mdy", year=True)}: call for '
        f"applications ({_esc(elsewhere[0].short.removeprefix('the '))})</a></div></header>"
    )
    footer = (
        f'<footer class="site-footer"><p>{_esc(host.name)}, {rng.randint(1, 99)} Example Street, '
        f"{_esc(rng.choice(city_names())[0])}</p><p>&copy; {stale.year}–{stale.year + 3} "
        f"{_esc(host.acronym or host.name)}. All rights reserved.</p></footer>"
    )
    shape = rng.randrange(4)
    if shape == 0:
        main = (
            f'<main id="content"><article class="post"><div class="entry-content">{content}</div>'
            f'</article></main><aside class="sidebar">{sidebar}</aside>'
        )
    elif shape == 1:
        main = f'<div class="container"><article>{content}</article><aside>{sidebar}</aside></div>'
    elif shape == 2:
        main = (
            f'<div id="wrapper"><div class="contents"><div class="contents-inner">{content}</div>'
            f'</div><div class="side-column">{sidebar}</div></div>'
        )
    else:
        main = f'<main>{content}</main><div class="sidebar">{sidebar}</div>'
    meta = (
        f'<meta property="article:published_time" content="{published.isoformat()}T09:00:00Z">'
        if published
        else ""
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>{_esc(title)} | {_esc(site)}</title>{meta}"
        f'<link rel="canonical" href="https://reports.example.org/{seed}/{index}/">'
        "<style>.schedule td{border:1px solid #ccc}</style></head>\n<body>\n"
        f"{cookie}\n{header}\n"
        f'<div class="breadcrumbs"><a href="/">Home</a> › <a href="/reports/">Reports</a></div>\n'
        f"{main}\n{footer}\n<!-- cached {stale.isoformat()} -->\n"
        f"<script>var built = '{stale.isoformat()}';</script>\n</body>\n</html>\n"
    )
