"""A download onto a local link, in the window. ftpgui writes through no link (design note 372: Resume there began
afresh and its rename replaced the link, with nothing said; then it failed in words). The question offers no
Resume for a link — disabled, its tooltip saying why — and says so in a line of its own, wrapped at its indent;
the preferences' default Resume does not stand for a link: the person is asked (it failed the item, and each
Retry failed again the same way); a link that leads to nothing is asked about too, saying so (it failed "No such
file or directory" naming the link, or in a folder's download was replaced unasked). Overwrite replaces the
link. Design note 376. The real window and dialog, a real pyftpdlib server."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QLabel
from test_exists_choice_gui import download, next_question, press_ok, said, settled, start_window

from ftpgui.transfers.items import DONE, SKIPPED

from guihelpers import close_window

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net, not a performance limit
SERVERS = b"twenty bytes, whole."  # the server's /hello.txt


def link_to_a_partial(make_server, tmp_path, to: str = "part.txt", folder: str = ""):
    """(the server, the local folder): ``hello.txt`` there (in ``folder`` on both sides, if given) a link to
    ``to`` — which holds "hel", unless it is "gone.txt", which is not there."""
    srv = make_server("127.0.0.1")
    os.makedirs(srv.path(folder or "."), exist_ok=True)
    with open(srv.path(os.path.join(folder, "hello.txt")), "wb") as f:
        f.write(SERVERS)
    local = tmp_path / "local"
    (local / folder).mkdir(parents=True)
    if to != "gone.txt":
        (local / folder / to).write_bytes(b"hel")
    os.symlink(to, local / folder / "hello.txt")
    return srv, local


def left_alone(local, to: str = "part.txt") -> bool:
    kept = not (local / to).exists() if to == "gone.txt" else (local / to).read_bytes() == b"hel"
    return os.readlink(local / "hello.txt") == to and kept


def link_line(dialog) -> QLabel:
    """The line saying the target is a link: a label of its own, indented as the lines above it and wrapped
    within that indent (one label's wrapped line began at its left edge)."""
    (line,) = [label for label in dialog.findChildren(QLabel) if label.objectName() == "linkLine"]
    (info,) = [label for label in dialog.findChildren(QLabel) if "\n" in label.text()]
    assert line.wordWrap() and line.indent() == info.fontMetrics().horizontalAdvance("    ") > 0
    assert line.geometry().left() == info.geometry().left()
    return line


def no_resume(dialog, language: str) -> None:
    """Resume is offered disabled, its tooltip saying why; the other choices are offered as ever."""
    assert not dialog.buttons["resume"].isEnabled()
    tip = dialog.buttons["resume"].toolTip()
    if language == "zh_CN":
        assert tip == "目标是一个链接；ftpgui 不会通过链接写入，因此续传无法接着它继续。", tip
    else:
        assert tip == "The target is a link; ftpgui does not write through links, so Resume cannot continue it.", tip
    assert all(dialog.buttons[c].isEnabled() for c in ("overwrite", "newer", "rename", "skip"))


def overwritten(qtbot, w, local, to: str = "part.txt") -> None:
    """Overwrite chosen: the link replaced by the server's file, the file it led to kept."""
    qtbot.waitUntil(lambda: settled(w, len(w.queue.model.items())), timeout=LONG)
    item = [i for i in w.queue.model.items() if i.local.endswith("hello.txt")][-1]  # (the last asked about)
    assert item.state == DONE, item.error
    assert not os.path.islink(local / "hello.txt") and (local / "hello.txt").read_bytes() == SERVERS
    if to != "gone.txt":
        assert (local / to).read_bytes() == b"hel"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_link_is_not_offered_resume_and_overwrite_replaces_it(
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
        words = link_line(dialog).text()
        if language == "zh_CN":
            assert words == f"指向 {real} 的链接；ftpgui 不会通过链接写入：续传无法接着它继续，覆盖会替换该链接", words
        else:
            assert words == (
                f"a link to {real}; ftpgui does not write through links: Resume cannot continue it, Overwrite "
                "replaces the link"
            ), words
        no_resume(dialog, language)
        dialog.buttons["resume"].click()  # (a person's click on it: nothing)
        assert dialog.choice() != "resume"
        assert left_alone(local) and not [c for c in srv.record.commands if c.startswith("RETR")]
        press_ok(qtbot, dialog, "overwrite")
        overwritten(qtbot, w, local)
    finally:
        close_window(qtbot, w)


def test_resume_as_the_preferences_default_asks_about_a_link(qtbot, config, make_server, tmp_path):
    """It failed the item (3 bytes of 20: Resume stood, unasked), and each Retry failed again; Skip chosen, the
    same download again is asked about again."""
    srv, local = link_to_a_partial(make_server, tmp_path)
    w = start_window(qtbot, config, srv, "resume")
    try:
        download(qtbot, w, local, ["hello.txt"])
        dialog = next_question(qtbot, w, 1, 1)
        (item,) = w.queue.model.items()
        assert dialog is not None, (item.state, item.error)
        assert (
            "Resume cannot continue this file: the target is a link, and ftpgui does not write through links. "
            "Choose what to do with it." in said(dialog)
        ), said(dialog)
        no_resume(dialog, "en")
        assert dialog.choice() == "skip"  # (Resume was wanted: nothing replaced unless the person says so)
        assert left_alone(local) and not [c for c in srv.record.commands if c.startswith("RETR")]
        press_ok(qtbot, dialog)
        qtbot.waitUntil(lambda: settled(w, 1) and not w.queue.pending_question(), timeout=LONG)
        assert item.state == SKIPPED and left_alone(local), item.error

        download(qtbot, w, local, ["hello.txt"])  # again: asked again, not failed
        dialog = next_question(qtbot, w, 2, 2)
        assert dialog is not None, [(i.state, i.error) for i in w.queue.model.items()]
        no_resume(dialog, "en")
        press_ok(qtbot, dialog, "overwrite")
        overwritten(qtbot, w, local)
    finally:
        close_window(qtbot, w)


@pytest.mark.parametrize("folder", ["", "tree"])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_link_to_nothing_is_asked_about_saying_so(qtbot, request, config, make_server, tmp_path, folder, language):
    """Alone, it failed "No such file or directory" naming the link; in a folder's download the link was replaced
    unasked."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv, local = link_to_a_partial(make_server, tmp_path, "gone.txt", folder)
    w = start_window(qtbot, config, srv, "ask")
    try:
        download(qtbot, w, local, [folder or "hello.txt"])
        dialog = next_question(qtbot, w, 1, 1)  # (a folder's item: gone once it is listed into its file's)
        assert dialog is not None, [(i.local, i.state, i.error) for i in w.queue.model.items()]
        real = os.path.realpath(local / folder / "gone.txt")
        words = link_line(dialog).text()
        if language == "zh_CN":
            assert words == f"指向 {real} 的链接，而该文件不存在：没有可以接着继续的内容；覆盖会替换该链接", words
        else:
            assert words == (
                f"a link to {real}, which does not exist: there is nothing to continue; Overwrite replaces the link"
            ), words
        no_resume(dialog, language)
        assert left_alone(local / folder, "gone.txt")
        press_ok(qtbot, dialog, "overwrite")
        overwritten(qtbot, w, local / folder, "gone.txt")
    finally:
        close_window(qtbot, w)
