"""Officials sign in through the municipality's identity provider in Chromium: a real OpenID Connect provider
on loopback (tests/support/identity_provider.py), its own sign-in page typed into as a person does.

A politician asks for her committees, chooses the officials' button on the sign-in page, signs in at the
provider (which says she used two factors) and lands on her committees without Samskab's code; a new
facilitator whose provider used one factor is created with his role and sent to set up the authenticator,
without a password. Every page of ours on the way, the pages of a refused or cancelled sign-in, and the role
mapping in the admin pass axe in Danish and English.
"""

from __future__ import annotations

import pytest

from accounts import roles
from accounts.models import ProviderRole, User
from accounts.roles import user_roles
from committees.models import Membership
from demo.totp import totp_code
from tests.committees.factories import MembershipFactory, TaskCommitteeFactory
from tests.e2e.journey_steps import t
from tests.e2e.test_accessibility import sweep
from tests.e2e.visitor import code_from_mail_to
from tests.factories import UserFactory
from tests.support.identity_provider import (
    CALLBACK_PATH,
    MULTI_FACTOR,
    ONE_FACTOR,
    PASSWORD,
    IdentityProvider,
    Person,
    why_the_provider_cannot_run,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROVIDER_NAME = "Gentofte Kommune"
POLITICIANS, FACILITATORS = "sg-samskab-politikere", "sg-samskab-facilitatorer"


@pytest.fixture(scope="module")
def identity_provider(live_server, tmp_path_factory):
    reason = why_the_provider_cannot_run()
    if reason is not None:
        pytest.skip(f"single sign-on tests skipped: {reason}")
    log = tmp_path_factory.mktemp("identity-provider") / "provider.log"
    provider = IdentityProvider(redirect_uris=[f"{live_server.url}{CALLBACK_PATH}"], log=log).start()
    yield provider
    provider.stop()


@pytest.fixture
def sign_on(identity_provider, settings):
    for name, value in identity_provider.settings(SSO_NAME=PROVIDER_NAME).items():
        setattr(settings, name, value)
    ProviderRole.objects.create(claim_value=POLITICIANS, role=roles.POLITICIAN, description="Politikere")
    ProviderRole.objects.create(claim_value=FACILITATORS, role=roles.FACILITATOR)
    return identity_provider


def button(visitor):
    name = t("Officials: sign in with %(provider_name)s", visitor.language, provider_name=PROVIDER_NAME)
    return visitor.page.get_by_role("button", name=name, exact=True)


def at_the_provider(visitor, person: Person) -> None:
    """The provider's own sign-in page: user name, password, Enter."""
    page = visitor.page
    page.wait_for_url("**/interaction/**")
    page.locator("#login").fill(person.login)
    page.locator("#password").fill(PASSWORD)
    with page.expect_navigation(url=f"{visitor.site}/**"):
        page.locator("#password").press("Enter")
    page.wait_for_load_state("load")


def test_officials_sign_in_through_the_municipalitys_provider_in_the_browser(open_browser, sign_on):
    anne = UserFactory(
        full_name="Anne Holm", email="anne.holm@gentofte.dk", roles=[roles.POLITICIAN], totp=True
    )
    committee = TaskCommitteeFactory(name="Unge og fritid")
    MembershipFactory(user=anne, committee=committee, role=Membership.Role.POLITICIAN)
    sign_on.add(Person(login="anne", email=anne.email, groups=[POLITICIANS], amr=MULTI_FACTOR))

    visitor = open_browser("da", "anne")
    visitor.go("/my/committees/")
    assert visitor.path.startswith("/accounts/login/?next=")
    visitor.check()  # the sign-in page with the officials' button, in Danish and English
    button(visitor).click()
    at_the_provider(visitor, Person(login="anne", email=anne.email))

    # The provider's token says two factors: no code from Samskab's authenticator is asked for.
    assert visitor.path == "/my/committees/", visitor.path
    assert visitor.page.get_by_text("Unge og fritid").first.is_visible()
    visitor.check()

    # A facilitator new to Samskab, whose provider used one factor: created, then asked to set up the app.
    bo = Person(
        login="bo", email="bo.berg@gentofte.dk", name="Bo Berg", groups=[FACILITATORS], amr=ONE_FACTOR
    )
    sign_on.add(bo)
    facilitator = open_browser("en", "bo")
    facilitator.go("/accounts/login/")
    button(facilitator).click()
    at_the_provider(facilitator, bo)
    assert facilitator.path.startswith("/accounts/second-factor/"), facilitator.path
    page = facilitator.page.locator("main").inner_text()
    assert "Set up" in page and "Choose a password" not in page
    facilitator.check()
    user = User.objects.get(email="bo.berg@gentofte.dk")
    assert user.full_name == "Bo Berg" and user_roles(user) == {roles.FACILITATOR}
    sets_up_the_authenticator_without_a_password(facilitator, bo.email)
    assert facilitator.page.get_by_role("heading", level=1).inner_text() == "My committees"


def sets_up_the_authenticator_without_a_password(visitor, address: str) -> None:
    """allauth confirms who it is before the setup: with no password, by a code it mails."""
    page = visitor.page
    page.get_by_role("link", name="Set up", exact=True).click()
    page.wait_for_url("**/reauthenticate/code/**")
    visitor.check()
    page.get_by_role("button", name=t("Request Code", visitor.language)).click()
    page.wait_for_url("**/reauthenticate/code/confirm/**")
    visitor.check(both_languages=False)
    page.locator("input[name=code]").fill(code_from_mail_to(address))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url("**/2fa/totp/activate/**")
    visitor.check(both_languages=False)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(totp_code(secret))
    with page.expect_navigation():
        page.locator("input[name=code]").press("Enter")
    if "/recovery-codes/" in page.url:  # allauth offers recovery codes next; the facilitator goes on
        visitor.go("/my/committees/")


def signs_in_and_reads(open_browser, language: str, person: Person, heading: str, status: int) -> None:
    """A person signs in at the provider and comes back to a page that says why they are not signed in."""
    visitor = open_browser(language, person.login)
    visitor.go("/accounts/login/")
    button(visitor).click()
    at_the_provider(visitor, person)
    assert visitor.page.get_by_role("heading", level=1).inner_text() == t(heading, language)
    # The page comes with its status (403, 401), which Chromium logs as a failed load.
    visitor.browser_errors[:] = [e for e in visitor.browser_errors if f"status of {status}" not in e]
    visitor.check(both_languages=False)


def test_the_pages_of_a_refused_failed_or_cancelled_sign_in_pass_axe(open_browser, sign_on):
    # Reached by the provider's redirect, so each language is its own sign-in.
    for language in ("da", "en"):
        citizen = sign_on.add(Person(login=f"citizen-{language}", email=f"c-{language}@gentofte.dk"))
        signs_in_and_reads(open_browser, language, citizen, "You could not be signed in", 403)
        # A token meant for another application.
        other = Person(login=f"other-{language}", email=f"o-{language}@gentofte.dk", groups=[POLITICIANS])
        other.id_token_audience = "another-application"
        signs_in_and_reads(open_browser, language, sign_on.add(other), "Signing in did not succeed", 401)

        # Another person gives up at the provider's page.
        visitor = open_browser(language, f"cancels-{language}")
        visitor.go("/accounts/login/")
        button(visitor).click()
        visitor.page.wait_for_url("**/interaction/**")
        with visitor.page.expect_navigation(url=f"{visitor.site}/**"):
            visitor.page.get_by_role("button", name="Cancel").click()
        visitor.page.wait_for_url("**/3rdparty/login/cancelled/")
        visitor.check(both_languages=False)
    assert not User.objects.exists()


def test_the_pages_of_single_sign_on_pass_axe_in_danish_and_english(open_browser, sign_on):
    sweep(
        open_browser("da", "anonymous"),
        [
            "/accounts/login/",
            "/accounts/oidc/municipality/login/",  # a link to the provider's sign-in asks to continue
            "/accounts/3rdparty/login/cancelled/",
        ],
    )


def test_the_role_mapping_in_the_admin_passes_axe(open_browser, sign_on, settings):
    settings.SSO_ROLE_MAP = "council-staff=sg-samskab-sekretariat"
    superuser = UserFactory(full_name="Søren Super", is_staff=True, is_superuser=True, totp=True)
    mapping = ProviderRole.objects.get(claim_value=POLITICIANS)
    visitor = open_browser("da", "superuser")
    visitor.sign_in_official(superuser.email)
    sweep(
        visitor,
        [
            "/admin/accounts/providerrole/",
            "/admin/accounts/providerrole/add/",
            f"/admin/accounts/providerrole/{mapping.pk}/change/",
        ],
    )
