"""Copies of signed-in pages (core/signed_in_pages.py): one session's own, old after any write.

Writes inside a test's transaction count when it commits, so each write here runs inside `committed()`
(tests/conftest.py), which runs the commit's callbacks as a commit would.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from accounts.roles import COUNCIL_STAFF, PERSON_COUNTER, POLITICIAN
from core import write_version
from core.cache import HIT_HEADER
from core.signed_in_pages import kept_per_session
from recruitment.models import Application
from recruitment.review.ratings import rating_set
from tests.recruitment.factories import call_with_committee
from tests.recruitment.review_factories import bulk_applications, politicians
from tests.recruitment.review_pages import dashboard_page as dashboard

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.SIGNED_IN_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def call():
    call = call_with_committee(profiles=2, seats=1, meetings=2, politicians=2)
    bulk_applications(call, 6)
    return call


def signed_in(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def test_the_second_visit_is_the_sessions_copy_with_the_same_page_and_no_query(
    call, django_assert_max_num_queries
):
    client = signed_in(politicians(call)[0])
    first = dashboard(client, call)
    with django_assert_max_num_queries(1):  # the session (Redis in production): no person, no page read
        again = dashboard(client, call)
    assert (first[HIT_HEADER], again[HIT_HEADER]) == ("miss", "hit")
    assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first.content.decode())
    assert "no-store" in again["Cache-Control"]


def test_a_copy_carries_a_fresh_token_that_a_form_on_it_can_send(call):
    client = signed_in(politicians(call)[0])
    dashboard(client, call)
    again = dashboard(client, call)
    assert again[HIT_HEADER] == "hit"
    application = call.applications.order_by("pk")[1]
    choice = application.choices.order_by("rank").first()
    client.handler.enforce_csrf_checks = True
    form = {
        "csrfmiddlewaretoken": TOKEN.search(again.content.decode()).group(1),
        "profile": choice.profile_id,
    }
    response = client.post(
        reverse("recruitment:rate", args=[call.pk, application.reference]), {**form, "score": 3}
    )
    assert response.status_code in (200, 302)


def test_no_other_person_nor_another_session_of_the_same_person_gets_the_copy(call):
    first, second = politicians(call)
    dashboard(signed_in(first), call)
    assert dashboard(signed_in(second), call)[HIT_HEADER] == "miss"
    assert dashboard(signed_in(first), call)[HIT_HEADER] == "miss"


def test_a_rating_by_another_politician_shows_on_the_next_visit(call, committed):
    mine, theirs = signed_in(politicians(call)[0]), politicians(call)[1]
    dashboard(mine, call)
    application = call.applications.order_by("pk")[1]
    choice = application.choices.order_by("rank").first()
    with committed():
        rating_set(application=application, profile_id=choice.profile_id, politician=theirs, score=5)
    again = dashboard(mine, call)
    assert again[HIT_HEADER] == "miss"


def test_a_bulk_update_that_no_signal_sees_makes_the_copy_old(call, committed):
    client = signed_in(politicians(call)[0])
    application = call.applications.order_by("pk").first()
    review = reverse("recruitment:review_application", args=[call.pk, application.reference])
    client.get(review)
    with committed():
        Application.objects.filter(pk=application.pk).update(motivation="Jeg vil gerne lære af de andre.")
    again = client.get(review)
    assert again[HIT_HEADER] == "miss"
    assert "Jeg vil gerne lære af de andre." in again.content.decode()


def test_a_politician_whose_role_is_removed_is_refused_not_served_the_copy(call, committed):
    politician = politicians(call)[0]
    client = signed_in(politician)
    dashboard(client, call)
    with committed():
        politician.groups.remove(Group.objects.get(name=POLITICIAN))
    response = client.get(reverse("recruitment:dashboard", args=[call.pk]))
    assert response.status_code in (403, 404)


def test_signing_out_ends_the_copy(call):
    client = signed_in(politicians(call)[0])
    dashboard(client, call)
    client.post(reverse("account_logout"))
    response = client.get(reverse("recruitment:dashboard", args=[call.pk]))
    assert response.status_code == 302 and HIT_HEADER not in response


def test_a_message_is_shown_on_a_fresh_page_and_never_kept(call):
    client = signed_in(politicians(call)[0])
    dashboard(client, call)
    application = call.applications.order_by("pk")[1]
    choice = application.choices.order_by("rank").first()
    url = reverse("recruitment:rate", args=[call.pk, application.reference])
    client.post(url, {"profile": choice.profile_id, "score": 2})  # a message may come with the redirect
    page = dashboard(client, call)
    assert page.get(HIT_HEADER) != "hit"  # a message came with it, or it was written: never the old copy


def test_htmx_asks_for_parts_and_always_gets_them_fresh(call):
    client = signed_in(politicians(call)[0])
    dashboard(client, call)
    response = client.get(reverse("recruitment:dashboard", args=[call.pk]), headers={"HX-Request": "true"})
    assert HIT_HEADER not in response


def test_a_rolled_back_write_and_an_update_that_changed_nothing_leave_the_copies(call, committed):
    before = write_version.current()
    with committed():
        try:
            with transaction.atomic():
                Application.objects.update(motivation="x")
                raise RuntimeError
        except RuntimeError:
            pass
        Application.objects.filter(pk=-1).update(motivation="x")
    assert write_version.current() == before
    with committed():
        Application.objects.filter(pk=call.applications.first().pk).update(motivation="y")
    assert write_version.current() != before


def test_sliding_a_session_leaves_the_copies(call, committed):
    before = write_version.current()
    with committed(), connection.cursor() as cursor:
        cursor.execute('UPDATE "django_session" SET "expire_date" = "expire_date"')
    assert write_version.current() == before


def test_a_page_that_reads_an_uncounted_table_is_not_kept(rf, call):
    from django.http import HttpResponse

    @kept_per_session
    def sessions_page(request):
        with connection.cursor() as cursor:
            cursor.execute('SELECT COUNT(*) FROM "django_session"')
            return HttpResponse(str(cursor.fetchone()[0]))

    request = signed_in_request(rf, politicians(call)[0])
    for _ in range(2):
        assert HIT_HEADER not in sessions_page(request)


def signed_in_request(rf, user):
    """A GET with a saved session of `user`, for a kept view called without the middleware."""
    from django.contrib.sessions.middleware import SessionMiddleware

    request = rf.get("/page/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.session["anything"] = 1
    request.session.save()
    request.session.modified = False
    request.user = user
    return request


def test_reads_of_every_shape_count_as_no_write(call):
    before = write_version.writes()
    names = Group.objects.values_list("name", flat=True)
    assert list(names.filter(name=POLITICIAN).union(names.filter(name=POLITICIAN), all=True))
    assert list(Group.objects.select_for_update().filter(name=POLITICIAN))
    assert write_version.writes() == before


def test_a_signed_in_visit_writes_nothing_that_makes_copies_old(call):
    client = signed_in(politicians(call)[0])
    dashboard(client, call)  # the first visit records the session's activity, which does not count
    before = write_version.writes()
    dashboard(client, call)
    assert write_version.writes() == before


def test_a_statement_that_begins_with_a_comment_counts_as_a_write(call):
    before = write_version.writes()
    with connection.cursor() as cursor:
        cursor.execute('/* by hand */ UPDATE "auth_group" SET "name" = "name"')
    assert write_version.writes() == before + 1


def test_a_connection_made_inside_a_query_counter_stays_watched(call):
    """`execute_wrapper()` takes the last wrapper away when its block ends: ours must not be that one."""
    connection.execute_wrappers.remove(write_version._watch)
    try:
        with connection.execute_wrapper(lambda execute, *args: execute(*args)):
            write_version._install(None, connection)  # as when the connection is made inside the block
    finally:
        assert write_version._watch in connection.execute_wrappers
        if write_version._watch not in connection.execute_wrappers:
            connection.execute_wrappers.insert(0, write_version._watch)


class CacheAway:
    """The cache while Redis is away, as config/cache.py answers: empty, and refusing to count."""

    def incr(self, key):
        raise ValueError(key)

    def set(self, *args, **kwargs):
        return None

    def get(self, *args, **kwargs):
        return None


def test_a_write_the_cache_could_not_be_told_of_stops_this_process_serving_copies(call, monkeypatch):
    client = signed_in(politicians(call)[0])
    dashboard(client, call)
    assert dashboard(client, call)[HIT_HEADER] == "hit"
    monkeypatch.setattr(write_version, "cache", CacheAway())
    write_version.bump()  # a write committed while the cache was away
    assert write_version.owed()
    assert HIT_HEADER not in dashboard(client, call)  # rendered afresh, and not kept
    monkeypatch.undo()
    assert not write_version.owed()  # told at last: the counter moved
    assert dashboard(client, call)[HIT_HEADER] == "miss"


def test_a_view_that_changes_what_the_session_holds_is_never_served_from_a_copy(rf, call):
    """The matching page remembers the proposal last seen: after B, A, B, A the session must say A (a
    copy of A's page made while the session said B would skip the view's write)."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse

    @kept_per_session
    def remember(request):
        request.session["last"] = request.GET["seen"]
        return HttpResponse(request.GET["seen"])

    store = SessionStore()
    store["signed in"] = True
    store.create()
    for seen in ("B", "A", "B", "A"):
        request = rf.get("/remember/", {"seen": seen})
        request.session, request.user = SessionStore(store.session_key), politicians(call)[0]
        assert remember(request).content.decode() == seen
        request.session.save()
    assert SessionStore(store.session_key)["last"] == "A"


