"""Danish is complete: every text a person reads has a translation, and the compiled file is current."""

from __future__ import annotations

import re
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "da" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def entries():
    return [e for e in polib.pofile(str(LOCALE / "django.po")) if not e.obsolete]


def test_every_message_has_a_danish_translation_that_is_not_fuzzy():
    untranslated = [e.msgid for e in entries() if not e.translated()]
    assert untranslated == []


def test_translations_keep_every_placeholder_of_the_english_text():
    for entry in entries():
        if entry.msgid_plural:  # the singular may leave out the count; the plural form may not
            pairs = [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
            for source, text in pairs:
                assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(entry.msgid_plural)), source
            assert set(PLACEHOLDER.findall(entry.msgstr_plural[1])) == set(
                PLACEHOLDER.findall(entry.msgid_plural)
            )
        else:
            assert set(PLACEHOLDER.findall(entry.msgstr)) == set(PLACEHOLDER.findall(entry.msgid)), (
                entry.msgid
            )


def test_the_compiled_catalogue_matches_the_source():
    def key(entry):
        return (entry.msgctxt, entry.msgid, entry.msgid_plural)

    def text(entry):
        return tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr

    compiled = {key(e): text(e) for e in polib.mofile(str(LOCALE / "django.mo"))}
    source = {key(e): text(e) for e in entries()}
    assert compiled == source, "run `make messages` and commit locale/da/LC_MESSAGES/django.mo"
