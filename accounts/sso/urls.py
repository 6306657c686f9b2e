"""Ahead of allauth's own socialaccount URLs (accounts/urls.py is included before allauth.urls)."""

from __future__ import annotations

from allauth.socialaccount import views as socialaccount_views
from django.urls import path

from accounts.sso import views

urlpatterns = [
    path("3rdparty/", views.closed),
    path("3rdparty/signup/", views.closed),
    path("3rdparty/login/cancelled/", views.when_enabled(socialaccount_views.login_cancelled)),
    path("3rdparty/login/error/", views.when_enabled(socialaccount_views.login_error)),
]
