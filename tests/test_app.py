"""The GUI starts and its window is titled "ftpgui"."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ftpgui import __version__
from ftpgui.app import build_window


@pytest.mark.gui
def test_main_window_title(qtbot):
    window = build_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle().startswith("ftpgui")


def test_version_flag():
    proc = subprocess.run([sys.executable, "-m", "ftpgui", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"ftpgui {__version__}"
