"""A long status-bar message ends in "…" with the whole text in its tooltip, in English and in Chinese, at
1366×768 (found by QA, design note 253): a passive-mode server whose EPSV names a closed port, and a Chinese
certificate message, were cut mid-word and mid-character. The real window against pyftpdlib."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QRect

from ftpgui.logfile import FILE_NAME
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, fill_server, open_window

pytestmark = [pytest.mark.gui, pytest.mark.timeout(120)]

CLOSED_PORT = {
    "EPSV": "229 Entering Extended Passive Mode (|||9|)",
    "PASV": "227 Entering Passive Mode (127,0,0,1,0,9).",
}


@pytest.fixture
def window(qtbot, config, make_server):  # servers outlive the window
    w = open_window(qtbot)
    w.resize(1366, 768)
    yield w
    close_window(qtbot, w)


def connect_passive(qtbot, w, make_server):
    """Passive mode to a server whose EPSV and PASV name port 9, where nothing listens: the listing fails."""
    srv = make_server("127.0.0.1", replies=CLOSED_PORT)
    fill_server(srv)
    options = dataclasses.replace(w.session_defaults(), tls="off", mode="passive")
    w.connect_to(Endpoint(srv.host, srv.port, USER, PASSWORD), options, "A site")
    qtbot.waitUntil(lambda: "127.0.0.1:9" in w.statusBar().currentMessage(), timeout=WAIT)
    return srv


def check_elided(qtbot, w) -> None:
    """The message drawn ends in "…", fits left of the bar's permanent widgets; the tooltip has all of it."""
    bar = w.statusBar()
    label = bar.message_label
    full = " ".join(bar.currentMessage().splitlines())
    qtbot.waitUntil(lambda: label.isVisible() and label.width() > 100, timeout=WAIT)
    drawn = label.shown_text()
    assert drawn.endswith("…") and full.startswith(drawn[:-1]), (drawn, full)
    assert label.fontMetrics().horizontalAdvance(drawn) <= label.contentsRect().width()
    assert label.toolTip() == full
    place = QRect(label.mapTo(bar, label.rect().topLeft()), label.size())
    for box in (w.totals_label, w.current_tab.status_box):
        if box.isVisible():
            assert place.right() < box.geometry().left(), "the message runs under the bar's right part"


def test_a_long_data_port_error_ends_in_an_ellipsis_with_all_of_it_in_the_tooltip(qtbot, window, make_server):
    w = window
    connect_passive(qtbot, w, make_server)
    assert "went unanswered" in w.statusBar().currentMessage()  # (the whole text, as the log has it)
    check_elided(qtbot, w)
    w.statusBar().showMessage("short")
    assert w.statusBar().message_label.shown_text() == "short" and not w.statusBar().message_label.toolTip()


def test_a_long_chinese_message_ends_in_an_ellipsis_not_half_a_character(qtbot, chinese, window, make_server):
    w = window
    connect_passive(qtbot, w, make_server)
    message = w.statusBar().currentMessage()
    assert any("\u4e00" <= c <= "\u9fff" for c in message), message
    check_elided(qtbot, w)


def test_a_passive_data_port_failure_is_one_error_line_in_the_log_and_its_file(qtbot, window, make_server, config):
    """It was written twice: the data connection's failure, then the listing's error (found by QA, design note
    254); the offer to diagnose follows it once. Said once by construction (note 289): the window's error adds
    only the offer to the log, whatever its words — the log drops no line that repeats another."""
    w = window
    w.apply_preferences(dataclasses.replace(w.prefs, log_to_file=True))
    connect_passive(qtbot, w, make_server)
    w.apply_preferences(dataclasses.replace(w.prefs, log_to_file=False))  # (closed: every line written)
    failure = "Connecting to the server's data port 127.0.0.1:9 failed"
    for text in (w.log.toPlainText(), (config / "logs" / FILE_NAME).read_text()):
        lines = [line for line in text.splitlines() if failure in line]
        assert len(lines) == 1 and "Error:" in lines[0], text
        offers = [line for line in text.splitlines() if "Diagnose this server (in the status bar)" in line]
        assert len(offers) == 1 and "Status:" in offers[0] and failure not in offers[0], text
    assert "Diagnose this server" in w.statusBar().currentMessage()  # (the status bar says it all, as before)
