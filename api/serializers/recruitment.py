"""Calls for citizens: dates, profiles and seats, how many applied per profile once closed, and the
published draw. Never an applicant: the draw names applications by their public reference only."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.links import LinkField, PageLink
from recruitment.models import Call
from recruitment.review import draws


class CallProfileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    seats = serializers.IntegerField()
    applicants = serializers.IntegerField(
        allow_null=True, help_text="Applications that chose the profile; null until the call has closed."
    )
    first_choice_applicants = serializers.IntegerField(allow_null=True)


class TieSerializer(serializers.Serializer):
    profile = serializers.CharField()
    holder = serializers.CharField(help_text="The reference of the application that holds the seat.")
    rivals = serializers.ListField(child=serializers.CharField())
    by_hand = serializers.BooleanField(help_text="Decided by the politicians, with reasons, not by the draw.")


class DrawSerializer(serializers.Serializer):
    public_value_source = serializers.CharField()
    public_value = serializers.CharField(allow_null=True)
    algorithm_version = serializers.CharField(allow_null=True)
    seed = serializers.CharField(allow_null=True)
    candidates = serializers.ListField(child=serializers.CharField())
    result = serializers.ListField(child=serializers.CharField())
    tied_seats = TieSerializer(many=True)


class CallSerializer(serializers.ModelSerializer):
    url = LinkField("call", source="pk")
    web_url = PageLink()
    mandate = LinkField("mandate", source="mandate_id")
    committee = serializers.SerializerMethodField()
    state = serializers.ChoiceField(choices=Call.State.choices)
    eligibility = serializers.ChoiceField(choices=Call.Eligibility.choices)
    competence_profiles = serializers.SerializerMethodField()
    draw = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "id", "url", "web_url", "mandate", "committee", "state", "eligibility", "opens_at", "deadline",
            "intro", "competence_profiles", "draw",
        ]  # fmt: skip

    @extend_schema_field({"type": ["string", "null"], "format": "uri"})
    def get_committee(self, call):
        from api.serializers.links import api_url

        return api_url("committee", getattr(call, "committee_pk", None))

    @extend_schema_field(CallProfileSerializer(many=True))
    def get_competence_profiles(self, call):
        counts = self.context.get("applicants", {}).get(call.pk)
        rows = []
        for profile in call.mandate.profiles.all():
            chosen, first = counts.get(profile.pk, (0, 0)) if counts is not None else (None, None)
            rows.append(
                {"id": profile.pk, "title": profile.title, "seats": profile.seats, "applicants": chosen,
                 "first_choice_applicants": first}
            )  # fmt: skip
        return rows

    @extend_schema_field(DrawSerializer(allow_null=True))
    def get_draw(self, call):
        selection = draws_selection(call)
        published = draws.selection_draw(call, selection)
        ties = draws.published_ties(call, selection)
        if not (call.draw_public_value_source or published or ties):
            return None
        return {
            "public_value_source": call.draw_public_value_source,
            "public_value": published.public_value if published else None,
            "algorithm_version": published.algorithm_version if published else None,
            "seed": published.seed if published else None,
            "candidates": published.candidates if published else [],
            "result": published.result if published else [],
            "tied_seats": [tie.__dict__ for tie in ties],
        }


def draws_selection(call: Call):
    from recruitment.models import Selection

    try:
        return call.selection
    except Selection.DoesNotExist:
        return None
