"""The README and docs/ against the code: links resolve, the package tree, the record fields, the
commands and the library example match what the package holds."""

from __future__ import annotations

import contextlib
import io
import os
import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from extractor import errors, models

from .conftest import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PACKAGE = ROOT / "extractor"
README_MAX_LINES = 250

FENCE = re.compile(r"^(```|~~~)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
TREE_LINE = re.compile(r"^(?P<prefix>[│├└─\s]*)(?P<name>[\w.-]+/?)(?:\s{2,}(?P<what>.*))?$")
TREE_INDENT = 4


def _pages() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def _prose_lines(text: str) -> list[str]:
    """The lines outside fenced code blocks (links and headings there are not links or headings)."""
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def _fenced_blocks(text: str) -> list[str]:
    blocks, current = [], None
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            if current is None:
                current = []
            else:
                blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, markup and punctuation dropped, spaces to -."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = re.sub(r"[^\w\- ]", "", text.lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    anchors: set[str] = set()
    for line in _prose_lines(page.read_text(encoding="utf-8")):
        match = HEADING.match(line)
        if match:
            slug, n = _slug(match.group(2)), 1
            while slug in anchors:  # GitHub numbers repeated headings: x, x-1, x-2
                slug, n = f"{_slug(match.group(2))}-{n}", n + 1
            anchors.add(slug)
    return anchors


def _links(page: Path) -> list[str]:
    text = "\n".join(_prose_lines(page.read_text(encoding="utf-8")))
    text = re.sub(r"`[^`]*`", "", text)  # code spans hold no links
    return LINK.findall(text)


def test_the_pages_exist():
    names = {p.name for p in DOCS.glob("*.md")}
    expected = {"output.md", "querying.md", "scraping.md", "cluster.md", "reliability.md"}
    assert expected | {"evaluation.md", "design.md"} <= names


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page):
    broken = []
    for target in _links(page):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:: not ours to check
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            broken.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(f"{target}: no heading #{anchor} in {resolved.name}")
    assert not broken, broken


def test_readme_is_a_short_front_page():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines"


# The package tree of docs/design.md


def _design_tree() -> list[str]:
    """The paths the tree in docs/design.md lists, relative to the repository (dirs end in /)."""
    text = (DOCS / "design.md").read_text(encoding="utf-8")
    block = next(b for b in _fenced_blocks(text) if b.startswith("extractor/"))
    paths: list[str] = []
    parents: list[str] = []  # parents[d] is the directory at depth d
    for line in block.splitlines():
        if not line.strip():
            continue
        match = TREE_LINE.match(line)
        assert match, f"not a tree line in docs/design.md: {line!r}"
        depth = len(match.group("prefix")) // TREE_INDENT
        name = match.group("name")
        assert depth <= len(parents), f"tree line indented too far: {line!r}"
        del parents[depth:]
        path = "".join(parents) + name
        if not name.endswith("/"):
            assert match.group("what"), f"a file without a description: {line!r}"
        paths.append(path)
        if name.endswith("/"):
            parents.append(name)
    return paths


def test_design_tree_lists_every_module_and_only_modules_that_exist():
    listed = _design_tree()
    assert listed[0] == "extractor/"
    listed_modules = {p for p in listed if p.endswith(".py")}
    package_modules = {
        p.relative_to(ROOT).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert sorted(package_modules - listed_modules) == [], "in the package, not in docs/design.md"
    assert sorted(listed_modules - package_modules) == [], "in docs/design.md, not in the package"
    missing = [p for p in listed if not (ROOT / p).exists()]
    assert missing == [], "listed in docs/design.md but missing"
    assert len(listed) == len(set(listed)), "a path is listed twice"


# The record contract of docs/output.md


OUTPUT_MODELS = (
    models.Document,
    models.Section,
    models.Reject,
    models.Manifest,
    models.CorpusOrg,
    models.Edge,
)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _record_fields() -> dict[str, set[str]]:
    """Every field name of the output records and the models nested in them, by model."""
    fields: dict[str, set[str]] = {}
    todo = list(OUTPUT_MODELS)
    while todo:
        model = todo.pop()
        if model.__name__ in fields:
            continue
        fields[model.__name__] = set(model.model_fields)
        for info in model.model_fields.values():
            todo += _models_in(info.annotation)
    return fields


def test_record_fields_walk_reaches_the_nested_models():
    found = _record_fields()
    nested = {"Source", "DateSpan", "Entities", "OrgEntity", "TextBlock", "OrgMention"}
    assert nested | {"DateMention", "ExtractorInfo", "OrgAlias", "OrgOccurrence"} <= set(found)


def test_every_record_field_is_documented_in_output_md():
    text = (DOCS / "output.md").read_text(encoding="utf-8")
    missing = sorted(
        f"{model}.{name}"
        for model, names in _record_fields().items()
        for name in names
        if f"`{name}`" not in text
    )
    assert missing == [], "fields of extractor/models.py not named in docs/output.md"


def test_every_reject_code_is_documented_in_output_md():
    text = (DOCS / "output.md").read_text(encoding="utf-8")
    section = text[text.index("## Reject codes") :]
    codes = {kind.code for kind in errors.document_errors()} | set(
        typing.get_args(models.RejectCode)
    )
    assert sorted(c for c in codes if f"`{c}`" not in section) == []


# The README's command line at a glance


def _glance_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Command line at a glance")
    section = text[start : text.index("\n## ", start + 1)]
    return re.findall(r"^\| `extractor ([\w-]+)", section, re.M)


def test_readme_at_a_glance_lists_exactly_the_commands_of_the_app():
    from typer.main import get_command_name

    from extractor.cli import app

    commands = [
        c.name or get_command_name(c.callback.__name__)  # type: ignore[union-attr]
        for c in app.registered_commands
    ]
    listed = _glance_commands()
    assert len(listed) == len(set(listed)), listed
    assert sorted(listed) == sorted(commands)


# The README's library example


def _readme_python() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Library API")
    section = text[start : text.index("\n## ", start + 1)]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


@pytest.mark.model
def test_readme_library_example_runs_and_prints_what_it_says():
    code = _readme_python()
    printed = io.StringIO()
    cwd = Path.cwd()
    os.chdir(ROOT)  # the example reads corpora/ relative to the repository
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "README.md", "exec"), {"__name__": "readme_example"})
    finally:
        os.chdir(cwd)
    lines = printed.getvalue().splitlines()
    promised = re.findall(r"^print\(.*\)  # (.+)$", code, re.M)
    assert promised, "the example says what it prints"
    for expected in promised:
        assert expected in lines, (expected, lines)
