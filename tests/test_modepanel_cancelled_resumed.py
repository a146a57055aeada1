"""A cancelled download and its resumed retry are two different data connections in the mode panel (design
note 250).

Found by QA: FTPS to vsftpd, a 5 MB download cancelled at about a third, then Retry from the Cancelled tab — it
was continued with REST and the file came whole. But the Picture said of the resumed data connection "The data
connection before it (#1) went the same way", and #1 had been stopped with ABOR after 1,654,784 bytes; the
Ladder folded the REST+RETR data connection into "1 more data connection like the one above". A data connection
the client aborted is not like one that went through, and one continued from an offset (REST) is not like one
from the first byte: neither is folded with the other, nor said to have gone the same way.

The real window against pyftpdlib (throttled, so the cancel comes in the middle), the queue's Cancel and Retry
buttons, the panel fed by the transfer connection's own events.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from test_exists_choice_gui import download

from ftpgui.ftp.tls import fingerprint
from ftpgui.sites.trust import TrustStore
from ftpgui.transfers.items import CANCELLED, DONE
from ftpgui.ui.modepanel import connections as cl
from ftpgui.ui.modepanel import ladderrows as lr
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.queue_view import GROUPS

from certs import Certs
from conftest import need
from daemons import start_vsftpd, vsftpd_tls, vsftpd_usable
from guihelpers import WAIT, quick_connect, type_in, wait_listing

pytestmark = pytest.mark.gui
SIZE = 1_500_000  # bytes
THROTTLE = 200_000  # bytes a second: the download takes several seconds, time to cancel it in the middle
LONG = 120_000  # ms: a safety net on a loaded machine, not a performance limit


def click(qtbot, w, group: str, name: str) -> None:
    """Select the first row of the queue's ``group`` tab and press its ``name`` button, as a person does."""
    view = w.queue_view
    view.tabs.setCurrentIndex(GROUPS.index(group))
    table = view.tables[group]
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=WAIT)
    table.selectRow(0)
    button = view.findChild(QPushButton, f"queue-button-{name}")
    qtbot.waitUntil(button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retrs(conn: sc.ConnectionScene) -> list:
    return [e for e in conn.exchanges() if e.transfer_verb == "RETR"]


def test_a_cancelled_download_and_its_resumed_retry_are_not_told_as_alike(qtbot, window, make_server, tmp_path):
    srv = make_server("127.0.0.1", throttle=THROTTLE)
    data = os.urandom(SIZE)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(data)
    w = window
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")

    def unthrottled() -> None:  # (the rest at full speed)
        srv.handler.dtp_handler.read_limit = srv.handler.dtp_handler.write_limit = 0

    cancelled_and_resumed(qtbot, w, tmp_path, data, unthrottled)
    assert any(c.startswith("REST ") and c != "REST 0" for c in srv.record.commands)  # it was continued


def test_the_same_on_ftps_to_vsftpd(qtbot, window, certs, tmp_path_factory, tmp_path):
    """As QA found it: FTPS to vsftpd with a self-signed certificate (trusted once), which answers the aborted
    RETR "226 Transfer complete." — the transfer command's reply alone does not tell it was cancelled."""
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    rate = f"anon_max_rate={THROTTLE}"
    daemon = start_vsftpd(tmp_path_factory.mktemp("vsftpd"), extra=f"{rate}\n{vsftpd_tls(certs.self_signed)}")
    try:
        data = os.urandom(SIZE)
        daemon.put_file("big.bin", data)
        TrustStore().trust(daemon.host, daemon.port, fingerprint(Certs.der(certs.self_signed)))  # (trusted once)
        type_in(window, daemon.host, str(daemon.port), daemon.user, daemon.password)
        wait_listing(qtbot, window, "/")
        window.navigate(daemon.remote_dir, refresh=True)
        wait_listing(qtbot, window, daemon.remote_dir)
        first, resumed = cancelled_and_resumed(qtbot, window, tmp_path, data, lambda: None)
        assert first.tls.startswith("TLS") and resumed.tls.startswith("TLS")  # (encrypted, as QA had it)
    finally:
        daemon.stop()


def cancelled_and_resumed(qtbot, w, tmp_path, data: bytes, unthrottled) -> tuple:
    """The remote pane's big.bin (``data``) downloaded, cancelled with the queue's Cancel button once it has
    bytes, then (``unthrottled``) Retry from the Cancelled tab: continued, whole; what the panel says of it.
    The two data connections: (the cancelled one, the resumed one)."""
    panel = w.mode_panel
    panel.set_follow(cl.FOLLOW_TRANSFERS)
    (tmp_path / "dl").mkdir()
    download(qtbot, w, tmp_path / "dl", ["big.bin"])
    qtbot.waitUntil(lambda: len(w.queue.model.items()) == 1, timeout=WAIT)
    (item,) = w.queue.model.items()
    qtbot.waitUntil(lambda: item.done > 100_000, timeout=LONG)

    click(qtbot, w, "queued", "cancel")
    qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
    (cid,) = {c.connection_id for c in w.queue.connections()}
    conn = panel.scene.connections[cid]
    qtbot.waitUntil(lambda: len(retrs(conn)) == 1 and retrs(conn)[0].bytes is not None, timeout=WAIT)
    stopped = retrs(conn)[0]
    assert 0 < stopped.bytes < SIZE

    unthrottled()
    click(qtbot, w, "cancelled", "retry")
    qtbot.waitUntil(lambda: item.state == DONE, timeout=LONG)
    assert (tmp_path / "dl" / "big.bin").read_bytes() == data
    qtbot.waitUntil(lambda: retrs(conn)[-1] is not stopped and retrs(conn)[-1].bytes is not None, timeout=WAIT)
    assert len(retrs(conn)) == 2, "the resumed data connection took the cancelled one's place (folded into it)"
    first, resumed = retrs(conn)
    assert first is stopped and first.aborted and not resumed.aborted
    assert resumed.offset > 0 and not first.offset
    assert resumed.bytes == SIZE - resumed.offset

    # the Picture: the resumed data connection stands for itself alone, and says nothing of the one before it
    assert resumed.more == 0 and first.folded_into is None
    panel.select_connection(cid)
    panel.go_to(conn.last_serial)
    shown = [panel.current_step()]
    for step in conn.steps:
        if step.exchange is resumed and step.kind == sc.CLOSED:
            panel.go_to(step.serial)
            shown.append(panel.current_step())
            assert "went the same way" not in panel.narration(), panel.narration()
    assert any(s is not None and s.exchange is resumed for s in shown)
    # and the cancelled one says it was stopped, with the bytes it had carried (not as if it had ended)
    (closed,) = [s for s in conn.steps if s.exchange is first and s.kind == sc.CLOSED]
    panel.go_to(closed.serial)
    assert f"The client stopped RETR (ABOR, a cancel) after {first.bytes:,} bytes" in panel.narration()
    # the Ladder: both data connections drawn, no "1 more data connection like the one above"
    rows = lr.build_rows(conn, set(), panel.firewalls())
    assert not [r for r in rows if r.kind == lr.GROUP], [r.label for r in rows if r.kind == lr.GROUP]
    assert any("REST " in r.label for r in rows) and sum(r.label.startswith("RETR ") for r in rows) == 2
    return first, resumed
