"""What happens to a target that exists, as a person meets it in the window (design note 171, both found by QA):
the choice made in Preferences counts from its OK on (it counted from the next start: switched to "Ask each
time", a local file was still overwritten), and Resume given to all — or chosen in Preferences — never writes a
file it cannot continue from its first byte: a target larger than its source is asked about (download and
upload were overwritten from byte 0), one as large is complete and skipped. The real window, the real dialogs'
buttons, one pyftpdlib server; the transfers chosen in the panes and started with Download and Upload."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from ftpgui import settings
from ftpgui.transfers.items import DONE, SKIPPED, WAITING
from ftpgui.ui.exists_dialog import ExistsDialog
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.preferences_dialog import PreferencesDialog

from guihelpers import close_window, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net, not a performance limit


def start_window(qtbot, config, srv, exists_default: str, connections: int = 1) -> MainWindow:
    """The window of someone whose saved preferences say ``exists_default``, connected to ``srv``. One
    transfer connection: the questions come in the order of the files."""
    config.mkdir(exist_ok=True)
    settings.save(settings.Preferences(exists_default=exists_default, transfer_connections=connections))
    w = open_window(qtbot)
    w.asked = []  # every question the queue put to the window
    w.queue.askExists.connect(w.asked.append)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    return w


@pytest.fixture
def windows(qtbot, config, make_server):
    opened = []
    yield opened
    for w in opened:
        close_window(qtbot, w)


def put(path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


def read(path) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def shown_question(w: MainWindow):
    dialogs = [d for d in w.queue_view.findChildren(ExistsDialog) if d.isVisible()]
    return dialogs[0] if dialogs else None


def next_question(qtbot, w: MainWindow, count: int, items: int):
    """The question on screen once ``count`` were asked — or None, when the queue ended its ``items`` items
    without asking it (the code before: the file was written without a question)."""
    qtbot.waitUntil(
        lambda: (len(w.asked) >= count and shown_question(w) is not None) or settled(w, items), timeout=LONG
    )
    return shown_question(w) if len(w.asked) >= count else None


def said(dialog: ExistsDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def press_ok(qtbot, dialog: ExistsDialog, choice: str = "", to_all: bool = False) -> None:
    """Answer with the dialog's buttons, like a person (``choice`` "": the one it chose for them)."""
    if choice:
        dialog.buttons[choice].click()
    dialog.apply_all.setChecked(to_all)
    qtbot.mouseClick(dialog.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def settled(w: MainWindow, count: int) -> bool:
    """The queue holds ``count`` items and has done all it can: each ended, or waits for an answer."""
    return len(w.queue.model.items()) == count and w.queue.is_idle()


def states(w: MainWindow) -> dict:
    return {os.path.basename(i.local): i.state for i in w.queue.model.items()}


def choose_in_preferences(qtbot, w: MainWindow, choice: str) -> None:
    """Edit ▸ Preferences, "When the target file exists", OK."""
    w.act_preferences.trigger()
    dialog = w.prompt
    assert isinstance(dialog, PreferencesDialog)
    dialog.exists.setCurrentIndex(dialog.exists.findData(choice))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=LONG)


def download(qtbot, w: MainWindow, local, names) -> None:
    """Into the local pane's folder ``local``: the remote pane's ``names`` selected, Download."""
    w.local.set_path(str(local))
    qtbot.waitUntil(lambda: w.local.path == str(local), timeout=LONG)
    w.set_active_side("remote")
    w.remote.select(list(names))
    w.act_download.trigger()


def upload(qtbot, w: MainWindow, local, names) -> None:
    """From the local pane's folder ``local``: its ``names`` selected, Upload (to the remote pane's folder)."""
    w.local.set_path(str(local))
    qtbot.waitUntil(
        lambda: (
            w.local.model is not None
            and w.local.list_proxy.rowCount(w.local.view.rootIndex()) == len(os.listdir(local))
        ),
        timeout=LONG,
    )
    w.set_active_side("local")
    w.local.select(list(names))
    assert sorted(os.path.basename(p) for p in w.local.selected_paths()) == sorted(names)
    w.act_upload.trigger()


