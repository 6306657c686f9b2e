"""URLs after the decision. Included at the site root inside the "deliberation" namespace."""

from __future__ import annotations

from django.urls import path

from deliberation.follow_up import views

urlpatterns = [
    path("my/committees/<slug:slug>/evaluation/", views.survey, name="evaluation"),
]
