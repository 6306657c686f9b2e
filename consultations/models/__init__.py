"""The consultations app's data: consultations and contributions, dialogue meetings and registrations."""

from consultations.models.consultation import (
    CONTRIBUTION_MAX,
    Consultation,
    ConsultationItem,
    Contribution,
    Tag,
)
from consultations.models.dialogue import DialogueMeeting, Registration

__all__ = [
    "CONTRIBUTION_MAX",
    "Consultation",
    "ConsultationItem",
    "Contribution",
    "DialogueMeeting",
    "Registration",
    "Tag",
]