def test_the_exists_choice_counts_from_the_preferences_ok(qtbot, windows, config, make_server, tmp_path):
    """Saved: Overwrite. Ask each time, OK: the next download onto a local file asks (it overwrote it). Back to
    Overwrite, OK: it overwrites, unasked. Resume, OK: a local file larger than the server's is asked about."""
    srv = make_server("127.0.0.1")
    put(srv.path("b.txt"), b"the server's b.txt")
    local = tmp_path / "local"
    local.mkdir()
    put(local / "b.txt", b"my own b.txt, changed here, not to be lost")
    w = start_window(qtbot, config, srv, "overwrite")
    windows.append(w)

    choose_in_preferences(qtbot, w, "ask")
    download(qtbot, w, local, ["b.txt"])
    dialog = next_question(qtbot, w, 1, 1)
    assert dialog is not None, f"not asked; the local file now holds {read(local / 'b.txt')!r}"
    assert read(local / "b.txt") == b"my own b.txt, changed here, not to be lost"
    press_ok(qtbot, dialog, "skip")
    qtbot.waitUntil(lambda: settled(w, 1), timeout=LONG)
    assert states(w) == {"b.txt": SKIPPED} and read(local / "b.txt") == b"my own b.txt, changed here, not to be lost"
    assert not [c for c in srv.record.commands if c.startswith("RETR")]

    w.queue.clear_finished()
    choose_in_preferences(qtbot, w, "overwrite")  # and back: no question
    download(qtbot, w, local, ["b.txt"])
    qtbot.waitUntil(lambda: settled(w, 1) and states(w) == {"b.txt": DONE}, timeout=LONG)
    assert len(w.asked) == 1 and read(local / "b.txt") == b"the server's b.txt"

    w.queue.clear_finished()
    put(local / "b.txt", b"my own b.txt, changed here, not to be lost")
    choose_in_preferences(qtbot, w, "resume")  # a default of Resume: only where it can continue
    download(qtbot, w, local, ["b.txt"])
    dialog = next_question(qtbot, w, 2, 1)
    assert dialog is not None and not dialog.buttons["resume"].isEnabled() and dialog.choice() == "skip"
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: settled(w, 1), timeout=LONG)
    assert states(w) == {"b.txt": SKIPPED} and read(local / "b.txt") == b"my own b.txt, changed here, not to be lost"
    assert len([c for c in srv.record.commands if c.startswith("RETR")]) == 1
    assert settings.load().exists_default == "resume"


