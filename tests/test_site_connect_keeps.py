"""Connecting the browsing connection to a server again while its files are moving (found by QA, design note
349). To the same saved site (its Connect in the Site Manager, after Disconnect or not), or Reconnect after a
loss: the queue's transfer connections to it have the same login, so they carry on — no ABOR, no second try
resumed with REST, no new control connection but the browsing one. Another mode picked in the panel is a
real change: the running files still finish on their connections, and the next file goes in the new mode."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_site_manager_window import site_manager, store, window_with_site  # noqa: F401 (``store``: a fixture)

from ftpgui.ftp.options import MODES
from ftpgui.transfers.items import DONE
from ftpgui.ui.main_window import MainWindow

from guihelpers import WAIT, answer_break_connection, close_window, names, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui

SIZE = 640 << 10  # at 128 KiB/s: five seconds, long enough to connect again in the middle
RATE = 128 << 10


def connect_from_site_manager(qtbot, window: MainWindow) -> None:
    """Site ▸ Site Manager…, the site selected, Connect: as a person does it."""
    dialog = site_manager(qtbot, window)
    dialog.select("site", "s1")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


def two_files(srv, tmp_path) -> Path:
    """big.bin on the server, up.bin in the local folder returned (both random, ``SIZE``)."""
    Path(srv.path("big.bin")).write_bytes(os.urandom(SIZE))
    local = tmp_path / "local"
    local.mkdir()
    (local / "up.bin").write_bytes(os.urandom(SIZE))
    return local


def start_both(qtbot, window: MainWindow, local: Path) -> None:
    """big.bin downloaded and up.bin uploaded, each on its transfer connection, until both have moved bytes."""
    assert "big.bin" in names(window)
    window.request_download([("/big.bin", False, SIZE, None)], str(local))
    window.request_upload([str(local / "up.bin")], "/")
    queue = window.queue
    qtbot.waitUntil(lambda: len(queue.model.items()) == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: all(0 < i.done for i in queue.model.items()), timeout=WAIT)


def finished_in_one_go(qtbot, window: MainWindow, srv, local: Path) -> None:
    """Both files complete, each in one go on the connection it began on (the server's record, and the log)."""
    queue = window.queue
    assert any(0 < i.done < SIZE for i in queue.model.items())  # (connected again in the middle)
    qtbot.waitUntil(lambda: queue.is_idle(), timeout=3 * WAIT)
    assert [i.state for i in queue.model.items()][:2] == [DONE, DONE]
    verbs = srv.record.verbs()
    assert "ABOR" not in verbs and "ABOR" not in window.log.toPlainText()
    assert "REST" not in verbs  # (each try after the first resumed from where the last one was cut)
    assert verbs.count("STOR") == 1
    assert (local / "big.bin").read_bytes() == Path(srv.path("big.bin")).read_bytes()
    assert Path(srv.path("up.bin")).read_bytes() == (local / "up.bin").read_bytes()


@pytest.mark.parametrize("how", ["connect-again", "disconnect-then-connect", "reconnect"])
def test_connecting_again_to_the_same_site_leaves_its_transfers_running(
    qtbot,
    store,  # noqa: F811
    memory_keyring,  # noqa: F811
    make_server,
    tmp_path,
    how,
):
    """QA: "[Transfer 1] ABOR … 426 … QUIT", then "REST 8650752 RETR /big.bin" — 6 of 6 times. The queue took
    the site's login as changed: the window's options trust certificates and allow plain FTP through methods of
    stores it makes afresh at each connect, and those never compared equal."""
    hang_up: dict = {}  # (for Reconnect: the server hangs up the browsing connection at its keep-alive's NOOP)
    srv = make_server("127.0.0.1", throttle=RATE, hang_up=hang_up)
    local = two_files(srv, tmp_path)
    window = window_with_site(qtbot, store, memory_keyring, srv, "Local throttled")
    try:
        connect_from_site_manager(qtbot, window)
        wait_listing(qtbot, window, "/")
        start_both(qtbot, window, local)
        before = len(srv.record.control)  # the browsing connection and the two transfer connections
        if how == "reconnect":
            hang_up["NOOP"] = 1
            window.conn_watch.set_interval(0.2)
            button = window.conn_status.reconnect_button
            qtbot.waitUntil(button.isVisible, timeout=WAIT)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            if how == "disconnect-then-connect":
                window.disconnect_server()
                qtbot.waitUntil(lambda: not window.remote_browser.connected, timeout=WAIT)
            connect_from_site_manager(qtbot, window)
            if how == "connect-again":  # (the tab is connected: asked where, note 439)
                answer_break_connection(qtbot, window)
        qtbot.waitUntil(lambda: len(srv.record.control) > before, timeout=WAIT)
        wait_listing(qtbot, window, "/")
        finished_in_one_go(qtbot, window, srv, local)
        assert srv.record.verbs().count("RETR") == 1
        assert len(srv.record.control) == before + 1  # the browsing connection's new one only
    finally:
        close_window(qtbot, window)


def test_another_mode_picked_lets_the_running_files_finish_and_the_next_goes_in_it(
    qtbot, window, make_server, tmp_path
):
    """A real change (the Mode box while connected: the queue's connections follow the browsing one, design note
    61): the files running finish on their passive connections, as they began — then the connections close, and
    the file queued next goes on a new one in active mode."""
    srv = make_server("127.0.0.1", throttle=RATE)
    local = two_files(srv, tmp_path)
    Path(srv.path("next.bin")).write_bytes(b"n" * 1000)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    start_both(qtbot, window, local)
    window.request_download([("/next.bin", False, 1000, None)], str(local))  # (waits: both connections are busy)
    since = len(srv.record.commands)
    window.mode_panel.mode_box.setCurrentIndex(MODES.index("active"))
    qtbot.waitUntil(lambda: window.remote_browser.options.mode == "active", timeout=WAIT)
    wait_listing(qtbot, window, "/")
    finished_in_one_go(qtbot, window, srv, local)
    assert window.queue.model.items()[2].state == DONE and (local / "next.bin").read_bytes() == b"n" * 1000
    after = srv.record.commands[since:]
    assert {"EPSV", "PASV"}.isdisjoint(c.split(" ", 1)[0] for c in after)  # nothing began in passive since
    at = after.index("RETR /next.bin")
    assert after[at - 1].split(" ", 1)[0] in ("EPRT", "PORT")
