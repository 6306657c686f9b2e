"""django-rules autodiscovers this module; the permissions live beside the code that uses them."""

from __future__ import annotations

import deliberation.deliverables.rules
import deliberation.records.rules  # noqa: F401
