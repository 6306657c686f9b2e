"""The demo as the page sweeps see it: `seed_demo`, plus an invitation waiting for an answer and a deliverable
submitted to the political bodies with an amendment, so every kind of page exists.

The first seed() of a module keeps a snapshot in the module's `snapshots` dict; later ones put it back, a
fraction of the time seeding takes.
"""

from __future__ import annotations

import io

from django.core import mail
from django.core.management import call_command
from django.db import connections

from demo.people import DOMAIN

FINISHED = "ungepolitik-2025"  # decided, implementing, evaluated
ACTIVE = "bevaegelse-i-hverdagen"  # meetings held and planned; gets a submitted deliverable here
RECRUITING = "ny-ungepolitik"  # the open call
CLIMATE = "klimatilpasning-i-lokalomraadet"  # adopted, no call yet


def restore(snapshot: str) -> None:
    """Empty the database and load the snapshot, with the id sequences moved past what it holds."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style

    connection = connections["default"]
    call_command("flush", interactive=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(snapshot)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)
    ContentType.objects.clear_cache()


def email(local_part: str) -> str:
    return f"{local_part}@{DOMAIN}"


def seed(snapshots: dict | None = None) -> dict:
    """The demo, plus an invitation for borger3 and a submitted deliverable with an amendment.

    With a `snapshots` dict, the first call keeps a snapshot there and later calls put it back."""
    from accounts.models import User
    from committees.models import TaskCommittee
    from deliberation.deliverables.review import amendment_propose
    from deliberation.deliverables.services import deliverable_for, deliverable_submit, version_save
    from recruitment.models import Application, Call
    from recruitment.offers import invitation_send, invitation_token

    if snapshots is not None and "demo" in snapshots:
        restore(snapshots["demo"])
        return dict(snapshots["world"])
    call_command("seed_demo", force=True, stdout=io.StringIO())

    call = Call.objects.get(mandate__slug=RECRUITING)
    application = Application.objects.get(call=call, applicant__email=email("borger2"))
    invited = Application.objects.get(call=call, applicant__email=email("borger3"))
    invitation = invitation_send(application=invited, profile_id=invited.choices.first().profile_id)

    facilitator = User.objects.get(email=email("facilitator1"))
    deliverable = deliverable_for(committee=TaskCommittee.objects.get(mandate__slug=ACTIVE))
    sections = [
        {"key": "", "heading": "Gå- og cykelruter", "body": "Kommunen skal markere tre ruter i hver bydel."},
        {"key": "", "heading": "Bevægelse på arbejdet", "body": "Kommunens arbejdspladser går forrest."},
    ]
    first = version_save(deliverable=deliverable, by=facilitator, title="Tre initiativer", sections=sections)
    sections = [
        {**s, "body": s["body"] + " Ruterne skiltes."} if n == 0 else s for n, s in enumerate(first.sections)
    ]
    version_save(deliverable=deliverable, by=facilitator, title="Tre initiativer", sections=sections)
    deliverable = deliverable_submit(deliverable=deliverable, by=facilitator)
    amendment_propose(
        deliverable=deliverable,
        section_key=first.sections[1]["key"],
        proposed_text="Kommunens arbejdspladser går forrest med gå-møder.",
        reason="Et konkret eksempel gør det lettere.",
        by=User.objects.get(email=email("politiker2")),
    )
    mail.outbox.clear()
    world = {
        "call": call.pk,
        "reference": application.reference,
        "invited_reference": invited.reference,
        "invitation": invitation_token(invitation),
    }
    if snapshots is not None:
        snapshots["demo"] = connections["default"].creation.serialize_db_to_string()
        snapshots["world"] = world
    return dict(world)