def test_a_counter_of_some_tables_moves_with_them_and_with_what_it_cannot_tell(call, committed):
    """`count_also`: the person's counter moves with a write to the roles, not with an application
    changed; raw SQL whose table the watcher cannot tell moves every counter."""
    person = write_version.current(PERSON_COUNTER)
    whole = write_version.current()
    with committed():
        Application.objects.filter(pk=call.applications.first().pk).update(motivation="z")
    assert write_version.current(PERSON_COUNTER) == person and write_version.current() != whole
    with committed():
        politicians(call)[0].groups.add(Group.objects.get(name=COUNCIL_STAFF))
    assert write_version.current(PERSON_COUNTER) != person
    person = write_version.current(PERSON_COUNTER)
    with committed(), connection.cursor() as cursor:
        cursor.execute('/* by hand */ UPDATE "recruitment_application" SET "motivation" = "motivation"')
    assert write_version.current(PERSON_COUNTER) != person


def test_a_write_to_some_tables_the_cache_could_not_be_told_of_is_told_later(call, monkeypatch):
    person = write_version.current(PERSON_COUNTER)
    monkeypatch.setattr(write_version, "cache", CacheAway())
    write_version.bump(PERSON_COUNTER)
    assert write_version.owed()
    monkeypatch.undo()
    assert not write_version.owed() and write_version.current(PERSON_COUNTER) != person


