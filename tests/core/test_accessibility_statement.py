"""The accessibility statement says what was tested and how, what was not, and how to report a barrier."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

AXE = Path(__file__).resolve().parents[1] / "e2e" / "vendor" / "axe.min.js"


def axe_version() -> str:
    return re.match(r"/\*! axe v(\S+)", AXE.read_text(encoding="utf-8")[:100]).group(1)


@pytest.mark.django_db
def test_the_statement_names_the_tool_the_standard_and_the_browser_in_danish(client):
    html = client.get(reverse("accessibility")).content.decode()
    for words in (f"axe-core {axe_version()}", "WCAG 2.1", "A og AA", "Chromium", "på dansk og på engelsk"):
        assert words in html, words
    for words in (
        "tastaturet alene",
        "oversigt øverst",
        "skærmlæser",
        "tilgængelighedsekspert",
        "hovedpostkasse",
    ):
        assert words in html, words


@pytest.mark.django_db
def test_the_statement_says_the_same_in_english(client, english):
    html = client.get(reverse("accessibility")).content.decode()
    for words in (
        f"axe-core {axe_version()}",
        "WCAG 2.1",
        "A and AA",
        "Chromium",
        "in Danish and in English",
    ):
        assert words in html, words
    for words in (
        "keyboard alone",
        "summary at the top",
        "screen readers",
        "audited it by hand",
        "main mailbox",
    ):
        assert words in html, words
