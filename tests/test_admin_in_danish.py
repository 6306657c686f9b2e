"""Council staff work in Danish: every add and change form of the admin, and every change list, shows its
labels, column headers, help texts, filters and actions in Danish.

Each page is fetched in English and in Danish. A text that reads the same in both is untranslated, unless it
is a word Danish shares with English (SAME_IN_BOTH).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from accounts.models import User
from tests.support.demo_world import email, seed

pytestmark = pytest.mark.django_db

# Words that are the same in Danish and English, so seeing them in both is no sign of a missing translation.
SAME_IN_BOTH = {
    "Status",
    "Version",
    "Person",
    "Organisation",
    "PDF",
    "ID",
    "Type",
    "Markdown",
    "URL",
    "TOTP",
    "Logo",
}
CHOICE = re.compile(r"_\d+$")  # the boxes of a multiple choice: their labels are the data, not words of ours


class _Words(HTMLParser):
    """The texts a person reads as the form's own words: labels, column headers, help, filters, actions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: list[tuple[str, str]] = []  # (kind, tag) being read
        self._text: list[str] = []
        self._in_thead = self._in_filter = self._in_actions = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "thead":
            self._in_thead = True
        elif tag == "div" and attrs.get("id") == "changelist-filter":
            self._in_filter = True
        elif tag == "select" and attrs.get("name") == "action":
            self._in_actions = True
        kind = None
        if tag == "label" and not CHOICE.search(attrs.get("for") or ""):
            kind = "label"
        elif tag == "th" and self._in_thead:
            kind = "column"
        elif tag == "div" and "help" in classes:
            kind = "help"
        elif tag in ("h2", "h3") and self._in_filter:
            kind = "filter"
        elif tag == "option" and self._in_actions and attrs.get("value"):
            kind = "action"
        elif tag == "h2" and "inline-heading" in classes:
            kind = "heading"
        if kind:
            self._open.append((kind, tag))
            self._text = []

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_thead = False
        elif tag == "select":
            self._in_actions = False
        if self._open and self._open[-1][1] == tag:
            kind, _tag = self._open.pop()
            words = " ".join("".join(self._text).split()).rstrip(":").strip()
            if words and re.search(r"[A-Za-zÆØÅæøå]", words):
                self.found.append((kind, words))

    def handle_data(self, data):
        if self._open:
            self._text.append(data)


def words_of(html: str) -> list[tuple[str, str]]:
    parser = _Words()
    parser.feed(html)
    return parser.found


def admin_pages() -> list[str]:
    """The add form, one change form and the change list of every model registered in the admin."""
    pages = []
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        for name, args in (("changelist", []), ("add", [])):
            try:
                pages.append(reverse(f"admin:{info[0]}_{info[1]}_{name}", args=args))
            except NoReverseMatch:
                continue
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            pages.append(reverse(f"admin:{info[0]}_{info[1]}_change", args=[obj.pk]))
    return pages


def test_every_admin_form_and_list_is_in_danish():
    seed()
    staff = Client()
    staff.force_login(User.objects.get(email=email("sekretariat")))
    untranslated: dict[str, set[str]] = {}
    checked = 0
    for path in admin_pages():
        pages = {}
        for language in ("en", "da"):
            staff.cookies["django_language"] = language
            response = staff.get(path)
            if response.status_code == 403:  # no adding where staff may not add (outbox, the trail …)
                break
            assert response.status_code == 200, f"{path} in {language}: {response.status_code}"
            pages[language] = words_of(response.content.decode())
        if len(pages) < 2:
            continue
        checked += 1
        assert len(pages["en"]) == len(pages["da"]), f"{path}: the two languages show different forms"
        for (kind, english), (_kind, danish) in zip(pages["en"], pages["da"], strict=True):
            if english == danish and english not in SAME_IN_BOTH:
                untranslated.setdefault(path, set()).add(f"{kind}: {english}")
    assert checked > 40, f"only {checked} admin pages were checked"
    assert not untranslated, "English in the Danish admin:\n" + "\n".join(
        f"{path}: {sorted(found)}" for path, found in sorted(untranslated.items())
    )


OUR_APPS = (
    *("accounts", "audit", "notifications", "core"),
    *("mandates", "committees", "recruitment", "deliberation"),
)


def test_every_field_of_our_models_has_a_name_to_translate():
    """A field without verbose_name is labelled by its attribute's name, in English, on every form."""
    unnamed = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and not field.auto_created
        and not isinstance(field.verbose_name, Promise)
    ]
    assert not unnamed, f"give these fields a verbose_name=_(…): {unnamed}"
