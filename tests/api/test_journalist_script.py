"""docs/open-data.md promises a journalist one script that fetches every endorsed recommendation with its
votes and progress. This runs that very script, as the docs print it, against a live server."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api import volume

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"


def the_script() -> str:
    text = DOCS.read_text()
    found = re.search(r"<!-- the test [^>]*-->\n```python\n(.*?)```", text, re.DOTALL)
    assert found, "docs/open-data.md has lost the journalist's script"
    return found[1]


def test_the_script_in_the_docs_lists_every_endorsed_recommendation_with_votes_and_progress(
    live_server, tmp_path
):
    volume.committees(3)
    script = tmp_path / "endorsed.py"
    script.write_text(the_script())
    done = subprocess.run(
        [sys.executable, str(script), live_server.url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 3  # one action each
    assert {row["outcome"] for row in rows} == {"endorsed"}
    assert {(row["votes_yes"], row["votes_no"], row["votes_abstain"]) for row in rows} == {("20", "0", "0")}
    assert {row["progress_percent"] for row in rows} == {"20"}
    assert {row["latest_update_on"] for row in rows} == {"2026-11-02"}
    assert all(row["recommendation"].startswith("Udvalg ") for row in rows)
