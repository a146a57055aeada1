"""The GUI starts and its window is titled "ftpgui"."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ftpgui import __version__
from ftpgui.app import build_window


@pytest.mark.gui
def test_main_window_title(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path))  # the window remembers its layout there
    window = build_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle().startswith("ftpgui")
    assert window.store is not None and window.act_site_manager.isEnabled()


@pytest.mark.gui
def test_a_damaged_sites_file_is_reported_not_fatal(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path))
    (tmp_path / "sites.json").write_text("{not json")
    window = build_window()
    qtbot.addWidget(window)
    assert "not valid JSON" in window.log.lines[-1][1]


def test_version_flag():
    proc = subprocess.run([sys.executable, "-m", "ftpgui", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"ftpgui {__version__}"


@pytest.mark.gui
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_language_preference_is_installed(qapp, tmp_path, monkeypatch, language):
    from PySide6.QtCore import QCoreApplication

    from ftpgui import i18n
    from ftpgui.app import install_language

    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    translator, problem = install_language(qapp, language)
    try:
        assert problem == ""
        assert (translator is None) == (language == "en")
        if translator is not None:
            text = "The server refused active mode; some servers disable it."
            assert QCoreApplication.translate("explain", text) != text
    finally:
        i18n.uninstall(qapp, translator)
