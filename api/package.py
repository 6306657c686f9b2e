"""The open-data package: one CSV per resource of the API, a Frictionless `datapackage.json` that
describes every field and its type (taken from the API's own OpenAPI schema), zipped with the date in its
name. Written only when something public changed since the last package.

The rows come from the API's own viewsets and serializers, so the package holds exactly what the API
shows: a nested list (a committee's memberships, a decision's agreed text) is one column holding JSON, a
nested object (a decision's votes) becomes one column per field (`votes_yes`, `votes_no`, …).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from api.views import resources

# (file name, viewset, the schema component of one record)
RESOURCES = [
    ("bodies", resources.BodyViewSet, "Body"),
    ("mandates", resources.MandateViewSet, "Mandate"),
    ("committees", resources.CommitteeViewSet, "Committee"),
    ("meetings", resources.MeetingViewSet, "Meeting"),
    ("calls", resources.CallViewSet, "Call"),
    ("deliverables", resources.DeliverableViewSet, "Deliverable"),
    ("decisions", resources.DecisionViewSet, "Decision"),
    ("actions", resources.ActionViewSet, "Action"),
    ("consultations", resources.ConsultationViewSet, "Consultation"),
    ("contributions", resources.ContributionViewSet, "Contribution"),
    ("evaluations", resources.EvaluationViewSet, "Evaluation"),
]
NAME = re.compile(r"samskab-open-data-(\d{4}-\d{2}-\d{2})\.zip")
DIGEST_KEY = "samskab:content_sha256"  # in datapackage.json: what the CSVs held, to see a change


@dataclass(frozen=True)
class Package:
    name: str
    day: date
    size: int
    path: Path


def packages() -> list[Package]:
    """The packages written so far, newest first."""
    folder = Path(settings.OPEN_DATA_DIR)
    found = []
    for path in folder.glob("samskab-open-data-*.zip") if folder.is_dir() else []:
        match = NAME.fullmatch(path.name)
        if match:
            found.append(Package(path.name, date.fromisoformat(match[1]), path.stat().st_size, path))
    return sorted(found, key=lambda p: p.day, reverse=True)


def _records(viewset_class) -> list[dict]:
    view = viewset_class()
    view.request, view.format_kwarg, view.kwargs = None, None, {}
    if hasattr(view, "all_records"):
        return view.get_serializer(view.all_records(), many=True).data
    queryset = view.get_queryset().order_by(getattr(view, "cursor_ordering", "id"))
    return view.get_serializer(list(queryset), many=True).data


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref")
    if ref:
        return components[ref.rsplit("/", 1)[1]]
    one_of = schema.get("oneOf") or schema.get("allOf")
    if one_of:
        return _resolve(next(s for s in one_of if s.get("type") != "null"), components)
    return schema


def _nullable(schema: dict) -> bool:
    kind = schema.get("type")
    return bool(schema.get("nullable")) or (isinstance(kind, list) and "null" in kind) or "oneOf" in schema


def _field(name: str, schema: dict, components: dict, required: bool) -> dict:
    """A Frictionless Table Schema field for an OpenAPI property; a nullable one is never required (an
    empty cell is null)."""
    required = required and not _nullable(schema)
    schema = _resolve(schema, components)
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    formats = {"date": "date", "date-time": "datetime"}
    field = {
        "name": name,
        "type": {"integer": "integer", "number": "number", "boolean": "boolean"}.get(kind, "string"),
    }
    if kind == "string" and schema.get("format") in formats:
        field["type"] = formats[schema["format"]]
    elif kind == "string" and schema.get("format") == "uri":
        field["format"] = "uri"
    elif kind in ("array", "object"):
        field["type"] = kind
    if "enum" in schema:
        field["constraints"] = {"enum": [v for v in schema["enum"] if v not in (None, "")]}
    if schema.get("description") or schema.get("title"):
        field["description"] = schema.get("description") or schema.get("title")
    # An empty cell reads as null, and an empty text is a real value (no organisation, no agenda item).
    if required and not (field["type"] == "string" and "format" not in field):
        field.setdefault("constraints", {})["required"] = True
    return field


def _table_schema(component: str, components: dict) -> list[dict]:
    schema = components[component]
    required = set(schema.get("required", []))
    fields = []
    for name, prop in schema["properties"].items():
        resolved = _resolve(prop, components)
        if resolved.get("type") == "object" and "properties" in resolved:
            inner = set(resolved.get("required", []))
            whole = name in required and not _nullable(prop)
            for key, sub in resolved["properties"].items():
                fields.append(_field(f"{name}_{key}", sub, components, whole and key in inner))
        else:
            fields.append(_field(name, prop, components, name in required))
    return fields


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _csv(fields: list[dict], records: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f["name"] for f in fields])
    for record in records:
        flat = {}
        for key, value in record.items():
            if isinstance(value, dict):
                flat.update({f"{key}_{k}": v for k, v in value.items()})
            else:
                flat[key] = value
        writer.writerow([_cell(flat.get(f["name"])) for f in fields])
    return out.getvalue().encode("utf-8")


def contents() -> tuple[dict[str, bytes], dict]:
    """The CSVs by file name and the package's descriptor (without its digest and date)."""
    components = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    tables, described = {}, []
    for name, viewset_class, component in RESOURCES:
        fields = _table_schema(component, components)
        tables[f"data/{name}.csv"] = _csv(fields, _records(viewset_class))
        described.append(
            {
                "name": name,
                "path": f"data/{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["id"]},
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": "samskab-open-data",
        "title": f"Task committees of {settings.MUNICIPALITY_NAME}: the public record",
        "homepage": settings.SITE_URL + "/api/v1/docs/",
        "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}],
        "resources": described,
    }
    return tables, descriptor


def _digest(tables: dict[str, bytes]) -> str:
    hashed = hashlib.sha256()
    for name in sorted(tables):
        hashed.update(name.encode() + b"\0" + tables[name] + b"\0")
    return hashed.hexdigest()


def _latest_digest() -> str | None:
    latest = next(iter(packages()), None)
    if latest is None:
        return None
    try:
        with zipfile.ZipFile(latest.path) as archive:
            return json.loads(archive.read("datapackage.json")).get(DIGEST_KEY)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None  # a damaged package is replaced


def package_write(*, now: datetime | None = None) -> Package | None:
    """Write today's package if the public record changed since the last one; None when it did not."""
    tables, descriptor = contents()
    digest = _digest(tables)
    if digest == _latest_digest():
        return None
    now = now or timezone.now()
    descriptor["created"] = now.isoformat(timespec="seconds")
    descriptor[DIGEST_KEY] = digest
    folder = Path(settings.OPEN_DATA_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"samskab-open-data-{timezone.localdate(now).isoformat()}.zip"
    # Written beside and moved in place: a download never gets half a file.
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2))
        for path, data in tables.items():
            archive.writestr(path, data)
    os.replace(temporary, folder / name)
    for old in packages()[settings.OPEN_DATA_KEEP :]:
        old.path.unlink(missing_ok=True)
    return next(p for p in packages() if p.name == name)
