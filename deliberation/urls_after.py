"""URLs after the decision. Included at the site root inside the "deliberation" namespace."""

from __future__ import annotations

from django.urls import path

from deliberation import views_after

urlpatterns = [
    path("committees/<slug:slug>/progress/", views_after.progress, name="progress"),
    path("my/committees/<slug:slug>/evaluation/", views_after.survey, name="evaluation"),
]
