"""The package's import graph has no cycles, not even type-only or function-level ones.

Every `import` and `from ... import` in extractor/ is read with ast (top level, inside
functions and under `if TYPE_CHECKING:`), and resolved to the module it names: `from
extractor.dates import lexer` is an edge to extractor.dates.lexer, `from extractor.dates import
Anchor` an edge to extractor.dates. A cycle means two rooms of the package lean on each other,
which the layout is meant to rule out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package modules it imports."""
    modules = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                assert node.level == 0, f"{name}: relative import; write it absolute"
                targets = [
                    f"{node.module}.{alias.name}"
                    if f"{node.module}.{alias.name}" in modules
                    else node.module
                    for alias in node.names
                ]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as a path (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_walk_finds_a_cycle_where_there_is_one(tmp_path: Path) -> None:
    pkg = tmp_path / "extractor"
    (pkg / "dates").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "dates" / "__init__.py").write_text("from extractor.dates.grammar import read\n")
    (pkg / "dates" / "grammar.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from extractor.dates import Anchor\n"
    )
    graph = import_graph(pkg)
    assert graph["extractor.dates"] == {"extractor.dates.grammar"}
    assert find_cycle(graph) == ["extractor.dates", "extractor.dates.grammar", "extractor.dates"]


@pytest.mark.parametrize("name", ["extract_html", "extract_many"])
def test_the_documented_library_entry_points_import(name: str) -> None:
    import extractor

    assert callable(getattr(extractor, name))


def test_a_run_starts_without_the_libraries_only_some_inputs_need() -> None:
    # What the command line and input discovery import comes before a run's head start forks,
    # and in every command: the HTTP client (URL inputs), warcio (WARC inputs) and spaCy (the
    # driver's model, loaded after the fork) come later, and only for runs that use them.
    from tests.conftest import modules_imported

    code = "import extractor.cli, extractor.inputs.load, extractor.run.head_start"
    assert modules_imported(code, ("httpx", "warcio", "fsspec", "spacy")) == []
