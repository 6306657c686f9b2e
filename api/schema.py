"""The schema's shared parts: every operation may answer with a problem (400, 404, 429), and lists are
wrapped in cursor pages. Registered from ApiConfig.ready()."""

from __future__ import annotations

PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}
ERRORS = {
    "400": "A parameter the API cannot use; `invalid_params` names it.",
    "404": "No public record at this address.",
    "406": "The client accepts no JSON.",
    "429": "Too many requests from this address; `Retry-After` says how many seconds to wait.",
}
HEADERS = {
    "ETag": "A digest of the body: send it back as If-None-Match for a 304 while nothing changed.",
    "Last-Modified": "When the API first gave out this body: send it back as If-Modified-Since.",
}


ID = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
# The bounds the filters check (api/filters.py, api/pagination.py), which django-filter does not tell.
PARAMETERS = {
    "body": ID,
    "committee": ID,
    "consultation": ID,
    "mandate": ID,
    "year": {"type": "integer", "minimum": 1900, "maximum": 2999},
    "page_size": {"type": "integer", "minimum": 1, "maximum": 200},
}


def add_problems(result, generator, request, public):
    """drf-spectacular postprocessing hook: the filters' bounds, the problem answers and the conditional
    headers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and parameter["name"] in PARAMETERS:
                    parameter["schema"] = dict(PARAMETERS[parameter["name"]])
            responses = operation.setdefault("responses", {})
            if "200" in responses:
                responses["200"]["headers"] = {
                    name: {"description": text, "schema": {"type": "string"}}
                    for name, text in HEADERS.items()
                }
                responses["304"] = {"description": "Not modified since the ETag or date the client sent."}
            for status, text in ERRORS.items():
                responses[status] = {
                    "description": text,
                    "content": {
                        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                    },
                }
    return result
