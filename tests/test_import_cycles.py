"""No module imports itself back through any chain; type-checking and lazy imports count."""

from __future__ import annotations

import grimp
import pytest

PACKAGE = "playbook_app"


def _cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Groups of modules that reach each other (strongly connected components > 1)."""
    edges = {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(edges[module]):
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(modules):
        if module not in order:
            visit(module)
    return found


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, cache_dir=None)


def test_a_planted_cycle_is_found() -> None:
    planted = grimp.ImportGraph()
    for name in ("a", "b", "c"):
        planted.add_module(name)
    planted.add_import(importer="a", imported="b")
    planted.add_import(importer="b", imported="c")
    planted.add_import(importer="c", imported="a")
    assert _cycles(planted, {"a", "b", "c"}) == [["a", "b", "c"]]


def test_no_import_cycle_below_the_window(graph: grimp.ImportGraph) -> None:
    below = {m for m in graph.modules if not m.startswith(f"{PACKAGE}.ui")}
    assert _cycles(graph, below) == []


def test_no_import_cycle_anywhere(graph: grimp.ImportGraph) -> None:
    assert _cycles(graph, set(graph.modules)) == []


def test_no_feature_imports_the_main_window(graph: grimp.ImportGraph) -> None:
    """Features get the narrow host (ui/shell/host.py); only the app's entry builds the window."""
    importers = graph.find_modules_that_directly_import(f"{PACKAGE}.ui.shell.main_window")
    assert importers <= {f"{PACKAGE}.app"}
