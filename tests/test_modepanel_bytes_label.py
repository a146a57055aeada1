"""The data lane's label while bytes move shows every number whole in a 360 px dock, in English and Chinese
(design note 309; found by QA: "已传 116.8 MiB，共 15…iB · 10.0 MiB/秒", the total cut in the middle).

A live exchange on the painting path the view uses (``paint_picture`` with ``now``), at the dock's real size;
what is drawn is recorded (``Recorder``)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage
from test_modepanel_decoded import Recorder
from test_modepanel_fit import SCREENS, language  # noqa: F401 (language: a fixture)

from ftpgui.ftp.events import (
    CommandSent,
    ControlConnected,
    DataChannelPlanned,
    DataConnected,
    ReplyReceived,
    TransferProgress,
)
from ftpgui.transfers.model import human_size
from ftpgui.ui.modepanel import ModePanel, picture
from ftpgui.ui.modepanel import motion as mo

pytestmark = pytest.mark.gui
MIB, GIB = 1 << 20, 1 << 30
WIDTH = 360


def connected(line: str) -> list:
    """The events of a passive data connection up and ``line`` (its transfer command) answered 150, at 100 s."""
    target = ("192.0.2.1", 39843)
    return [
        ControlConnected(3, local=("192.0.2.2", 49152), remote=("192.0.2.1", 21)),
        CommandSent(3, text="EPSV"),
        ReplyReceived(3, code=229, lines=("229 Entering (|||39843|)",)),
        DataChannelPlanned(3, mode="passive", command="EPSV", argument="(|||39843|)", advertised=target, target=target),
        CommandSent(3, text=line),
        ReplyReceived(3, code=150, lines=("150 ok",)),
        DataConnected(3, local=("192.0.2.2", 50000), remote=target, dialer="client", at=100.0),
    ]


def live(panel: ModePanel, command: str, done: int, total: int, rate: float) -> None:
    """A passive transfer whose bytes are moving: ``done`` of ``total`` at ``rate`` bytes a second."""
    for e in (
        *connected(f"{command} big.iso"),
        TransferProgress(3, done=done - int(2 * rate), total=total, at=100.0),
        TransferProgress(3, done=done, total=total, at=102.0),  # (the rate is said over a whole window)
    ):
        panel.add_event(e)


def drawn(panel: ModePanel, name: str) -> list:
    conn = panel.connection
    step = conn.step(conn.last_serial)
    height = int(WIDTH * picture.HEIGHT / picture.geometry_for(WIDTH).width)
    image = QImage(WIDTH, height, QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    frame = picture.Frame(conn, step.serial, 1.0, now=103.0)
    picture.paint_picture(painter, QRectF(image.rect()), panel.palette(), frame, panel.font())
    painter.end()
    SCREENS.mkdir(parents=True, exist_ok=True)
    image.save(str(SCREENS / f"modepanel-bytes-{name}.png"))
    return [t for t, _, _ in painter.drawn]


@pytest.mark.parametrize("command", ["RETR", "STOR"])
@pytest.mark.parametrize(
    "done,total",
    [(int(116.8 * MIB), int(150.0 * MIB)), (int(116.8 * MIB), int(1023.9 * MIB)), (int(999.9 * MIB), 150 * GIB)],
)
def test_every_number_of_the_bytes_label_is_whole_at_360_px(qtbot, language, command, done, total):  # noqa: F811
    panel = ModePanel()
    qtbot.addWidget(panel)
    rate = 10.0 * MIB
    live(panel, command, done, total, rate)
    ex = panel.connection.current
    assert (ex.done, ex.total, round(ex.rate_said)) == (done, total, round(rate))
    texts = drawn(panel, f"{command}-{human_size(total).replace(' ', '')}-{language}")
    assert not any("…" in t for t in texts), [t for t in texts if "…" in t]
    every = " ".join(texts)
    for number in (human_size(done), human_size(total)):  # each size whole, in one piece
        assert re.search(rf"(^|[^\d.]){re.escape(number)}", every), (number, texts)
    # the rate, when shown, is whole too: never a cut number
    assert all(not t.endswith("/") for t in texts)


def test_the_rate_goes_first_then_the_total_takes_a_line_of_its_own(qtbot):
    """Narrower still: the rate on its own line; then the bytes so far and the total on a line each, no rate."""
    panel = ModePanel()
    qtbot.addWidget(panel)
    live(panel, "RETR", int(999.9 * MIB), 150 * GIB, 10.0 * MIB)
    ex = panel.connection.current
    assert mo.bytes_lines(ex, lambda t: True) == ["← 999.9 MiB of 150.0 GiB · 10.0 MiB/s"]
    assert mo.bytes_lines(ex, lambda t: len(t) <= 30) == ["← 999.9 MiB of 150.0 GiB", "10.0 MiB/s"]
    assert mo.bytes_lines(ex, lambda t: len(t) <= 20) == ["← 999.9 MiB", "of 150.0 GiB"]


@pytest.mark.parametrize("command", ["RETR", "STOR"])
def test_the_rate_so_far_is_said_whole_and_marked_at_360_px(qtbot, language, command):  # noqa: F811
    """Before a whole window (note 340): the average so far, once half a second of reports is in, marked as
    such ("so far", "迄今平均"), every number whole in a 360 px dock."""
    panel = ModePanel()
    qtbot.addWidget(panel)
    for e in connected(f"{command} big.iso"):
        panel.add_event(e)
    ex = panel.connection.current
    for k in range(1, 7):  # a report every tenth of a second at 10 MiB/s
        panel.add_event(TransferProgress(3, done=k * MIB, total=150 * MIB, at=100.0 + k / 10))
    assert ex.rate_said == 0 and round(ex.rate_so_far) == 10 * MIB
    texts = drawn(panel, f"early-{command}-{language}")
    assert not any("…" in t for t in texts), [t for t in texts if "…" in t]
    mark = "迄今平均 10.0 MiB/秒" if language == "zh_CN" else "10.0 MiB/s so far"
    assert any(mark in t for t in texts), texts
