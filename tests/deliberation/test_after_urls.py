"""A URL map for the after-the-decision tests that works before and after the site wires these URLs.

config/urls.py and deliberation/admin.py include this slice's URLs and admin; until they do, the tests
mount them here, in front of the site's own map (the first of two equal namespaces wins).
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import NoReverseMatch, include, path, reverse

import deliberation.admin_implementation  # noqa: F401 - registers the admin pages
from config import urls as site
from deliberation.urls_after import urlpatterns as after

try:
    reverse("deliberation:progress", args=["x"], urlconf=site)
    mounted = []
except NoReverseMatch:
    mounted = [path("", include((after, "deliberation")))]

urlpatterns = [*mounted, path("admin/", admin.site.urls), *site.urlpatterns]
