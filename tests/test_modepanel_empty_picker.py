# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""The mode panel's Connection picker before any connection is a combo box of a normal height that says so
(design note 251).

Found by QA: on a fresh start, in English and Chinese, the Connection combo was drawn as a flat bar about 8 px
tall until a connection existed — the picker, which is as tall as its name's lines, counted no line for no name
(one line's height, less a line). Now an empty picker is one line tall and shows "No connection yet" in the
placeholder colour; once a connection speaks, its name takes that place.

The real first window, its panel in a 360 px dock.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_modepanel_fit import assert_fits, language, resize_dock, shoot  # noqa: F401 (language: a fixture)

from guihelpers import WAIT, quick_connect, wait_listing

pytestmark = pytest.mark.gui
WIDTH = 360  # px: the narrowest dock the panel is made for
PLACEHOLDER = {"en": "No connection yet", "zh_CN": "尚无连接"}


def test_the_connection_picker_is_a_whole_combo_box_before_any_connection(qtbot, language, window, make_server):
    w = window
    w.resize(1366, 768)
    resize_dock(qtbot, w, w.mode_dock, WIDTH)
    QApplication.processEvents()
    panel = w.mode_panel
    box, follow = panel.connection_box, panel.follow_box
    assert box.count() == 0 and box.currentIndex() == -1
    one_line = box.fontMetrics().height()
    # as tall as the combo box beside it (Follow), not a flat bar: before, 8 px (one line's box less a line)
    assert box.height() >= follow.height() and box.height() > one_line, (box.height(), follow.height(), one_line)
    assert box.sizeHint().height() >= follow.sizeHint().height()
    assert box.placeholderText() == PLACEHOLDER[language]
    assert box.displayed_text() == PLACEHOLDER[language]  # what it paints: the placeholder, whole, on one line
    assert box.lines() == [PLACEHOLDER[language]]
    assert_fits(w.mode_dock.widget(), panel, f"{language} no connection")
    shoot(w.mode_dock, f"modepanel-empty-picker-{language}")

    # a connection: its name takes the placeholder's place, the box still a whole one
    srv = make_server("127.0.0.1")
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    qtbot.waitUntil(lambda: box.count() >= 1 and box.currentIndex() >= 0, timeout=WAIT)
    assert PLACEHOLDER[language] not in box.displayed_text()
    qtbot.waitUntil(lambda: box.height() >= follow.height(), timeout=WAIT)
