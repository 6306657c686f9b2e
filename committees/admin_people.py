"""The people page (accounts' own admin) registered again one floor up: removing a Politician or
Facilitator role there also ends that person's seats of that kind (committees.memberships), and staff
are told which. accounts knows nothing of committees; committees/admin.py imports this module."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import ngettext

from accounts.admin import UserAdmin as AccountsUserAdmin
from accounts.models import User
from committees.memberships import official_roles_set

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(AccountsUserAdmin):
    def roles_save(self, request, user: User, *, groups, is_staff: bool, is_superuser: bool) -> None:
        result = official_roles_set(
            user=user, by=request.user, groups=groups, is_staff=is_staff, is_superuser=is_superuser
        )
        self.message_role_change(request, user, result.change)
        if result.ended:
            committees = ", ".join(sorted({m.committee.name for m in result.ended}))
            messages.warning(
                request,
                ngettext(
                    "%(person)s's seat on the committee %(committees)s has ended.",
                    "%(person)s's seats on %(count)d committees have ended: %(committees)s.",
                    len(result.ended),
                )
                % {"person": user, "count": len(result.ended), "committees": committees},
            )
