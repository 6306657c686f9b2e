"""The repository speaks of the product: no issue numbers and no words about how it was built, in the
README, the docs, the code, the templates or the tests."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = re.compile(
    r"\bissue\s*#?\d+|\bslice\s*#?\d+|\b(this|that|next|other|earlier|later|previous|first|second)\s+slices?\b"
    r"|\bstill to come\b|\bwhat is built so far\b",
    re.IGNORECASE,
)
TEXT_SUFFIXES = {".py", ".md", ".html", ".txt", ".toml", ".yml", ".yaml", ".cfg", ".po", ".js", ".css"}
TEXT_NAMES = {"Makefile", "Dockerfile"}
SKIPPED = ("static/vendor/", "tests/e2e/vendor/", "tests/support/oidc_provider/node_modules/")


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    names = [name for name in listed if name and not name.startswith(SKIPPED)]
    return [ROOT / name for name in names if Path(name).suffix in TEXT_SUFFIXES or name in TEXT_NAMES]


def test_no_file_speaks_of_issue_numbers_or_how_the_project_was_built():
    offenders = []
    for path in tracked_text_files():
        if not path.is_file() or path == Path(__file__).resolve():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if FORBIDDEN.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not offenders, "\n".join(offenders)


def test_the_readme_is_for_the_people_who_use_samskab():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("architecture", "configuration", "deployment", "testing", "accessibility"):
        assert f"docs/{page}.md" in readme
        assert (ROOT / "docs" / f"{page}.md").is_file()
    assert "make run" in readme and "make test" in readme
