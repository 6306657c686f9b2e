"""Political bodies and mandates (OParl: Body/Organization and the mandate as the Council's Paper)."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.links import LinkField, OptionalLink, PageLink, SelfLink
from mandates.models import CompetenceProfile, Mandate, MandateTransition, PoliticalBody


class BodySerializer(serializers.ModelSerializer):
    url = SelfLink("body")
    classification = serializers.ChoiceField(source="kind", choices=PoliticalBody.Kind.choices)

    class Meta:
        model = PoliticalBody
        fields = ["id", "url", "name", "classification", "active"]


class ProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = CompetenceProfile
        fields = ["id", "title", "description", "seats"]


class CompositionSerializer(serializers.Serializer):
    politicians = serializers.IntegerField(source="politicians_target")
    citizens = serializers.IntegerField(source="citizens_target")
    administrators = serializers.IntegerField(source="administrators_target")


class BalanceRulesSerializer(serializers.Serializer):
    min_gender_share_percent = serializers.IntegerField(
        source="min_gender_share", help_text="Among the citizens; 0: no rule."
    )
    max_per_organisation = serializers.IntegerField()
    max_per_district = serializers.IntegerField(allow_null=True, help_text="null: no limit.")


class RouteEntrySerializer(serializers.Serializer):
    order = serializers.IntegerField()
    body = LinkField("body", source="body_id")
    body_name = serializers.CharField(source="body.name")


class TransitionSerializer(serializers.ModelSerializer):
    from_state = serializers.ChoiceField(choices=Mandate.State.choices)
    to_state = serializers.ChoiceField(choices=Mandate.State.choices)

    class Meta:
        model = MandateTransition
        fields = ["at", "from_state", "to_state", "note"]


class MandateSerializer(serializers.ModelSerializer):
    url = SelfLink("mandate")
    web_url = PageLink()
    state = serializers.ChoiceField(choices=Mandate.State.choices)
    delivery_kind = serializers.ChoiceField(choices=Mandate.DeliveryKind.choices)
    committee = OptionalLink("committee", source="committee_pk")
    adopted_by = OptionalLink("body", source="adopted_by_id")
    tasks = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")
    composition = CompositionSerializer(source="*")
    balance_rules = BalanceRulesSerializer(source="*")
    competence_profiles = ProfileSerializer(source="profiles", many=True)
    receiving_bodies = RouteEntrySerializer(many=True)
    history = TransitionSerializer(source="public_transitions", many=True)

    class Meta:
        model = Mandate
        fields = [
            "id", "url", "web_url", "slug", "title", "state", "problem", "background", "existing_policies",
            "tasks", "delivery_kind", "expected_delivery", "starts_on", "ends_on", "composition",
            "balance_rules", "competence_profiles", "receiving_bodies", "adopted_by", "adopted_on",
            "adoption_agenda_item", "committee", "history", "updated_at",
        ]  # fmt: skip
