"""The engine (recruitment/engine/: matching, balance, ties, the draw) is plain Python: it imports no Django
and nothing of ours outside the engine, so anyone can run and check it on its own."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "recruitment" / "engine"
ALLOWED = {"__future__", "collections", "dataclasses", "hashlib", "itertools", "sys", "typing", "unicodedata"}
ALLOWED |= {"numpy", "scipy", "recruitment"}


def imports_of(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.append(node.module if node.level == 0 else "recruitment.engine")
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def test_the_engine_has_its_modules():
    assert {p.stem for p in ENGINE.glob("*.py")} >= {"matching", "balance", "ties", "lottery"}


def test_no_engine_module_imports_django_or_the_rest_of_the_app():
    found = []
    for path in sorted(ENGINE.glob("*.py")):
        for module in imports_of(path):
            top = module.split(".")[0]
            ours_outside = top == "recruitment" and not module.startswith("recruitment.engine")
            if top not in ALLOWED or ours_outside:
                found.append(f"{path.name}: {module}")
    assert found == []
