"""The message log written to a file (a preference, off by default): the lines shown, no password in any
form, 0600 in a 0700 folder, one rotation at the size limit, written off the GUI thread."""

from __future__ import annotations

import base64
import dataclasses
import os
import stat
from urllib.parse import quote

import pytest

from ftpgui import paths
from ftpgui.logfile import FILE_NAME, LogFile
from ftpgui.ui.main_window import MainWindow

from ftpserver import PASSWORD, USER
from guihelpers import close_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui


@pytest.fixture
def config(config, monkeypatch):
    monkeypatch.delenv("FTPGUI_LOG_DIR", raising=False)
    return config


@pytest.fixture
def window(qtbot, config, make_server):  # the server outlives the window
    w = MainWindow()
    w.show()
    qtbot.waitExposed(w)
    yield w
    close_window(qtbot, w)


def secrets() -> list:
    raw = PASSWORD.encode("utf-8")
    return [raw, base64.b64encode(raw), quote(PASSWORD).encode(), PASSWORD.encode("latin-1", "replace")]


def test_log_file_has_the_lines_shown_and_no_password(qtbot, window, make_server, config):
    srv = make_server("127.0.0.1")
    window.apply_preferences(dataclasses.replace(window.prefs, log_to_file=True))
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    window.log.add_error(f"not really: ftp://alice:{PASSWORD}@127.0.0.1:{srv.port}/x")  # an address with a password
    shown = window.log.toPlainText().splitlines()
    window.log.file.flush()
    folder = config / "logs"
    data = (folder / FILE_NAME).read_bytes()
    written = data.decode("utf-8").splitlines()
    assert written[: len(shown)] == shown
    assert any("PASS ****" in line for line in written)
    assert any("LIST" in line or "MLSD" in line for line in written)
    assert any("ftp://alice:****@" in line for line in written)
    for secret in secrets():
        assert secret not in data
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / FILE_NAME).st_mode) == 0o600
    assert window.prefs.log_to_file  # saved: the next start writes the file too


def test_no_file_when_disabled(qtbot, window, make_server, config):
    assert not window.prefs.log_to_file  # off by default
    srv = make_server("127.0.0.1")
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    assert window.log.file is None
    assert not os.path.exists(paths.log_dir())


def test_turning_it_off_stops_the_file(qtbot, window, config):
    window.apply_preferences(dataclasses.replace(window.prefs, log_to_file=True))
    window.log.add_error("first")
    writer = window.log.file
    window.apply_preferences(dataclasses.replace(window.prefs, log_to_file=False))
    window.log.add_error("second")
    assert window.log.file is None
    text = (config / "logs" / FILE_NAME).read_text()  # closed: everything queued was written
    assert "first" in text and "second" not in text
    assert not writer._thread.is_alive()


def test_rotation_at_the_limit(tmp_path):
    log = LogFile(str(tmp_path / "logs"), limit=4096)
    lines = [f"line {i:04d} " + "x" * 80 for i in range(70)]  # about 6.5 KiB: one rotation
    for line in lines:
        log.write([line])
    log.close()
    current = tmp_path / "logs" / FILE_NAME
    older = tmp_path / "logs" / (FILE_NAME + ".1")
    assert older.exists()
    assert older.stat().st_size <= 4096 and current.stat().st_size <= 4096
    assert (older.read_text() + current.read_text()).splitlines() == lines  # nothing lost, in order
    assert stat.S_IMODE(current.stat().st_mode) == 0o600


def test_a_background_tabs_held_back_lines_reach_the_file_they_came_under(qtbot, window, config):
    """Transfer lines wait up to a tenth of a second (``MessageLog.add_lines(soon=True)``); turning the log file
    off puts every tab's in first, the background tab's too, so they reach the file they came under."""
    window.apply_preferences(dataclasses.replace(window.prefs, log_to_file=True))
    first = window.current_tab
    second = window.new_tab()
    assert window.current_tab is second
    first.log.add_lines([("command", "RETR background-file")], soon=True)
    second.log.add_lines([("command", "RETR current-file")], soon=True)
    window.apply_preferences(dataclasses.replace(window.prefs, log_to_file=False))
    data = (config / "logs" / FILE_NAME).read_text()
    assert "background-file" in data and "current-file" in data


def test_help_opens_the_log_folder(qtbot, window, config, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.act_log_folder.trigger()
    assert opened == [str(config / "logs")]
    assert stat.S_IMODE(os.stat(config / "logs").st_mode) == 0o700


def test_preferences_dialog_block(qtbot, config):
    from ftpgui import settings
    from ftpgui.ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(settings.Preferences())
    qtbot.addWidget(dialog)
    assert not dialog.log_to_file.isChecked() and dialog.transfer_type.currentData() == "binary"  # the defaults
    dialog.log_to_file.setChecked(True)
    dialog.log_limit.setValue(12)
    dialog.transfer_type.setCurrentIndex(dialog.transfer_type.findData("auto"))
    dialog.ascii_extensions.setText(" .txt   .ini ")
    dialog.accept()
    prefs = dialog.result_prefs
    assert (prefs.log_to_file, prefs.log_file_limit_mib, prefs.transfer_type, prefs.ascii_extensions) == (
        True,
        12,
        "auto",
        ".txt .ini",
    )
    settings.save(prefs)
    assert settings.load() == prefs


@pytest.mark.parametrize("password", ["pass", "a", "e", "227"])
def test_a_short_password_leaves_the_servers_replies_as_they_were(qtbot, window, make_server, config, password):
    """Found by QA (design note 307): logged in with the password "pass", the log and its file said
    "229 Entering extended ****ive mode" — and so gave the password away. Only PASS's argument is masked by its
    place; a server's text keeps every word of its own ("passive", "password", a reply code "227")."""
    srv = make_server("127.0.0.1")
    srv.handler.authorizer.user_table[USER]["pwd"] = password
    window.apply_preferences(dataclasses.replace(window.prefs, log_to_file=True))
    quick_connect(qtbot, window, srv, password=password)
    wait_listing(qtbot, window, "/")
    window.log.file.flush()
    written = (config / "logs" / FILE_NAME).read_bytes().decode("utf-8").splitlines()
    for lines in (window.log.toPlainText().splitlines(), written):
        assert any(line.endswith("PASS ****") for line in lines)
        assert [line for line in lines if "****" in line and not line.endswith("PASS ****")] == [], lines
        assert any("229 Entering extended passive mode (|||" in line for line in lines), lines
        assert any("331 Username ok, send password." in line for line in lines), lines
