"""An expected "no" is not shown as an error: SIZE before a new upload answers 550, and that is normal."""

from __future__ import annotations

import os

import pytest

from ftpgui.ftp import CommandSent, ReplyReceived
from ftpgui.ui.message_log import MessageLog

from guihelpers import WAIT, close_window, filled_server, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("command", "code", "kind"),
    [
        ("SIZE new.txt", 550, "reply"),  # the file is not there yet: the answer to the question asked
        ("MDTM new.txt", 550, "reply"),
        ("SIZE big.iso", 500, "error"),  # not understood: an error
        ("RETR gone.txt", 550, "error"),  # a transfer that cannot happen is an error
        ("DELE x", 550, "error"),
    ],
)
def test_a_550_is_an_error_unless_it_answers_a_question(qtbot, command, code, kind):
    log = MessageLog()
    qtbot.addWidget(log)
    log.add_events([CommandSent(7, text=command), ReplyReceived(7, code=code, lines=(f"{code} No.",))])
    assert log.lines[-1] == (kind, f"{code} No.")


def test_a_new_upload_logs_no_error(qtbot, tmp_path, monkeypatch, make_server):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = filled_server(make_server)
    w = open_window(qtbot)
    try:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        local = tmp_path / "local"
        local.mkdir()
        (local / "fresh.txt").write_bytes(b"new" * 100)
        w.request_upload([str(local / "fresh.txt")], "/")
        qtbot.waitUntil(lambda: os.path.exists(srv.path("fresh.txt")), timeout=WAIT)
        qtbot.waitUntil(lambda: os.path.getsize(srv.path("fresh.txt")) == 300, timeout=WAIT)
        qtbot.waitUntil(lambda: any(text.startswith("226") for _kind, text in w.log.lines), timeout=WAIT)
        assert "SIZE" in srv.record.verbs()  # the question was asked (and answered 550)
        errors = [text for kind, text in w.log.lines if kind == "error"]
        assert errors == []
    finally:
        close_window(qtbot, w)
