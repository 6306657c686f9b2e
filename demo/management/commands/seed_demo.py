"""`python manage.py seed_demo`: demo accounts, the seed case's youth-policy committee, two more mandates, and
the committees' consultations and dialogue meetings."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.committees import seed_committees
from demo.consultations import seed_consultations
from demo.deliberation import seed_deliberation
from demo.documents import seed_layout
from demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_people
from demo.recruitment import seed_recruitment


class Command(BaseCommand):
    help = "Create or refresh the demo accounts. Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on a live site)."
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a live site, and demo accounts with known passwords "
                "would be a way in. Use --force only on a test server."
            )
        people = seed_people()
        for group, users in people.items():
            self.stdout.write(f"{group}: " + ", ".join(u.email for u in users))
        for mandate in seed_committees(people):
            self.stdout.write(f"mandate: {mandate.title} ({mandate.get_state_display()})")
        call = seed_recruitment(people)
        seed_deliberation(people)
        for consultation in seed_consultations(people):
            self.stdout.write(f"consultation: {consultation} ({consultation.get_phase_display()})")
        seed_layout()
        if call is not None:
            self.stdout.write(f"open call: {call} ({call.applications.count()} applications)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo accounts ready. Password: {DEMO_PASSWORD}. "
                f"Officials' TOTP secret: {DEMO_TOTP_SECRET} (current code: manage.py demo_totp)."
            )
        )
