"""Light and dark palettes that follow the system's colour scheme.

Native styles (Windows 11, macOS) follow the system themselves; where the platform offers no theme
(plain X11, offscreen, Xvfb) ftpgui uses Fusion with a palette of its own for the scheme the system asks for.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SCHEMES = ("light", "dark")


def blend(top: QColor, bottom: QColor, alpha: float) -> QColor:
    """``alpha`` of ``top`` over ``bottom``, as an opaque colour (cheaper to paint than a translucent one)."""
    return QColor.fromRgbF(
        top.redF() * alpha + bottom.redF() * (1 - alpha),
        top.greenF() * alpha + bottom.greenF() * (1 - alpha),
        top.blueF() * alpha + bottom.blueF() * (1 - alpha),
    )


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(225, 225, 225)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(38, 38, 41),
        QPalette.ColorRole.ToolTipBase: QColor(60, 60, 64),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(140, 140, 140),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(55, 55, 58),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 110, 110),
        QPalette.ColorRole.Light: QColor(75, 75, 78),
        QPalette.ColorRole.Midlight: QColor(62, 62, 65),
        QPalette.ColorRole.Mid: QColor(40, 40, 42),
        QPalette.ColorRole.Dark: QColor(25, 25, 27),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0),
        QPalette.ColorRole.Highlight: QColor(38, 110, 190),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(120, 170, 250),
        QPalette.ColorRole.LinkVisited: QColor(180, 140, 250),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    disabled = QColor(120, 120, 120)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def system_scheme() -> str:
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def apply_scheme(app: QApplication, scheme: Optional[str] = None) -> str:
    """Use ``scheme`` ("light"/"dark"; None: the system's) for the whole application; returns it."""
    scheme = scheme or system_scheme()
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be light or dark, not {scheme!r}")
    if app.style().name().lower() not in ("windows11", "windowsvista", "macos"):
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if scheme == "dark" else light_palette())
    return scheme


def follow_system(app: QApplication) -> None:
    """Apply the system's scheme now and whenever the system switches."""
    apply_scheme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: apply_scheme(app))
