"""Found by QA: a server whose names are GBK (a Chinese IIS or Serv-U) read on a UTF-8 session. Nothing said
that the names were not UTF-8, nor which setting reads them ("Auto-detect" in the site manager was UTF-8 only;
"auto:gbk" could only be typed); and each byte UTF-8 could not read showed as a lone surrogate — "\\udcd6" in
the remote pane, dropped by Qt in the queue, the dialogs and the status bar. Through the real window against
pyftpdlib serving the raw GBK bytes: the note and the log line (once a session), the choices in words, the
bytes shown as "\\xd6" everywhere, and every action still sending the bytes the server listed."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from test_remote_edit import question

from ftpgui.ftp.names import OFFERED
from ftpgui.sites.passwords import SERVICE, PasswordStore
from ftpgui.sites.store import Site, SiteStore
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.site_manager import SiteManagerDialog

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, answer_break_connection, close_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui
SCREENS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "screens")

GBK_FILE = "中文文件.txt".encode("gbk")  # d6d0 cec4 cec4 bcfe: UTF-8 reads "\udcd6\udcd0\udcce\udcc4\udcceļ\udcfe"
GBK_DIR = "资料".encode("gbk")
GBK_INNER = "内部.txt".encode("gbk")
SHOWN_FILE = "\\xd6\\xd0\\xce\\xc4\\xceļ\\xfe.txt"  # the pane's words for GBK_FILE on a UTF-8 session


@pytest.fixture
def gbk(make_server):
    """A server listing GBK names as their bytes, without UTF8 in FEAT (as the Chinese Windows servers)."""
    return serve_gbk(make_server(legacy_names=True))


@pytest.fixture
def gbk_feat_utf8(make_server):
    """The same, with UTF8 in FEAT: a server that says UTF-8 and lists its disk's GBK names."""
    return serve_gbk(make_server(legacy_names=True, feat_utf8=True))


def serve_gbk(srv):
    """GBK_FILE, readme.txt, and GBK_DIR holding GBK_INNER, in ``srv``'s folder."""
    root = os.fsencode(srv.root)
    with open(os.path.join(root, GBK_FILE), "wb") as f:
        f.write(b"gbk file\n")
    with open(os.path.join(root, b"readme.txt"), "wb") as f:
        f.write(b"ascii\n")
    os.mkdir(os.path.join(root, GBK_DIR))
    with open(os.path.join(root, GBK_DIR, GBK_INNER), "wb") as f:
        f.write(b"inside\n")
    return srv


def on_disk(srv) -> set:
    return set(os.listdir(os.fsencode(srv.root)))


def hint_lines(w) -> list:
    return [text for kind, text in w.log.lines if "file names on this server are not" in text]


def row_of_bytes(w, raw: bytes) -> int:
    model = w.remote.model
    (row,) = [r for r in range(model.rowCount()) if model.entry(r).wire_name == raw]
    return row


def select_bytes(w, raw: bytes) -> int:
    row = row_of_bytes(w, raw)
    w.set_active_side("remote")
    w.remote.view.selectionModel().clearSelection()
    w.remote.view.selectRow(row)
    return row


def no_surrogates(text: str) -> bool:
    return not any("\ud800" <= ch <= "\udfff" for ch in text)


def save_screen(widget, name: str) -> None:
    os.makedirs(SCREENS, exist_ok=True)
    widget.grab().save(os.path.join(SCREENS, name))


