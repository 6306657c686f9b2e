"""Members' pages, in the deliberation namespace (include these patterns in deliberation's urls)."""

from __future__ import annotations

from django.urls import path

from deliberation import views_members as views

urlpatterns = [
    path("my/committees/", views.my_committees, name="my_committees"),
    path("my/committees/<slug:slug>/name/", views.member_naming, name="member_naming"),
    path("my/committees/<slug:slug>/meetings/<int:number>/", views.meeting, name="meeting"),
    path("my/committees/<slug:slug>/documents/<int:pk>/", views.member_document, name="member_document"),
    path("my/calendar/", views.calendar_settings, name="calendar_settings"),
    path("my/calendar/new-address/", views.calendar_revoke, name="calendar_revoke"),
    path("my/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
