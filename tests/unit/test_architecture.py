"""The house holds together: imports point one way along the pipeline, no module imports
itself back through another, no module grows past 400 lines, and the pure core runs
without a disk."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("agent", "connectors")
MAX_LINES = 400

# The pipeline, top to bottom: a module may import its own wing and the wings below it.
WINGS = [
    "agent.__main__",
    "agent.cli",
    "agent.engine",
    "agent.views",
    "agent.dashboard",
    "agent.plan",
    "agent.drafts",
    "agent.rules",
    "agent.facts",
    "agent.config",
    "agent.errors",
    "connectors",
]


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Modules of this project that ``name`` imports, at any depth of its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _imports(name, path, known) for name, path in known.items()}


def _wing(module: str) -> int:
    for i, wing in enumerate(WINGS):
        if module == wing or module.startswith(wing + "."):
            return i
    return len(WINGS)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _package_faces(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's __init__ is not a module of its own here: drop it from the edges."""
    packages = {n for n, p in _modules().items() if p.name == "__init__.py"}
    return {n: {m for m in deps if m not in packages} for n, deps in graph.items()}


def test_no_import_cycles() -> None:
    cycles = _cycles(_package_faces(_graph()))
    assert cycles == [], f"import cycles: {cycles}"


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_imports_point_down_the_pipeline() -> None:
    upward = [
        f"{name} -> {dep}"
        for name, deps in _graph().items()
        for dep in deps
        if _wing(dep) < _wing(name)
    ]
    assert upward == []


@pytest.mark.parametrize("wing", ["agent.facts", "agent.rules"])
def test_the_pure_core_imports_neither_sqlite_nor_a_provider_client(wing: str) -> None:
    forbidden = ("sqlite3", "googleapiclient", "google", "msal", "requests", "agent.engine")
    for name, path in _modules().items():
        if not name.startswith(wing):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for imported in names:
                assert not imported.startswith(forbidden), f"{name} imports {imported}"


def test_no_module_over_400_lines() -> None:
    long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
