"""After a tab's close with "Cancel the transfers" (found by QA, design note 484): its server's transfer connections
still end — ABOR, the 426, the SIZE of the file cut off, QUIT — and their lines went to the tab left shown, tagged
"[Transfer 3]" as that tab's own transfer connections are: another server's replies in its log, unnamed. And the
report of what the cancel cut off came before the ABOR and SIZE lines it tells of. A real pyftpdlib server, the
queue's speed limit, the real window, the tab's × and the question's button clicked like a person."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from test_close_tab_cut import close_and_cancel
from test_server_tabs import connect_tab, press, two, window  # noqa: F401 (fixtures)

from ftpserver import USER
from guihelpers import fill_server

pytestmark = pytest.mark.gui

LINE = re.compile(r"^\d\d:\d\d:\d\d  \S+\s+(?:\[([^\]]*)\] )?(.*)$")


def test_a_closed_tabs_transfer_lines_name_their_server_and_come_before_the_report(
    qtbot,
    window,  # noqa: F811
    two,  # noqa: F811
    make_server,
    tmp_path,
):
    a, _b = two
    c = make_server("127.0.0.1")
    fill_server(c)
    connect_tab(qtbot, window, a)
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    connect_tab(qtbot, window, c)
    window.queue_view.limit.setValue(100)  # KiB/s: the cancel cuts the uploads off mid-file
    tab_a = window.tabs[0]
    said = close_and_cancel(qtbot, window, tab_a, c, tmp_path, 300_000)
    assert window.current_tab is tab_a
    server = f"{USER}@127.0.0.1:{c.port}"
    rows = [LINE.match(line) for line in tab_a.log.toPlainText().splitlines()]
    assert all(rows)
    lines = [(m.group(1) or "", m.group(2)) for m in rows]
    tags = {tag for tag, _text in lines if tag}
    # tab A made no transfer connection: every tagged line in its log is the closed tab's server's, and says so
    assert tags, "no line of the closed tab's transfer connections in the log left shown"
    assert all(re.fullmatch(rf"{re.escape(server)} Transfer \d+", tag) for tag in tags), tags
    assert any(text == "ABOR" for tag, text in lines if tag)
    # the report comes after the lines it tells of: each file's SIZE asked after the cut, and its answer
    (at,) = [i for i, (_tag, text) in enumerate(lines) if text == said]
    cut = re.findall(r"(f\d+\.bin) \(([\d,]+) of 300,000 bytes\)", said)
    assert cut, said
    for name, kept in cut:
        asked = [i for i, (tag, text) in enumerate(lines) if tag and text == f"SIZE /{name}"]
        assert asked and asked[-1] < at, (name, lines[at:])
        answer = [i for i, (tag, text) in enumerate(lines) if tag and text == f"213 {kept.replace(',', '')}"]
        assert answer and answer[-1] < at, (name, lines[at:])
