"""`manage.py check` says when the system libraries PDF documents need are missing (the DOCX needs none)."""

from __future__ import annotations

import ctypes.util

from django.core.checks import Tags, Warning, register

# WeasyPrint loads these through cffi; Debian's packages: libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz0b.
LIBRARIES = ("pango-1.0", "pangoft2-1.0", "harfbuzz")


@register(Tags.compatibility)
def pdf_libraries(app_configs=None, **kwargs) -> list[Warning]:
    missing = [name for name in LIBRARIES if ctypes.util.find_library(name) is None]
    if not missing:
        return []
    return [
        Warning(
            f"Case documents cannot be made as PDF: the system libraries {', '.join(missing)} are missing.",
            hint="On Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
            "fonts-dejavu-core (the Dockerfile and .ci/run do). The DOCX works without them.",
            id="samskab.W010",
        )
    ]