def test_resume_to_all_on_a_download_never_overwrites_a_local_file_it_cannot_continue(
    qtbot, windows, config, make_server, tmp_path
):
    """a.txt: the local file is its first 40 bytes; b.txt and c.txt: the local files (44 bytes) are larger than
    the server's (17); d.txt: complete. Resume, apply to all, about a.txt: a.txt is continued with REST, b.txt
    and c.txt are asked about — Resume greyed, the reason said, Skip chosen — and kept, d.txt is skipped as
    complete. On the code before, b.txt and c.txt were fetched from their first byte over the local files."""
    srv = make_server("127.0.0.1")
    whole = bytes(range(100))
    put(srv.path("a.txt"), whole)
    put(srv.path("b.txt"), b"server file b.txt")
    put(srv.path("c.txt"), b"server file c.txt")
    put(srv.path("d.txt"), b"complete d.txt")
    local = tmp_path / "local"
    local.mkdir()
    put(local / "a.txt", whole[:40])
    mine = b"my local file, larger than the server's one"
    put(local / "b.txt", mine)
    put(local / "c.txt", mine)
    put(local / "d.txt", b"complete d.txt")
    w = start_window(qtbot, config, srv, "ask")
    windows.append(w)

    download(qtbot, w, local, ["a.txt", "b.txt", "c.txt", "d.txt"])
    dialog = next_question(qtbot, w, 1, 4)
    assert dialog.question.source == "/a.txt" and dialog.buttons["resume"].isEnabled()
    press_ok(qtbot, dialog, "resume", to_all=True)
    for n, name in ((2, "/b.txt"), (3, "/c.txt")):
        dialog = next_question(qtbot, w, n, 4)
        assert dialog is not None, f"{name} was not asked about: {states(w)}"
        assert dialog.question.source == name and dialog.question.resume_refused
        assert not dialog.buttons["resume"].isEnabled() and dialog.choice() == "skip"
        assert "the target is larger than the source" in said(dialog)
        press_ok(qtbot, dialog)  # Skip, as chosen for them
    qtbot.waitUntil(lambda: settled(w, 4) and DONE in states(w).values(), timeout=LONG)
    assert states(w) == {"a.txt": DONE, "b.txt": SKIPPED, "c.txt": SKIPPED, "d.txt": SKIPPED}
    assert read(local / "a.txt") == whole
    assert read(local / "b.txt") == read(local / "c.txt") == mine
    assert read(local / "d.txt") == b"complete d.txt"
    # (40 bytes, shorter than a resume's overlap: asked from the first byte and compared, note 428)
    assert [c for c in srv.record.commands if c.startswith(("REST", "RETR"))] == ["RETR /a.txt"]
    assert len(w.asked) == 3
    d_item = next(i for i in w.queue.model.items() if i.local.endswith("d.txt"))
    assert d_item.error == "already complete"


def test_resume_to_all_on_an_upload_never_overwrites_a_server_file_it_cannot_continue(
    qtbot, windows, config, make_server, tmp_path
):
    """a.txt: the server has its first 40 bytes; b.txt: the server's (68 bytes) is larger than the local one (5);
    d.txt: complete. Resume, apply to all, about a.txt: a.txt is continued, b.txt asked about and kept, d.txt
    skipped as complete (nothing sent). On the code before, b.txt was stored from its first byte."""
    srv = make_server("127.0.0.1")
    whole = bytes(range(100))
    put(srv.path("a.txt"), whole[:40])
    theirs = b"the server's b.txt, larger than the local file, and someone's work"
    put(srv.path("b.txt"), theirs)
    put(srv.path("d.txt"), b"complete d.txt")
    local = tmp_path / "local"
    local.mkdir()
    put(local / "a.txt", whole)
    put(local / "b.txt", b"small")
    put(local / "d.txt", b"complete d.txt")
    w = start_window(qtbot, config, srv, "ask")
    windows.append(w)

    upload(qtbot, w, local, ["a.txt", "b.txt", "d.txt"])
    dialog = next_question(qtbot, w, 1, 3)
    assert dialog.question.source == str(local / "a.txt") and dialog.buttons["resume"].isEnabled()
    press_ok(qtbot, dialog, "resume", to_all=True)
    dialog = next_question(qtbot, w, 2, 3)
    assert dialog is not None, f"b.txt was not asked about: {states(w)}"
    assert dialog.question.source == str(local / "b.txt") and dialog.question.resume_refused
    assert not dialog.buttons["resume"].isEnabled() and dialog.choice() == "skip"
    assert "the target is larger than the source" in said(dialog)
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: settled(w, 3) and DONE in states(w).values(), timeout=LONG)
    assert states(w) == {"a.txt": DONE, "b.txt": SKIPPED, "d.txt": SKIPPED}
    assert read(srv.path("a.txt")) == whole
    assert read(srv.path("b.txt")) == theirs
    assert read(srv.path("d.txt")) == b"complete d.txt"
    sent = [c for c in srv.record.commands if c.startswith(("STOR", "APPE"))]
    assert sent in (["STOR /a.txt"], ["APPE /a.txt"]) and len(w.asked) == 2


