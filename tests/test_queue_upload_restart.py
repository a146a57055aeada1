"""An upload cut off before its first progress report reached the window (Quit, or the app killed): after a
restart the queue continues it as its own, and still asks about a file that was on the server before.

The server makes the file at STOR; here it never sends the 1xx reply the client waits for before it moves a
byte (``no_1xx``), so the queue is held between the command and its first progress for as long as the test
needs."""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from typing import Iterator

from PySide6.QtWidgets import QMessageBox

from ftpgui.transfers.items import DONE, QUEUED, WAITING

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing
from test_queue_kill import PATIENCE, kill_when, running

LONG = 60000  # ms: a safety net on a loaded machine, not a performance limit


@contextmanager
def shown(qtbot) -> Iterator:
    """A window in the test's config folder; closed at the end unless the test has quit it."""
    w = open_window(qtbot)
    try:
        yield w
    finally:
        if w.isVisible():
            close_window(qtbot, w)
        w.deleteLater()


def log_in(qtbot, w) -> None:
    """A window started again: its saved queue asks for the server's password, given as a person types it."""
    qtbot.waitUntil(lambda: w.queue_logins.prompt is not None, timeout=WAIT)
    w.queue_logins.prompt.field.setText(PASSWORD)
    w.queue_logins.prompt.accept()


def quit_anyway(qtbot, w, at_once: bool = False) -> None:
    """File ▸ Quit, answered "Quit Anyway". ``at_once``: with no turn of Qt's event loop in between (what the
    transfers report meanwhile has not reached the window)."""
    w.act_quit.trigger()
    if not at_once:
        qtbot.waitUntil(lambda: isinstance(w.prompt, QMessageBox) and w.prompt.isVisible(), timeout=WAIT)
    assert "Transfers are in progress" in w.prompt.text()
    w.prompt.yes_button.click()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)


def test_an_upload_quit_before_its_first_progress_continues_as_its_own_after_a_restart(
    qtbot, make_server, tmp_path, monkeypatch
):
    """Found in review: its partial file on the server came back as "the target exists" (asked, or skipped by
    the rule), since nothing saved said the queue had begun to write it. A file that was there before is
    still asked about, and left as it was when the person skips it."""
    config = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    srv = make_server("127.0.0.1", no_1xx={"STOR /new.bin": 1})
    with open(srv.path("old.bin"), "wb") as f:
        f.write(b"the server's own file")
    new, old = tmp_path / "new.bin", tmp_path / "old.bin"
    new.write_bytes(os.urandom(300_000))
    old.write_bytes(b"a local file of the same name")

    with shown(qtbot) as w:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        w.request_upload([str(old), str(new)], "/")
        items = {os.path.basename(i.local): i for i in w.queue.model.items()}
        qtbot.waitUntil(lambda: items["old.bin"].state == WAITING, timeout=LONG)  # asked: it was there before
        qtbot.waitUntil(lambda: os.path.exists(srv.path("new.bin")), timeout=LONG)  # made at STOR, nothing sent
        assert items["new.bin"].done == 0 and not items["new.bin"].started  # no progress has reached the window
        quit_anyway(qtbot, w)
    assert os.path.getsize(srv.path("new.bin")) == 0  # the queue's own partial file
    saved = {os.path.basename(i["local"]): i for i in json.loads((config / "queue.json").read_text())["items"]}
    assert saved["new.bin"]["state"] == QUEUED and saved["old.bin"]["state"] == WAITING  # (asked again at the start)

    with shown(qtbot) as w:
        log_in(qtbot, w)
        items = {os.path.basename(i.local): i for i in w.queue.model.items()}
        qtbot.waitUntil(lambda: items["new.bin"].state in (DONE, WAITING), timeout=LONG)
        assert items["new.bin"].state == DONE  # continued as its own, never asked about
        qtbot.waitUntil(lambda: w.queue.pending_question() is not None, timeout=LONG)
        question = w.queue.pending_question()
        assert question.source == str(old) and items["old.bin"].state == WAITING  # asked again: it was there before
        question.answer("skip")
        qtbot.waitUntil(lambda: w.queue.is_idle(), timeout=LONG)
    with open(srv.path("new.bin"), "rb") as f:
        assert f.read() == new.read_bytes()
    with open(srv.path("old.bin"), "rb") as f:
        assert f.read() == b"the server's own file"


