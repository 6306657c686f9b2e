"""The public pages of this floor, at the addresses they have always had."""

from __future__ import annotations

from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("committees/<slug:slug>/", views.committee, name="committee"),
    path("calls/<int:pk>/", views.call, name="call"),
    path("committees/<slug:slug>/progress/", views.progress, name="progress"),
]

# The home page keeps its short, namespace-free name (config/urls.py includes these without one).
home_patterns = [path("", views.home, name="home")]
