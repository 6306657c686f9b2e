"""Where the browser tests find Chromium and how they start it: Debian's package, never a downloaded one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))

# --no-sandbox: CI runs as root. The rest stop Chromium reaching for Google's services on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def why_browser_tests_cannot_run() -> str | None:
    """None when Chromium and Playwright are here; otherwise the reason, printed with the skip."""
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        found = shutil.which("chromium")
        return f"Chromium not found at {CHROMIUM}{f' (but at {found}: set CHROMIUM)' if found else ''}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make test installs it)"
    return None
