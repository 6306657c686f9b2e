"""The members' evaluation of a concluded committee, once its results are published: per statement the
number of each score (1 strongly disagree … 5 strongly agree) and the mean. Never an answer, never who."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.links import LinkField


class StatementSerializer(serializers.Serializer):
    statement = serializers.CharField()
    label = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Score (1–5) → answers.")
    mean = serializers.FloatField()


class EvaluationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="mandate_id", help_text="The mandate's id: one survey per mandate.")
    url = LinkField("evaluation", source="mandate_id")
    mandate = LinkField("mandate", source="mandate_id")
    closes_at = serializers.DateTimeField()
    answers = serializers.IntegerField(source="results.answers")
    statements = serializers.SerializerMethodField()

    @extend_schema_field(StatementSerializer(many=True))
    def get_statements(self, evaluation):
        return [
            {
                "statement": key,
                "label": value["label"],
                "counts": {str(score): n for score, n in value["counts"].items()},
                "mean": value["mean"],
            }
            for key, value in evaluation.results["statements"].items()
        ]
