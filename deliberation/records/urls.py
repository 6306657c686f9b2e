"""The meeting record's URLs, under the member's "my committees" pages (included by deliberation.urls)."""

from __future__ import annotations

from django.urls import path

from deliberation.records import views

PREFIX = "my/committees/<slug:slug>/meetings/<int:number>/"

urlpatterns = [
    path(f"{PREFIX}record/", views.record, name="record"),
    path(f"{PREFIX}actions/", views.action_item_create, name="action_item_add"),
    path(f"{PREFIX}actions/<int:pk>/done/", views.action_item_done, name="action_item_done"),
    path(f"{PREFIX}attachments/", views.attachment_create, name="attachment_add"),
    path(f"{PREFIX}attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
