# ruff: noqa: E501  (the matrix is a table: one URL a line)
"""The permission matrix: every URL of the site (the admin and allauth aside) × eight roles, with the
status each role should get for a GET, as DESIGN.md §2 says: people see what their role on *this*
committee allows, and an outsider asking for an object they may not see gets 404, not 403.

A cell here is what the design asks for, not what the code happens to do: a failing cell is a
finding, to be fixed in the code or argued about in DESIGN.md, never quietly edited to match.

The world (tests/access/world.py) is built once for the module inside a transaction that is rolled
back at the end; each test runs in its own savepoint on top, so GETs that create things (the
deliverable on first sight, a calendar address) leave nothing behind.
"""

from __future__ import annotations

from operator import attrgetter

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.world import SECRETS, World

LOGIN = "login"  # 302 to the sign-in page
SECOND = "second factor"  # 302 to the page that asks an official to set up password and second factor
ROLES = (
    "anonymous",
    "citizen",  # signed in, no application
    "applicant",  # X: applied to committee A's call
    "other_applicant",  # Y: applied to the same call
    "politician",  # politician on committee A
    "politician_b",  # politician on committee B only
    "facilitator",  # facilitator of committee A
    "staff",  # council staff: role + is_staff + TOTP
    "citizen_politician",  # a citizen account (code sign-in only) holding a politician's seat on A
    "removed_politician",  # politician on A whose Politician role was removed; the seat is still active
)

