"""What people read for an action name. Each app registers its own actions from ``AppConfig.ready``, so the
trail itself names no app above it."""

from __future__ import annotations

from django.utils.functional import Promise

_LABELS: dict[str, str | Promise] = {}


def register(labels: dict[str, str | Promise]) -> None:
    """Name actions as ``"<noun>.<verb>"``: ``{"membership.ended": _("Membership ended")}``."""
    _LABELS.update(labels)


def action_label(action: str) -> str | Promise:
    return _LABELS.get(action, action)


def registered_actions() -> dict[str, str | Promise]:
    return dict(_LABELS)
