"""Following a committee: who hears about its decision. Recruitment makes applicants followers;
anyone signed in can follow or stop following from the committee page."""

from __future__ import annotations

from django.db import transaction

from committees.models import Follower, TaskCommittee


@transaction.atomic
def committee_follow(*, committee: TaskCommittee, user) -> Follower:
    follower, _created = Follower.objects.get_or_create(committee=committee, user=user)
    return follower


@transaction.atomic
def committee_unfollow(*, committee: TaskCommittee, user) -> None:
    Follower.objects.filter(committee=committee, user=user).delete()


def is_following(*, committee: TaskCommittee | None, user) -> bool:
    if committee is None or not user.is_authenticated:
        return False
    return Follower.objects.filter(committee=committee, user=user).exists()
