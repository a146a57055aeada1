"""Resume onto a local link, in the window (design note 372, found by a QA recheck): the question says the target
is a link; Resume — the person's, or the preferences' default — fails the item in words, the link and the file it
leads to left as they are (the download began afresh and its rename replaced the link, with nothing said); a
Retry asks again, and Overwrite replaces the link. The real window and dialog, a real pyftpdlib server."""

from __future__ import annotations

import os

import pytest
from test_exists_choice_gui import download, next_question, press_ok, said, settled, start_window

from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.model import COL_STATE

from guihelpers import close_window

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net, not a performance limit
SERVERS = b"twenty bytes, whole."  # the server's /hello.txt


def link_to_a_partial(make_server, tmp_path):
    """(the server, the local folder): ``hello.txt`` there a link to ``part.txt``, which holds "hel"."""
    srv = make_server("127.0.0.1")
    with open(srv.path("hello.txt"), "wb") as f:
        f.write(SERVERS)
    local = tmp_path / "local"
    local.mkdir()
    (local / "part.txt").write_bytes(b"hel")
    os.symlink("part.txt", local / "hello.txt")
    return srv, local


def left_alone(local) -> bool:
    return os.readlink(local / "hello.txt") == "part.txt" and (local / "part.txt").read_bytes() == b"hel"


def refused(w, local, language: str) -> None:
    """The one item failed in the link's words, in ``language``; nothing fetched, the link and its file kept."""
    (item,) = w.queue.model.items()
    assert item.state == FAILED, (item.state, item.error, os.path.islink(local / "hello.txt"))
    real = os.path.realpath(local / "part.txt")
    assert item.error == (
        f"hello.txt is a link; ftpgui does not write through links: to continue the file it leads to ({real}), give "
        "that file this name in the link's place; Overwrite replaces the link."
    )
    state = w.queue.model.cell_text(item, COL_STATE)
    if language == "zh_CN":
        assert "hello.txt 是一个链接" in state and real in state and "write through" not in state, state
    else:
        assert state == "Failed: " + item.error
    assert left_alone(local)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_resume_chosen_onto_a_link_fails_in_words_and_retry_overwrite_replaces_it(
    qtbot, request, config, make_server, tmp_path, language
):
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv, local = link_to_a_partial(make_server, tmp_path)
    w = start_window(qtbot, config, srv, "ask")
    try:
        download(qtbot, w, local, ["hello.txt"])
        dialog = next_question(qtbot, w, 1, 1)
        assert dialog is not None
        real = os.path.realpath(local / "part.txt")
        words = said(dialog)
        if language == "zh_CN":
            assert f"指向 {real} 的链接" in words, words
        else:
            assert f"a link to {real}; ftpgui does not write through links" in words, words
        press_ok(qtbot, dialog, "resume")
        qtbot.waitUntil(lambda: settled(w, 1), timeout=LONG)
        refused(w, local, language)
        assert not [c for c in srv.record.commands if c.startswith("RETR")]

        # Retry: asked again (the answer Resume does not stand), and Overwrite replaces the link, as chosen
        (item,) = w.queue.model.items()
        w.queue.retry([item.id])
        dialog = next_question(qtbot, w, 2, 1)
        assert dialog is not None, (item.state, item.error)
        press_ok(qtbot, dialog, "overwrite")
        qtbot.waitUntil(lambda: settled(w, 1), timeout=LONG)
        assert item.state == DONE, item.error
        assert not os.path.islink(local / "hello.txt") and (local / "hello.txt").read_bytes() == SERVERS
        assert (local / "part.txt").read_bytes() == b"hel"
    finally:
        close_window(qtbot, w)


def test_resume_as_the_preferences_default_onto_a_link_fails_in_words(qtbot, config, make_server, tmp_path):
    srv, local = link_to_a_partial(make_server, tmp_path)
    w = start_window(qtbot, config, srv, "resume")
    try:
        download(qtbot, w, local, ["hello.txt"])
        qtbot.waitUntil(lambda: settled(w, 1), timeout=LONG)
        assert not w.asked  # (3 bytes of 20: Resume stands, unasked)
        refused(w, local, "en")
        assert not [c for c in srv.record.commands if c.startswith("RETR")]
    finally:
        close_window(qtbot, w)
