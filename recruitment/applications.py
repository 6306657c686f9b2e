"""A citizen's application: submit, change until the deadline, withdraw; and all their data."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log
from committees.following import committee_follow
from core.models import PrivacyNotice
from mandates.models import Mandate
from notifications.services import notification_schedule
from recruitment.models import Application, ApplicationChoice, ApplicationEvent, Call
from recruitment.review.pool_version import review_pool_changed


@dataclass
class ApplicationData:
    """What the citizen typed, already cleaned by the form."""

    profile_ids: list[int]
    motivation: str
    experience: str = ""
    available_meeting_ids: list[int] = field(default_factory=list)
    tie: str = ""  # Application.Tie, or empty where the call lets anyone apply
    postal_code: str = ""
    other_tie: str = ""
    organisation: str = ""
    takes_part_as_individual: bool = False
    gender: str = ""
    age_band: str = ""
    district: str = ""
    phone: str = ""

    FIELDS = (
        "motivation",
        "experience",
        "tie",
        "postal_code",
        "other_tie",
        "organisation",
        "takes_part_as_individual",
        "gender",
        "age_band",
        "district",
        "phone",
    )


def application_problems(call: Call, data: ApplicationData) -> dict[str, str]:
    """The rules a form cannot know alone; the form shows these next to the field."""
    problems = {}
    profiles = {p.pk for p in call.mandate.profiles.all()}  # read with the call where it was prefetched
    if not 1 <= len(data.profile_ids) <= 3 or len(set(data.profile_ids)) != len(data.profile_ids):
        problems["profiles"] = _("Choose one, two or three different profiles.")
    elif not set(data.profile_ids) <= profiles:
        problems["profiles"] = _("Choose profiles from this call.")
    problems.update(eligibility_problems(call, data))
    if data.organisation.strip() and not data.takes_part_as_individual:
        problems["takes_part_as_individual"] = _(
            "Members take part as individuals, not for their organisation."
        )
    meetings = {m.pk for m in call.mandate.committee.meetings.all()}
    if not set(data.available_meeting_ids) <= meetings:
        problems["available_meetings"] = _("Choose among this committee's meetings.")
    return problems


# Which connections each rule offers: the rule's own, and always another real connection, explained.
TIES = {
    Call.Eligibility.POSTAL_CODES: (Application.Tie.LIVES, Application.Tie.OTHER),
    Call.Eligibility.LIVES_WORKS_STUDIES: tuple(Application.Tie.values),
    Call.Eligibility.ANYONE: (),
}


def who_may_apply(call: Call) -> str:
    """The call's rule in words, for the call page and the form."""
    if call.eligibility == Call.Eligibility.POSTAL_CODES:
        return _(
            "You may apply if you live in one of the postal codes %(codes)s, or if you have another real "
            "connection to the municipality or the question, for example because you live near the border, "
            "work, study or are active here. You explain that connection in a sentence."
        ) % {"codes": ", ".join(call.postal_codes)}
    if call.eligibility == Call.Eligibility.LIVES_WORKS_STUDIES:
        return _(
            "You may apply if you live, work or study in the municipality, or if you have another real "
            "connection to the municipality or the question. You explain another connection in a sentence."
        )
    return _("Anyone may apply.")


def eligibility_problems(call: Call, data: ApplicationData) -> dict[str, str]:
    """The call's rule for who may apply, as staff set it; another real connection, explained, counts too."""
    offered = TIES[call.eligibility]
    if not offered:
        return {}
    if data.tie not in offered:
        return {"tie": _("Tell us how you are connected to the municipality.")}
    if data.tie == Application.Tie.OTHER:
        if not data.other_tie.strip():
            return {
                "other_tie": _("Tell us in a sentence what ties you to the municipality or the question.")
            }
        return {}
    if call.eligibility == Call.Eligibility.POSTAL_CODES:
        if not data.postal_code:
            return {"postal_code": _("Write your postal code.")}
        if data.postal_code not in call.postal_codes:
            return {
                "postal_code": _(
                    "%(code)s is not among this call's postal codes (%(codes)s). If you have another real "
                    "connection to the municipality or the question, for example because you live near "
                    "the border, work, study or are active here, choose “another real connection” and "
                    "explain it in a sentence."
                )
                % {"code": data.postal_code, "codes": ", ".join(call.postal_codes)}
            }
    return {}


def is_exception(call: Call, application: Application) -> bool:
    """Applied through another real connection where the call has a rule: the committee judges it."""
    return bool(TIES[call.eligibility]) and application.tie == Application.Tie.OTHER


def _log_exception(
    call: Call, application: Application, by, *, before: tuple[str, str] | None = None
) -> None:
    if not is_exception(call, application) or before == (application.tie, application.other_tie):
        return
    log(
        application,
        "application.eligibility_exception",
        by=by,
        data={
            "rule": call.eligibility,
            "postal_code": application.postal_code,
            "connection": application.other_tie,
        },
    )


def _write(application: Application, data: ApplicationData) -> None:
    """The application, its choices and its meetings, each in one statement (nothing to replace if new)."""
    new = application._state.adding
    for name in ApplicationData.FIELDS:
        setattr(application, name, getattr(data, name))
    application.full_clean(exclude=["applicant", "call", "privacy_notice"])
    application.save()
    review_pool_changed(application.call_id)
    if not new:
        application.choices.all().delete()
    ApplicationChoice.objects.bulk_create(
        ApplicationChoice(application=application, profile_id=pk, rank=rank)
        for rank, pk in enumerate(data.profile_ids, start=1)
    )
    if new:
        through = Application.available_meetings.through
        through.objects.bulk_create(
            through(application_id=application.pk, meeting_id=pk)
            for pk in dict.fromkeys(data.available_meeting_ids)
        )
    else:
        application.available_meetings.set(data.available_meeting_ids)


