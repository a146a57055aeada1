"""The local and remote lists' column titles are the same words, in every language (note 431). Found by QA in
Chinese: the local list's titles were Qt's own translation of its file-system model (名称, 体积, 类型, 修改日期)
beside the remote list's 名称, 大小, 类型, 修改时间 — two words for Size and for Modified side by side."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from guihelpers import close_window, filled_server, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui


def titles(header, count: int) -> list:
    """The titles ``header`` shows, as its model gives them to it."""
    return [header.model().headerData(column, Qt.Orientation.Horizontal) for column in range(count)]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_local_and_remote_lists_have_the_same_column_titles(
    qtbot, config, make_server, tmp_path, language, request
):
    if language != "en":
        request.getfixturevalue("chinese")
    srv = filled_server(make_server)
    (tmp_path / "here.txt").write_bytes(b"local")
    w = open_window(qtbot)
    w.local.set_path(str(tmp_path))
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    qtbot.waitUntil(
        lambda: w.local.view.model() is not None and w.local.view.model().rowCount(w.local.view.rootIndex()) > 0
    )
    local = titles(w.local.view.header(), w.local.view.header().count())
    remote = titles(w.remote.view.horizontalHeader(), 4)
    assert len(local) == 4, local
    assert local == remote, (local, remote)
    expected = ["Name", "Size", "Type", "Modified"] if language == "en" else ["名称", "大小", "类型", "修改时间"]
    assert local == expected
    close_window(qtbot, w)
