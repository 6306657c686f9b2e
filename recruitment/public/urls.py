from __future__ import annotations

from django.urls import path

from recruitment.public import views

urlpatterns = [
    path("calls/feed/", views.OpenCallsFeed(), name="feed"),
    path("calls/<int:pk>/poster/", views.call_poster, name="poster"),
]
