"""The privacy notice says how long an application draft lives, how evaluation results are published, and
where people change their own name and language. A published version never changes: these points came as
version 1.1, which replaces the first version only where that is still the one shown."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from core.models import PrivacyNotice

pytestmark = pytest.mark.django_db

SECOND = import_module("core.migrations.0004_privacy_notice_says_how_long_drafts_live")


def test_the_notice_shown_says_how_long_a_draft_and_a_session_live(client, english):
    notice = PrivacyNotice.objects.current()
    assert notice.version == "1.2"  # 1.1 with consultations and dialogue meetings added (0005)
    assert (
        "udløbne sessioner slettes hver nat" in notice.body_da
        and "et udkast er væk senest et døgn" in notice.body_da
    )
    page = client.get(reverse("privacy")).content.decode()
    assert "a draft is gone within a day" in page
    assert "only once the survey has closed" in page
    assert "Your name and language" in page


def test_the_first_version_stays_as_applicants_read_it(client):
    first = PrivacyNotice.objects.get(version="1.0")
    assert first.body_da == SECOND.FIRST.PRIVACY_DA and first.body_en == SECOND.FIRST.PRIVACY_EN


def test_a_notice_the_municipality_published_itself_is_left_alone():
    PrivacyNotice.objects.filter(version="1.1").delete()
    own = PrivacyNotice.objects.create(
        version="2026-1", published_at=timezone.now(), body_da="Vores egen tekst."
    )
    SECOND.publish_second_version(apps, None)
    assert PrivacyNotice.objects.current() == own
    assert not PrivacyNotice.objects.filter(version="1.1").exists()
