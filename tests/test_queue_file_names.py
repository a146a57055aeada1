"""The queue's rows can be told apart at 1366×768 beside the mode panel (found by QA, English and Chinese: Local
file and Remote file read "/tmp/…0.bin" and "/pub/…0.bin" on the rows of file20.bin, file30.bin and file50.bin,
Server "anony…30501"; design note 385). The default window on Xvfb with a window manager, connected to
pyftpdlib, the downloads queued; what the row painter shows in each cell is checked against the cell's width."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from ftpgui.transfers.model import COL_LOCAL, COL_REMOTE, COL_SERVER

from conftest import need

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ("file20.bin", "file30.bin", "file50.bin", "quarterly-report-2026-final-version.pdf")

pytestmark = pytest.mark.gui


def probe(language: str, tmp_path) -> dict:
    need(shutil.which("Xvfb") is not None and shutil.which("openbox") is not None, "needs Xvfb and openbox")
    sys.path.insert(0, HERE)
    from render_window import probe_on_x

    return probe_on_x("1366x768", "queue_names_probe.py", language, str(tmp_path / "cache"))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_row_shows_its_file_name_and_nothing_else_clips(language, tmp_path):
    found = probe(language, tmp_path)
    cells, hidden = found["cells"], found["hidden"]
    assert found["dock"] > 0, found  # (the mode panel beside the panes, at its default width)
    assert sum(w for w, h in zip(found["widths"], hidden, strict=True) if not h) <= found["viewport"] + 1
    for row in cells:  # every cell's text within its width
        for column, (text, shown, advance, inner) in enumerate(row):
            assert hidden[column] or advance <= inner, (column, text, shown, advance, inner)
    for column in (COL_LOCAL, COL_REMOTE):
        shown = [row[column][1] for row in cells]
        assert len(set(shown)) == len(shown), shown  # ("/tmp/…0.bin" on every row)
        for name, text in zip(NAMES[:3], shown[:3], strict=True):
            assert text.endswith("/" + name), (name, shown)  # the short names whole
        long_name = NAMES[3]
        head, _, tail = shown[3].rpartition("…")
        assert long_name.endswith(tail) and tail.endswith(".pdf"), shown[3]  # its end, its extension
        assert long_name.startswith(head.rsplit("/", 1)[-1]) or shown[3].endswith(long_name), shown[3]
    # the other columns show their texts whole; the server's address before its user ("anony…30501")
    for row in cells:
        for column, (text, shown, _advance, _inner) in enumerate(row):
            if column not in (COL_LOCAL, COL_REMOTE, COL_SERVER) and not hidden[column]:
                assert shown == text, (column, text, shown)
        server_text, server_shown = row[COL_SERVER][:2]
        assert server_shown == server_text or server_shown.startswith("127.0"), (server_text, server_shown)
