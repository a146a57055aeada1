"""Light and dark palettes: the application follows the scheme it is given (the system's by default)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from ftpgui.ui.theme import apply_scheme, dark_palette, system_scheme

pytestmark = pytest.mark.gui


def test_dark_and_light_schemes(qapp):
    before = qapp.palette()
    try:
        assert apply_scheme(qapp, "dark") == "dark"
        assert qapp.palette().color(QPalette.ColorRole.Window) == dark_palette().color(QPalette.ColorRole.Window)
        assert qapp.palette().color(QPalette.ColorRole.Base).lightness() < 64
        assert qapp.palette().color(QPalette.ColorRole.Text).lightness() > 192
        apply_scheme(qapp, "light")
        assert qapp.palette().color(QPalette.ColorRole.Base).lightness() > 192
        assert apply_scheme(qapp) == system_scheme()
        with pytest.raises(ValueError, match="light or dark"):
            apply_scheme(qapp, "purple")
    finally:
        qapp.setPalette(before)