def test_quit_saves_what_the_stopped_upload_reports_and_the_restart_continues_from_there(
    qtbot, make_server, tmp_path, monkeypatch
):
    """Quit waits a moment for the stopped jobs' ends: bytes the server took before any progress report reached
    the window are saved as the item's (before, the queue was saved at once and the ends ignored), and the
    next start continues from them."""
    config = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    srv = make_server("127.0.0.1", throttle=64 * 1024, no_1xx={"STOR /up.bin": 1})
    source = tmp_path / "up.bin"
    # at 64 KiB/s, minutes: never all in the sockets' buffers (the job is still sending when Quit comes: a job
    # that has sent its last byte waits for the server's reply, which Quit's cancel cuts short — note 146)
    source.write_bytes(os.urandom(32 << 20))

    with shown(qtbot) as w:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        w.queue.exit_wait_s = LONG / 1000  # (a safety net: the wait ends as the job's end comes in)
        w.request_upload([str(source)], "/")
        item = w.queue.model.items()[0]
        qtbot.waitUntil(lambda: os.path.exists(srv.path("up.bin")), timeout=LONG)  # STOR sent, its 1xx held back
        # from here this thread does not return to Qt until Quit: what the transfer reports waits for the window
        srv.send_held_replies()
        deadline = time.monotonic() + PATIENCE
        while not os.path.getsize(srv.path("up.bin")):
            assert time.monotonic() < deadline, "no byte reached the server"
            time.sleep(0.01)
        assert item.done == 0 and not item.started
        quit_anyway(qtbot, w, at_once=True)
    (saved,) = json.loads((config / "queue.json").read_text())["items"]
    assert saved["state"] == QUEUED and saved["started"] and saved["done"] > 0, saved
    reached = os.path.getsize(srv.path("up.bin"))

    srv.handler.dtp_handler.read_limit = 0  # the second run need not wait
    with shown(qtbot) as w:
        log_in(qtbot, w)
        item = w.queue.model.items()[0]
        qtbot.waitUntil(lambda: item.state in (DONE, WAITING), timeout=LONG)
        assert item.state == DONE
    with open(srv.path("up.bin"), "rb") as f:
        assert f.read() == source.read_bytes()
    rests = [int(c.split()[1]) for c in srv.record.commands if c.startswith("REST ")]
    assert rests and rests[-1] == reached  # continued where the server's file ended


def saved_items(store):
    try:
        with open(store) as f:
            return json.load(f)["items"]
    except (OSError, ValueError, KeyError):
        return []


def test_an_upload_killed_before_its_first_progress_continues_as_its_own_after_a_restart(make_server, tmp_path):
    """The app killed (SIGKILL: nothing of it runs at the end) between STOR and the first progress: the
    restarted queue sends the file, with no question about its own partial file."""
    srv = make_server("127.0.0.1", no_1xx={"STOR /up.bin": 1})
    source = tmp_path / "up.bin"
    source.write_bytes(os.urandom(300_000))
    store = str(tmp_path / "config" / "queue.json")
    base = [store, srv.host, str(srv.port), USER]

    with running([*base, "--upload", str(source), "/"], tmp_path) as proc:
        kill_when(proc, lambda: saved_items(store) and os.path.exists(srv.path("up.bin")))
    assert os.path.getsize(srv.path("up.bin")) == 0
    assert not saved_items(store)[0]["started"]  # the saved queue alone cannot tell

    with running(base, tmp_path) as proc:
        out, err = proc.communicate(timeout=PATIENCE)
    # (an "exists" question, which nobody answers here: "idle waiting")
    assert proc.returncode == 0 and "idle done" in out, (out, err)
    with open(srv.path("up.bin"), "rb") as f:
        assert f.read() == source.read_bytes()
