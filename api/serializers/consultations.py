"""Consultations with their questions and sections, "what we heard" once published, and the published
contributions (the author's name only when they chose to be named; never an email, a draft, a hidden or
withdrawn text)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.links import LinkField, PageLink
from consultations.models import Consultation, ConsultationItem, Contribution, DialogueMeeting


class ItemSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ConsultationItem.Kind.choices)
    published_contributions = serializers.IntegerField(source="published_count")

    class Meta:
        model = ConsultationItem
        fields = ["id", "kind", "title", "body", "section_key", "version_number", "published_contributions"]


class HeardItemSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="pk")
    how_used = serializers.CharField()


class HeardMeetingSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=DialogueMeeting.Kind.choices)
    summary = serializers.SerializerMethodField()

    class Meta:
        model = DialogueMeeting
        fields = ["id", "title", "kind", "starts_at", "ends_at", "summary"]

    def get_summary(self, meeting) -> str:
        return meeting.summary if meeting.summary_published_at else ""


class HeardSerializer(serializers.Serializer):
    summary = serializers.CharField()
    published_at = serializers.DateTimeField(source="report_published_at")
    items = HeardItemSerializer(source="items.all", many=True)
    dialogue_meetings = HeardMeetingSerializer(source="dialogue_meetings.all", many=True)


class ConsultationSerializer(serializers.ModelSerializer):
    url = LinkField("consultation", source="pk")
    web_url = PageLink()
    committee = LinkField("committee", source="committee_id")
    phase = serializers.ChoiceField(choices=Consultation.Phase.choices)
    items = ItemSerializer(many=True)
    published_contributions = serializers.IntegerField(source="published_count")
    what_we_heard = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id", "url", "web_url", "committee", "title", "introduction", "starts_at", "ends_at", "phase",
            "published_at", "items", "published_contributions", "what_we_heard",
        ]  # fmt: skip

    @extend_schema_field(HeardSerializer(allow_null=True))
    def get_what_we_heard(self, consultation):
        if consultation.report_published_at is None:
            return None
        return HeardSerializer(consultation).data


class ContributionSerializer(serializers.ModelSerializer):
    url = LinkField("contribution", source="pk")
    consultation = LinkField("consultation", source="consultation_id")
    item = serializers.IntegerField(source="item_id")
    kind = serializers.ChoiceField(choices=Contribution.Kind.choices)
    author_name = serializers.CharField(
        source="public_name", help_text="Empty when the author asked to be published without their name."
    )
    organisation = serializers.SerializerMethodField(
        help_text="Whom the author writes on behalf of, if anyone."
    )

    class Meta:
        model = Contribution
        fields = [
            "id",
            "url",
            "consultation",
            "item",
            "kind",
            "organisation",
            "author_name",
            "body",
            "published_at",
        ]

    def get_organisation(self, contribution) -> str:
        # As the page shows it: only for a contribution written on behalf of an organisation.
        return contribution.organisation if contribution.kind == Contribution.Kind.ORGANISATION else ""