def _check(call: Call, data: ApplicationData) -> None:
    if not call.is_open_for_applications:
        raise ValidationError(_("The call is closed: the deadline has passed."), code="closed")
    problems = application_problems(call, data)
    if problems:
        raise ValidationError(problems)


def _locked(call: Call) -> Call:
    """The call read again and held, so its deadline and state are checked against the stored row and
    cannot change before the application commits. On PostgreSQL the row is held `FOR SHARE`: applications
    to one call are sent side by side (a deadline brings many at once), while closing the call or moving
    its deadline (`FOR UPDATE`, or any UPDATE) waits for those being sent, and they for it. SQLite sends
    one write at a time anyway. Its mandate, profiles and meetings are not held: where the caller read
    them a moment ago (the form did), they are kept rather than read again."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Call._meta.db_table)
        key = connection.ops.quote_name(Call._meta.pk.column)
        query = f"SELECT * FROM {table} WHERE {key} = %s FOR SHARE"
        locked = next(iter(Call.objects.raw(query, [call.pk])), None)
        if locked is None:
            raise Call.DoesNotExist
    else:
        locked = Call.objects.select_related("mandate__committee").get(pk=call.pk)
    if (
        Call.mandate.is_cached(call)
        and call.mandate_id == locked.mandate_id
        and Mandate.committee.is_cached(call.mandate)
    ):
        locked.mandate = call.mandate
    elif not Call.mandate.is_cached(locked):  # the row alone was read (FOR SHARE)
        locked.mandate = Mandate.objects.select_related("committee").get(pk=locked.mandate_id)
    return locked


@transaction.atomic
def application_submit(
    *, call: Call, applicant, data: ApplicationData, notice: PrivacyNotice | None = None
) -> Application:
    """`notice`: the privacy notice the form showed and the applicant consented to (the current one if
    not given). A second application to the same call is refused by the database's constraint."""
    call = _locked(call)
    _check(call, data)
    notice = notice or PrivacyNotice.objects.current()
    if notice is None:
        raise ValidationError(_("Applications are paused: no privacy notice is published. Please try later."))
    application = Application(
        call=call, applicant=applicant, privacy_notice=notice, consented_at=timezone.now()
    )
    try:
        with transaction.atomic():
            _write(application, data)
    except IntegrityError as error:  # one application per person and call: the database's constraint
        raise ValidationError(_("You have already applied to this call."), code="duplicate") from error
    ApplicationEvent.objects.create(
        application=application, kind=ApplicationEvent.Kind.SUBMITTED, by=applicant
    )
    _log_exception(call, application, applicant)
    # Applicants hear what becomes of the committee (its decision); they can stop following on its page.
    committee_follow(committee=call.mandate.committee, user=applicant)
    notification_schedule(
        recipient=applicant,
        kind="application_receipt",
        key=f"application-receipt:{application.pk}",
        context={"title": call.mandate.title, "reference": application.reference, "deadline": call.deadline},
    )
    return application


@transaction.atomic
def application_update(*, application: Application, data: ApplicationData, by) -> Application:
    """The call is held first, as sending holds it: a change waits for the call being closed (and then
    finds it closed), and closing waits for a change being made; then the application."""
    call = _locked(application.call)
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    application.call = call  # read and held a moment ago
    if application.state != Application.State.SUBMITTED:
        raise ValidationError(_("This application can no longer be changed."))
    _check(call, data)
    before = (application.tie, application.other_tie)
    _write(application, data)
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.UPDATED, by=by)
    _log_exception(application.call, application, by, before=before)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state not in (Application.State.SUBMITTED, Application.State.RESERVE):
        raise ValidationError(_("This application can no longer be withdrawn."))
    application.state = Application.State.WITHDRAWN
    application.save(update_fields=["state", "updated_at"])
    review_pool_changed(application.call_id)
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.WITHDRAWN, by=by)
    return application


def personal_data_export(*, user) -> dict:
    """Everything held about a person, for "download all my data" (GDPR art. 15 and 20)."""
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("call__mandate", "privacy_notice")
        .prefetch_related("choices__profile", "available_meetings", "events", "invitations__profile")
    )
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
        },
        "applications": [
            {
                "reference": a.reference,
                "committee": a.call.mandate.title,
                "state": a.state,
                "submitted_at": a.submitted_at.isoformat(),
                "profiles": [c.profile.title for c in a.choices.all()],
                "motivation": a.motivation,
                "experience": a.experience,
                "available_meetings": [m.starts_at.isoformat() for m in a.available_meetings.all()],
                "connection": a.tie,
                "postal_code": a.postal_code,
                "other_tie": a.other_tie,
                "organisation": a.organisation,
                "takes_part_as_individual": a.takes_part_as_individual,
                "gender": a.gender,
                "age_band": a.age_band,
                "district": a.district,
                "phone": a.phone,
                "privacy_notice_version": a.privacy_notice.version,
                "consented_at": a.consented_at.isoformat(),
                "timeline": [{"what": e.kind, "at": e.at.isoformat()} for e in a.events.all()],
                "invitations": [
                    {
                        "profile": i.profile.title,
                        "state": i.state,
                        "answer_by": i.answer_by.isoformat(),
                        "answered_at": i.answered_at.isoformat() if i.answered_at else None,
                    }
                    for i in a.invitations.all()
                ],
            }
            for a in applications
        ],
        "following": [f.committee.name for f in user.following.select_related("committee")],
        "memberships": [
            {"committee": m.committee.name, "role": m.role, "joined_on": m.joined_on.isoformat()}
            for m in user.committee_memberships.select_related("committee")
        ],
    }
