"""Texts staff keep up to date: the privacy notice (versioned) and the accessibility statement."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualText(models.Model):
    """Danish first; the English text is shown to English readers when it is there."""

    body_da = models.TextField(_("text in Danish"), help_text=_("Blank lines separate paragraphs."))
    body_en = models.TextField(_("text in English"), blank=True)

    class Meta:
        abstract = True

    @property
    def body(self) -> str:
        if (get_language() or "da").startswith("en") and self.body_en:
            return self.body_en
        return self.body_da


class PrivacyNoticeQuerySet(models.QuerySet["PrivacyNotice"]):
    def current(self) -> PrivacyNotice | None:
        return self.filter(published_at__lte=timezone.now()).order_by("-published_at").first()

    def current_kept(self) -> PrivacyNotice | None:
        """`current()` without a query while public data is unchanged (of all notices: use it on the
        manager): the current notice and those to be published later are kept like the public pages, and
        the clock picks among them on every call. A clock behind the one that kept them asks afresh."""
        from core.cache import public_value

        def candidates() -> list[PrivacyNotice]:  # in one query: the one in force and those to come
            now = timezone.now()
            notices = PrivacyNotice.objects.all()
            in_force = notices.filter(published_at__lte=now).order_by("-published_at").values("pk")[:1]
            return list(
                notices.filter(Q(published_at__gt=now) | Q(pk__in=in_force)).order_by("-published_at")
            )

        now = timezone.now()
        kept = public_value("privacy-notices", candidates)
        found = next((n for n in kept if n.published_at <= now), None)
        return found if found is not None or not kept else self.current()


class PrivacyNotice(BilingualText):
    """Applications record the version they were shown, so a published version never changes."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    published_at = models.DateTimeField(
        _("published at"), help_text=_("The newest published version is the one shown.")
    )

    objects = PrivacyNoticeQuerySet.as_manager()

    class Meta:
        db_table = "pages_privacynotice"  # the table kept its name when the app became core
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.version} ({self.published_at:%Y-%m-%d})"

    @property
    def is_published(self) -> bool:
        return self.published_at <= timezone.now()


class AccessibilityStatement(BilingualText):
    """One statement for the site (the Danish web accessibility act asks for it)."""

    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        db_table = "pages_accessibilitystatement"  # the table kept its name when the app became core
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statement")

    def __str__(self) -> str:
        return str(_("Accessibility statement"))
