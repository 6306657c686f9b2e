"""Recruitment's URLs, by audience: the public, the applying citizen, the reviewing committee."""

from __future__ import annotations

from recruitment.urls_citizen import urlpatterns as citizen
from recruitment.urls_public import urlpatterns as public
from recruitment.urls_review import urlpatterns as review

app_name = "recruitment"

urlpatterns = [*public, *citizen, *review]
