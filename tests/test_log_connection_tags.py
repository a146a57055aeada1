"""The message log says which transfer connection each of its lines comes from, by the name the mode panel's
picker gives it ("Transfer 2"); the browsing connection's lines carry no tag. Driven as a person does: quick
connect, then a download of two files through the queue with two transfer connections."""

from __future__ import annotations

import re

from ftpgui.transfers.items import DONE

from guihelpers import filled_server, quick_connect, wait_listing

LONG = 30000
LINE = re.compile(r"^\d\d:\d\d:\d\d  (\S+)\s+(\[Transfer \d+\] )?(.*)$")


def test_each_transfer_connections_lines_carry_its_panel_name(qtbot, window, make_server, tmp_path):
    srv = filled_server(make_server)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    target = tmp_path / "downloads"
    target.mkdir()
    window.request_download([("/a.txt", False, 10), ("/b.bin", False, 5000)], str(target))
    qtbot.waitUntil(lambda: all(i.state == DONE for i in window.queue.model.items()), timeout=LONG)
    window.log.flush()

    tagged: dict = {}  # the tag of each line that names a file
    for line in window.log.toPlainText().splitlines():
        m = LINE.match(line)
        assert m, line
        if m.group(3).startswith(("RETR ", "LIST", "MLSD")):
            tagged[m.group(3)] = (m.group(2) or "").strip()
    # the browsing connection listed the folder: no tag
    assert [tag for text, tag in tagged.items() if text.startswith(("LIST", "MLSD"))] == [""]
    retr = {text: tag for text, tag in tagged.items() if text.startswith("RETR")}
    assert set(retr) == {"RETR /a.txt", "RETR /b.bin"}, retr
    # each is a transfer connection's, and the mode panel's picker names that connection the same way
    picker = [window.mode_panel.connection_box.itemText(i) for i in range(window.mode_panel.connection_box.count())]
    for tag in retr.values():
        assert re.fullmatch(r"\[Transfer \d+\]", tag), tag
        assert any(name.startswith(tag[1:-1] + " — ") for name in picker), (tag, picker)
    # (the lines a test reads through ``lines()`` stay the server's words alone)
    assert any(text.startswith("RETR") for kind, text in window.log.lines if kind == "command")
