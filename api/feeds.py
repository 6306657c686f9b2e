"""Atom feeds of the City Council's decisions and of implementation progress, beside the calls' feed."""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from deliberation.deliverables.selectors import public_deliverables
from deliberation.follow_up.selectors import WITH_ACTIONS
from deliberation.models import CouncilDecision, ProgressUpdate

ITEMS = 50


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=timezone.get_current_timezone())


class DecisionsFeed(Feed):
    """`/decisions/feed/`: the City Council's latest decisions on deliverables, with the vote."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Council decisions on task committees · %(municipality)s") % {
            "municipality": settings.MUNICIPALITY_NAME
        }

    def subtitle(self) -> str:
        return _("What the City Council decided on each committee's delivery, and the vote.")

    def link(self) -> str:
        return settings.SITE_URL + "/"  # the home page

    def feed_url(self) -> str:
        return settings.SITE_URL + reverse("api:decisions_feed")

    def items(self):
        return (
            CouncilDecision.objects.filter(deliverable__in=public_deliverables().values("pk"))
            .select_related("deliverable__committee__mandate")
            .order_by("-decided_on", "-pk")[:ITEMS]
        )

    def item_title(self, decision: CouncilDecision) -> str:
        return f"{decision.deliverable.committee.mandate.title}: {decision.get_outcome_display()}"

    def item_description(self, decision: CouncilDecision) -> str:
        votes = _("Votes for: %(yes)s, against: %(no)s, abstaining: %(abstain)s.") % {
            "yes": decision.votes_for,
            "no": decision.votes_against,
            "abstain": decision.votes_abstaining,
        }
        return f"{votes} {decision.remarks}".strip()

    def item_link(self, decision: CouncilDecision) -> str:
        slug = decision.deliverable.committee.mandate.slug
        return settings.SITE_URL + reverse("deliberation:deliverable", args=[slug]) + "#decision-heading"

    def item_guid(self, decision: CouncilDecision) -> str:
        return settings.SITE_URL + reverse("api:decision-detail", args=[decision.pk])

    item_guid_is_permalink = False

    def item_pubdate(self, decision: CouncilDecision) -> datetime:
        return _moment(decision.decided_on)

    def item_updateddate(self, decision: CouncilDecision) -> datetime:
        return _moment(decision.decided_on)


class ProgressFeed(Feed):
    """`/progress/feed/`: the latest progress updates on implementation actions."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Implementation progress · %(municipality)s") % {"municipality": settings.MUNICIPALITY_NAME}

    def subtitle(self) -> str:
        return _("How the policies the City Council endorsed are carried out, update by update.")

    def link(self) -> str:
        return settings.SITE_URL + "/"  # the home page

    def feed_url(self) -> str:
        return settings.SITE_URL + reverse("api:progress_feed")

    def items(self):
        return (
            ProgressUpdate.objects.filter(action__mandate__state__in=WITH_ACTIONS)
            .select_related("action__mandate")
            .order_by("-on", "-pk")[:ITEMS]
        )

    def item_title(self, update: ProgressUpdate) -> str:
        return f"{update.action.mandate.title}: {update.action.title} ({update.progress} %)"

    def item_description(self, update: ProgressUpdate) -> str:
        return update.text

    def item_link(self, update: ProgressUpdate) -> str:
        return f"{settings.SITE_URL}{update.action.get_absolute_url()}#action-{update.action_id}"

    def item_guid(self, update: ProgressUpdate) -> str:
        return (
            f"{settings.SITE_URL}{reverse('api:action-detail', args=[update.action_id])}#update-{update.pk}"
        )

    item_guid_is_permalink = False

    def item_pubdate(self, update: ProgressUpdate) -> datetime:
        return _moment(update.on)

    def item_updateddate(self, update: ProgressUpdate) -> datetime:
        return _moment(update.on)
