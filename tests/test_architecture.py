"""The shape of the code, read statically (``ast``, nothing imported): no import cycle among the
modules of ``src/pxextract``, the store depending on nothing above it, no module over 500
lines (issue #14). Every import counts, at module level or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "pxextract"
MAX_LINES = 500

# Files over MAX_LINES that their owners are splitting right now; remove each as it drops to
# MAX_LINES or below (the test says so). Paths relative to src/pxextract.
KNOWN_OVER: set[str] = set()

# Import cycles among modules the back-half redesign did not own, left for their owners;
# each entry is the set of modules of one cycle (a strongly connected component).
KNOWN_CYCLES: set[frozenset[str]] = set()

# What the store must never import: it stores records, whoever extracts them (dependencies point down).
STORE = f"{PACKAGE}.store"
ABOVE_THE_STORE = ("link", "extract", "pipeline", "batch", "scale", "ner", "cli")


def module_files() -> dict[str, Path]:
    """Module name → file, for every ``.py`` of the package (a package is its ``__init__.py``)."""
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its file (relative imports
    resolved; ``from . import x`` is module ``x`` when there is one, else the package)."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    found = set()

    def nearest(dotted: str) -> str | None:  # the module itself, or the closest package holding it
        parts = dotted.split(".")
        while parts and ".".join(parts) not in modules:
            parts.pop()
        return ".".join(parts) or None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = here[: len(here) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.append(sub if sub in modules else base)
        for t in targets:
            if t == PACKAGE or t.startswith(PACKAGE + "."):
                resolved = nearest(t)
                if resolved and resolved != name:
                    found.add(resolved)
    return found


def import_graph() -> dict[str, set[str]]:
    files = module_files()
    names = set(files)
    return {name: imports_of(name, path, names) for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(frozenset(component))
    return out


def a_cycle_through(component: frozenset[str], graph: dict[str, set[str]]) -> list[str]:
    """One concrete import path around ``component``: ``a → b → … → a``."""
    start = min(component)
    paths = {start: [start]}
    todo = [start]
    while todo:
        node = todo.pop(0)
        for child in sorted(graph[node] & component):
            if child == start:
                return paths[node] + [start]
            if child not in paths:
                paths[child] = paths[node] + [child]
                todo.append(child)
    return sorted(component)


def test_the_graph_sees_function_level_and_relative_imports():
    graph = import_graph()
    assert "pxextract.store.schema" in graph["pxextract.store.builder"]  # from .schema import …
    assert "pxextract.store" in graph["pxextract.console"]  # inside guard(): from .store import db_error
    assert "pxextract.pipeline" in graph["pxextract.workers"]  # inside a function
    assert "pxextract.dbfile" in graph["pxextract.store.files"]  # from .. import dbfile


def test_no_import_cycle():
    graph = import_graph()
    found = set(cycles(graph))
    new = [" → ".join(a_cycle_through(c, graph)) for c in sorted(found - KNOWN_CYCLES, key=sorted)]
    assert not new, "import cycles: " + "; ".join(new)
    gone = [sorted(c) for c in KNOWN_CYCLES - found]
    assert not gone, f"no longer a cycle, remove it from KNOWN_CYCLES: {gone}"


def test_the_store_imports_nothing_above_it():
    graph = import_graph()
    above = tuple(f"{PACKAGE}.{m}" for m in ABOVE_THE_STORE)
    bad = {name: sorted(t for t in targets if t.startswith(above))
           for name, targets in graph.items() if name == STORE or name.startswith(STORE + ".")}
    assert len(bad) > 1, "the store package was not found"
    bad = {name: targets for name, targets in bad.items() if targets}
    assert not bad, f"the store imports from above it (the caller supplies extraction instead): {bad}"


def test_no_module_over_500_lines():
    root = SRC / PACKAGE
    lines = {str(p.relative_to(root)): len(p.read_text(encoding="utf-8").splitlines()) for p in sorted(SRC.rglob("*.py"))
             if root in p.parents}
    over = {f: n for f, n in lines.items() if n > MAX_LINES and f not in KNOWN_OVER}
    assert not over, f"modules over {MAX_LINES} lines (split them by job): {over}"
    done = {f: lines.get(f) for f in KNOWN_OVER if lines.get(f, 0) <= MAX_LINES}
    assert not done, f"now {MAX_LINES} lines or fewer (or gone): remove them from KNOWN_OVER in tests/test_architecture.py: {done}"
    others = [p for p in SRC.rglob("*.py") if root not in p.parents]
    assert all(len(p.read_text(encoding="utf-8").splitlines()) <= MAX_LINES for p in others)


def test_the_record_schema_is_declared_once(extractor):
    """The typed record (records.SpanRecord) has exactly the fields and attributes the attribute
    lists declare, and what the extractor writes stays inside it (issue #14: one schema)."""
    from pxextract.records import ALL_ATTRS, SPAN_FIELDS, ArticleRecord, SpanRecord

    assert tuple(SpanRecord.__annotations__) == SPAN_FIELDS + ALL_ATTRS
    record = extractor.extract_text("2021年，全市农村居民人均可支配收入达22862元，较2012年的9999.5元增长128.63%。", date="2022")
    assert set(record) == set(ArticleRecord.__annotations__)
    for span in record["spans"]:
        assert set(span) <= set(SpanRecord.__annotations__), span
