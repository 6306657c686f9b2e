"""Anonymising the applications of people not selected, once the committee has been at work a while."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from recruitment.models import Application, ApplicationEvent, Call, Rating
from recruitment.review.pool_version import review_pool_changed

# Everyone whose application did not end in a seat.
NOT_MEMBERS = (
    Application.State.WITHDRAWN,
    Application.State.NOT_SELECTED,
    Application.State.RESERVE,
    Application.State.DECLINED,
    Application.State.EXPIRED,
)


def call_statistics(call: Call) -> dict:
    """Counts that outlive the personal data: applications by state, profile, gender, age band, district."""
    applications = list(call.applications.prefetch_related("choices"))
    return {
        "applications": len(applications),
        "by_state": dict(Counter(a.state for a in applications)),
        "by_profile": dict(
            Counter(str(c.profile_id) for a in applications for c in a.choices.all() if c.rank == 1)
        ),
        "by_gender": dict(Counter(a.gender or "unknown" for a in applications)),
        "by_age_band": dict(Counter(a.age_band or "unknown" for a in applications)),
        "by_district": dict(Counter(a.district or "unknown" for a in applications)),
    }


@transaction.atomic
def application_anonymise(*, application: Application) -> None:
    application.applicant = None
    for name in (
        "motivation",
        "experience",
        "postal_code",
        "other_tie",
        "organisation",
        "gender",
        "age_band",
    ):
        setattr(application, name, "")
    application.district = ""
    application.phone = ""
    application.anonymised_at = timezone.now()
    application.save()
    review_pool_changed(application.call_id)
    application.available_meetings.clear()
    Rating.objects.filter(application=application).delete()  # politicians' notes are about the person
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.ANONYMISED)


def applications_anonymise_due(*, today=None) -> int:
    """Daily: anonymise non-members' applications APPLICANT_RETENTION_DAYS after the committee starts."""
    today = today or timezone.localdate()
    started_before = today - timedelta(days=settings.APPLICANT_RETENTION_DAYS)
    due = Application.objects.filter(
        anonymised_at__isnull=True, state__in=NOT_MEMBERS, call__mandate__starts_on__lte=started_before
    ).select_related("call")
    done = 0
    for call_id in sorted({a.call_id for a in due}):
        with transaction.atomic():
            call = Call.objects.select_for_update().get(pk=call_id)
            if not call.statistics:
                call.statistics = call_statistics(call)
                call.save(update_fields=["statistics"])
        for application in due.filter(call_id=call_id):
            application_anonymise(application=application)
            done += 1
    return done
