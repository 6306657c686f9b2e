"""The reviewing committee's pages: dashboard, applications and ratings, matching, seats."""

from __future__ import annotations

from django.urls import path

from recruitment.review.views import dashboard, matching, rating, seats

urlpatterns = [
    path("calls/<int:pk>/applications/", dashboard.dashboard, name="dashboard"),
    path("calls/<int:pk>/applications/export.csv", dashboard.export_csv, name="export"),
    path(
        "calls/<int:pk>/applications/<str:reference>/",
        dashboard.review_application,
        name="review_application",
    ),
    path("calls/<int:pk>/applications/<str:reference>/rate/", rating.rate, name="rate"),
    path("calls/<int:pk>/matching/", matching.matching, name="matching"),
    path("calls/<int:pk>/seats/decide/", seats.decide_seat, name="seat_decide"),
    path("calls/<int:pk>/seats/start/", seats.start_committee, name="committee_start"),
]
