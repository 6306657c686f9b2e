"""/api/v1/: the resources, the OpenAPI schema and its documentation page; the open-data downloads."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from api import feeds, views_pages
from api.views import resources

app_name = "api"


class Router(DefaultRouter):
    """The root (/api/v1/) lists the resources' addresses; no ".json" suffixes: JSON is the only format."""

    include_format_suffixes = False


router = Router()
router.register("bodies", resources.BodyViewSet, basename="body")
router.register("mandates", resources.MandateViewSet, basename="mandate")
router.register("committees", resources.CommitteeViewSet, basename="committee")
router.register("meetings", resources.MeetingViewSet, basename="meeting")
router.register("calls", resources.CallViewSet, basename="call")
router.register("deliverables", resources.DeliverableViewSet, basename="deliverable")
router.register("decisions", resources.DecisionViewSet, basename="decision")
router.register("actions", resources.ActionViewSet, basename="action")
router.register("consultations", resources.ConsultationViewSet, basename="consultation")
router.register("contributions", resources.ContributionViewSet, basename="contribution")
router.register("evaluations", resources.EvaluationViewSet, basename="evaluation")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("api/v1/docs/", views_pages.api_docs, name="docs"),
    path("open-data/", views_pages.downloads, name="downloads"),
    path("open-data/latest.zip", views_pages.latest, name="latest"),
    path("open-data/<str:name>", views_pages.download, name="download"),
    path("decisions/feed/", feeds.DecisionsFeed(), name="decisions_feed"),
    path("progress/feed/", feeds.ProgressFeed(), name="progress_feed"),
    # Anything else under /api/ is a problem too, not the site's HTML page.
    re_path(r"^api/", views_pages.not_found),
]
