"""The package's wings import one way only (docs/architecture.md).

cli → api → {run, fetch, pipeline} → {analyse, extract, lexicon} → kernel; render reads only the
kernel (models). Every import of a visiecheck module counts, also the ones inside a
function (imported late for speed, but a dependency all the same).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "visiecheck"

KERNEL = "kernel"
# The wing of every top-level module; sub-packages are wings by their folder name.
TOP_LEVEL = {
    "__init__": KERNEL,
    "models": KERNEL,
    "options": KERNEL,
    "errors": KERNEL,
    "messages": KERNEL,
    "names": KERNEL,
    "textrules": KERNEL,
    "safetext": KERNEL,
    "output": KERNEL,
    "files": KERNEL,
    "theme_names": KERNEL,
    "lexicon": "lexicon",
    "pipeline": "pipeline",
    "lemma_snapshot": "pipeline",  # a maintainer's tool: lexicon + matcher → data file
    "api": "api",
    "cli": "cli",
    "launch": "cli",
    "__main__": "cli",
}
ALLOWED = {
    "front": {KERNEL, "api"},  # visiecheck/__init__.py: the public names, imported lazily
    KERNEL: {KERNEL},
    "lexicon": {KERNEL},
    "extract": {KERNEL},
    "analyse": {KERNEL},
    "render": {KERNEL},
    "pipeline": {KERNEL, "lexicon", "extract", "analyse"},
    "run": {KERNEL, "lexicon", "extract", "analyse", "pipeline"},
    "fetch": {KERNEL},  # the network wing: below the api, beside run, above the kernel
    "api": {KERNEL, "lexicon", "extract", "analyse", "pipeline", "run", "fetch", "render"},
    "cli": {KERNEL, "api", "render"},
}
# The exceptions, and why: the entry point starts the batch workers' fork server before
# anything else is imported, so its half second of imports overlaps the CLI's, and it
# runs the run wing's own exit hooks (stopping that server) before it leaves.
EXCEPTIONS = {
    ("visiecheck.launch", "visiecheck.run.isolation"),
    ("visiecheck.launch", "visiecheck.run.shutdown"),
}


def wing_of(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return KERNEL
    if (PACKAGE / parts[0]).is_dir() and parts[0] not in ("data", "schema"):
        return parts[0]
    if parts[0] in ("data", "schema"):
        return KERNEL  # package data and the report schema
    return TOP_LEVEL[parts[0]]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """The visiecheck modules a file imports, resolved to absolute names."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> set[str]:
    """The visiecheck modules ``source`` imports when it stands in ``package``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("visiecheck")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("visiecheck"):
                continue
            for alias in node.names:  # ``from . import nlp`` imports the module nlp
                candidate = f"{target}.{alias.name}"
                as_path = PACKAGE.parent / candidate.replace(".", "/")
                is_module = as_path.with_suffix(".py").is_file() or as_path.is_dir()
                found.add(candidate if is_module else target)
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_wing() -> None:
    for path in SOURCES:
        wing_of(module_name(path))  # raises KeyError for a module nobody placed


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: module_name(path))
def test_imports_go_one_way(path: Path) -> None:
    module = module_name(path)
    # The package root eagerly holds only __version__ (its other names load lazily), so
    # importing it is importing the kernel; its own lazy imports reach up to the api.
    own = "front" if module == "visiecheck" else wing_of(module)
    wrong = sorted(
        target
        for target in imports_of(path)
        if wing_of(target) != own
        and wing_of(target) not in ALLOWED[own]
        and (module, target) not in EXCEPTIONS
    )
    assert wrong == [], f"{module} ({own}) must not import {wrong}"


def test_the_rules_catch_an_upward_import() -> None:
    """The checker itself: a renderer importing the matcher, also late, is reported."""
    source = "def view():\n    from ..analyse.matching import Matcher\n    from . import i18n\n"
    imported = imports_in(source, "visiecheck.render")
    assert imported == {"visiecheck.analyse.matching", "visiecheck.render.i18n"}
    assert [t for t in imported if wing_of(t) not in ALLOWED["render"] | {"render"}] == [
        "visiecheck.analyse.matching"
    ]
