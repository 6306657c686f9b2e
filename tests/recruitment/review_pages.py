"""The reviewing committee's pages as the tests fetch them."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from recruitment.models import Call


def dashboard_page(client: Client, call: Call) -> HttpResponse:
    """The call's dashboard, answered 200, as the signed-in client sees it."""
    response = client.get(reverse("recruitment:dashboard", args=[call.pk]))
    assert response.status_code == 200
    return response


def dashboard_html(client: Client, call: Call) -> str:
    return dashboard_page(client, call).content.decode()
