"""Consultations' and dialogue meetings' addresses (included at the site root), by audience."""

from __future__ import annotations

from django.urls import path

from consultations import (
    views_contributor,
    views_manage,
    views_meetings,
    views_public,
    views_registration,
    views_review,
)

app_name = "consultations"

public = [
    path("consultations/", views_public.consultation_list, name="list"),
    path("consultations/feed/", views_public.OpenConsultationsFeed(), name="feed"),
    path("consultations/<int:pk>/", views_public.consultation_detail, name="detail"),
    path(
        "consultations/<int:pk>/contributions/<int:contribution>/file/",
        views_public.contribution_file,
        name="contribution_file",
    ),
    path("dialogue-meetings/", views_public.meeting_list, name="meetings"),
    path("dialogue-meetings/<int:pk>/", views_public.meeting_detail, name="meeting"),
    path("dialogue-meetings/<int:pk>/meeting.ics", views_public.meeting_calendar, name="meeting_calendar"),
]

contributor = [
    path(
        "consultations/<int:pk>/items/<int:item>/contribute/", views_contributor.contribute, name="contribute"
    ),
    path("consultations/mine/", views_contributor.mine, name="mine"),
    path("contributions/<int:pk>/edit/", views_contributor.contribution_edit, name="contribution_edit"),
    path(
        "contributions/<int:pk>/withdraw/",
        views_contributor.withdraw,
        name="contribution_withdraw",
    ),
    path("dialogue-meetings/<int:pk>/register/", views_registration.register, name="register"),
    path("registrations/<int:pk>/", views_registration.registration_detail, name="registration"),
]

committee = [
    path("committees/<slug:slug>/public-engagement/", views_manage.overview, name="overview"),
    path("committees/<slug:slug>/consultations/new/", views_manage.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/edit/", views_manage.consultation_edit, name="consultation_edit"),
    path(
        "consultations/<int:pk>/publish/", views_manage.consultation_publish_view, name="consultation_publish"
    ),
    path("consultations/<int:pk>/report/", views_manage.report, name="report"),
    path("consultations/<int:pk>/review/", views_review.review, name="review"),
    path("consultations/<int:pk>/review/contributions.csv", views_review.export, name="export"),
    path(
        "consultations/<int:pk>/review/<int:contribution>/moderate/", views_review.moderate, name="moderate"
    ),
    path("consultations/<int:pk>/review/<int:contribution>/tags/", views_review.tag, name="tag"),
    path("committees/<slug:slug>/dialogue-meetings/new/", views_meetings.meeting_new, name="meeting_new"),
    path("dialogue-meetings/<int:pk>/edit/", views_meetings.meeting_edit, name="meeting_edit"),
    path("dialogue-meetings/<int:pk>/participants/", views_meetings.participants, name="participants"),
    path("dialogue-meetings/<int:pk>/attendance/", views_meetings.attendance, name="attendance"),
    path("dialogue-meetings/<int:pk>/summary/", views_meetings.meeting_summary, name="meeting_summary"),
]

urlpatterns = [*public, *contributor, *committee]
