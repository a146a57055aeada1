"""The queue's State column says why a transfer failed, not only what is left of it (design note 206): an upload
the server refused part way — a quota (552), a full disk (451, 452), proftpd's MaxStoreFileSize — said only
"Incomplete: the server has N bytes", its reason in the tooltip alone. FileZilla's failed-transfers tab says
"Critical file transfer error", the server's words in its log only. Against pyftpdlib refusing mid-transfer."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import CANCELLED, FAILED
from ftpgui.transfers.model import COL_STATE, human_size
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.queue_view import GROUPS, QueueView

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 60_000  # ms: a safety net on a loaded machine, not a performance limit
LIMIT = 1 << 20  # bytes a transfer gets before the server refuses the rest


def refuses_after(reply: str) -> type:
    """A data-connection mixin: after ``LIMIT`` bytes of a file either way the server closes the data connection
    and answers ``reply``, as a server whose quota is used up, or whose disk failed, does."""

    def _refuse(channel) -> None:
        channel._resp = (reply, lambda *a, **k: None)
        channel.close()

    class Refuses:
        def use_sendfile(self):
            return False  # (each block through ``send``, where it is counted)

        def handle_read(self):
            super().handle_read()
            if self.receive and not self._closed and self.tot_bytes_received >= LIMIT:
                _refuse(self)

        handle_read_event = handle_read  # (pyftpdlib calls the event's name)

        def send(self, data):
            n = super().send(data[: max(0, LIMIT - self.tot_bytes_sent)])
            if self.tot_bytes_sent >= LIMIT:
                _refuse(self)
            return n

    return Refuses


@pytest.fixture
def queue(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    q.retry_delays = ()  # (a 4xx is "not now": tried again, it would fail the same)
    yield q
    q.shutdown()


def site(queue, srv) -> None:
    queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=10), 1)


def failed(qtbot, queue):
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    (item,) = queue.model.items()
    assert item.state == FAILED, (item.state, item.error)
    index = queue.model.index(0, COL_STATE)
    return item, index.data(), index.data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_an_upload_the_server_refused_part_way_says_why_in_its_state(
    request, qtbot, queue, make_server, tmp_path, language
):
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv = make_server(dtp_mixin=refuses_after("552 Disk quota exceeded."))
    (tmp_path / "up.bin").write_bytes(os.urandom(4 * LIMIT))
    site(queue, srv)
    queue.upload([str(tmp_path / "up.bin")], "/")
    item, state, tip = failed(qtbot, queue)
    kept = os.path.getsize(srv.path("up.bin"))
    assert item.server_size == kept and LIMIT <= kept < 4 * LIMIT
    # the server's reply first, the sentence around it (the data connection broke, or the server reported the
    # transfer as failed: whichever came first) only in the tooltip, with the same count
    if language == "en":
        assert state == f"Failed: 552 Disk quota exceeded. — the server has {human_size(kept)}"
        assert tip == f"Failed: {item.error} — the server has {human_size(kept)} ({kept} bytes)"
    else:
        assert state == f"失败：552 Disk quota exceeded.——服务器上有 {human_size(kept)}"
        assert tip.startswith("失败：") and tip.endswith(f"——服务器上有 {human_size(kept)}（{kept} 字节）")
        assert len(tip) > len(state)


def test_a_download_the_server_failed_part_way_says_why_in_its_state(qtbot, queue, make_server, tmp_path):
    srv = make_server(dtp_mixin=refuses_after("451 Failure reading local file."))
    with open(srv.path("down.bin"), "wb") as f:
        f.write(os.urandom(4 * LIMIT))
    (tmp_path / "down").mkdir()
    site(queue, srv)
    queue.download([("/down.bin", False, 4 * LIMIT)], str(tmp_path / "down"))
    item, state, tip = failed(qtbot, queue)
    assert state == "Failed: 451 Failure reading local file."  # (not "The server reported the transfer as…")
    assert tip == item.error and "451 Failure reading local file." in tip
    assert not (tmp_path / "down" / "down.bin").exists()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_cancelled_upload_the_server_kept_part_of_says_it_was_cancelled(
    request, qtbot, queue, make_server, tmp_path, language
):
    """Design note 232: the person cancels an upload part way, in the queue panel; the server keeps what it
    received. Its State cell said "Incomplete: the server has …", the cancel in the tooltip alone."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv = make_server(throttle=1 << 20)  # (slow enough that the client is still sending when it cancels)
    (tmp_path / "up.bin").write_bytes(os.urandom(16 << 20))
    view = QueueView(queue, ask=False)
    qtbot.addWidget(view)
    site(queue, srv)
    queue.upload([str(tmp_path / "up.bin")], "/")
    (item,) = queue.model.items()
    qtbot.waitUntil(lambda: item.done > 0, timeout=LONG)
    view.tables["queued"].selectAll()
    qtbot.mouseClick(view.findChild(QPushButton, "queue-button-cancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    assert item.state == CANCELLED, (item.state, item.error)
    kept = os.path.getsize(srv.path("up.bin"))
    assert item.server_size == kept and 0 < kept < 16 << 20
    view.tabs.setCurrentIndex(GROUPS.index("cancelled"))
    model = view.tables["cancelled"].model()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=LONG)
    index = model.index(0, COL_STATE)
    state, tip = index.data(), index.data(Qt.ItemDataRole.ToolTipRole)
    # that it was cancelled, then what the server kept; the cancel's whole sentence (what was sent) and the exact
    # count in the tooltip
    if language == "en":
        assert state == f"Cancelled — the server has {human_size(kept)}"
        assert item.error.startswith("Cancelled after ")
        assert tip == f"{item.error} — the server has {human_size(kept)} ({kept} bytes)"
    else:
        assert state == f"已取消——服务器上有 {human_size(kept)}"
        assert tip.startswith("已取消，此前已传输 ") and tip.endswith(f"——服务器上有 {human_size(kept)}（{kept} 字节）")
