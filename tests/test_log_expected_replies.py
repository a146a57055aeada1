"""An expected "no" is not shown as an error: SIZE before a new upload answers 550, and that is normal."""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def connected(qtbot, tmp_path, monkeypatch, srv):
    """The real window, quick-connected to ``srv`` and showing its root; a local folder for transfers."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = open_window(qtbot)
    try:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        local = tmp_path / "local"
        local.mkdir()
        yield w, local
    finally:
        close_window(qtbot, w)


def test_a_new_upload_logs_no_error(qtbot, tmp_path, monkeypatch, make_server):
    srv = filled_server(make_server)
    with connected(qtbot, tmp_path, monkeypatch, srv) as (w, local):
        (local / "fresh.txt").write_bytes(b"new" * 100)
        w.request_upload([str(local / "fresh.txt")], "/")
        qtbot.waitUntil(lambda: os.path.exists(srv.path("fresh.txt")), timeout=WAIT)
        qtbot.waitUntil(lambda: os.path.getsize(srv.path("fresh.txt")) == 300, timeout=WAIT)
        qtbot.waitUntil(lambda: any(text.startswith("226") for _kind, text in w.log.lines), timeout=WAIT)
        assert "SIZE" in srv.record.verbs()  # the question was asked (and answered 550)
        errors = [text for kind, text in w.log.lines if kind == "error"]
        assert errors == []


def test_the_426_that_answers_abor_is_no_error(qtbot):
    """Cancelling a download sends ABOR (and NOOP): the server's 426 for the stopped transfer is the answer
    asked for (found by hand: it showed in red, as "Error: 426 Transfer aborted"). A 426 nobody asked for, or
    one after ABOR's own reply, is still an error, as is a refused ABOR."""
    log = MessageLog()
    qtbot.addWidget(log)
    log.add_events(
        [
            CommandSent(3, text="ABOR"),
            CommandSent(3, text="NOOP"),
            ReplyReceived(3, code=426, lines=("426 Transfer aborted.",)),
            ReplyReceived(3, code=226, lines=("226 ABOR successful.",)),
            ReplyReceived(3, code=200, lines=("200 NOOP ok.",)),
            ReplyReceived(3, code=426, lines=("426 Connection closed.",)),  # ABOR answered: an error again
            ReplyReceived(4, code=426, lines=("426 Broken.",)),  # another connection, no ABOR
            CommandSent(5, text="ABOR"),
            ReplyReceived(5, code=500, lines=("500 Unknown command.",)),
            ReplyReceived(5, code=426, lines=("426 Late.",)),
        ]
    )
    kinds = {text: kind for kind, text in log.lines}
    assert kinds["426 Transfer aborted."] == "reply"
    assert kinds["226 ABOR successful."] == "reply"
    assert kinds["426 Connection closed."] == "error"
    assert kinds["426 Broken."] == "error"
    assert kinds["500 Unknown command."] == "error"
    assert kinds["426 Late."] == "error"


def test_a_cancelled_download_logs_no_error(qtbot, tmp_path, monkeypatch, make_server):
    """The window's whole path: a slow download cancelled in the queue; the log has the 426, not as an error."""
    srv = make_server("127.0.0.1", throttle=128 * 1024)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(4 << 20))
    with connected(qtbot, tmp_path, monkeypatch, srv) as (w, local):
        w.request_download([("/big.bin", False, 4 << 20)], str(local))
        qtbot.waitUntil(lambda: any(item.done > 0 for item in w.queue.model.items()), timeout=WAIT)
        w.queue.cancel([item.id for item in w.queue.model.items()])
        qtbot.waitUntil(lambda: "ABOR" in srv.record.verbs(), timeout=WAIT)
        qtbot.waitUntil(lambda: any(text.startswith("426") for _kind, text in w.log.lines), timeout=WAIT)
        qtbot.waitUntil(lambda: any("ABOR" in text and text[:1] == "2" for _kind, text in w.log.lines), timeout=WAIT)
        errors = [text for kind, text in w.log.lines if kind == "error"]
        assert errors == []
        assert not (local / "big.bin").exists()
