"""The leak walk: every endpoint, every page, every record of the demo data, and nothing in it that is not
public: no email address, internal note, comment, draft or applicant."""

from __future__ import annotations

import pytest

from accounts.models import User
from deliberation.models import Deliverable, SectionComment
from tests.api.secrets_of_the_demo import forbidden, leaks

pytestmark = pytest.mark.django_db


def strings(data) -> list[str]:
    """Every string in a JSON document, keys too, unescaped: a leaked text is found as it was written."""
    if isinstance(data, dict):
        return [text for key, value in data.items() for text in (key, *strings(value))]
    if isinstance(data, list):
        return [text for value in data for text in strings(value)]
    return [data] if isinstance(data, str) else []


def _walk(client) -> tuple[str, int]:
    """Everything the API answers, as one text, and how many records it held."""
    texts, records = [], 0
    index = [path for path in client.get("/api/v1/schema/").json()["paths"] if "{" not in path]
    for path in index:
        if path.endswith("/schema/") or path.endswith("/docs/"):
            continue
        following = f"{path}?page_size=200"
        while following:
            page = client.get(following).json()
            if isinstance(page, list):  # a short list, not paged
                page = {"results": page, "next": None}
            texts += strings(page)
            for record in page["results"]:
                detail = client.get(record["url"])
                assert detail.status_code == 200, record["url"]
                texts += strings(detail.json())
                records += 1
            following = page["next"]
    return "\n".join(texts), records


@pytest.fixture
def members_comments(demo):
    """The demo's committees comment on their texts in person; here each deliverable gets a comment, the
    decided one too."""
    for deliverable in Deliverable.objects.all():
        SectionComment.objects.create(
            deliverable=deliverable,
            section_key="s1",
            author=User.objects.filter(committee_memberships__committee=deliverable.committee_id).first(),
            body=f"Intern kommentar til udvalgets tekst nummer {deliverable.pk}, kun for udvalget.",
        )


def test_the_demo_has_secrets_of_every_kind_to_keep(members_comments):
    kinds = forbidden()
    assert all(kinds[kind] for kind in ("email", "internal note", "comment", "draft", "applicant")), {
        kind: len(values) for kind, values in kinds.items()
    }


def test_no_endpoint_shows_anything_that_is_not_public(client, members_comments):
    text, records = _walk(client)
    assert records > 50
    assert leaks(text) == []