def test_a_change_made_beside_samskab_is_told_to_every_counter_at_once(call):
    """deployment.md: after psql or a restored backup, `write_version.bump_all()`."""
    before = (write_version.current(), write_version.current(PERSON_COUNTER))
    write_version.bump_all()
    after = (write_version.current(), write_version.current(PERSON_COUNTER))
    assert after[0] != before[0] and after[1] != before[1]


def test_a_write_to_a_table_named_with_its_schema_moves_every_counter(call, committed):
    """`UPDATE "public"."accounts_user"` by hand: the watcher cannot tell the table, so it counts for all."""
    schema = "public" if connection.vendor == "postgresql" else "main"
    person = write_version.current(PERSON_COUNTER)
    with committed(), connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{schema}"."accounts_user" SET "is_active" = "is_active"')
    assert write_version.current(PERSON_COUNTER) != person


def test_a_page_that_writes_an_uncounted_table_is_not_kept(rf, call):
    """Its write would be skipped by the next visit, served from the copy."""
    from django.http import HttpResponse

    @kept_per_session
    def touching_sessions(request):
        with connection.cursor() as cursor:
            cursor.execute('UPDATE "django_session" SET "expire_date" = "expire_date"')
        return HttpResponse("ok")

    request = signed_in_request(rf, politicians(call)[0])
    for _ in range(2):
        assert HIT_HEADER not in touching_sessions(request)
