"""The resources of /api/v1/. Each reads through the selectors the public pages use, so the API shows what
the pages show and nothing more; each list costs a fixed number of queries whatever the data's size."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from api import filters
from api.serializers import committees as committee_serializers
from api.serializers import consultations as consultation_serializers
from api.serializers import deliberation as deliberation_serializers
from api.serializers import evaluations as evaluation_serializers
from api.serializers import mandates as mandate_serializers
from api.serializers import recruitment as recruitment_serializers
from api.views.base import PublicViewSet
from committees.models import Meeting
from committees.selectors import public_mandates, with_membership_history
from consultations.models import Consultation, ConsultationItem, Contribution, DialogueMeeting
from consultations.selectors import public_consultations
from deliberation.deliverables.selectors import public_deliverables, public_versions, with_public_record
from deliberation.follow_up.selectors import WITH_ACTIONS, published_evaluations
from deliberation.models import (
    CouncilDecision,
    EvaluationSurvey,
    ImplementationAction,
    MeetingRecord,
    ProgressUpdate,
)
from mandates.models import MandateTransition, PoliticalBody, ReceivingBody
from recruitment.public.selectors import applicants_per_profile, public_calls


@extend_schema_view(list=extend_schema(summary="Political bodies"), retrieve=extend_schema(summary="A body"))
class BodyViewSet(PublicViewSet):
    """The City Council and the standing committees that adopt mandates and receive deliveries."""

    queryset = PoliticalBody.objects.all()
    serializer_class = mandate_serializers.BodySerializer
    filterset_class = filters.BodyFilterSet


@extend_schema_view(list=extend_schema(summary="Mandates"), retrieve=extend_schema(summary="A mandate"))
class MandateViewSet(PublicViewSet):
    """What the City Council asked of each committee: tasks, delivery, time frame, composition, balance
    rules, competence profiles, the route of the delivery and the mandate's history."""

    serializer_class = mandate_serializers.MandateSerializer
    filterset_class = filters.MandateFilterSet

    def get_queryset(self):
        return (
            public_mandates()
            .annotate(committee_pk=F("committee__id"))
            .prefetch_related(
                "tasks",
                "profiles",
                Prefetch("receiving_bodies", queryset=ReceivingBody.objects.select_related("body")),
                Prefetch(
                    "transitions",
                    queryset=MandateTransition.objects.exclude(to_state="draft"),
                    to_attr="public_transitions",
                ),
            )
        )


@extend_schema_view(list=extend_schema(summary="Committees"), retrieve=extend_schema(summary="A committee"))
class CommitteeViewSet(PublicViewSet):
    """Task committees with the members who are shown (past and present) and how many are not."""

    serializer_class = committee_serializers.CommitteeSerializer
    filterset_class = filters.CommitteeFilterSet
    lookup_field = "committee_pk"
    lookup_url_kwarg = "pk"
    cursor_ordering = "committee_pk"

    def get_queryset(self):
        mandates = public_mandates().filter(committee__isnull=False).select_related("committee")
        return with_membership_history(mandates.annotate(committee_pk=F("committee__id")))


@extend_schema_view(list=extend_schema(summary="Meetings"), retrieve=extend_schema(summary="A meeting"))
class MeetingViewSet(PublicViewSet):
    """The committees' fixed meeting plan, with each meeting's decision summary once it is published."""

    serializer_class = committee_serializers.MeetingSerializer
    filterset_class = filters.MeetingFilterSet

    def get_queryset(self):
        published = MeetingRecord.objects.filter(
            meeting=OuterRef("pk"), summary_published_at__isnull=False
        ).exclude(summary="")
        return (
            Meeting.objects.exclude(committee__mandate__state="draft")
            .defer("agenda")
            .annotate(
                summary_text=Subquery(published.values("summary")[:1]),
                summary_published_at=Subquery(published.values("summary_published_at")[:1]),
            )
        )


@extend_schema_view(list=extend_schema(summary="Calls"), retrieve=extend_schema(summary="A call"))
class CallViewSet(PublicViewSet):
    """Calls for citizens: dates, profiles, seats, applicants per profile once closed, the draw's inputs."""

    serializer_class = recruitment_serializers.CallSerializer
    filterset_class = filters.CallFilterSet

    def get_queryset(self):
        return public_calls().annotate(committee_pk=F("mandate__committee__id"))

    def get_serializer(self, *args, **kwargs):
        if args:
            calls = args[0] if isinstance(args[0], list) else [args[0]]
            kwargs.setdefault("context", self.get_serializer_context())["applicants"] = (
                applicants_per_profile(calls)
            )
        return super().get_serializer(*args, **kwargs)


