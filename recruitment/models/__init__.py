"""Calls for citizens, their applications, the politicians' ratings, the confirmed selection, invitations
and reserves, decisions about seats, and the log of every export of applicants' data."""

from recruitment.models.applications import (
    EXPERIENCE_MAX,
    MOTIVATION_MAX,
    Application,
    ApplicationChoice,
    ApplicationEvent,
    Rating,
    new_reference,
)
from recruitment.models.calls import POSTAL_CODE, Call, default_postal_codes
from recruitment.models.selection import ExportLog, Invitation, Placement, SeatDecision, Selection

__all__ = [
    "EXPERIENCE_MAX",
    "MOTIVATION_MAX",
    "POSTAL_CODE",
    "Application",
    "ApplicationChoice",
    "ApplicationEvent",
    "Call",
    "ExportLog",
    "Invitation",
    "Placement",
    "Rating",
    "SeatDecision",
    "Selection",
    "default_postal_codes",
    "new_reference",
]