# fmt: off
# Cells: the status of a GET, LOGIN for a redirect to the sign-in page, or SECOND for one to the second
# factor's setup. Arguments: see ARGUMENTS.
MATRIX: list[tuple[str, str, tuple]] = [
    # url name                           arguments            anon   citizen X      Y      pol A  pol B  fac A  staff  cit+seat rm pol
    # --- Public pages.
    ("home",                              "",                  (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public
    ("privacy",                           "",                  (200,   200,   200,   200,   200,   200,   200,   200,   200,     200)),  # public
    ("accessibility",                     "",                  (200,   200,   200,   200,   200,   200,   200,   200,   200,     200)),  # public
    ("healthz",                           "",                  (200,   200,   200,   200,   200,   200,   200,   200,   200,     200)),  # probe, no data
    ("committees:list",                   "",                  (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public
    ("portal:committee",                 "slug",              (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public committee page
    ("committees:follow",                 "slug",              (LOGIN, 405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only, signed in
    ("committees:print",                  "slug",              (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public mandate print
    ("committees:calendar",               "slug",              (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public meeting plan
    ("committees:document",               "slug pubdoc",       (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # a public document
    ("recruitment:feed",                  "",                  (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public feed
    ("portal:call",                  "call",              (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public call
    ("recruitment:poster",                "call",              (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public poster
    ("portal:progress",             "slug",              (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public progress
    # --- The citizen's own pages: only the applicant's own application exists for them.
    ("recruitment:apply",                 "call",              (200,   200,   302,   302,   200,   200,   200,   200,   SECOND,  200)),  # applicants go to their own application
    ("recruitment:my_applications",       "",                  (LOGIN, 200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # own list
    ("recruitment:my_data",               "",                  (LOGIN, 200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # own data export
    ("recruitment:application",           "ref",               (LOGIN, 404,   200,   404,   404,   404,   404,   404,   SECOND,  404)),  # X's own page; staff read it in the admin
    ("recruitment:application_edit",      "ref",               (LOGIN, 404,   200,   404,   404,   404,   404,   404,   SECOND,  404)),  # X's own page
    ("recruitment:application_withdraw",  "ref",               (LOGIN, 404,   200,   404,   404,   404,   404,   404,   SECOND,  404)),  # X's own page (GET shows the form)
    ("recruitment:invitation",            "invite",            (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # the signed link is the credential
    # --- The committee's review of the call: its politicians and facilitators, and staff.
    ("recruitment:dashboard",             "call",              (LOGIN, 404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # applicants' data: committee + staff
    ("recruitment:export",                "call",              (LOGIN, 404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # applicants' data, logged export
    ("recruitment:review_application",    "call ref",          (LOGIN, 404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # X's application in full
    ("recruitment:rate",                  "call ref",          (LOGIN, 405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    ("recruitment:matching",              "call",              (LOGIN, 404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # the engine's proposal names applicants
    ("recruitment:seat_decide",           "call",              (LOGIN, 405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    ("recruitment:committee_start",       "call",              (LOGIN, 405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    # --- Members' pages: committee meetings are not public.
    ("deliberation:my_committees",        "",                  (LOGIN, 200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # own list
    ("deliberation:member_naming",        "slug",              (LOGIN, 405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only, the member's own choice
    ("deliberation:meeting",              "slug meeting",      (LOGIN, 404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # members + staff
    ("deliberation:member_document",      "slug doc",          (LOGIN, 404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # internal document: members + staff
    ("deliberation:calendar_settings",    "",                  (LOGIN, 200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # own calendar address
    ("deliberation:calendar_revoke",      "",                  (LOGIN, 405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    ("deliberation:calendar_feed",        "ical",              (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # the secret address is the key
    ("deliberation:record",               "slug meeting",      (404,   404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # internal notes: members + staff
    ("deliberation:action_item_add",      "slug meeting",      (405,   405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    ("deliberation:action_item_done",     "slug meeting item", (405,   405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    ("deliberation:attachment_add",       "slug meeting",      (405,   405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    ("deliberation:attachment",           "slug meeting file", (404,   404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # members + staff
    # --- The deliverable: confidential to the committee, staff and politicians until dealt with (DESIGN §1, step 7).
    ("deliberation:deliverable",          "slug",              (404,   404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # draft: the committee and staff only
    ("deliberation:deliverable_edit",     "slug",              (LOGIN, 404,   404,   404,   200,   404,   200,   302,   SECOND,  404)),  # members edit; staff go to the text
    ("deliberation:deliverable_diff",     "slug",              (LOGIN, 404,   404,   404,   200,   404,   200,   200,   SECOND,  404)),  # versions: the committee and staff
    ("deliberation:deliverable_comment",  "slug",              (LOGIN, 405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    ("deliberation:deliverable_submit",   "slug",              (LOGIN, 405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    ("deliberation:deliverable_amend",    "slug",              (LOGIN, 405,   405,   405,   405,   405,   405,   405,   SECOND,  405)),  # POST only
    ("deliberation:evaluation",           "slug",              (LOGIN, 404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # no survey before the committee concludes
    # --- Documents for the agenda system (tests/case_documents/test_access.py has every state of the deliverable).
    ("case_documents:mandate_pdf",        "slug",              (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # a public mandate, as its print view
    ("case_documents:mandate_docx",       "slug",              (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # a public mandate, as its print view
    ("case_documents:case_document_pdf",  "slug",              (404,   404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # nothing submitted yet: no case document
    ("case_documents:case_document_docx", "slug",              (404,   404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # nothing submitted yet: no case document
    # --- Consultations and dialogue meetings (committee A's; X's draft, withdrawn text and seat are X's alone).
    ("consultations:list",                "",                  (200, 200, 200, 200, 200, 200, 200, 200, SECOND, 200)),  # public
    ("consultations:feed",                "",                  (200, 200, 200, 200, 200, 200, 200, 200, SECOND, 200)),  # public feed
    ("consultations:detail",              "consultation",      (200, 200, 200, 200, 200, 200, 200, 200, SECOND, 200)),  # a published consultation
    ("consultations:contribution_file",   "consultation xdraft", (404, 404, 200, 404, 404, 404, 404, 404, SECOND, 404)),  # the PDF of X's draft: X's alone
    ("consultations:contribute",          "consultation question", (200, 200, 302, 302, 200, 200, 200, 200, SECOND, 200)),  # X and Y wrote already: to their own
    ("consultations:mine",                "",                  (LOGIN, 200, 200, 200, 200, 200, 200, 200, SECOND, 200)),  # own list
    ("consultations:contribution_edit",   "xdraft",            (LOGIN, 404, 200, 404, 404, 404, 404, 404, SECOND, 404)),  # X's draft: X's alone, not staff's
    ("consultations:contribution_withdraw", "xwithdrawn",      (LOGIN, 404, 200, 404, 404, 404, 404, 404, SECOND, 404)),  # X's withdrawn text: X's alone
    ("consultations:meetings",            "",                  (200, 200, 200, 200, 200, 200, 200, 200, SECOND, 200)),  # public
    ("consultations:meeting",             "dialogue",          (200, 200, 200, 200, 200, 200, 200, 200, SECOND, 200)),  # a published meeting
    ("consultations:meeting_calendar",    "dialogue",          (200, 200, 200, 200, 200, 200, 200, 200, SECOND, 200)),  # public, without the online link
    ("consultations:register",            "dialogue",          (200, 200, 302, 200, 200, 200, 200, 200, SECOND, 200)),  # X is registered: to their own
    ("consultations:registration",        "xseat",             (LOGIN, 404, 200, 404, 404, 404, 404, 404, SECOND, 404)),  # X's seat and needs
    ("consultations:overview",            "slug",              (LOGIN, 404, 404, 404, 200, 404, 200, 200, SECOND, 404)),  # the committee and staff
    ("consultations:consultation_new",    "slug",              (LOGIN, 404, 404, 404, 404, 404, 200, 200, SECOND, 404)),  # facilitators or the chair, and staff
    ("consultations:consultation_edit",   "consultation",      (LOGIN, 404, 404, 404, 404, 404, 200, 200, SECOND, 404)),  # facilitators or the chair, and staff
    ("consultations:consultation_publish", "consultation",     (LOGIN, 405, 405, 405, 405, 405, 405, 405, SECOND, 405)),  # POST only
    ("consultations:report",              "consultation",      (LOGIN, 404, 404, 404, 404, 404, 200, 200, SECOND, 404)),  # "what we heard": facilitators or the chair
    ("consultations:review",              "consultation",      (LOGIN, 404, 404, 404, 200, 404, 200, 200, SECOND, 404)),  # the committee's view: members and staff
    ("consultations:export",              "consultation",      (LOGIN, 404, 404, 404, 404, 404, 200, 200, SECOND, 404)),  # moderators, logged
    ("consultations:moderate",            "consultation xpublished", (LOGIN, 405, 405, 405, 405, 405, 405, 405, SECOND, 405)),  # POST only
    ("consultations:tag",                 "consultation xpublished", (LOGIN, 405, 405, 405, 405, 405, 405, 405, SECOND, 405)),  # POST only
    ("consultations:meeting_new",         "slug",              (LOGIN, 404, 404, 404, 404, 404, 200, 200, SECOND, 404)),  # facilitators and staff
    ("consultations:meeting_edit",        "dialogue",          (LOGIN, 404, 404, 404, 404, 404, 200, 200, SECOND, 404)),  # facilitators and staff
    ("consultations:meeting_summary",     "dialogue",          (LOGIN, 404, 404, 404, 404, 404, 200, 200, SECOND, 404)),  # facilitators and staff
    ("consultations:participants",        "dialogue",          (LOGIN, 404, 404, 404, 404, 404, 200, 404, SECOND, 404)),  # access needs: the facilitators only
    ("consultations:attendance",          "dialogue",          (LOGIN, 404, 404, 404, 404, 404, 200, 404, SECOND, 404)),  # the facilitators only
    # --- Open data: the API, the packages and the feeds (api/), public like the pages.
    ("api:api-root",                        "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: the resources' addresses
    ("api:body-list",                       "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: public
    ("api:body-detail",                     "absent",             (404,   404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # API: no such body
    ("api:mandate-list",                    "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:mandate-detail",                  "mandate",            (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: A's mandate
    ("api:committee-list",                  "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:committee-detail",                "committee",          (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: A's members as shown
    ("api:meeting-list",                    "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:meeting-detail",                  "meetingpk",          (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: meeting 1 without its record
    ("api:call-list",                       "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:call-detail",                     "call",               (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: A's open call, no applicant
    ("api:deliverable-list",                "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:deliverable-detail",              "absent",             (404,   404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # API: none dealt with
    ("api:decision-list",                   "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:decision-detail",                 "absent",             (404,   404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # API: none yet
    ("api:action-list",                     "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:action-detail",                   "absent",             (404,   404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # API: none yet
    ("api:consultation-list",               "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:consultation-detail",             "consultation",       (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: A's consultation
    ("api:contribution-list",               "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:contribution-detail",             "xpublished",         (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: X's published text, anonymous
    ("api:evaluation-list",                 "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API
    ("api:evaluation-detail",               "absent",             (404,   404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # API: none published
    ("api:schema",                          "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: the schema
    ("api:docs",                            "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # API: its documentation page
    ("api:downloads",                       "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # open data: the packages
    ("api:latest",                          "",                   (404,   404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # open data: none written yet
    ("api:download",                        "package",            (404,   404,   404,   404,   404,   404,   404,   404,   SECOND,  404)),  # open data: no such package
    ("api:decisions_feed",                  "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public feed
    ("api:progress_feed",                   "",                   (200,   200,   200,   200,   200,   200,   200,   200,   SECOND,  200)),  # public feed
    # --- Our own account pages (allauth's are not ours to test here).
    ("accounts:second_factor_required",   "",                  (LOGIN, 302,   302,   302,   302,   302,   302,   302,   200,     302)),  # nothing to set up: back to next
    ("accounts:details",                  "",                  (LOGIN, 200,   200,   200,   200,   200,   200,   200,   200,     200)),  # own name and email language
    ("accounts:language_switch",          "",                  (405,   405,   405,   405,   405,   405,   405,   405,   405,     405)),  # POST only
]
# fmt: on

# Who must never see applicant X's personal data or the committee's confidential text.
OUTSIDERS = ("other_applicant", "citizen", "politician_b", "citizen_politician", "removed_politician")


# The table's short names for the URL arguments, taken from the world.
ARGUMENTS = {
    "slug": "slug",  # committee A's address
    "call": "call_pk",  # committee A's open call
    "ref": "reference",  # applicant X's application
    "invite": "invitation_token",  # the signed link of X's invitation
    "meeting": "meeting_number",  # A's meeting 1, which has a record
    "pubdoc": "public_document_pk",  # a public document of A's mandate
    "doc": "internal_document_pk",  # an internal document of A's mandate
    "item": "action_item_pk",  # an action item of meeting 1
    "file": "attachment_pk",  # an attachment of meeting 1
    "ical": "calendar_token",  # politician A's calendar feed
    "consultation": "public_work.consultation_pk",  # committee A's open consultation
    "question": "public_work.item_pk",  # its first question, where X and Y wrote
    "xdraft": "public_work.draft_pk",  # X's draft, with a PDF
    "xwithdrawn": "public_work.withdrawn_pk",  # X's withdrawn contribution
    "xpublished": "public_work.published_pk",  # X's published contribution
    "dialogue": "public_work.meeting_pk",  # committee A's dialogue meeting
    "xseat": "public_work.registration_pk",  # X's registration for it
    "committee": "committee.pk",  # committee A, by its id
    "mandate": "committee.mandate_id",  # committee A's mandate, by its id
    "meetingpk": "meeting_pk",  # A's meeting 1, by its id
    "absent": "absent_pk",  # an id nothing has
    "package": "reference",  # a name no open-data package has
}


def _url(world: World, name: str, args: str) -> str:
    return reverse(name, args=[attrgetter(ARGUMENTS[a])(world) for a in args.split()])


def _get(client, world: World, role: str, url: str):
    person = world.person(role)
    if person is not None:
        client.force_login(person)
    return client.get(url)


def _body(response) -> str:
    """The body as text. Reading a streamed body to its end closes it (the test client's wrapper);
    closing a response again would fire request_finished and drop PostgreSQL's connection."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


def _cells():
    for name, args, expected in MATRIX:
        for role, status in zip(ROLES, expected, strict=True):
            yield pytest.param(name, args, role, status, id=f"{name}-{role}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "role", "expected"), list(_cells()))
def test_permission_matrix(client, world, name, args, role, expected):
    response = _get(client, world, role, _url(world, name, args))
    _body(response)
    got = response.status_code
    if expected == LOGIN:
        assert got == 302, f"{role} GET {name}: {got}, expected a redirect to sign in"
        assert response["Location"].startswith(reverse("account_login")), response["Location"]
    elif expected == SECOND:
        assert got == 302, f"{role} GET {name}: {got}, expected a redirect to set up the second factor"
        assert response["Location"].startswith(reverse("accounts:second_factor_required")), response[
            "Location"
        ]
    else:
        assert got == expected, f"{role} GET {name}: {got}, expected {expected}"
        if got == 302:
            assert not response["Location"].startswith(reverse("account_login")), response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize(("name", "args"), [pytest.param(n, a, id=n) for n, a, _e in MATRIX])
def test_no_page_shows_an_applicants_data_or_the_committees_secrets_to_outsiders(
    client, world, name, args, role
):
    response = _get(client, world, role, _url(world, name, args))
    body = _body(response)
    if response.status_code != 200:
        return
    leaked = [what for what, text in SECRETS.items() if text in body]
    assert not leaked, f"{role} GET {name} shows {', '.join(leaked)}"


# --- Every URL is in the matrix.


def _named_patterns(patterns, namespace: str = ""):
    """Fully qualified names of the site's URL patterns, leaving out the admin, allauth and static."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_module, "__name__", "")
            if entry.app_name == "admin" or entry.namespace == "admin" or module.startswith("allauth"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            if entry.callback.__module__.startswith("django.views.static"):
                continue
            if entry.name:
                yield f"{namespace}{entry.name}"


def test_every_url_of_the_site_is_in_the_matrix():
    site = set(_named_patterns(get_resolver().url_patterns))
    listed = [name for name, _a, _e in MATRIX]
    assert len(listed) == len(set(listed)), "a URL is listed twice"
    missing = sorted(site - set(listed))
    assert not missing, f"add these URLs to the permission matrix: {missing}"
    gone = sorted(set(listed) - site)
    assert not gone, f"the matrix lists URLs the site no longer has: {gone}"


def test_the_walk_sees_nested_patterns():
    """The walk reaches into includes (a guard against it silently seeing nothing)."""
    site = set(_named_patterns(get_resolver().url_patterns))
    assert {"home", "portal:committee", "recruitment:rate", "deliberation:record"} <= site
    assert not any(name.startswith("account_") or name.startswith("admin:") for name in site)


# --- The markers do show where they belong (else the test above would pass by seeing nothing).

INSIDER_SIGHTINGS = [
    ("politician", "recruitment:review_application", "call ref", ("X's motivation", "X's phone")),
    ("facilitator", "recruitment:export", "call", ("X's email", "X's name")),
    ("politician", "deliberation:record", "slug meeting", ("internal notes",)),
    ("facilitator", "deliberation:deliverable", "slug", ("deliverable comment",)),
    ("applicant", "recruitment:application", "ref", ("X's motivation",)),
    ("applicant", "consultations:contribution_edit", "xdraft", ("X's draft",)),
    ("applicant", "consultations:contribution_edit", "xwithdrawn", ("X's withdrawn text",)),
    ("applicant", "consultations:registration", "xseat", ("X's needs",)),
    ("facilitator", "consultations:participants", "dialogue", ("X's needs", "X's email")),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "name", "args", "secrets"),
    [pytest.param(*row, id=f"{row[1]}-{row[0]}") for row in INSIDER_SIGHTINGS],
)
def test_insiders_do_see_the_markers(client, world, role, name, args, secrets):
    response = _get(client, world, role, _url(world, name, args))
    body = _body(response)
    assert response.status_code == 200
    for what in secrets:
        assert SECRETS[what] in body, f"{role} GET {name} does not show {what}"