class _WithVersions:
    def get_serializer(self, *args, **kwargs):
        if args:
            deliverables = args[0] if isinstance(args[0], list) else [args[0]]
            kwargs.setdefault("context", self.get_serializer_context())["versions"] = public_versions(
                deliverables
            )
        return super().get_serializer(*args, **kwargs)


@extend_schema_view(
    list=extend_schema(summary="Deliverables"), retrieve=extend_schema(summary="A deliverable")
)
class DeliverableViewSet(_WithVersions, PublicViewSet):
    """Deliverables once a political body has dealt with them: the versions the public may read, the route
    with each body's handling, the decided amendments and the Council's decisions."""

    serializer_class = deliberation_serializers.DeliverableSerializer
    filterset_class = filters.DeliverableFilterSet

    def get_queryset(self):
        return with_public_record(public_deliverables())


@extend_schema_view(
    list=extend_schema(summary="Council decisions"), retrieve=extend_schema(summary="A decision")
)
class DecisionViewSet(PublicViewSet):
    """The City Council's decisions on deliverables, with the votes and the agreed text."""

    serializer_class = deliberation_serializers.DecisionSerializer
    filterset_class = filters.DecisionFilterSet

    def get_queryset(self):
        return CouncilDecision.objects.filter(
            deliverable__in=public_deliverables().values("pk")
        ).select_related("version", "deliverable__committee__mandate")


@extend_schema_view(
    list=extend_schema(summary="Implementation actions"), retrieve=extend_schema(summary="An action")
)
class ActionViewSet(PublicViewSet):
    """What carries out an endorsed policy, with dated progress updates (newest first)."""

    serializer_class = deliberation_serializers.ActionSerializer
    filterset_class = filters.ActionFilterSet

    def get_queryset(self):
        return (
            ImplementationAction.objects.filter(mandate__state__in=WITH_ACTIONS)
            .annotate(committee_pk=F("mandate__committee__id"))
            .prefetch_related(Prefetch("updates", queryset=ProgressUpdate.objects.defer("created_by")))
        )


@extend_schema_view(
    list=extend_schema(summary="Consultations"), retrieve=extend_schema(summary="A consultation")
)
class ConsultationViewSet(PublicViewSet):
    """Published consultations with their questions and sections and, once published, what we heard."""

    serializer_class = consultation_serializers.ConsultationSerializer
    filterset_class = filters.ConsultationFilterSet

    def get_queryset(self):
        items = ConsultationItem.objects.annotate(published_count=consultation_published_count())
        return (
            public_consultations()
            .order_by()
            .prefetch_related(
                Prefetch("items", queryset=items),
                Prefetch(
                    "dialogue_meetings", queryset=DialogueMeeting.objects.public().order_by("starts_at")
                ),
            )
        )


def consultation_published_count():
    return Count("contributions", filter=Q(contributions__state=Contribution.State.PUBLISHED))


@extend_schema_view(
    list=extend_schema(summary="Contributions"), retrieve=extend_schema(summary="A contribution")
)
class ContributionViewSet(PublicViewSet):
    """The published contributions to consultations: the name only of those who chose to be named."""

    serializer_class = consultation_serializers.ContributionSerializer
    filterset_class = filters.ContributionFilterSet

    def get_queryset(self):
        return (
            Contribution.objects.public()
            .filter(consultation__in=Consultation.objects.published())
            .select_related("author")
            .only(
                "pk", "consultation_id", "item_id", "kind", "organisation", "publication", "body",
                "published_at", "updated_at", "author__full_name",
            )
        )  # fmt: skip


@extend_schema_view(
    list=extend_schema(
        summary="Evaluations", responses=evaluation_serializers.EvaluationSerializer(many=True)
    ),
    retrieve=extend_schema(summary="A committee's evaluation"),
)
class EvaluationViewSet(PublicViewSet):
    """The members' evaluation of each concluded committee, once its results are published (from five
    answers on, after the survey closed). A short list: not paged."""

    serializer_class = evaluation_serializers.EvaluationSerializer
    queryset = EvaluationSurvey.objects.none()  # the records come from published_evaluations()
    pagination_class = None
    filter_backends = []

    def all_records(self):
        return published_evaluations()

    def list(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.all_records(), many=True).data)

    def retrieve(self, request, *args, **kwargs):
        found = next((e for e in self.all_records() if str(e.mandate_id) == kwargs["pk"]), None)
        if found is None:
            raise NotFound
        return Response(self.get_serializer(found).data)
