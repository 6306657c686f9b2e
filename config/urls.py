"""The site's URL map."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.views import admin_login
from portal.urls import home_patterns

# Signing in to the admin goes through allauth, so the second factor applies there too.
admin.site.login = admin_login
# A lost database gets a clean 503 page rendered without it (core/errors.py); other errors stay 500.
handler500 = "core.errors.server_error"

urlpatterns = [
    path("", include("core.urls")),
    path("", include(home_patterns)),
    path("", include("portal.urls")),
    path("committees/", include("committees.urls")),
    path("", include("recruitment.urls")),
    path("", include("deliberation.urls")),
    path("", include("consultations.urls")),
    path("", include("case_documents.urls")),
    path("", include("api.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
