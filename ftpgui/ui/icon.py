"""The application icon: here, not in ``about``, so the first window sets it without loading the About box's
widgets (design note 229)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICON = Path(__file__).resolve().parent.parent.parent / "resources" / "icons" / "ftpgui.svg"


def app_icon() -> QIcon:
    """The application icon (scalable), for the About box and for ``QApplication.setWindowIcon``."""
    return QIcon(str(ICON))
