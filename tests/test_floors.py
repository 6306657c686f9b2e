"""No read or write climbs a floor (tests/floors.py): imports, template includes and extends, template
tag libraries and URL names, in the code (`reverse()`, `redirect()`) and in the templates (`{% url %}`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.template import engines
from django.urls import URLPattern, URLResolver, get_resolver

from tests.floors import FLOORS, OUTSIDE, may_use

ROOT = Path(__file__).resolve().parent.parent
APPS = set(FLOORS) | OUTSIDE
TEMPLATES = ROOT / "templates"
# Templates outside an app's folder. The site's frame (base.html: its menu names every app's pages, and every
# page extends it) and the shared includes (no link, no query) belong to no floor: any page may use them.
# Mail templates belong to the app that schedules their kind, which their name does not tell: not walked.
# allauth's are accounts'; the mandate's admin page is the committees app's admin.
TEMPLATE_OWNERS = {
    "account": "accounts",
    "allauth": "accounts",
    "socialaccount": "accounts",
    "mfa": "accounts",
    "admin/mandates/mandate": "committees",
}
FRAME = ("base.html", "admin/base_site.html", "includes/", "emails/")
INCLUDE = re.compile(r"{%\s*(include|extends)\s+[\"']([^\"']+)[\"']")
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
URL = re.compile(r"{%\s*url\s+[\"']([^\"']+)[\"']")
LINKS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}


def app_of_module(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in APPS else None


def template_owner(name: str) -> str | None:
    """The app a template belongs to; None for the frame."""
    if name.startswith(FRAME):
        return None
    for folder, app in TEMPLATE_OWNERS.items():
        if name.startswith(folder + "/"):
            return app
    parts = name.split("/")
    if parts[0] == "admin" and len(parts) > 2:
        return app_of_module(parts[1])
    return app_of_module(parts[0])


def url_owners() -> dict[str, str]:
    """Every URL name, namespaced as reverse() takes it, with the app whose view answers it."""
    owners: dict[str, str] = {}

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                callback = pattern.callback
                module = getattr(callback, "__module__", "") or ""
                view_class = getattr(callback, "view_class", None) or getattr(callback, "__class__", None)
                if not app_of_module(module) and view_class is not None:
                    module = view_class.__module__
                owner = app_of_module(module)
                if owner:
                    owners.setdefault(f"{namespace}{pattern.name}", owner)

    walk(get_resolver().url_patterns, "")
    return owners


def tag_library_owners() -> dict[str, str]:
    libraries = engines["django"].engine.libraries  # name → module path
    return {name: app for name, module in libraries.items() if (app := app_of_module(module))}


def python_files():
    for app in sorted(FLOORS):
        folder = ROOT / app
        if folder.is_dir():
            yield from ((app, path) for path in folder.rglob("*.py") if "migrations" not in path.parts)


def climbs_in_python(owners: dict[str, str]) -> list[str]:
    found = []
    for app, path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            used: list[tuple[str, str]] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                used.append((node.module, f"import {node.module}"))
            elif isinstance(node, ast.Import):
                used.extend((alias.name, f"import {alias.name}") for alias in node.names)
            elif isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                first = node.args[0] if node.args else None
                literal = first.value if isinstance(first, ast.Constant) else None
                if name in LINKS and isinstance(literal, str) and literal in owners:
                    used.append((owners[literal], f"{name}({literal!r})"))
            for module, what in used:
                target = app_of_module(module)
                if target and not may_use(app, target):
                    found.append(f"{where}:{node.lineno}: {app} → {target} ({what})")
    return found


def climbs_in_templates(owners: dict[str, str], libraries: dict[str, str]) -> list[str]:
    found = []
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".txt", ".xml"):
            continue
        name = str(path.relative_to(TEMPLATES))
        app = template_owner(name)
        if app is None:
            continue
        text = path.read_text(encoding="utf-8")
        uses = []
        for kind, target in INCLUDE.findall(text):
            uses.append((template_owner(target), f"{{% {kind} {target} %}}"))
        for names in LOAD.findall(text):
            for library in names.split():
                uses.append((libraries.get(library), f"{{% load {library} %}}"))
        for url_name in URL.findall(text):
            uses.append((owners.get(url_name), f"{{% url {url_name} %}}"))
        for target, what in uses:
            if target and not may_use(app, target):
                found.append(f"templates/{name}: {app} → {target} ({what})")
    return found


def test_every_app_is_on_a_floor():
    ours = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert ours <= APPS, f"put {sorted(ours - APPS)} on a floor in tests/floors.py"


def test_no_import_or_url_name_in_the_code_climbs_a_floor():
    assert climbs_in_python(url_owners()) == []


def test_no_template_include_tag_library_or_url_climbs_a_floor():
    assert climbs_in_templates(url_owners(), tag_library_owners()) == []


@pytest.mark.parametrize(
    ("user", "used", "allowed"),
    [
        ("portal", "recruitment", True),
        ("committees", "portal", False),
        ("recruitment", "deliberation", False),
    ],
)
def test_the_walk_knows_up_from_down(user, used, allowed):
    assert may_use(user, used) is allowed


def test_the_walk_sees_a_climb_when_there_is_one():
    owners = url_owners()
    assert owners["portal:committee"] == "portal" and owners["committees:list"] == "committees"
    assert template_owner("committees/_card.html") == "committees"
    assert tag_library_owners()["deliberation_review"] == "deliberation"


def test_the_page_cache_names_no_app_and_learns_from_each_app_what_its_pages_show():
    from core import cache

    source = (ROOT / "core" / "cache.py").read_text(encoding="utf-8")
    named = [app for app in FLOORS if app != "core" and re.search(rf"[\"']{app}[\"'.]", source)]
    assert named == []
    assert {
        "core",
        "mandates",
        "committees",
        "recruitment",
        "deliberation",
        "consultations",
    } <= cache._watched_apps
    assert "recruitment.application" in cache._private_models


def test_template_tags_only_format_what_a_view_loaded_and_never_query():
    reads = re.compile(r"\.(models|selectors|public_selectors|panels|downloads|services)$|^django\.db")
    found = []
    for path in ROOT.glob("*/templatetags/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            modules += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.relative_to(ROOT)}: {module}" for module in modules if reads.search(module)]
    assert found == []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_import_graph_has_no_circle():
    """The imports between our modules form no circle, counting those inside functions too."""
    modules = {_module_name(path): path for _app, path in python_files()}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                candidates = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            targets.update(c for c in candidates if c in modules and c != name)
        graph[name] = targets
    circles, state = [], {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                circles.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == []
