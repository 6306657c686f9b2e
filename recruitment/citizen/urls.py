from __future__ import annotations

from django.urls import path

from recruitment.citizen import views

urlpatterns = [
    path("calls/<int:pk>/apply/", views.apply, name="apply"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/my-data.json", views.my_data, name="my_data"),
    path("applications/<str:reference>/", views.application_detail, name="application"),
    path("applications/<str:reference>/edit/", views.application_edit, name="application_edit"),
    path("applications/<str:reference>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
