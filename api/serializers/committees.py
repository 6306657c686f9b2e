"""Task committees with their public members (Popolo: Organization with Memberships) and meetings."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.links import LinkField, PageLink
from committees.models import Meeting, Membership
from committees.selectors import membership_history
from mandates.models import Mandate


class MembershipSerializer(serializers.Serializer):
    """A member who agreed to be shown (politicians and facilitators are always shown), past or present."""

    id = serializers.IntegerField()
    person_name = serializers.CharField(source="name")
    role = serializers.ChoiceField(choices=Membership.Role.choices)
    post = serializers.ChoiceField(source="position", choices=Membership.Position.choices)
    competence_profile = serializers.IntegerField(source="profile_id", allow_null=True)
    start_date = serializers.DateField(source="joined_on")
    end_date = serializers.DateField(source="left_on", allow_null=True)


class CommitteeSerializer(serializers.Serializer):
    """Built on the mandate (a committee is one per mandate), with the mandate's membership history."""

    id = serializers.IntegerField(source="committee.pk")
    url = LinkField("committee", source="committee.pk")
    web_url = PageLink()
    name = serializers.CharField(source="committee.name")
    slug = serializers.CharField()
    mandate = LinkField("mandate", source="pk")
    state = serializers.ChoiceField(choices=Mandate.State.choices)
    constituted_at = serializers.DateTimeField(source="committee.constituted_at", allow_null=True)
    start_date = serializers.DateField(source="starts_on", allow_null=True)
    end_date = serializers.DateField(source="ends_on", allow_null=True)
    memberships = serializers.SerializerMethodField()
    unnamed_citizens = serializers.SerializerMethodField(
        help_text="Active citizen members who chose not to be named: counted, never listed."
    )
    updated_at = serializers.DateTimeField()

    def _history(self, mandate):
        cached = getattr(mandate, "_api_history", None)
        if cached is None:
            cached = mandate._api_history = membership_history(mandate)
        return cached

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, mandate):
        return MembershipSerializer(self._history(mandate)[0], many=True).data

    def get_unnamed_citizens(self, mandate) -> int:
        return self._history(mandate)[1]


class DecisionSummarySerializer(serializers.Serializer):
    text = serializers.CharField()
    published_at = serializers.DateTimeField()


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting of the fixed plan (OParl: Meeting). The agenda and the internal record are not public;
    the decision summary (beslutningsreferat) is, once published."""

    url = LinkField("meeting", source="pk")
    committee = LinkField("committee", source="committee_id")
    state = serializers.ChoiceField(choices=Meeting.State.choices)
    decision_summary = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "committee",
            "number",
            "starts_at",
            "ends_at",
            "place",
            "state",
            "decision_summary",
        ]

    @extend_schema_field(DecisionSummarySerializer(allow_null=True))
    def get_decision_summary(self, meeting):
        # Annotated by the view from the published record only (api.views.committees).
        if meeting.summary_published_at is None:
            return None
        return {"text": meeting.summary_text, "published_at": meeting.summary_published_at}
