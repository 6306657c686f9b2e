"""Staff see the outbox in the admin, send failed messages again and test the mail setup."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.dispatch import outbox_dispatch
from notifications.models import Notification
from notifications.services import notification_schedule
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_send_a_failed_message_again_from_the_list(client, staff, citizen):
    failed = notification_schedule(recipient=citizen, kind="outbox_test", key="f")
    Notification.objects.filter(pk=failed.pk).update(state="failed", last_error="550 No such user")
    client.force_login(staff)

    response = client.post(
        reverse("admin:notifications_notification_changelist"),
        {"action": "resend", "_selected_action": [failed.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "1 besked bliver sendt igen." in response.content.decode()
    failed.refresh_from_db()
    assert failed.state == "pending"


def test_staff_send_themselves_a_test_message_through_the_outbox(client, staff):
    client.force_login(staff)
    response = client.post(reverse("admin:notifications_notification_send_test"), follow=True)
    assert response.status_code == 200
    assert Notification.objects.filter(recipient=staff, kind="outbox_test").count() == 1
    assert outbox_dispatch().sent == 1


def test_the_outbox_list_costs_the_same_queries_for_5_or_60_messages(client, staff):
    from tests.support.queries import queries_for_page

    client.force_login(staff)
    url = reverse("admin:notifications_notification_changelist")

    def queries_for(total: int) -> int:
        while Notification.objects.count() < total:
            n = Notification.objects.count()
            notification_schedule(recipient=UserFactory(), kind="outbox_test", key=f"n{n}")
        return queries_for_page(client, url)

    assert queries_for(5) == queries_for(60)
