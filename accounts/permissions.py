"""What the Council staff role may do in the admin: everything in the platform's own apps."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from accounts.roles import COUNCIL_STAFF

# Staff configure mandates, committees and people, and read the outbox; django's and allauth's
# own tables (sessions, authenticators) stay with superusers.
STAFF_APPS = ("accounts", "notifications", "core", "mandates", "committees", "recruitment", "deliberation")


def council_staff_permissions_sync(**kwargs) -> None:
    """Runs after every migrate: new models' permissions reach the role without a manual step."""
    group = Group.objects.filter(name=COUNCIL_STAFF).first()
    if group is None:  # before accounts' role migration has run
        return
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=STAFF_APPS))
