"""The floors of the house (docs/architecture.md), written once.

An app uses only apps on lower floors: imports, template includes, template tags and `reverse()` names
all point down. Apps on one floor stay apart, except where `SAME_FLOOR` draws an arrow. `config` and
`demo` stand outside: they may name every app.
tests/test_floors.py walks the code and the templates against this table. It lives with the tests so that
no app names the apps above it, not even here.
"""

from __future__ import annotations

FLOORS: dict[str, int] = {
    "accounts": 1,
    "notifications": 1,
    "audit": 1,
    "core": 1,
    "mandates": 2,
    "committees": 3,
    "recruitment": 4,
    "deliberation": 4,
    "consultations": 4,
    "case_documents": 4,
    "portal": 5,
    "api": 5,
}

# (user, used) pairs on one floor that may meet, each an arrow drawn in docs/architecture.md.
SAME_FLOOR: frozenset[tuple[str, str]] = frozenset(
    {
        # The outbox writes to a User; a User's services log to the audit trail.
        ("notifications", "accounts"),
        ("accounts", "audit"),
        # The signed-in person is kept under core's counter of committed writes.
        ("accounts", "core"),
        # Consultations put the draft's sections before the public, through deliberation's selectors.
        ("consultations", "deliberation"),
        # The case document carries the deliverable and the consultations' "what we heard".
        ("case_documents", "deliberation"),
        ("case_documents", "consultations"),
    }
)

# Outside the floors: settings, URLs and the site's frame may name every app; demo data uses them all.
OUTSIDE = frozenset({"config", "demo"})


def may_use(user: str, used: str) -> bool:
    """Whether `user` may import, include, load or link to `used`."""
    if user == used or user in OUTSIDE:
        return True
    if used in OUTSIDE or user not in FLOORS or used not in FLOORS:
        return used not in OUTSIDE
    if FLOORS[used] < FLOORS[user]:
        return True
    return FLOORS[used] == FLOORS[user] and (user, used) in SAME_FLOOR
