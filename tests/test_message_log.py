"""The message log: plain text only, distinct colours in light and dark palettes, bounded, secrets masked."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QPalette

from ftpgui.ftp import CommandSent, DataChannelPlanned, DataFailed, ReplyReceived
from ftpgui.ui import message_log
from ftpgui.ui.message_log import MessageLog, kind_colours
from ftpgui.ui.theme import dark_palette, light_palette

pytestmark = pytest.mark.gui


@pytest.fixture
def log(qtbot):
    widget = MessageLog()
    qtbot.addWidget(widget)
    return widget


def test_server_text_is_shown_literally(log):
    log.add_events([ReplyReceived(1, code=220, lines=("220 <b>Welcome</b> &amp; <img src=x>",))])
    assert "220 <b>Welcome</b> &amp; <img src=x>" in log.toPlainText()
    assert "Welcome" in log.document().toPlainText()
    assert log.document().toHtml().count("<b>") == 0  # nothing was interpreted as markup


def test_control_characters_cannot_fake_lines(log):
    log.add_events([ReplyReceived(1, code=230, lines=("230 ok\r00:00:00  Command:   PASS hunter2",))])
    assert log.document().blockCount() == 1


def test_passwords_are_masked_even_if_unmasked_text_arrives(log):
    log.add_events([CommandSent(1, text="PASS ****"), CommandSent(1, text="PASS hunter2")])
    assert "hunter2" not in log.toPlainText()
    assert log.toPlainText().count("PASS ****") == 2


def test_kinds_have_distinct_readable_colours_in_both_palettes(log):
    for palette in (light_palette(), dark_palette()):
        colours = kind_colours(palette)
        assert len({c.name() for c in colours.values()}) == 4
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


def test_the_log_is_bounded_and_copyable(log, monkeypatch):
    monkeypatch.setattr(message_log, "MAX_LINES", 50)
    small = MessageLog()
    small.setMaximumBlockCount(50)
    small.add_lines([("status", f"line {i}") for i in range(200)])
    assert small.document().blockCount() == 50
    assert "line 199" in small.toPlainText() and "line 0\n" not in small.toPlainText()
    small.selectAll()
    small.copy()
    assert "line 199" in QGuiApplication.clipboard().text()
    small.deleteLater()


def test_a_palette_change_recolours_the_lines_already_shown(log):
    log.setPalette(light_palette())
    log.add_lines([("command", "LIST"), ("error", "550 No such file")])
    log.setPalette(dark_palette())
    dark = kind_colours(dark_palette())
    block = log.document().firstBlock()
    colours = []
    while block.isValid():
        colours.append(block.begin().fragment().charFormat().foreground().color().name())
        block = block.next()
    assert colours == [dark["command"].name(), dark["error"].name()]
    assert log.lines == [("command", "LIST"), ("error", "550 No such file")]


def test_escape_sequences_and_bidi_overrides_are_shown_visibly(log):
    log.add_events(
        [ReplyReceived(1, code=550, lines=("550 no\x1b]52;c;cHduZWQ=\x07 \x9b2J gpj\u202eexe.txt \u2028fake",))]
    )
    text = log.toPlainText()
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u2028"):
        assert raw not in text
    assert "\\x1b]52;c;cHduZWQ=\\x07 \\x9b2J gpj\\u202eexe.txt \\u2028fake" in text
    assert log.document().blockCount() == 1


def test_the_transfers_lines_come_soon_in_one_edit_and_in_order(qtbot, log, tmp_path):
    """``soon`` (the transfer connections' events): held back up to ``SOON_MS`` and put in together — one edit
    of the document for many batches — and a line added meanwhile without it puts them in first, so the
    lines keep the order they came in; the log file gets them all, and ``lines`` shows them at once."""
    from ftpgui.logfile import LogFile

    log.file = LogFile(str(tmp_path), 1 << 20)
    edits = []
    log.document().contentsChange.connect(lambda *_: edits.append(1))
    for n in range(20):  # twenty batches of two transfer connections' events
        log.add_events(
            [CommandSent(n % 2 + 1, text=f"RETR f{n}"), ReplyReceived(n % 2 + 1, 226, ("226 done",))], soon=True
        )
    assert log.document().toPlainText() == "" and not edits  # (nothing yet: held back)
    qtbot.waitUntil(lambda: "RETR f19" in log.document().toPlainText(), timeout=5000)
    assert len(edits) <= 2  # (an edit per second of the lines' times: at most two)
    log.add_events([ReplyReceived(3, 230, ("230 in",))], soon=True)
    log.add_lines([("status", "the person's own action")])  # → the held-back line goes in first
    text = log.document().toPlainText().splitlines()
    assert [line.split(None, 2)[2] for line in text[-2:]] == ["230 in", "the person's own action"]
    log.add_events([CommandSent(1, text="NOOP")], soon=True)
    assert log.lines[-1] == ("command", "NOOP")  # (reading the lines puts in what is held back)
    message_log.set_log_file(log, None)
    written = "".join(p.read_text() for p in tmp_path.iterdir())
    assert written.count("RETR f") == 20 and "NOOP" in written and written.index("230 in") < written.index("own action")
