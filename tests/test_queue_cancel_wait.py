"""A cancel — the queue's Cancel, or Quit — cuts short an upload's wait for the server's reply.

Found in review: a job waiting on the control connection (a server that never answers STOR, or never sends the
226 after the last byte) went on waiting for the session's whole timeout whatever the person did. Cancel left
the item running, and when the timeout came it was retried as a lost connection; Quit waited its 2 s for the
job's end, then up to 3 s more per connection with the window's thread blocked (``conn.wait``). Now the cancel
hangs up the control connection under that wait (from the connection's own thread or process, never the
window's), the job ends at once as cancelled, and the partial upload stays the queue's own: Retry, or the next
start, continues it without asking about "the target exists".

The server holds the reply back for as long as the test runs (``no_1xx``: the 150 to STOR, the file made;
``no_226``: the final reply, the file complete), and the sessions' timeout is 600 s: on the old code the job's
end never comes within the tests' safety nets."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from test_queue_upload_restart import LONG, log_in, quit_anyway, shown

from ftpgui import settings
from ftpgui.ftp import ControlClosed
from ftpgui.transfers.items import ACTIVE, CANCELLED, DONE, QUEUED, WAITING
from ftpgui.ui.queue_view import GROUPS

from guihelpers import quick_connect, wait_listing

HOLD = {"stor": "no_1xx", "final": "no_226"}  # which reply the server holds back: STOR's 150, or the 226


@pytest.fixture(params=["process", "thread"])
def kind(request) -> str:
    """The queue's transfer connections: processes (Linux's default) or threads (elsewhere)."""
    return request.param


@pytest.fixture(params=sorted(HOLD))
def held(request) -> str:
    return request.param


@pytest.fixture
def config(config):
    """The window's config folder, its sessions' timeout 600 s (far beyond the tests' safety nets)."""
    settings.save(settings.Preferences(timeout=600))
    return config


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "up.bin"
    path.write_bytes(os.urandom(300_000))
    return path


def landed_whole(srv, source) -> bool:
    with open(srv.path("up.bin"), "rb") as f:
        return f.read() == source.read_bytes()


def start_upload(qtbot, w, make_server, source, kind: str, held: str):
    """Connect, upload ``source`` to a server that holds the reply back, and wait until it holds it."""
    srv = make_server("127.0.0.1", **{HOLD[held]: {"STOR /up.bin": 1}})
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.queue.transfer_processes = kind == "process"
    w.request_upload([str(source)], "/")
    qtbot.waitUntil(lambda: srv.holding() == 1, timeout=LONG)  # STOR made the file / the last byte arrived
    if held == "final":
        assert os.path.getsize(srv.path("up.bin")) == source.stat().st_size
    return srv, w.queue.model.items()[0]


def click(qtbot, w, group: str, button: str) -> None:
    """Select the first row of a tab of the queue panel and click one of its buttons, as a person does."""
    view = w.queue_view
    view.tabs.setCurrentIndex(GROUPS.index(group))
    view.tables[group].selectRow(0)
    qtbot.mouseClick(view.findChild(QPushButton, f"queue-button-{button}"), Qt.MouseButton.LeftButton)


def test_cancel_cuts_short_the_wait_for_the_servers_reply_and_retry_continues(
    qtbot, make_server, config, source, kind, held
):
    with shown(qtbot) as w:
        srv, item = start_upload(qtbot, w, make_server, source, kind, held)
        click(qtbot, w, "queued", "cancel")
        qtbot.waitUntil(lambda: item.state not in (ACTIVE, QUEUED), timeout=LONG)  # the job's end
        assert item.state == CANCELLED, (item.state, item.error)  # (before: retried, 600 s on, as a lost connection)
        assert "waiting for the server's reply" in item.error
        assert srv.holding() == 1  # it ended while the server still held the reply: the cancel cut the wait
        click(qtbot, w, "cancelled", "retry")
        qtbot.waitUntil(lambda: item.state in (DONE, WAITING), timeout=LONG)
        assert item.state == DONE  # the queue's own partial (or whole) file: continued, never asked about
    assert landed_whole(srv, source)


def test_quit_cuts_short_the_wait_for_the_servers_reply_and_the_restart_continues(
    qtbot, make_server, config, source, kind, held
):
    with shown(qtbot) as w:
        srv, item = start_upload(qtbot, w, make_server, source, kind, held)
        w.queue.exit_wait_s = LONG / 1000  # (a safety net: the wait ends as the job's end comes in)
        ends = []
        browser = w.browser.connection_id

        def heard(events) -> None:
            ends.extend(e.reason for e in events if isinstance(e, ControlClosed) and e.connection_id != browser)

        w.queue.eventsArrived.connect(heard)
        quit_anyway(qtbot, w)
        # the transfer connection was hung up for the cancel, and the window heard so before it closed: Quit's
        # wait ended with the job's end, not by its deadline (the old code waited it out, then 3 s more per
        # connection with the window's thread blocked)
        assert ends == ["cancelled"]
        assert srv.holding() == 1
        assert item.state == QUEUED and item.started  # saved to be continued as the queue's own

    with shown(qtbot) as w:
        log_in(qtbot, w)
        item = w.queue.model.items()[0]
        qtbot.waitUntil(lambda: item.state in (DONE, WAITING), timeout=LONG)
        assert item.state == DONE  # continued as its own, never asked about
    assert landed_whole(srv, source)