def test_a_quick_connection_says_once_that_the_names_are_gbk_and_connects_with_it_when_asked(qtbot, window, gbk):
    w = window
    quick_connect(qtbot, w, gbk)  # no encoding chosen: UTF-8
    wait_listing(qtbot, w, "/")
    bar = w.remote.hint_bar
    qtbot.waitUntil(bar.isVisible, timeout=WAIT)
    note = bar.text.text()
    assert "Some names are not UTF-8 (unreadable bytes show as \\x" in note, note
    assert "they look like GBK: “" in note and ("“中文文件.txt”" in note or "“资料”" in note), note
    assert bar.take.text() == "Connect with “Auto (UTF-8, else GBK)”"
    (said,) = hint_lines(w)  # the log has the advice too
    assert "connect with the encoding “Auto (UTF-8, else GBK)”" in said
    # the names themselves: their bytes, readably (not "\udcd6", which Qt drops or prints raw)
    model = w.remote.model
    index = model.index(row_of_bytes(w, GBK_FILE), 0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == SHOWN_FILE
    assert "Read as GBK: 中文文件.txt" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert w.remote_browser.options.encoding == "utf-8"  # nothing changed by itself

    # into the GBK folder (its listing has GBK names too: not said again) and back by the path field
    w.remote.view.setFocus()
    w.remote.view.setCurrentIndex(model.index(row_of_bytes(w, GBK_DIR), 0))
    qtbot.keyClick(w.remote.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [e.wire_name for e in model.entries()] == [GBK_INNER], timeout=WAIT)
    folder = w.remote.path
    shown_path = w.remote.path_bar.currentText()
    assert shown_path == "/\\xd7\\xca\\xc1\\xcf" and no_surrogates(shown_path)
    w.set_active_side("remote")
    w.act_up.trigger()
    wait_listing(qtbot, w, "/")
    w.remote.path_bar.setEditText(shown_path)  # the folder's path as shown, confirmed: the real one is listed
    w.remote.path_bar.lineEdit().returnPressed.emit()
    wait_listing(qtbot, w, folder)
    assert [e.wire_name for e in model.entries()] == [GBK_INNER]
    assert len(hint_lines(w)) == 1 and not [t for k, t in w.log.lines if k == "error"]

    bar.take.click()  # the person chooses: the same server again, reading names as UTF-8, else GBK
    qtbot.waitUntil(lambda: [e.name for e in model.entries()] == ["内部.txt"], timeout=WAIT)  # in the same folder
    assert w.remote.path == "/资料" and w.remote.path_bar.currentText() == "/资料"
    assert w.remote_browser.options.encoding == "auto:gbk" and not bar.isVisible()
    w.act_up.trigger()
    wait_listing(qtbot, w, "/")
    assert sorted(e.name for e in model.entries()) == sorted(["中文文件.txt", "readme.txt", "资料"])
    assert len(hint_lines(w)) == 1  # nothing unreadable on the new session


def test_on_a_server_listing_utf8_in_feat_the_note_offers_utf8_else_gbk_which_reads_the_names(
    qtbot, window, gbk_feat_utf8
):
    """Found by a review: the note offered "Auto (UTF-8, else GBK)", which a session read as UTF-8 alone when
    the server lists UTF8 in FEAT — the connection it made showed the same \\xNN names, and said nothing. Such a
    session reads the names that are not UTF-8 in GBK now (design note 265): the same choice reads them."""
    w = window
    quick_connect(qtbot, w, gbk_feat_utf8)  # no encoding chosen: UTF-8
    wait_listing(qtbot, w, "/")
    bar = w.remote.hint_bar
    qtbot.waitUntil(bar.isVisible, timeout=WAIT)
    assert "Some names are not UTF-8 (unreadable bytes show as \\x" in bar.text.text()
    assert bar.take.text() == "Connect with “Auto (UTF-8, else GBK)”"
    (said,) = hint_lines(w)
    assert said.endswith("To read them, connect with the encoding “Auto (UTF-8, else GBK)” (a saved site keeps it).")
    bar.take.click()
    model = w.remote.model
    qtbot.waitUntil(lambda: "资料" in [e.name for e in model.entries()], timeout=WAIT)
    assert sorted(e.name for e in model.entries()) == sorted(["中文文件.txt", "readme.txt", "资料"])
    assert w.remote_browser.options.encoding == "auto:gbk" and not bar.isVisible()
    assert len(hint_lines(w)) == 1  # nothing unreadable on the new session


def test_unreadable_bytes_show_as_bytes_in_dialogs_queue_and_log_and_actions_send_the_listed_ones(
    qtbot, window, gbk, tmp_path
):
    w = window
    quick_connect(qtbot, w, gbk)
    wait_listing(qtbot, w, "/")
    model = w.remote.model
    # the folder tree's node of the GBK folder, clicked: that folder is listed (its path had crossed a str
    # signal, which dropped the bytes: "/ļ" was asked for, and refused)
    tree = w.remote.tree_view
    (node,) = [w.remote.tree.model.item(0).child(r).index() for r in range(w.remote.tree.model.item(0).rowCount())]
    assert node.data() == "\\xd7\\xca\\xc1\\xcf"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(node).center())
    qtbot.waitUntil(lambda: [e.wire_name for e in model.entries()] == [GBK_INNER], timeout=WAIT)
    assert "CWD /\\xd7\\xca\\xc1\\xcf" in [text for _kind, text in w.log.lines]
    w.set_active_side("remote")
    w.act_up.trigger()
    wait_listing(qtbot, w, "/")
    select_bytes(w, GBK_FILE)
    w.act_delete.trigger()
    box = question(qtbot, w, "Delete the file")
    assert box.text() == f"Delete the file “{SHOWN_FILE}” from the server?"  # (the bytes were dropped: "ļ.txt")
    box.reject()

    w.act_rename.trigger()  # the name as shown; the person changes the extension only
    qtbot.waitUntil(lambda: isinstance(w.prompt, QInputDialog), timeout=WAIT)
    assert w.prompt.textValue() == SHOWN_FILE and SHOWN_FILE in w.prompt.labelText()
    w.prompt.setTextValue(SHOWN_FILE.replace(".txt", ".bak"))
    w.prompt.accept()
    renamed = GBK_FILE.replace(b".txt", b".bak")
    qtbot.waitUntil(lambda: renamed in on_disk(gbk), timeout=WAIT)
    assert GBK_FILE not in on_disk(gbk)  # renamed, byte for byte: not to "\\xd6…" nor to "ļ.bak"

    wait_listing(qtbot, w, "/")
    qtbot.waitUntil(lambda: renamed in [e.wire_name for e in w.remote.model.entries()], timeout=WAIT)
    down = tmp_path / "down"
    down.mkdir()
    w.local.set_path(str(down))
    select_bytes(w, renamed)
    w.act_download.trigger()
    qtbot.waitUntil(w.queue.is_idle, timeout=WAIT)
    (item,) = w.queue.model.items()
    assert (item.state, item.error) == ("done", "")
    assert os.listdir(os.fsencode(down)) == [renamed] and (down / os.fsdecode(renamed)).read_bytes() == (b"gbk file\n")
    queue = w.queue.model
    remote_cell = queue.cell_text(item, 2)
    assert remote_cell == "/" + SHOWN_FILE.replace(".txt", ".bak") and no_surrogates(queue.cell_text(item, 0))
    log = "\n".join(text for _kind, text in w.log.lines)
    assert "RETR /\\xd6\\xd0\\xce\\xc4" in log and "\\udc" not in log


