"""Ids too large (or too small) for the database: in a URL they are a 404, in a form a clear message, never a
500. SQLite refuses to bind an integer beyond 64 bits and PostgreSQL one beyond its column's range; both
runs of the suite (SQLite by default, PostgreSQL in CI) go through every case here.

The URL cases walk the resolver, so a new URL with an integer in it is covered without being listed.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from tests.access.world import World
from tests.factories import UserFactory
from tests.hostile.junk import OUT_OF_RANGE_IDS

pytestmark = pytest.mark.django_db

# Beyond a signed 64-bit integer, far beyond it, and beyond 32 and 16 bits (most of our columns are 64-bit,
# a meeting's number is 16-bit).
OUT_OF_RANGE = (*OUT_OF_RANGE_IDS, str(2**15))


def as_(client, user):
    cache.clear()  # rate limits
    client.force_login(user)
    return client


# --- URLs with an integer in them.


def _int_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route) of every named pattern of ours with an int converter, the admin's and allauth's aside."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_module, "__name__", "")
            if entry.app_name == "admin" or module.startswith("allauth"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _int_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = entry.pattern.converters
            if any(isinstance(c, IntConverter) for c in converters.values()):
                yield f"{namespace}{entry.name}", converters


URL_ARGUMENTS = {
    "slug": "slug",
    "pk": None,
    "number": None,
    "reference": "reference",
    "token": "calendar_token",
}


def _urls(world: World, name: str, converters) -> list[str]:
    """The URL once per out-of-range value in each int position, the other positions real."""
    real = {
        "pk": world.call_pk,
        "number": world.meeting_number,
        "contribution": world.public_work.published_pk,
        "item": world.public_work.item_pk,
    }
    urls = []
    for position, converter in converters.items():
        if not isinstance(converter, IntConverter):
            continue
        for value in OUT_OF_RANGE:
            kwargs = {
                key: value if key == position else real.get(key) or getattr(world, URL_ARGUMENTS[key])
                for key in converters
            }
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def test_the_walk_finds_the_urls_with_integers():
    names = {name for name, _c in _int_patterns()}
    assert {
        "portal:call",
        "deliberation:record",
        "deliberation:attachment",
        "committees:document",
    } <= names


@pytest.mark.parametrize(
    ("name", "converters"), list(_int_patterns()), ids=lambda v: v if isinstance(v, str) else ""
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_id_out_of_range_in_a_url_is_not_found(client, world, name, converters, method):
    for who in (world.staff, world.facilitator, world.politician):
        for url in _urls(world, name, converters):
            response = getattr(as_(client, who), method)(url)
            # 403: a member without the right to write is told so before the id is looked at
            assert response.status_code in (403, 404, 405), (
                f"{who} {method.upper()} {url}: {response.status_code}"
            )


def test_an_id_out_of_range_in_an_admin_url_is_not_found(client, world):
    for value in OUT_OF_RANGE:
        for url in (
            f"/admin/mandates/mandate/{value}/change/",
            f"/admin/accounts/user/{value}/change/",
            f"/admin/recruitment/application/{value}/change/",
        ):
            response = as_(client, world.staff).get(url, follow=True)
            assert response.status_code in (200, 404), url  # the admin says it does not exist
        response = as_(client, world.staff).post(
            reverse("admin:mandates_mandate_move", args=[value, "adopted"])
        )
        assert response.status_code == 404


# --- Forms that choose people or objects.


def _post(client, user, url, data):
    return as_(client, user).post(url, data)


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_the_meeting_record_refuses_an_attendee_id_out_of_range_with_a_message(client, world, value, english):
    url = reverse("deliberation:record", args=[world.slug, world.meeting_number])
    response = _post(
        client, world.facilitator, url, {"present": [value], "decisions": "Vi besluttede noget."}
    )
    assert response.status_code == 200
    assert "Only members of this committee can be marked present." in response.content.decode()
    assert "Vi besluttede noget." in response.content.decode()  # what was typed is kept


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_an_action_items_owner_out_of_range_is_refused_with_a_message(client, world, value, english):
    url = reverse("deliberation:action_item_add", args=[world.slug, world.meeting_number])
    response = _post(client, world.facilitator, url, {"item-text": "Ring til skolen", "item-owner": value})
    assert response.status_code in (200, 400)
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_the_review_forms_refuse_ids_out_of_range(client, world, value):
    call, reference = world.call_pk, world.reference
    rate = _post(
        client,
        world.politician,
        reverse("recruitment:rate", args=[call, reference]),
        {"profile": value, "score": "3"},
    )
    assert rate.status_code in (200, 302, 400)
    matching = reverse("recruitment:matching", args=[call])
    assert (
        as_(client, world.politician).get(matching, {"pin": f"{value}:{value}", "exclude": value}).status_code
        == 200
    )
    confirm = {"seat": f"{value}:{value}", "reserve": f"{value}:{value}", "rationale": "Fordi."}
    assert _post(client, world.politician, matching, confirm).status_code in (200, 302, 400)
    dashboard = reverse("recruitment:dashboard", args=[call])
    assert as_(client, world.facilitator).get(dashboard, {"profile": value}).status_code == 200


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_the_application_form_refuses_profile_and_meeting_ids_out_of_range(client, world, value, english):
    data = {
        "choice_1": value,
        "available_meetings": [value],
        "motivation": "Jeg vil gerne være med.",
        "tie": "municipality",
        "postal_code": "2900",
        "consent": "on",
    }
    for user, url in (
        (world.citizen, reverse("recruitment:apply", args=[world.call_pk])),
        (world.applicant, reverse("recruitment:application_edit", args=[world.reference])),
    ):
        response = _post(client, user, url, data)
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_public_filters_and_version_choices_ignore_ids_out_of_range(client, world, value):
    committees = client.get(reverse("committees:list"), {"body": value, "year": value, "page": value})
    assert committees.status_code == 200
    diff = reverse("deliberation:deliverable_diff", args=[world.slug])
    assert as_(client, world.facilitator).get(diff, {"a": value, "b": value}).status_code == 200


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_admin_forms_refuse_people_and_objects_out_of_range_with_a_message(client, world, value):
    staff = world.staff
    response = as_(client, staff).get(
        reverse("admin:autocomplete"),
        {"app_label": "committees", "model_name": "membership", "field_name": "user", "term": value},
    )
    assert response.status_code == 200
    listing = as_(client, staff).get(reverse("admin:audit_entry_changelist"), {"object_id": value})
    assert listing.status_code in (200, 302)
    users = as_(client, staff).get(reverse("admin:accounts_user_changelist"), {"groups__id__exact": value})
    assert users.status_code in (200, 302)
    as_(client, UserFactory(is_staff=True, is_superuser=True, totp=True))
    change = reverse("admin:accounts_user_change", args=[world.citizen.pk])
    data = {"email": world.citizen.email, "full_name": "Ida", "preferred_language": "da", "groups": [value]}
    response = client.post(change, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["groups"]
