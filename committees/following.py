"""Following a committee: who hears about its decision. Recruitment makes applicants followers;
anyone signed in can follow or stop following from the committee page."""

from __future__ import annotations

from django.db import transaction

from committees.models import Follower, TaskCommittee


def committee_follow(*, committee: TaskCommittee, user) -> None:
    """Follow once: one statement, and the database's constraint makes a second follow change nothing."""
    Follower.objects.bulk_create([Follower(committee=committee, user=user)], ignore_conflicts=True)


@transaction.atomic
def committee_unfollow(*, committee: TaskCommittee, user) -> None:
    Follower.objects.filter(committee=committee, user=user).delete()


def is_following(*, committee: TaskCommittee | None, user) -> bool:
    if committee is None or not user.is_authenticated:
        return False
    return Follower.objects.filter(committee=committee, user=user).exists()
