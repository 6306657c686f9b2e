"""Deliberation's URLs: members' meeting pages (deliberation.views), and each room's: meeting records,
the deliverable and its review, implementation progress and evaluation."""

from __future__ import annotations

from django.urls import path

from deliberation import views
from deliberation.deliverables.urls import urlpatterns as deliverable
from deliberation.follow_up.urls import urlpatterns as follow_up
from deliberation.records.urls import urlpatterns as records

app_name = "deliberation"

members = [
    path("my/committees/", views.my_committees, name="my_committees"),
    path("my/committees/<slug:slug>/name/", views.member_naming, name="member_naming"),
    path("my/committees/<slug:slug>/meetings/<int:number>/", views.meeting, name="meeting"),
    path("my/committees/<slug:slug>/documents/<int:pk>/", views.member_document, name="member_document"),
    path("my/calendar/", views.calendar_settings, name="calendar_settings"),
    path("my/calendar/new-address/", views.calendar_revoke, name="calendar_revoke"),
    path("my/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

urlpatterns = [*members, *records, *deliverable, *follow_up]
