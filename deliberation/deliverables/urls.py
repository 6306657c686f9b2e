"""The deliverable's pages under a committee's address; included in the "deliberation" namespace."""

from __future__ import annotations

from django.urls import path

from deliberation.deliverables import views
from deliberation.deliverables.drafting import deliverable_edit

urlpatterns = [
    path("committees/<slug:slug>/deliverable/", views.deliverable_detail, name="deliverable"),
    path("committees/<slug:slug>/deliverable/edit/", deliverable_edit, name="deliverable_edit"),
    path("committees/<slug:slug>/deliverable/diff/", views.deliverable_diff, name="deliverable_diff"),
    path("committees/<slug:slug>/deliverable/comment/", views.comment, name="deliverable_comment"),
    path("committees/<slug:slug>/deliverable/submit/", views.submit, name="deliverable_submit"),
    path("committees/<slug:slug>/deliverable/amend/", views.amend, name="deliverable_amend"),
]
