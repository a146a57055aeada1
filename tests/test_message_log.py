"""The message log: plain text only, distinct colours in light and dark palettes, bounded, secrets masked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QPalette

from ftpgui.ftp import CommandSent, DataChannelPlanned, DataFailed, ReplyReceived
from ftpgui.ui import message_log
from ftpgui.ui.message_log import KINDS, MessageLog, kind_colours
from ftpgui.ui.theme import dark_palette, light_palette

pytestmark = pytest.mark.gui


@pytest.fixture
def log(qtbot):
    widget = MessageLog()
    qtbot.addWidget(widget)
    return widget


def shown_rows(log) -> list:
    """What the view paints: each row's text, as its model hands it over (not flushing what is held back)."""
    model = log.model()
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_server_text_is_shown_literally(log, qtbot):
    log.add_events([ReplyReceived(1, code=220, lines=("220 <b>Welcome</b> &amp; <img src=x>",))])
    assert "220 <b>Welcome</b> &amp; <img src=x>" in log.toPlainText()
    assert shown_rows(log)[0].endswith("220 <b>Welcome</b> &amp; <img src=x>")
    # painted as plain text: the item delegate never reads markup, so the row is as wide as its characters
    log.show()
    qtbot.waitExposed(log)
    assert log.columnWidth(0) >= log.fontMetrics().horizontalAdvance("220 <b>Welcome</b> &amp; <img src=x>")


def test_control_characters_cannot_fake_lines(log):
    log.add_events([ReplyReceived(1, code=230, lines=("230 ok\r00:00:00  Command:   PASS hunter2",))])
    assert len(shown_rows(log)) == 1 and "\n" not in shown_rows(log)[0] and "\r" not in shown_rows(log)[0]


def test_passwords_are_masked_even_if_unmasked_text_arrives(log):
    log.add_events([CommandSent(1, text="PASS ****"), CommandSent(1, text="PASS hunter2")])
    assert "hunter2" not in log.toPlainText()
    assert log.toPlainText().count("PASS ****") == 2


def test_kinds_have_distinct_readable_colours_in_both_palettes(log):
    for palette in (light_palette(), dark_palette()):
        colours = kind_colours(palette)
        assert set(colours) == set(KINDS)  # (a reply nobody asked for has its own: note 426)
        assert len({c.name() for c in colours.values()}) == len(KINDS)
        base = palette.color(QPalette.ColorRole.Base)
        for c in colours.values():
            assert abs(c.lightness() - base.lightness()) > 80, c.name()  # readable on the background
    log.setPalette(dark_palette())
    assert log.colour_of("error").name() == kind_colours(dark_palette())["error"].name()


def test_an_error_reply_and_a_failed_data_connection_are_errors(log):
    log.add_events(
        [
            DataChannelPlanned(
                3,
                mode="active",
                command="EPRT",
                argument="|1|10.0.0.2|5000|",
                advertised=("10.0.0.2", 5000),
                target=("10.0.0.2", 5000),
            ),
            ReplyReceived(3, code=425, lines=("425 Can't open data connection.",)),
            DataFailed(3, stage="accept", cause="client-nat", detail="The server did not connect."),
        ]
    )
    kinds = [k for k, _t in log.lines]
    assert kinds == ["status", "error", "error"]
    assert "private address" in log.lines[-1][1]  # explained for active mode, where it happened


def test_the_log_is_bounded_and_copyable(log, qtbot):
    assert log.max_lines == message_log.MAX_LINES
    log.max_lines = 50
    for start in range(0, 200, 40):  # (in batches, as the log gets them)
        log.add_lines([("status", f"line {i}") for i in range(start, start + 40)])
    assert len(shown_rows(log)) == 50 and log.lines[0] == ("status", "line 150")
    assert "line 199" in log.toPlainText() and "line 0\n" not in log.toPlainText()
    log.selectAll()
    log.copy()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert len(copied) == 50 and copied[0].endswith("line 150") and copied[-1].endswith("line 199")
    log.clearSelection()
    log.selectRow(3)
    qtbot.keyClick(log, "c", Qt.KeyboardModifier.ControlModifier)  # Ctrl+C: the selected line as shown
    assert QGuiApplication.clipboard().text() == shown_rows(log)[3]


def test_a_palette_change_recolours_the_lines_already_shown(log):
    log.setPalette(light_palette())
    log.add_lines([("command", "LIST"), ("error", "550 No such file")])
    log.setPalette(dark_palette())
    dark = kind_colours(dark_palette())
    model = log.model()
    colours = [model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole).name() for row in range(2)]
    assert colours == [dark["command"].name(), dark["error"].name()]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.FontRole).bold()  # an error stands out
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) is None
    assert log.lines == [("command", "LIST"), ("error", "550 No such file")]


def test_escape_sequences_and_bidi_overrides_are_shown_visibly(log):
    log.add_events(
        [ReplyReceived(1, code=550, lines=("550 no\x1b]52;c;cHduZWQ=\x07 \x9b2J gpj\u202eexe.txt \u2028fake",))]
    )
    text = log.toPlainText()
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u2028"):
        assert raw not in text
    assert "\\x1b]52;c;cHduZWQ=\\x07 \\x9b2J gpj\\u202eexe.txt \\u2028fake" in text
    assert len(shown_rows(log)) == 1


