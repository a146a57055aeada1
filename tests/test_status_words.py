"""What a person reads in the status bar and the queue's State column (design note 225, found by QA): a
restored queue's totals while it waits for a password, an error that a later success made stale, and the
words of a cancelled or incomplete upload."""

from __future__ import annotations

import pytest

from ftpgui.ui.dialogs import PasswordDialog

from ftpserver import PASSWORD
from guihelpers import WAIT, close_window, open_window, save_queued_upload


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(folder))
    return folder


@pytest.mark.gui
def test_a_restored_queue_waiting_for_its_password_shows_its_totals(qtbot, config, make_server, tmp_path):
    """The status bar's totals were empty until the queue next changed: the window heard only later totals."""
    srv = make_server()
    local = tmp_path / "report.bin"
    local.write_bytes(b"x" * 3000)
    save_queued_upload(config, srv, str(local), "/report.bin")
    w = open_window(qtbot)
    try:
        qtbot.waitUntil(lambda: isinstance(w.queue_logins.prompt, PasswordDialog), timeout=WAIT)
        assert w.totals_label.text().startswith("1 queued, ")
        w.queue_logins.prompt.field.setText(PASSWORD)
        w.queue_logins.prompt.accept()
        qtbot.waitUntil(lambda: w.totals_label.text() == "", timeout=WAIT)  # (uploaded: nothing left)
    finally:
        close_window(qtbot, w)
