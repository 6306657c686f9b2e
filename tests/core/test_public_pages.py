"""The public pages: Danish by default, English on request, accessible, nothing loaded from elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from core.models import PrivacyNotice

pytestmark = pytest.mark.django_db


class AssetCollector(HTMLParser):
    """What a page loads: scripts, stylesheets, inline styles, and every URL it names."""

    def __init__(self):
        super().__init__()
        self.scripts, self.stylesheets, self.urls, self.inline_styles = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs.get("src"))
        if tag == "style" or "style" in attrs:
            self.inline_styles += 1
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs.get("href", ""))
        self.urls += [attrs[name] for name in ("src", "href") if attrs.get(name) and tag != "a"]


def test_the_home_page_explains_task_committees_in_danish_by_default(client):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da">' in html
    assert "Sådan arbejder et opgaveudvalg" in html
    assert "Gentofte Kommune" in html


def test_an_english_browser_still_gets_danish_until_the_visitor_chooses(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="da">' in response.content.decode()


def test_the_language_switch_renders_english_and_back(client):
    response = client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "How a task committee works" in html

    response = client.post(reverse("accounts:language_switch"), {"language": "da", "next": "/"}, follow=True)
    assert '<html lang="da">' in response.content.decode()


def test_the_language_switch_remembers_a_signed_in_persons_choice_for_emails(client, citizen):
    client.force_login(citizen)
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})
    citizen.refresh_from_db()
    assert citizen.preferred_language == "en"


def test_the_language_switch_ignores_a_next_address_on_another_site(client):
    response = client.post(
        reverse("accounts:language_switch"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("name", ["home", "privacy", "accessibility", "account_login", "account_signup"])
def test_every_page_has_a_language_a_skip_link_landmarks_and_no_external_assets(client, name):
    html = client.get(reverse(name)).content.decode()
    assert re.search(r'<html lang="(da|en)">', html)
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    page = AssetCollector()
    page.feed(html)
    assert page.scripts and page.stylesheets, "the page should load its stylesheet and scripts"
    assert all(src and src.startswith("/static/") for src in page.scripts), page.scripts  # no inline script
    assert all(href.startswith("/static/") for href in page.stylesheets), page.stylesheets
    assert page.inline_styles == 0  # the CSP allows no <style> and no style=""
    assert not [url for url in page.urls if url.startswith(("http:", "https:", "//"))], page.urls


def test_pages_send_a_content_security_policy_without_unsafe_inline(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_the_privacy_notice_shows_the_newest_published_version(client):
    from datetime import timedelta

    from django.utils import timezone

    PrivacyNotice.objects.create(
        version="2.0",
        published_at=timezone.now(),
        body_da="Ny tekst.",
        body_en="New text.",
    )
    PrivacyNotice.objects.create(
        version="3.0",
        published_at=timezone.now() + timedelta(days=5),
        body_da="Fremtidig.",
        body_en="",
    )
    assert PrivacyNotice.objects.current().version == "2.0"
    html = client.get(reverse("privacy")).content.decode()
    assert "Version 2.0" in html and "Ny tekst." in html
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})
    assert "New text." in client.get(reverse("privacy")).content.decode()


def test_the_first_privacy_notice_names_the_legal_basis(client):
    html = client.get(reverse("privacy")).content.decode()
    assert "artikel 6, stk. 1, litra e" in html


def test_staff_edit_the_accessibility_statement_in_the_admin(client, staff):
    from core.models import AccessibilityStatement

    statement = AccessibilityStatement.objects.get()
    client.force_login(staff)
    response = client.post(
        reverse("admin:core_accessibilitystatement_change", args=[statement.pk]),
        {"body_da": "Opdateret erklæring.", "body_en": "Updated statement."},
    )
    assert response.status_code == 302
    client.logout()
    assert "Opdateret erklæring." in client.get(reverse("accessibility")).content.decode()


def test_a_published_privacy_notice_cannot_be_rewritten_in_the_admin(client, staff):
    notice = PrivacyNotice.objects.current()
    client.force_login(staff)
    client.post(
        reverse("admin:core_privacynotice_change", args=[notice.pk]),
        {"version": notice.version, "body_da": "Ændret i smug.", "body_en": ""},
    )
    notice.refresh_from_db()
    assert "Ændret i smug." not in notice.body_da