def test_the_transfers_lines_come_soon_in_one_edit_and_in_order(qtbot, log, tmp_path):
    """``soon`` (the transfer connections' events): held back up to ``SOON_MS`` and put in together — one insert
    for many batches — and a line added meanwhile without it puts them in first, so the lines keep the order
    they came in; the log file gets them all, and ``lines`` shows them at once."""
    from ftpgui.logfile import LogFile

    log.file = LogFile(str(tmp_path), 1 << 20)
    edits = []
    log.model().rowsInserted.connect(lambda *_: edits.append(1))
    for n in range(20):  # twenty batches of two transfer connections' events
        log.add_events(
            [CommandSent(n % 2 + 1, text=f"RETR f{n}"), ReplyReceived(n % 2 + 1, 226, ("226 done",))], soon=True
        )
    assert shown_rows(log) == [] and not edits  # (nothing yet: held back)
    qtbot.waitUntil(lambda: any("RETR f19" in row for row in shown_rows(log)), timeout=5000)
    assert len(edits) == 1 and len(shown_rows(log)) == 40  # (twenty batches of two lines: one insert)
    log.add_events([ReplyReceived(3, 230, ("230 in",))], soon=True)
    log.add_lines([("status", "the person's own action")])  # → the held-back line goes in first
    text = shown_rows(log)
    assert [line.split(None, 2)[2] for line in text[-2:]] == ["230 in", "the person's own action"]
    log.add_events([CommandSent(1, text="NOOP")], soon=True)
    assert log.lines[-1] == ("command", "NOOP")  # (reading the lines puts in what is held back)
    message_log.set_log_file(log, None)
    written = "".join(p.read_text() for p in tmp_path.iterdir())
    assert written.count("RETR f") == 20 and "NOOP" in written and written.index("230 in") < written.index("own action")


def test_the_log_follows_its_newest_line_and_keeps_the_place_of_a_person_reading_back(log, qtbot):
    log.resize(600, 200)
    log.show()
    qtbot.waitExposed(log)
    log.max_lines = 100
    bar = log.verticalScrollBar()
    assert log.verticalScrollMode() == log.ScrollMode.ScrollPerItem  # (the bar counts rows, on every style)
    log.add_lines([("status", f"line {i}") for i in range(100)])
    assert bar.value() == bar.maximum() > 0  # following the end
    bar.setValue(50)  # the person scrolls back to read
    top = log.rowAt(0)
    read = log.model().data(log.model().index(top, 0))
    log.add_lines([("status", f"line {i}") for i in range(100, 120)])  # 20 new, the oldest 20 go
    assert bar.value() == 30 and log.model().data(log.model().index(log.rowAt(0), 0)) == read
    bar.setValue(bar.maximum())  # back at the end: it follows again
    log.add_lines([("status", "line 120")])
    assert bar.value() == bar.maximum() and log.lines[-1] == ("status", "line 120")


def test_a_log_filled_while_hidden_shows_its_newest_line_when_shown(qtbot):
    from PySide6.QtWidgets import QLabel, QStackedWidget

    stack = QStackedWidget()
    qtbot.addWidget(stack)
    stack.addWidget(QLabel("another tab"))
    log = MessageLog()
    stack.addWidget(log)
    stack.resize(600, 200)
    stack.show()
    qtbot.waitExposed(stack)
    log.add_lines([("status", f"line {i}") for i in range(1000)])  # a background tab's transfers
    stack.setCurrentWidget(log)
    qtbot.waitUntil(lambda: log.isVisible())
    bar = log.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() > 0, timeout=2000)
    log.add_lines([("status", "one more")])
    assert bar.value() == bar.maximum()


def test_the_column_fits_wide_characters_and_the_arrow_keys_scroll_sideways(log, qtbot):
    log.resize(400, 200)
    log.show()
    qtbot.waitExposed(log)
    accented, chinese = "é" * 100, "中" * 80  # more characters, but the Chinese line is the wider
    log.add_lines([("status", accented), ("status", chinese)])
    wide = max(QFontMetrics(log.font()).horizontalAdvance(row) for row in shown_rows(log))
    assert log.columnWidth(0) >= wide
    bar = log.horizontalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    qtbot.keyClick(log, Qt.Key.Key_Right)
    assert bar.value() > 0
    qtbot.keyClick(log, Qt.Key.Key_Left)
    assert bar.value() == 0
    assert log.height_for(5) >= 5 * log.verticalHeader().defaultSectionSize()  # (the window sizes the log by it)


def test_clear_all_from_the_menu_empties_the_log_and_it_goes_on(log, qtbot):
    """FileZilla's message log offers Clear All; so does this one's menu (the log file keeps every line)."""
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    log.add_lines([("status", f"line {i}") for i in range(30)])
    log.add_lines([("status", "held back")], soon=True)
    seen = []

    def choose() -> None:
        menu = log.findChild(QMenu)
        actions = {a.text().replace("&", ""): a for a in menu.actions() if a.text()}
        seen.append(sorted(actions))
        actions["Clear All"].trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    log.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), log.mapToGlobal(QPoint(5, 5))))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] == ["Clear All", "Copy", "Select All"]
    assert shown_rows(log) == [] and log.toPlainText() == ""
    qtbot.wait(300)  # (the held-back line does not come back after the clear)
    assert shown_rows(log) == []
    log.add_lines([("status", "after")])
    assert [r.endswith("after") for r in shown_rows(log)] == [True]
