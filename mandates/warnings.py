"""The unusual, which staff should see but may keep: warnings, never errors."""

from __future__ import annotations

from django.utils.translation import gettext as _

from mandates.models import Mandate

TYPICAL_PROFILES = range(5, 16)
LONGEST_TYPICAL_DAYS = 366
TYPICAL_COMPOSITION = {
    "politicians_target": (3, 7),
    "citizens_target": (6, 15),
    "administrators_target": (2, 5),
}


def mandate_warnings(mandate: Mandate) -> list[str]:
    warnings = []
    profiles = mandate.profiles.count()
    if profiles and profiles not in TYPICAL_PROFILES:
        warnings.append(
            _("The mandate has %(count)d competence profiles; about ten (5 to 15) is usual.")
            % {"count": profiles}
        )
    if (
        mandate.starts_on
        and mandate.ends_on
        and (mandate.ends_on - mandate.starts_on).days > LONGEST_TYPICAL_DAYS
    ):
        warnings.append(_("The time frame is longer than 12 months."))
    labels = {
        "politicians_target": _("politicians"),
        "citizens_target": _("citizens"),
        "administrators_target": _("administrators"),
    }
    for field, (low, high) in TYPICAL_COMPOSITION.items():
        value = getattr(mandate, field)
        if not low <= value <= high:
            warnings.append(
                _("%(count)d %(who)s is far from the usual composition (%(low)d to %(high)d).")
                % {"count": value, "who": labels[field], "low": low, "high": high}
            )
    return warnings