# --- saved sites ----------------------------------------------------------------------------------------
OLD_VALUES = {  # a saved site's encoding → what the site manager shows for it
    "auto": "Auto (UTF-8)",
    "utf-8": "UTF-8",
    "gbk": "GBK (Simplified Chinese)",
    "GBK": "GBK (Simplified Chinese)",
    "cp936": "GBK (Simplified Chinese)",
    "latin-1": "Latin-1 (ISO-8859-1, Western European)",
    "auto:gbk": "Auto (UTF-8, else GBK)",
    "AUTO:gbk": "Auto (UTF-8, else GBK)",
    "auto:big5": "Auto (UTF-8, else Big5)",
    "auto:gb18030": "auto:gb18030",  # a choice not in the list: the text typed, as before
}


@pytest.fixture
def sites(tmp_path, monkeypatch, memory_keyring):  # noqa: F811
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    store = SiteStore()
    store.load()
    return store


def test_the_site_manager_names_the_choices_and_keeps_old_values_as_they_were(qtbot, sites, tmp_path):
    for n, value in enumerate(OLD_VALUES):
        sites.add(Site(id=f"s{n}", name=f"Site {n}", host="example.com", user="u", encoding=value))
    sites.save()
    saved = json.loads((tmp_path / "config" / "sites.json").read_text("utf-8"))
    dialog = SiteManagerDialog(sites, PasswordStore())
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.encoding
    labels = [box.itemText(i) for i in range(box.count())]
    for wanted in ("Auto (UTF-8, else GBK)", "Auto (UTF-8, else Big5)", "Auto (UTF-8, else Latin-1)"):
        assert wanted in labels
    assert {
        "GBK (Simplified Chinese)",
        "Big5 (Traditional Chinese)",
        "Shift_JIS (Japanese)",
        "Windows-1252 (Western European)",
    } <= set(labels)
    for n, (value, label) in enumerate(OLD_VALUES.items()):
        dialog.select("site", f"s{n}")
        assert (box.currentText(), box.value()) == (label, value)
        assert dialog.problems.text() == ""
    dialog.select("site", f"s{list(OLD_VALUES).index('cp936')}")
    dialog.user.setText("v")
    dialog.user.textEdited.emit("v")  # another field edited: the encoding stays as it was saved ("cp936")
    assert dialog.current_site().user == "v"
    dialog.select("site", "s0")
    box.setCurrentIndex(labels.index("Auto (UTF-8, else GBK)"))  # (picked from the list on the "auto" site)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    again = json.loads((tmp_path / "config" / "sites.json").read_text("utf-8"))
    assert [s["encoding"] for s in again["sites"]] == ["auto:gbk", *[s["encoding"] for s in saved["sites"]][1:]]


