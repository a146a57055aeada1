"""The mode panel after a learner-QA round (design notes 325-327): a diagnosis of the practice server is
cleared when one of its simulations changes (it was about a server that no longer behaves so); the Chinese
words for the firewall's FTP helper name the server's replies and the client's commands as such; and the
Connection picker stays one line, so a name changing after "Try it" moves no row below it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication
from test_modepanel_fit import docked, language, resize_dock, shoot, start_practice  # noqa: F401

from ftpgui.causewords import explain_cause
from ftpgui.fixes import helper_snippets, passive_range_fix
from ftpgui.ui.modepanel import ModePanel, motion

pytestmark = pytest.mark.gui
WAIT = 90000


# --- 1: a diagnosis of the practice server goes when a simulation changes (note 325) -------------------------
def test_a_diagnosis_is_cleared_when_the_practice_servers_simulation_changes(qtbot):
    """QA: TLS helper on, Diagnose ("Recommended: Active", the helper's cause, "Use Active …", the TLS fixes);
    TLS off, NAT on, Try it: all of it stayed under a server that no longer behaved so."""
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.resize(820, 900)
    panel.show()
    bar, diagnosis = panel.practice, panel.diagnosis
    start_practice(qtbot, panel)
    try:
        bar.tls_helper.setChecked(True)
        panel.set_mode("passive")
        with qtbot.waitSignal(diagnosis.finished, timeout=WAIT) as done:
            diagnosis.button.click()
        assert done.args[0].recommended == "active"
        assert diagnosis.summary.text().startswith("Recommended: Active")
        assert diagnosis.use_button.isVisible() and diagnosis.fixes.isVisible()
        assert "cannot see through TLS" in diagnosis.lines["passive"].text()

        bar.tls_helper.setChecked(False)
        bar.nat.setChecked(True)
        # the result is gone, and the summary says why
        assert diagnosis.result is None
        assert diagnosis.summary.text() == "The practice server's simulation changed: diagnose it again."
        assert not diagnosis.use_button.isVisible() and not diagnosis.fixes.isVisible()
        assert not any(label.isVisible() for label in diagnosis.lines.values())
        assert not diagnosis.exports.isVisible() and diagnosis.button.isEnabled()
        with qtbot.waitSignal(bar.tried, timeout=WAIT):
            bar.try_button.click()
        assert diagnosis.result is None and not diagnosis.use_button.isVisible()
        assert "Recommended" not in diagnosis.summary.text()
        # a new diagnosis is about the server as it is now (NAT: passive names a private address, ftpgui copes)
        with qtbot.waitSignal(diagnosis.finished, timeout=WAIT) as again:
            diagnosis.button.click()
        assert again.args[0] is not None and again.args[0].passive.ok
        assert "cannot see through TLS" not in diagnosis.lines["passive"].text()
    finally:
        with qtbot.waitSignal(bar.stopped, timeout=20000):
            bar.button.click()


def test_a_switch_with_nothing_diagnosed_says_nothing(qtbot):
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.show()
    start_practice(qtbot, panel)
    try:
        panel.practice.nat.setChecked(True)
        assert panel.diagnosis.summary.text() == ""
    finally:
        with qtbot.waitSignal(panel.practice.stopped, timeout=20000):
            panel.practice.button.click()


# --- 2: the helper reads the server's 227/229 replies and the client's PORT/EPRT commands (note 326) --------
def test_the_helpers_words_name_replies_and_commands_as_they_are(chinese):
    """QA (zh): "通过读取 PASV 和 PORT 来开放数据端口", "无法读取加密的 PASV 和 PORT 响应": PORT is a command,
    and the port is read in the server's 227/229 replies, not in PASV."""
    texts = [
        explain_cause("passive", "tls-helper", stage="connect"),
        passive_range_fix("tls-helper", (50000, 50100)).summary,
        helper_snippets()[0].label,
        motion.tls_sentence("TLSv1.3"),
    ]
    for text in texts:
        assert "PORT 响应" not in text and "PASV 和 PORT" not in text and "PORT/PASV" not in text, text
        assert "227/229 响应" in text and "PORT/EPRT 命令" in text, text
        assert "helper" not in text and ("FTP 助手" in text or "FTP 辅助模块" in text), text  # (in Chinese)


# --- 3: the Connection picker stays one line; nothing below it moves after Try it (note 327) ---------------
def _places(panel) -> list:
    QApplication.processEvents()
    bar = panel.practice
    return [QRect(w.mapTo(panel, QPoint(0, 0)), w.size()) for w in (bar.nat, bar.tls_helper, panel.diagnosis.button)]


@pytest.mark.parametrize("width", [614, 360])  # the default dock at 1366×768 (9/20 of the window), and narrow
def test_the_picker_stays_one_line_and_the_rows_below_do_not_move(qtbot, language, width):  # noqa: F811
    window, dock, panel = docked(qtbot, width)
    resize_dock(qtbot, window, dock, width)
    box = panel.connection_box
    one_line = box.height()
    start_practice(qtbot, panel)
    try:
        bar = panel.practice
        panel.set_mode("passive")
        for attempt in range(2):
            with qtbot.waitSignal(bar.tried, timeout=WAIT):
                bar.try_button.click()
            qtbot.waitUntil(lambda: panel.connection is not None and not panel.connection.open, timeout=WAIT)
            qtbot.waitUntil(lambda: "（" in box.currentText() or "(" in box.currentText(), timeout=WAIT)
            QApplication.processEvents()
            name = box.currentText()  # "Practice — learner-…@127.0.0.1:44719 (closed 07:56:39)"
            assert box.height() == one_line, (name, box.height(), one_line)
            (shown,) = box.lines()
            assert box.fontMetrics().horizontalAdvance(shown) <= box.room()
            assert shown == name or "…" in shown
            assert f"127.0.0.1:{bar.server.port}" in shown  # the address stays (the user name is cut first)
            assert box.toolTip() == name  # whole there, and in the list
            if attempt == 0:
                before = _places(panel)
            else:
                assert _places(panel) == before, "the practice row moved when the connection's name changed"
        shoot(dock, f"modepanel-picker-one-line-{width}-{language}")
        # a longer name under the box: nothing moves
        box.setItemText(box.currentIndex(), name + " " + name)
        QApplication.processEvents()
        assert _places(panel) == before and box.height() == one_line
    finally:
        with qtbot.waitSignal(panel.practice.stopped, timeout=20000):
            panel.practice.button.click()
