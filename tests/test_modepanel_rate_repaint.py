"""The data lane's label as the early rate ("迄今平均 …", note 340) gives way to the windowed one: no line of the
old label stays painted (design note 367; QA, Chinese in a 360 px dock at a 2048 KiB/s limit: the early
rate's line stayed under the label until the transfer ended).

While bytes move, a tick repaints only ``ModeView.tick_band`` over a cached picture; what a screen shows after
the switch is the picture before it with that band painted again. It must be the picture a whole repaint
gives."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPainter, QRegion
from test_modepanel_bytes_label import MIB, connected
from test_modepanel_fit import SCREENS, docked, language, resize_dock  # noqa: F401 (language: a fixture)

from ftpgui.ftp.events import TransferProgress
from ftpgui.ui.modepanel import motion as mo

pytestmark = pytest.mark.gui
RATE = 2 * MIB  # the QA's limit: 2048 KiB/s


@pytest.mark.parametrize("command", ["RETR", "STOR"])
def test_the_early_rate_leaves_nothing_behind_when_the_window_takes_over(qtbot, language, command):  # noqa: F811
    window, dock, panel = docked(qtbot, 360)
    resize_dock(qtbot, window, dock, 360)
    view = panel.view
    for e in connected(f"{command} big.iso"):
        panel.add_event(e)
    ex = panel.connection.current
    at, done = 100.0, 0

    def report() -> None:
        nonlocal at, done
        at, done = at + 0.1, done + RATE // 10
        panel.add_event(TransferProgress(3, done=done, total=150 * MIB, at=at))

    for _ in range(7):
        report()
    qtbot.waitUntil(lambda: view.moving and panel.connection.last_serial == panel.position)
    assert ex.rate_said == 0 and ex.rate_so_far > 0
    before = view.grab().toImage()  # the early label, on the screen
    SCREENS.mkdir(parents=True, exist_ok=True)
    before.save(str(SCREENS / f"modepanel-rate-early-{command}-{language}.png"))
    while ex.rate_said == 0:
        report()
    lines_now = mo.bytes_lines(ex, lambda text: True)
    assert len(lines_now) == 1, lines_now
    # a tick: only the band painted again, over what the screen showed
    view._tick()
    assert view._tick_only
    band = view.tick_band()
    screen = before.copy()
    painter = QPainter(screen)
    view.render(painter, band.topLeft(), QRegion(band))
    painter.end()
    screen.save(str(SCREENS / f"modepanel-rate-switched-{command}-{language}.png"))
    view.update()
    whole = view.grab().toImage()
    whole.save(str(SCREENS / f"modepanel-rate-whole-{command}-{language}.png"))
    differ = [
        (x, y)
        for y in range(0, screen.height(), 1)
        for x in range(0, screen.width(), 2)
        if screen.pixel(x, y) != whole.pixel(x, y)
    ]
    assert not differ, f"{len(differ)} pixels of the old label left, from {differ[0]} (band {band})"
