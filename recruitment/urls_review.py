from __future__ import annotations

from django.urls import path

from recruitment import views_matching, views_rating, views_seats
from recruitment import views_review as views

urlpatterns = [
    path("calls/<int:pk>/applications/", views.dashboard, name="dashboard"),
    path("calls/<int:pk>/applications/export.csv", views.export_csv, name="export"),
    path("calls/<int:pk>/applications/<str:reference>/", views.review_application, name="review_application"),
    path("calls/<int:pk>/applications/<str:reference>/rate/", views_rating.rate, name="rate"),
    path("calls/<int:pk>/matching/", views_matching.matching, name="matching"),
    path("calls/<int:pk>/seats/decide/", views_seats.decide_seat, name="seat_decide"),
    path("calls/<int:pk>/seats/start/", views_seats.start_committee, name="committee_start"),
]
