"""An upload the person chose to write over a file already on the server (Overwrite, or Newer), cut off
before its STOR went out: the server's file is still the one that was there, not a partial upload.

Found in review: the queue took it for its own partial file. The job's note (``queue.json.writing``, design
note 143) is written before TYPE, EPSV and STOR, and a Cancel that came before STOR counted as "may have
written": the item was marked started with the old file's size, so Retry — or the next start, after a Quit or
a kill — continued it with APPE onto the other file (a mix of the two), or found it "done" when the sizes
matched, the old content left in place. Now such an attempt is "from zero": unless it moved bytes, its retry
and its restart write the target again from the first byte, without asking again (design note 148).

The server holds back its reply to EPSV (``no_reply``): the job waits before its data connection, with the
note made and STOR not sent, for as long as the test needs."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt
from test_queue_cancel_wait import click
from test_queue_upload_restart import LONG, log_in, quit_anyway, saved_items, shown

from ftpgui import settings
from ftpgui.transfers.items import CANCELLED, DONE, QUEUED, WAITING
from ftpgui.transfers.model import COL_STATE
from ftpgui.ui.exists_dialog import ExistsDialog

from ftpserver import USER
from guihelpers import quick_connect, wait_listing
from test_queue_kill import PATIENCE, kill_when, running

HOLD = {"EPSV": 1, "PASV": 1}  # (the data connection's set-up the transfer connection uses, whichever)
OLD = os.urandom(300_000)  # the server's own file


@pytest.fixture(params=["shorter", "same-size"])
def old_size(request) -> int:
    """The server's file shorter than the local one (the old code appended the rest to it) or as long (the
    old code called the upload done, the server's file unchanged)."""
    return 100_000 if request.param == "shorter" else len(OLD)


@pytest.fixture
def config(config):
    settings.save(settings.Preferences(timeout=600))  # (no wait of the test's runs out the session's timeout)
    return config


def on_server(srv) -> bytes:
    with open(srv.path("up.bin"), "rb") as f:
        return f.read()


def upload_over(qtbot, w, make_server, tmp_path, old_size: int, answer: str):
    """A server with /up.bin, the local up.bin uploaded over it (``answer`` to "the target exists", clicked in
    its dialog), held back before STOR: returns the server, the item and the local file's bytes."""
    hold: dict = {}
    srv = make_server("127.0.0.1", no_reply=hold)
    with open(srv.path("up.bin"), "wb") as f:
        f.write(OLD[:old_size])
    os.utime(srv.path("up.bin"), (1e9, 1e9))  # (older than the local file: "Newer" replaces it)
    local = tmp_path / "up.bin"
    data = os.urandom(300_000)
    local.write_bytes(data)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    hold.update(HOLD)  # (from here: the browsing connection has listed the folder)
    w.request_upload([str(local)], "/")
    qtbot.waitUntil(lambda: w.queue_view.findChild(ExistsDialog) is not None, timeout=LONG)
    dialog = w.queue_view.findChild(ExistsDialog)
    dialog.buttons[answer].click()
    qtbot.mouseClick(dialog.box.button(dialog.box.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: srv.holding() == 1, timeout=LONG)  # the job waits for EPSV's answer: STOR unsent
    (item,) = w.queue.model.items()
    return srv, item, data


@pytest.mark.parametrize("answer", ["overwrite", "newer"])
def test_an_overwrite_cancelled_before_stor_is_retried_from_the_first_byte(
    qtbot, make_server, tmp_path, config, old_size, answer
):
    with shown(qtbot) as w:
        srv, item, data = upload_over(qtbot, w, make_server, tmp_path, old_size, answer)
        click(qtbot, w, "queued", "cancel")
        # the cancel reaches the transfer connection while it waits for EPSV's answer: it hangs up under the
        # wait, and STOR is never sent (the held answer let go only after: let go before, a transfer process
        # slow to read its pipe on a loaded machine went on to STOR first — the cancel then came after it)
        qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
        srv.send_held_replies()
        assert not any(c.startswith(("STOR", "APPE")) for c in srv.record.commands)
        assert on_server(srv) == OLD[:old_size]
        assert not item.started and item.server_size is None, (item.started, item.server_size)
        assert "Incomplete" not in w.queue.model.cell_text(item, COL_STATE)  # (the old file's size is no progress)
        click(qtbot, w, "cancelled", "retry")
        qtbot.waitUntil(lambda: item.state in (DONE, WAITING), timeout=LONG)
        assert item.state == DONE  # not asked again: the person's answer stands
    assert on_server(srv) == data  # (before: the old file with the rest appended, or the old file "done")
    assert not any(c.startswith("APPE") for c in srv.record.commands)


def test_an_overwrite_quit_before_stor_writes_from_the_first_byte_after_a_restart(
    qtbot, make_server, tmp_path, config, old_size
):
    with shown(qtbot) as w:
        srv, item, data = upload_over(qtbot, w, make_server, tmp_path, old_size, "overwrite")
        w.queue.exit_wait_s = 0.5  # (the job waits for EPSV's answer, which no cancel cuts: Quit goes on without it)
        quit_anyway(qtbot, w)
    (saved,) = json.loads((config / "queue.json").read_text())["items"]
    assert saved["state"] == QUEUED and not saved["started"] and saved["choice"] == "overwrite", saved
    srv.send_held_replies()

    with shown(qtbot) as w:
        log_in(qtbot, w)
        (item,) = w.queue.model.items()
        qtbot.waitUntil(lambda: item.state in (DONE, WAITING), timeout=LONG)
        assert item.state == DONE  # not asked about: the person's answer was Overwrite
    assert on_server(srv) == data


def test_an_overwrite_killed_before_stor_writes_from_the_first_byte_after_a_restart(make_server, tmp_path, monkeypatch):
    """The app killed (SIGKILL) after the job noted its target and before STOR: the restart neither continues
    the server's file as the queue's own nor asks about it again."""
    hold = dict(HOLD)
    srv = make_server("127.0.0.1", no_reply=hold)
    with open(srv.path("up.bin"), "wb") as f:
        f.write(OLD[:100_000])
    source = tmp_path / "up.bin"
    source.write_bytes(os.urandom(300_000))
    store = tmp_path / "config" / "queue.json"
    base = [str(store), srv.host, str(srv.port), USER]
    notes = tmp_path / "config" / "queue.json.writing"

    def ready() -> bool:  # (and the saved queue holds the item: a restart with none would wait for nothing)
        return srv.holding() == 1 and notes.exists() and notes.stat().st_size > 0 and bool(saved_items(str(store)))

    monkeypatch.setenv("FTPGUI_EXISTS", "overwrite")  # (the Preferences' "When a file exists": Overwrite)
    with running([*base, "--upload", str(source), "/"], tmp_path) as proc:
        monkeypatch.delenv("FTPGUI_EXISTS")
        kill_when(proc, ready)
    assert not any(c.startswith(("STOR", "APPE")) for c in srv.record.commands)
    hold.clear()  # (the restart's replies all come)

    with running(base, tmp_path) as proc:  # (no rule now: a question would leave it waiting; killed if it does)
        out, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 0 and out.splitlines()[-1] == "idle done", (out, err)
    assert on_server(srv) == source.read_bytes()  # (before: 100,000 old bytes and the local file's rest)
