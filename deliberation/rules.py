"""django-rules autodiscovers this module; the permissions live beside the code that uses them."""

from __future__ import annotations

import deliberation.rules_deliverables
import deliberation.rules_records  # noqa: F401