@pytest.mark.parametrize(
    "server, setting, choice, saved",
    [
        ("gbk", "auto", "Auto (UTF-8, else GBK)", "auto:gbk"),  # ("auto": what "Auto-detect" saved)
        # on a server that lists UTF8 in FEAT too: "Auto (UTF-8, else GBK)" reads its GBK names (design note 265;
        # it read UTF-8 alone there, and note 149 offered GBK alone, which read its UTF-8 names wrong)
        ("gbk_feat_utf8", "auto", "Auto (UTF-8, else GBK)", "auto:gbk"),
    ],
)
def test_a_sites_note_opens_its_encoding_with_the_choice_made_and_connect_reads_the_names(
    qtbot,
    request,
    sites,
    tmp_path,
    memory_keyring,  # noqa: F811
    server,
    setting,
    choice,
    saved,
):
    srv = request.getfixturevalue(server)
    site = Site(id="g" * 32, name="Legacy", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER)
    site.encoding = setting
    sites.add(site)
    sites.save()
    memory_keyring.entries[(SERVICE, site.id)] = PASSWORD
    w = MainWindow(sites)
    w.show()
    qtbot.waitExposed(w)
    try:
        w.connect_site(site, PASSWORD)
        wait_listing(qtbot, w, "/")
        bar = w.remote.hint_bar
        qtbot.waitUntil(bar.isVisible, timeout=WAIT)
        assert "Some names are not UTF-8 (unreadable bytes show as" in bar.text.text()
        assert "they look like GBK" in bar.text.text()
        assert bar.take.text() == f"Use “{choice}” for this site…"
        (said,) = hint_lines(w)
        assert said.startswith("Some file names on this server are not UTF-8; "), said
        assert f"set this site's encoding to “{choice}”" in said
        bar.take.click()
        qtbot.waitUntil(lambda: isinstance(w.prompt, SiteManagerDialog) and w.prompt.isVisible(), timeout=WAIT)
        dialog = w.prompt
        assert dialog.tabs.currentWidget() is dialog.transfer_page and dialog.current_site().id == site.id
        assert dialog.encoding.currentText() == choice
        assert json.loads((tmp_path / "config" / "sites.json").read_text("utf-8"))["sites"][0]["encoding"] == setting
        qtbot.waitUntil(lambda: all(call.finished for call in dialog.calls), timeout=WAIT)
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        answer_break_connection(qtbot, w)  # (the tab is connected: asked where, note 439)
        qtbot.waitUntil(lambda: "中文文件.txt" in [e.name for e in w.remote.model.entries()], timeout=WAIT)
        assert json.loads((tmp_path / "config" / "sites.json").read_text("utf-8"))["sites"][0]["encoding"] == saved
        assert not bar.isVisible() and len(hint_lines(w)) == 1
    finally:
        close_window(qtbot, w)


# --- in Chinese, at 1366×768 ----------------------------------------------------------------------------
def test_the_note_and_the_choices_are_in_chinese_and_whole_at_1366x768(qtbot, chinese, window, gbk, sites):
    w = window
    w.resize(1366, 768)
    quick_connect(qtbot, w, gbk)
    wait_listing(qtbot, w, "/")
    bar = w.remote.hint_bar
    qtbot.waitUntil(bar.isVisible, timeout=WAIT)
    qtbot.wait(50)  # (the layout settles)
    assert "部分文件名不是 UTF-8 编码" in bar.text.text() and "看起来是 GBK 编码：“" in bar.text.text()
    assert bar.take.text() == "用“自动（UTF-8，否则 GBK）”重新连接"
    assert bar.take.width() >= bar.take.sizeHint().width()  # the button's words whole
    assert bar.text.height() >= bar.text.heightForWidth(bar.text.width())  # every line of the note shown
    save_screen(w, "legacy-names-note-zh_CN.png")
    dialog = SiteManagerDialog(sites, PasswordStore(), w)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_site()
    dialog.tabs.setCurrentWidget(dialog.transfer_page)
    box = dialog.encoding
    assert box.itemText(box.findData("auto:gbk")) == "自动（UTF-8，否则 GBK）"
    assert [box.itemText(box.findData(codec.value)) for codec in OFFERED] == [
        "UTF-8",
        "GBK（简体中文）",
        "GB18030（简体中文）",
        "Big5（繁体中文）",
        "Big5-HKSCS（繁体中文，香港）",
        "CP950（繁体中文，Windows）",
        "Shift_JIS（日文）",
        "CP932（日文，Windows）",
        "EUC-JP（日文）",
        "EUC-KR（韩文）",
        "CP949（韩文，Windows）",
        "Latin-1（ISO-8859-1，西欧语言）",
        "Windows-1252（西欧语言）",
    ]  # each codec's language, marked in the engine (``names.OFFERED``), looked up where the box shows it
    box.setCurrentIndex(box.findData("auto:latin-1"))
    qtbot.wait(50)
    assert box.width() >= box.sizeHint().width()
    save_screen(dialog, "legacy-names-site-manager-zh_CN.png")
