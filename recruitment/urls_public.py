from __future__ import annotations

from django.urls import path

from recruitment import views_public as views

urlpatterns = [
    path("calls/feed/", views.OpenCallsFeed(), name="feed"),
    path("calls/<int:pk>/poster/", views.call_poster, name="poster"),
]
