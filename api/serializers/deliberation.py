"""The deliverable once a political body has dealt with it (OParl: Paper with its Consultations), the
Council's decisions with their votes (Popolo: VoteEvent with counts) and implementation with dated
progress. Never a draft, a comment, the internal record or who proposed an amendment."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.links import LinkField, OptionalLink, page_url
from deliberation.deliverables.selectors import is_public_amendment
from deliberation.models import Amendment, CouncilDecision, Deliverable, ImplementationAction, ReviewStep
from mandates.models import Mandate


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Stable across versions.")
    heading = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True, help_text="Markdown, as the committee wrote it.")


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    saved_at = serializers.DateTimeField(source="created_at")
    sections = SectionSerializer(many=True)


class StepSerializer(serializers.ModelSerializer):
    outcome = serializers.ChoiceField(choices=ReviewStep.Outcome.choices)

    class Meta:
        model = ReviewStep
        fields = ["meeting_date", "agenda_item", "outcome", "text"]


class RouteStopSerializer(serializers.Serializer):
    body = LinkField("body")
    body_name = serializers.CharField()
    handling = StepSerializer(many=True)


class AmendmentSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(choices=Amendment.State.choices)
    replaced_text = serializers.CharField(source="shown_original")

    class Meta:
        model = Amendment
        fields = ["id", "section_key", "replaced_text", "proposed_text", "reason", "state", "decided_at"]


class VotesSerializer(serializers.Serializer):
    yes = serializers.IntegerField(source="votes_for")
    no = serializers.IntegerField(source="votes_against")
    abstain = serializers.IntegerField(source="votes_abstaining")


class DecisionSerializer(serializers.ModelSerializer):
    """The City Council's decision on a deliverable, with the vote and the agreed text."""

    url = LinkField("decision", source="pk")
    deliverable = LinkField("deliverable", source="deliverable_id")
    committee = LinkField("committee", source="deliverable.committee_id")
    mandate = LinkField("mandate", source="deliverable.committee.mandate_id")
    mandate_title = serializers.CharField(source="deliverable.committee.mandate.title")
    outcome = serializers.ChoiceField(choices=CouncilDecision.Outcome.choices)
    votes = VotesSerializer(source="*")
    version_number = serializers.IntegerField(source="version.number")
    agreed_text = SectionSerializer(source="agreed_sections", many=True)

    class Meta:
        model = CouncilDecision
        fields = [
            "id", "url", "deliverable", "committee", "mandate", "mandate_title", "decided_on", "agenda_item",
            "outcome", "votes", "remarks", "version_number", "agreed_text",
        ]  # fmt: skip


class DeliverableSerializer(serializers.ModelSerializer):
    url = LinkField("deliverable", source="pk")
    web_url = serializers.SerializerMethodField()
    committee = LinkField("committee", source="committee_id")
    mandate = LinkField("mandate", source="committee.mandate_id")
    kind = serializers.ChoiceField(
        source="committee.mandate.delivery_kind", choices=Mandate.DeliveryKind.choices
    )
    state = serializers.ChoiceField(choices=Deliverable.State.choices)
    public_version = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()
    route = serializers.SerializerMethodField()
    amendments = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()

    class Meta:
        model = Deliverable
        fields = [
            "id", "url", "web_url", "committee", "mandate", "kind", "state", "submitted_at", "public_version",
            "versions", "route", "amendments", "decisions",
        ]  # fmt: skip

    def _versions(self) -> dict:
        return self.context.get("versions", {})

    def get_web_url(self, deliverable) -> str:
        from django.urls import reverse

        return page_url(reverse("deliberation:deliverable", args=[deliverable.committee.mandate.slug]))

    @extend_schema_field(VersionSerializer)
    def get_public_version(self, deliverable):
        return VersionSerializer(self._versions()[deliverable.public_version_id]).data

    @extend_schema_field(VersionSerializer(many=True))
    def get_versions(self, deliverable):
        ids = {deliverable.public_version_id} | {d.version_id for d in deliverable.decisions.all()}
        shown = sorted((self._versions()[pk] for pk in ids), key=lambda v: v.number)
        return VersionSerializer(shown, many=True).data

    @extend_schema_field(RouteStopSerializer(many=True))
    def get_route(self, deliverable):
        steps: dict[int, list] = {}
        for step in sorted(deliverable.review_steps.all(), key=lambda s: (s.meeting_date, s.pk)):
            steps.setdefault(step.route_entry_id, []).append(step)
        return [
            RouteStopSerializer(
                {"body": entry.body_id, "body_name": entry.body.name, "handling": steps.get(entry.pk, [])}
            ).data
            for entry in deliverable.committee.mandate.receiving_bodies.all()
        ]

    @extend_schema_field(AmendmentSerializer(many=True))
    def get_amendments(self, deliverable):
        shown = [a for a in deliverable.public_amendments if is_public_amendment(deliverable, a)]
        return AmendmentSerializer(shown, many=True).data

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_decisions(self, deliverable):
        from api.serializers.links import api_url

        ordered = sorted(deliverable.decisions.all(), key=lambda d: (d.decided_on, d.pk))
        return [api_url("decision", d.pk) for d in ordered]


class ProgressUpdateSerializer(serializers.Serializer):
    date = serializers.DateField(source="on")
    text = serializers.CharField()
    progress_percent = serializers.IntegerField(source="progress")


class ActionSerializer(serializers.ModelSerializer):
    """An implementation action with its dated progress updates, newest first."""

    url = LinkField("action", source="pk")
    mandate = LinkField("mandate", source="mandate_id")
    committee = OptionalLink("committee", source="committee_pk")
    state = serializers.ChoiceField(choices=ImplementationAction.State.choices)
    progress_percent = serializers.IntegerField(source="progress")
    updates = ProgressUpdateSerializer(many=True)

    class Meta:
        model = ImplementationAction
        fields = [
            "id", "url", "mandate", "committee", "title", "responsible_unit", "due_on", "state",
            "progress_percent", "updates",
        ]  # fmt: skip