def test_resume_to_all_still_stands_after_another_files_question_once_only_questions_are_left(
    qtbot, windows, config, make_server, tmp_path
):
    """QA: five 200,000-byte files uploaded onto a server holding the start of f06, f07, f08 and f10 and a larger
    f09. Resume, apply to all, about f06: f06–f08 are continued and f09 is asked about (Resume cannot continue
    it). Once f06–f08 had finished, only f09's question and f10's behind it were left — the queue idle — and the
    answer given to all was dropped there: after Skip for f09, f10 was asked about with Overwrite chosen (Enter
    would have overwritten it). The answer stands until the batch's questions are answered (design note 465).
    Five connections, each file's SIZE answered in the order QA met the questions: f06, then f07 and f08, f09, f10."""
    held = {f"SIZE /f{n:02}.bin": 1 for n in range(7, 11)}
    srv = make_server("127.0.0.1", no_reply=held)
    local = tmp_path / "local"
    local.mkdir()
    names = [f"f{n:02}.bin" for n in range(6, 11)]
    whole = {name: os.urandom(200_000) for name in names}
    for name in names:
        put(local / name, whole[name])
    for name, start in (("f06.bin", 120_000), ("f07.bin", 80_000), ("f08.bin", 150_000), ("f10.bin", 50_000)):
        put(srv.path(name), whole[name][:start])
    theirs = os.urandom(300_000)
    put(srv.path("f09.bin"), theirs)
    w = start_window(qtbot, config, srv, "ask", connections=5)
    windows.append(w)

    upload(qtbot, w, local, names)
    dialog = next_question(qtbot, w, 1, 5)
    assert dialog.question.source == str(local / "f06.bin") and dialog.buttons["resume"].isEnabled()
    qtbot.waitUntil(lambda: srv.holding() == 4, timeout=LONG)
    for lines, asked in ((("SIZE /f07.bin", "SIZE /f08.bin"), 3), (("SIZE /f09.bin",), 4), (("SIZE /f10.bin",), 5)):
        srv.send_held_replies(*lines)  # (the questions queued in the files' order)
        qtbot.waitUntil(lambda n=asked: list(states(w).values())[:n] == [WAITING] * n, timeout=LONG)
    press_ok(qtbot, dialog, "resume", to_all=True)
    dialog = next_question(qtbot, w, 2, 5)
    assert dialog is not None and dialog.question.source == str(local / "f09.bin") and dialog.question.resume_refused
    assert "the target is larger than the source" in said(dialog)
    first = {"f06.bin": DONE, "f07.bin": DONE, "f08.bin": DONE}
    # (the queue idle with f09's question open and f10's behind it: where the answer to all was dropped)
    qtbot.waitUntil(lambda: w.queue.is_idle() and first.items() <= states(w).items(), timeout=LONG)
    assert shown_question(w) is dialog
    press_ok(qtbot, dialog)  # Skip, as chosen for it

    qtbot.waitUntil(lambda: settled(w, 5) and (len(w.asked) > 2 or states(w)["f10.bin"] == DONE), timeout=LONG)
    again = shown_question(w)
    assert len(w.asked) == 2, f"{w.asked[-1].source} asked again, {again and again.choice()!r} chosen"
    assert states(w) == {**first, "f09.bin": SKIPPED, "f10.bin": DONE}
    for name in ("f06.bin", "f07.bin", "f08.bin", "f10.bin"):
        assert read(srv.path(name)) == whole[name], name
    assert read(srv.path("f09.bin")) == theirs
    sent = [c for c in srv.record.commands if c.startswith(("REST", "STOR", "APPE")) and c.endswith(("f10.bin", "000"))]
    assert ["REST 50000", "STOR /f10.bin"] in [sent[i : i + 2] for i in range(len(sent))], sent  # (continued)
