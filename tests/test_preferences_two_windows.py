"""A Preferences dialog open in one main window while another window saves its preferences (note 418). Found by
QA: the open dialog went on showing the values it was opened with, and its OK wrote them over the newer ones
the other window had saved (note 396 shares a save among the open windows, not with an open dialog). Now the
dialog shows what the other window saved in every field the person has not changed in it; a field changed
there keeps the person's value. Two real windows, their real Preferences dialogs, the settings file read back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from ftpgui import settings
from ftpgui.ui.preferences_dialog import PreferencesDialog

from guihelpers import WAIT, close_window, open_window

pytestmark = pytest.mark.gui


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(folder))
    return folder


def preferences_of(qtbot, w) -> PreferencesDialog:
    w.act_preferences.trigger()  # Edit ▸ Preferences…
    qtbot.waitUntil(lambda: isinstance(w.prompt, PreferencesDialog) and w.prompt.isVisible(), timeout=WAIT)
    return w.prompt


def ok(qtbot, w, dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: w.prompt is None, timeout=WAIT)


def test_an_open_preferences_dialog_takes_what_another_window_saved(qtbot, config):
    first, second = open_window(qtbot), open_window(qtbot)
    try:
        mine = preferences_of(qtbot, first)
        mine.show_hidden.setChecked(True)  # the person's change in the first window's dialog
        mine.exists.setCurrentIndex(mine.exists.findData("skip"))
        theirs = preferences_of(qtbot, second)
        theirs.timeout.setValue(77)
        theirs.connections.setValue(5)
        theirs.exists.setCurrentIndex(theirs.exists.findData("overwrite"))
        ok(qtbot, second, theirs)
        saved = settings.load(str(config / settings.FILE_NAME))
        assert (saved.timeout, saved.transfer_connections, saved.exists_default) == (77.0, 5, "overwrite")
        # the open dialog shows the other window's values where the person changed nothing
        assert mine.timeout.value() == 77 and mine.connections.value() == 5
        assert mine.show_hidden.isChecked() and mine.exists.currentData() == "skip"  # the person's stay
        ok(qtbot, first, mine)
        saved = settings.load(str(config / settings.FILE_NAME))
        assert (saved.timeout, saved.transfer_connections) == (77.0, 5)  # not written back to 30 s and 2
        assert saved.show_hidden and saved.exists_default == "skip"
        assert second.prefs.timeout == 77.0 and second.prefs.show_hidden  # (one set for the process: note 396)
    finally:
        close_window(qtbot, first)
        close_window(qtbot, second)
