"""Found by QA (design note 265): a server that lists UTF8 in FEAT (as proftpd) and a folder holding UTF-8
names (café.txt, ünïcødé 中文.txt), GBK names and one Latin-1 name. The note above the remote files offered
"GBK" alone, which read the UTF-8 names as GBK ("caf茅.txt"), and then offered Latin-1, which would have read
the GBK names wrong — without a word on either. Now it offers "UTF-8, else GBK", which reads both kinds (on a
server listing UTF8 too), and a further suggestion says which names that read now it would change. Through the
real window against pyftpdlib listing the raw bytes: the button pressed, every name read, a file of each kind
downloaded under its name; in English and in Chinese at 1366×768."""

from __future__ import annotations

import os

import pytest
from test_legacy_names_gui import select_listed
from test_legacy_names_hint import hint_lines, save_screen

from guihelpers import WAIT, quick_connect, wait_listing

pytestmark = pytest.mark.gui

UTF8_NAMES = ["café.txt", "ünïcødé 中文.txt"]
GBK_NAMES = ["测试文件.txt", "中文目录.txt"]
LATIN1 = "naïve résumé.txt".encode("latin-1")  # neither UTF-8 nor GBK ("\xe9." is no GBK pair)
LATIN1_SHOWN = "na\\xefve r\\xe9sum\\xe9.txt"
FILES = {
    **{n.encode(): f"utf-8 {i}\n".encode() for i, n in enumerate(UTF8_NAMES)},
    **{n.encode("gbk"): f"gbk {i}\n".encode() for i, n in enumerate(GBK_NAMES)},
    LATIN1: b"latin-1\n",
}


@pytest.fixture
def mixed(request, make_server):
    """UTF-8, GBK and Latin-1 names in one folder of a server that lists UTF8 in FEAT (or, parametrized with
    False, does not: the first note's choice was right there, and the second said nothing of what it changed)."""
    srv = make_server(legacy_names=True, feat_utf8=getattr(request, "param", True))
    for raw, data in FILES.items():
        with open(os.path.join(os.fsencode(srv.root), raw), "wb") as f:
            f.write(data)
    return srv


def names(w) -> list:
    return sorted(e.name for e in w.remote.model.entries())


def take_the_hint(qtbot, w, srv, button: str) -> None:
    """Quick connect (UTF-8), the note's button (``button``) pressed, the folder listed again."""
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    bar = w.remote.hint_bar
    qtbot.waitUntil(bar.isVisible, timeout=WAIT)
    assert bar.take.text() == button
    bar.take.click()
    qtbot.waitUntil(lambda: GBK_NAMES[0] in names(w), timeout=WAIT)
    wait_listing(qtbot, w, "/")
    assert w.remote_browser.options.encoding == "auto:gbk"
    read = names(w)  # (the Latin-1 name with its bytes as codes: "\\xe9")
    assert len(read) == 5 and set(UTF8_NAMES + GBK_NAMES) <= set(read), read
    qtbot.waitUntil(lambda: bar.isVisible() and "Latin-1" in bar.text.text(), timeout=WAIT)  # the Latin-1 name


@pytest.mark.parametrize("mixed", [True, False], ids=["feat-utf8", "no-utf8"], indirect=True)
def test_the_note_offers_utf8_else_gbk_and_says_what_latin1_would_change(qtbot, window, mixed, tmp_path):
    w = window
    take_the_hint(qtbot, w, mixed, "Connect with “Auto (UTF-8, else GBK)”")
    # the next suggestion (Latin-1) reads the GBK names otherwise: it says so, with one of them
    bar = w.remote.hint_bar
    note = bar.text.text()
    assert "Some names are not UTF-8/GBK" in note and "they look like Latin-1: “naïve résumé.txt”" in note, note
    shown_gbk = GBK_NAMES[0].encode("gbk").decode("latin-1")
    assert f"That would also change 2 name(s) that read correctly now: “{GBK_NAMES[0]}” would show as" in note, note
    assert f"“{shown_gbk}”" in note or f"“{GBK_NAMES[1].encode('gbk').decode('latin-1')}”" in note
    assert bar.take.text() == "Connect with “Auto (UTF-8, else Latin-1)”"
    assert "That would also change 2 name(s)" in hint_lines(w)[-1]
    # a file of each kind downloaded under its name, with its own bytes
    for name, raw in ((UTF8_NAMES[0], UTF8_NAMES[0].encode()), (UTF8_NAMES[1], UTF8_NAMES[1].encode()),
                      (GBK_NAMES[0], GBK_NAMES[0].encode("gbk"))):  # fmt: skip
        down = tmp_path / raw.hex()
        down.mkdir()
        w.local.set_path(str(down))
        assert select_listed(w, raw).name == name
        w.act_download.trigger()
        qtbot.waitUntil(w.queue.is_idle, timeout=WAIT)
        assert [(i.state, i.error) for i in w.queue.model.items()][-1] == ("done", "")
        assert [(p.name, p.read_bytes()) for p in down.iterdir()] == [(name, FILES[raw])]


def test_in_chinese_at_1366x768_the_note_is_whole(qtbot, chinese, window, mixed):
    w = window
    w.resize(1366, 768)
    take_the_hint(qtbot, w, mixed, "用“自动（UTF-8，否则 GBK）”重新连接")
    bar = w.remote.hint_bar
    qtbot.wait(50)  # (the layout settles)
    note = bar.text.text()
    assert "这也会改变 2 个现在显示正确的文件名：“" in note and "看起来是 Latin-1 编码" in note, note
    assert bar.take.text() == "用“自动（UTF-8，否则 Latin-1）”重新连接"
    assert bar.take.width() >= bar.take.sizeHint().width()  # the button's words whole
    assert bar.text.height() >= bar.text.heightForWidth(bar.text.width())  # every line of the note shown
    assert bar.geometry().bottom() <= bar.parentWidget().height()  # (within its pane)
    save_screen(w, "mixed-names-note-zh_CN.png")
