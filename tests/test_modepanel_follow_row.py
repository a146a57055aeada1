"""After a diagnosis the Mode box's line about the connection shown ("This connection: passive") had a row of its own
at a 360 px dock in English, Follow the next row; in Chinese, narrower, "此连接：被动 跟随(L):" sat jammed on one row
(found by QA, design note 485). Now the line, wrapped off the connection's row, keeps its row in every language, and
where everything fits on one row (a wide dock) nothing changes. The real window, its Diagnose button clicked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from test_mode_choice_window import config, listed, shown  # noqa: F401 (config: a fixture)
from test_modepanel_fit import SCREENS, language  # noqa: F401 (language: a fixture)

from ftpgui.ui.modepanel import connections as cl

from guihelpers import WAIT, close_window, fill_server, quick_connect
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui


def top_and_bottom(panel, widget) -> tuple:
    top = widget.mapTo(panel, QPoint(0, 0)).y()
    return top, top + widget.height()


@pytest.mark.parametrize("dock", [360, 900])
def test_after_a_diagnosis_the_connections_line_and_follow_are_rows_as_in_english(
    qtbot,
    config,  # noqa: F811
    make_server,
    language,  # noqa: F811
    dock,
):
    srv = make_server("127.0.0.1")
    fill_server(srv)
    window = shown(qtbot)
    panel = window.mode_panel
    window.mode_dock.show()
    if dock > 360:
        window.resize(dock + 700, window.height())
    window.resizeDocks([window.mode_dock], [dock], Qt.Orientation.Horizontal)
    try:
        quick_connect(qtbot, window, srv)
        listed(qtbot, window)
        diagnosis = panel.diagnosis
        qtbot.waitUntil(diagnosis.button.isEnabled, timeout=WAIT)
        with qtbot.waitSignal(diagnosis.finished, timeout=60000):
            qtbot.mouseClick(diagnosis.button, Qt.MouseButton.LeftButton)
        assert panel.connections.role(panel.connection.connection_id).kind == cl.DIAGNOSIS
        qtbot.waitUntil(panel.shown_mode.isVisible, timeout=WAIT)
        QApplication.processEvents()  # (the rows are placed on the next pass)
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert panel.grab().save(str(SCREENS / f"modepanel-diagnosis-rows-{dock}-{language}.png"))
        line_top, line_bottom = top_and_bottom(panel, panel.shown_mode)
        follow_top, _ = top_and_bottom(panel, panel.follow_label)
        box_top, box_bottom = top_and_bottom(panel, panel.connection_box)
        line = panel.shown_mode
        assert line.width() >= line.sizeHint().width(), "the line's words cut"
        if line_top >= box_bottom:  # wrapped off the connection's row (a 360 px dock, both languages)
            assert follow_top >= line_bottom, "Follow on the line's row"
        else:  # a wide dock: the line on the connection's row, as before
            assert dock > 360 and box_top < line_bottom
            if follow_top < line_bottom:  # (Follow beside it too: set apart from it)
                left = panel.follow_label.mapTo(panel, QPoint(0, 0)).x()
                assert left - line.mapTo(panel, QPoint(line.width(), 0)).x() >= 12
        if dock == 360:
            assert line_top >= box_bottom, "the dock is 360 px: the line wraps in both languages"
    finally:
        close_window(qtbot, window)
