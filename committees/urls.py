from __future__ import annotations

from django.urls import path

from committees import views

app_name = "committees"

urlpatterns = [
    path("", views.committee_list, name="list"),
    path("<slug:slug>/follow/", views.follow, name="follow"),
    path("<slug:slug>/mandate/print/", views.mandate_print, name="print"),
    path("<slug:slug>/meetings.ics", views.meeting_calendar, name="calendar"),
    path("<slug:slug>/documents/<int:pk>/", views.document_download, name="document"),
]
