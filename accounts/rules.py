"""Named predicates for the roles; the domain apps combine them with object and phase."""

from __future__ import annotations

import rules

from accounts import roles

is_council_staff = rules.predicate(roles.is_council_staff, name="is_council_staff")
is_politician = rules.predicate(lambda user: roles.has_role(user, roles.POLITICIAN), name="is_politician")
is_facilitator = rules.predicate(lambda user: roles.has_role(user, roles.FACILITATOR), name="is_facilitator")
is_official = rules.predicate(roles.is_official, name="is_official")
