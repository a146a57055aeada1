"""Jobs for a transfer process that report on the process itself (kept apart from the test modules, which
import Qt: unpickling a job imports the module it lives in)."""

from __future__ import annotations

import sys

GUI_MODULES = ("PySide6", "shiboken6", "shibokensupport", "ftpgui.app")


def gui_loaded(session) -> list:
    """The app's GUI modules this process has loaded (none, in a transfer process)."""
    return sorted(name for name in GUI_MODULES if name in sys.modules)
