from __future__ import annotations

from django.urls import include, path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("second-factor/", views.second_factor_required, name="second_factor_required"),
    path("details/", views.details, name="details"),
    path("language/", views.language_switch, name="language_switch"),
    path("", include("accounts.sso.urls")),  # single sign-on: allauth's pages that stay closed
]
