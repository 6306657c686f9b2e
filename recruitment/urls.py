"""Recruitment's URLs, by audience: the public, the applying citizen, the reviewing committee."""

from __future__ import annotations

from recruitment.citizen.urls import urlpatterns as citizen
from recruitment.public.urls import urlpatterns as public
from recruitment.review.urls import urlpatterns as review

app_name = "recruitment"

urlpatterns = [*public, *citizen, *review]
