"""The local and remote panes start equally wide on a fresh profile (note 412). Found by QA in Chinese at
1366×768: 302 px local, 591 px remote (the local list's 修改日期 column cut): the splitter had no sizes of its own.
(QA's case did not come back here: this guards the equal split, it passed on the code before too.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from guihelpers import close_window, open_window

pytestmark = pytest.mark.gui


def even(sizes) -> bool:
    return abs(sizes[0] - sizes[1]) <= 0.1 * max(sizes)


def drag_handle(splitter, dx: int) -> None:
    """Move the divider between the panes by ``dx`` pixels, as a person does with the mouse."""
    handle = splitter.handle(1)
    left, none, y = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, handle.height() // 2
    QTest.mousePress(handle, left, none, QPoint(1, y))
    QTest.mouseMove(handle, QPoint(1 + dx, y))
    QTest.mouseRelease(handle, left, none, QPoint(1 + dx, y))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_panes_start_equally_wide_and_keep_the_persons_divider(qtbot, config, language, request):
    if language != "en":
        request.getfixturevalue("chinese")
    w = open_window(qtbot)
    w.resize(600, 500)  # laid out small first, then fitted to the screen (a window manager maximizing it)
    qtbot.wait(200)
    w.resize(1366, 768)
    qtbot.waitUntil(lambda: w.width() == 1366)
    qtbot.wait(200)
    assert even(w.pane_splitter.sizes()), w.pane_splitter.sizes()
    drag_handle(w.pane_splitter, 150)  # the person's split from now on
    qtbot.wait(100)
    moved = w.pane_splitter.sizes()
    assert moved[0] - moved[1] >= 200, moved
    w.resize(1200, 700)
    qtbot.waitUntil(lambda: w.width() == 1200)
    qtbot.wait(200)
    assert not even(w.pane_splitter.sizes()), w.pane_splitter.sizes()
    close_window(qtbot, w)
