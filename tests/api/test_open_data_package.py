"""The nightly open-data package: one CSV per resource and a valid Frictionless descriptor, zipped with
the date in its name, written only when something public changed; the page that lists the packages; the
Atom feeds of decisions and progress."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta

import frictionless
import pytest
from django.utils import timezone

from api import package
from api.tasks import open_data_package
from tests.api import volume
from tests.api.secrets_of_the_demo import leaks
from tests.api.test_leaks import strings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _open_data_dir(settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path / "open-data"


def read(written: package.Package) -> dict[str, list[dict]]:
    with zipfile.ZipFile(written.path) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode())))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def test_the_package_holds_a_described_csv_for_every_resource_and_validates(tmp_path):
    volume.committees(2)
    written = package.package_write()
    assert written.name == f"samskab-open-data-{timezone.localdate().isoformat()}.zip"
    tables = read(written)
    assert set(tables) == {f"data/{name}.csv" for name, _view, _component in package.RESOURCES}
    assert len(tables["data/committees.csv"]) == 2
    decision = tables["data/decisions.csv"][0]
    assert decision["votes_yes"] == "20"
    assert json.loads(decision["agreed_text"])[0]["key"] == "s1"
    with zipfile.ZipFile(written.path) as archive:
        archive.extractall(tmp_path / "unpacked")
    report = frictionless.validate(str(tmp_path / "unpacked" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note", "fieldName", "rowNumber"])[:10]


def test_a_night_without_changes_writes_nothing_and_a_change_writes_a_new_package():
    volume.committees(1)
    assert open_data_package() != "unchanged"
    assert open_data_package() == "unchanged"
    tomorrow = timezone.now() + timedelta(days=1)
    assert package.package_write(now=tomorrow) is None
    volume.committees(1)
    written = package.package_write(now=tomorrow)
    assert written is not None
    assert [p.day for p in package.packages()] == [timezone.localdate(tomorrow), timezone.localdate()]


def test_only_the_latest_packages_are_kept(settings):
    settings.OPEN_DATA_KEEP = 2
    for day in range(3):
        volume.committees(1)
        package.package_write(now=timezone.now() + timedelta(days=day))
    assert len(package.packages()) == 2


def test_the_page_lists_the_packages_with_their_sizes_and_serves_them(client, english):
    assert "No package has been written yet" in client.get("/open-data/").text
    volume.committees(1)
    written = package.package_write()
    page = client.get("/open-data/")
    assert written.name in page.text
    response = client.get(f"/open-data/{written.name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert client.get("/open-data/../settings.py").status_code == 404
    assert client.get("/open-data/samskab-open-data-2000-01-01.zip").status_code == 404


def test_the_package_of_the_demo_holds_nothing_that_is_not_public(demo):
    written = package.package_write()
    texts = []
    for rows in read(written).values():
        for row in rows:
            for value in row.values():
                texts.append(value)
                if value[:1] in ("[", "{"):  # a nested list or object, as JSON
                    texts += strings(json.loads(value))
    assert leaks("\n".join(texts)) == []


def test_the_feeds_tell_of_decisions_with_their_votes_and_of_progress(client, english):
    volume.committees(1)
    decisions = client.get("/decisions/feed/")
    assert decisions["Content-Type"].startswith("application/atom+xml")
    assert "Votes for: 20, against: 0, abstaining: 0." in decisions.text
    progress = client.get("/progress/feed/")
    assert "Godt i gang." in progress.text
    assert "(20 %)" in progress.text
