"""An edited file's upload cut off — by Quit, by closing its tab or ending its connection, by a kill — leaves
the server's file whole, the old version or the new, never a part; the person may wait for it; and copies a
killed run left with changes not uploaded are named at the next start (design note 145). Against real
pyftpdlib servers, with the real window and test_remote_edit's editor (it appends a line to the copy)."""

from __future__ import annotations

import json
import os
import select as selectors
import stat
import subprocess
import sys
import threading

import pytest
import test_remote_edit
from test_remote_edit import connect, content, idle, part, question, select

from ftpgui.ui.main_window import MainWindow

from ftpserver import USER
from guihelpers import WAIT, fill_server, open_window, quick_connect, wait_listing
from test_queue_kill import PATIENCE, kill_when

pytestmark = pytest.mark.gui
editor = test_remote_edit.editor  # (a fixture)
APP = os.path.join(os.path.dirname(__file__), "edit_app.py")
BIG = 8 << 20  # more than the sockets between client and server hold: an upload cut off is cut off
EDITED = b"b" * 5000 + b"edited line\n"


def held_server(make_server):
    """fill_server's files; the first STOR is done (its file made) but its 1xx held: the upload runs until
    the test sends it (``send_held_replies``)."""
    srv = make_server("127.0.0.1", no_1xx={"STOR": 1})
    fill_server(srv)
    return srv


def upload_begun(qtbot, w: MainWindow, srv, command: str, name: str = "b.bin") -> None:
    """Edit ``name``, its saves uploaded without asking; back once its STOR reached the server."""
    connect(qtbot, w, srv, command, without_asking=True)
    select(w, name)
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: "STOR" in srv.record.verbs(), timeout=WAIT)


def part_written(srv, size: int):
    """A test: the file the last STOR names is on the server, with some of its bytes but not all."""

    def test() -> bool:
        stored = [c for c in srv.record.commands if c.startswith("STOR ")]
        if not stored:
            return False
        try:
            have = os.path.getsize(srv.path(stored[-1][5:].lstrip("/")))
        except OSError:
            return False
        return 256 * 1024 <= have < size

    return test


def test_quit_while_an_edit_uploads_waits_for_it_when_asked(qtbot, config, make_server, editor):
    srv = held_server(make_server)
    w = open_window(qtbot)
    upload_begun(qtbot, w, srv, editor[0])
    folder = w.remote_edit.folder
    w.close()
    box = question(qtbot, w, "are being uploaded")
    assert (
        f"Your changes to b.bin are being uploaded to {USER}@127.0.0.1:{srv.port}: stopped now, /b.bin stays "
        "there as it was, without them." in box.text()
    )
    assert box.defaultButton() is box.wait_button  # (Enter waits)
    box.wait_button.click()
    waiting = f"Waiting for the upload of /b.bin to {USER}@127.0.0.1:{srv.port} to finish."
    assert w.isVisible() and any(text == waiting for _kind, text in w.log.lines)
    srv.send_held_replies()  # the upload goes on, ends, and the window closes by itself
    qtbot.waitUntil(lambda: not w.isVisible() and not w.remote_browser.closing, timeout=WAIT)
    assert content(srv, "b.bin") == EDITED
    assert not os.path.exists(folder)
    w.deleteLater()


def test_quit_anyway_mid_upload_leaves_the_servers_file_as_it_was(qtbot, config, make_server, editor):
    """Found by QA: Quit Anyway while an edited file was uploaded cut the STOR off (the app hangs up a second
    after the window closes): the server's file was left a part, neither version."""
    srv = make_server("127.0.0.1", throttle=1 << 30)  # (throttled below, once the file is downloaded)
    old = bytes(range(256)) * (BIG // 256)
    with open(srv.path("big.txt"), "wb") as f:
        f.write(old)
    w = open_window(qtbot)
    connect(qtbot, w, srv, editor[0], without_asking=True)
    select(w, "big.txt")
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: bool(w.remote_edit.edited), timeout=WAIT)
    srv.handler.dtp_handler.read_limit = 256 * 1024  # the upload: slow
    qtbot.waitUntil(part_written(srv, BIG), timeout=WAIT * 3)
    w.close()
    question(qtbot, w, "big.txt").yes_button.click()  # Quit Anyway
    w.wait_closed()  # as app.main does once the window has closed
    qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
    assert content(srv, "big.txt") == old
    # the part sent is deleted (the connection was still there: the cancel aborted the transfer), and the
    # record that would have named it at the next start goes (design note 151)
    temp = part(srv, "big.txt")
    assert f"DELE {temp}" in srv.record.commands and not os.path.exists(srv.path(temp[1:]))
    qtbot.waitUntil(lambda: records(config) == [], timeout=WAIT)
    w.deleteLater()


def test_closing_the_tab_of_an_edits_upload_waits_for_it_when_asked(qtbot, config, make_server, editor):
    first = make_server("127.0.0.1")
    srv = held_server(make_server)
    w = open_window(qtbot)
    quick_connect(qtbot, w, first)
    wait_listing(qtbot, w, "/")
    w.new_tab()
    tab = w.current_tab
    upload_begun(qtbot, w, srv, editor[0])
    w.close_tab()
    box = question(qtbot, w, "are being uploaded")
    assert box.windowTitle() == "Close tab" and box.yes_button.text() == "Close Anyway"
    box.wait_button.click()
    assert tab in w.tabs
    srv.send_held_replies()
    qtbot.waitUntil(lambda: tab not in w.tabs, timeout=WAIT)  # closed once the upload was over
    assert content(srv, "b.bin") == EDITED
    w.close()
    question(qtbot, w, "Files you opened for editing").yes_button.click()
    qtbot.waitUntil(lambda: not w.isVisible() and not w.remote_browser.closing, timeout=WAIT)
    w.deleteLater()


def test_disconnect_anyway_mid_upload_keeps_the_file_and_the_change(qtbot, config, make_server, editor):
    srv = held_server(make_server)
    w = open_window(qtbot)
    upload_begun(qtbot, w, srv, editor[0])
    w.disconnect_server()
    box = question(qtbot, w, "are being uploaded")
    assert box.windowTitle() == "Disconnect" and w.remote_browser.connected
    box.yes_button.click()  # Disconnect Anyway
    assert not w.remote_browser.connected
    srv.send_held_replies()  # (the upload, cancelled, waited for its 1xx: now it sees the cancel)
    qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
    assert content(srv, "b.bin") == b"b" * 5000  # as it was
    # the cancel hung up under the wait for STOR's reply: no DELE could go, and the part left is named
    temp = part(srv, "b.bin")
    left = (
        f"{temp}, the temporary file ftpgui uploaded /b.bin through, may be left on {USER}@127.0.0.1:"
        f"{srv.port}: it could not be removed. Delete it there if it is."
    )
    assert ("error", left) in w.log.lines and os.path.exists(srv.path(temp[1:]))
    (edited,) = w.remote_edit.edited.values()
    assert edited.changed and not edited.busy and not edited.uploading  # the next save asks again
    w.close()
    question(qtbot, w, "Changes not uploaded: b.bin.").yes_button.click()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=WAIT)
    w.deleteLater()


# --- what a rename over the file would change ---------------------------------------------------------------
@pytest.fixture
def window(qtbot, config):
    w = open_window(qtbot)
    yield w
    w.close()
    if w.isVisible() and w.prompt is not None and hasattr(w.prompt, "yes_button"):
        w.prompt.yes_button.click()
    qtbot.waitUntil(lambda: not w.isVisible() and not w.remote_browser.closing, timeout=WAIT)
    w.deleteLater()


def save_again(qtbot, w: MainWindow, srv, name: str, times: int) -> None:
    """Edit ``name`` (selected): the editor appends a line to the copy (the same copy, when open already);
    back once the server has it ``times``."""
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: content(srv, name).count(b"edited line\n") == times, timeout=WAIT)
    idle(qtbot, w)


def test_a_server_without_rename_gets_the_file_itself(qtbot, window, make_server, editor):
    srv = make_server("127.0.0.1", refuse=("RNFR",))
    fill_server(srv)
    connect(qtbot, window, srv, editor[0], without_asking=True)
    select(window, "b.bin")
    save_again(qtbot, window, srv, "b.bin", 1)
    temp = part(srv, "b.bin")
    assert [c for c in srv.record.commands if c.split()[0] in ("STOR", "RNFR", "DELE")] == [
        f"STOR {temp}",
        f"RNFR {temp}",  # refused: uploaded over the file itself, the temporary one removed
        "STOR /b.bin",
        f"DELE {temp}",
    ]
    save_again(qtbot, window, srv, "b.bin", 2)  # the next save goes there at once
    assert [c for c in srv.record.commands if c.startswith("STOR")][-1:] == ["STOR /b.bin"]
    assert srv.record.verbs().count("STOR") == 3
    assert sorted(os.listdir(srv.root)) == [".hidden", "a.txt", "b.bin", "sub"]  # (the temporary file removed)


def test_a_link_stays_a_link_and_permissions_stay(qtbot, window, make_server, editor):
    """A rename would put a file where the link was, and give the file the new one's permissions: a link is
    uploaded through (straight), and the permissions the listing shows are set on the new file first."""
    srv = make_server("127.0.0.1", refuse=("MLSD",))  # LIST: its permissions column
    fill_server(srv)
    os.symlink("a.txt", srv.path("link.txt"))
    with open(srv.path("secret.txt"), "wb") as f:
        f.write(b"key\n")
    os.chmod(srv.path("secret.txt"), 0o600)
    connect(qtbot, window, srv, editor[0], without_asking=True)
    select(window, "link.txt")
    save_again(qtbot, window, srv, "link.txt", 1)
    assert os.path.islink(srv.path("link.txt")) and content(srv, "a.txt") == b"a" * 10 + b"edited line\n"
    select(window, "secret.txt")
    save_again(qtbot, window, srv, "secret.txt", 1)
    assert f"SITE CHMOD 600 {part(srv, 'secret.txt')}" in srv.record.commands
    assert "RNTO /secret.txt" in srv.record.commands
    assert stat.S_IMODE(os.stat(srv.path("secret.txt")).st_mode) == 0o600


def test_a_file_of_another_owner_is_uploaded_over_itself(qtbot, window, make_server, editor):
    """A renamed file would be the login's own: a file the listing shows with another owner (here the server
    says so for shared.txt) gets the bytes straight, the temporary file removed."""
    srv = make_server("127.0.0.1", refuse=("MLSD",))
    fill_server(srv)
    with open(srv.path("shared.txt"), "wb") as f:
        f.write(b"ours\n")

    class OwnedFS(srv.handler.abstracted_fs):
        def lstat(self, path):
            st = super().lstat(path)
            if os.path.basename(path) != "shared.txt":
                return st
            return os.stat_result((st[0], st[1], st[2], st[3], 4242, *st[5:]), {})

    srv.handler.abstracted_fs = OwnedFS
    connect(qtbot, window, srv, editor[0], without_asking=True)
    select(window, "shared.txt")
    save_again(qtbot, window, srv, "shared.txt", 1)
    temp = part(srv, "shared.txt")
    assert [c for c in srv.record.commands if c.split()[0] in ("STOR", "RNFR", "DELE")] == [
        f"STOR {temp}",
        "STOR /shared.txt",
        f"DELE {temp}",
    ]
    assert content(srv, "shared.txt") == b"ours\nedited line\n"


# --- killed mid-upload; the next start ---------------------------------------------------------------------
def records(config) -> list:
    folder = config / "edited"
    return sorted(p.name for p in folder.iterdir() if p.suffix == ".json") if folder.is_dir() else []


def test_killed_mid_upload_the_file_is_whole_and_the_next_start_names_the_copy(
    qtbot, config, make_server, editor, tmp_path, monkeypatch
):
    """Killed while the edited file was uploaded: the server's file is the old one (on the old code: a part),
    and the copy with the change, which nothing removed, is named at the next start (before, it was left
    in the temporary folder unsaid); kept until the person says to delete it."""
    srv = make_server("127.0.0.1", throttle=1 << 30)
    old = bytes(range(256)) * (BIG // 256)
    with open(srv.path("big.txt"), "wb") as f:
        f.write(old)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, FTPGUI_CONFIG_DIR=str(config), TMPDIR=str(temp), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([os.path.dirname(__file__), env.get("PYTHONPATH", "")])
    proc = subprocess.Popen(
        [sys.executable, APP, srv.host, str(srv.port), "big.txt", editor[0]],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ready, _, _ = selectors.select([proc.stdout], [], [], PATIENCE)  # (a safety net for a stuck child)
    line = proc.stdout.readline() if ready else ""
    assert line.startswith("copy "), (line, proc.poll())
    copy = line[len("copy ") :].strip()  # (the download: not throttled)
    srv.handler.dtp_handler.read_limit = 256 * 1024
    kill_when(proc, part_written(srv, BIG))
    assert content(srv, "big.txt") == old
    with open(copy, "rb") as f:
        assert f.read() == old + b"edited line\n"

    w = open_window(qtbot)  # the next start, in the same config folder
    box = question(qtbot, w, "When ftpgui last ended")
    said = f"{copy}, your copy of /big.txt on {USER}@127.0.0.1:{srv.port}"
    assert said in box.informativeText()
    assert ("error", f"Changes saved in {said} were never uploaded: the copy is kept.") in w.log.lines
    temp = part(srv, "big.txt")
    left = (  # (the part the kill left on the server: named too)
        f"When ftpgui last ended, it was uploading an edited file through {temp} on {USER}@127.0.0.1:"
        f"{srv.port}: that temporary file may be left there. Delete it there if it is."
    )
    assert ("error", left) in w.log.lines and os.path.exists(srv.path(temp[1:]))
    box.keep_button.click()
    assert os.path.isfile(copy) and len(records(config)) == 1
    w.close()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=WAIT)
    w.deleteLater()

    w = open_window(qtbot)  # named again, until deleted
    question(qtbot, w, "When ftpgui last ended").delete_button.click()
    assert not os.path.exists(os.path.dirname(os.path.dirname(copy))) and records(config) == []
    w.close()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=WAIT)
    w.deleteLater()


def test_a_left_folder_without_changes_is_removed_unsaid(qtbot, config, tmp_path):
    """The folder a crash leaves (built here as it is left: its record, no lock held) with a copy as it was
    downloaded: removed at the next start, nothing asked; one with a copy changed since is named."""
    made = []
    for changed in (False, True):
        folder = tmp_path / f"ftpgui-edit-{changed}"
        (folder / "1").mkdir(parents=True)
        copy = folder / "1" / "a.txt"
        copy.write_bytes(b"a" * 10)
        st = copy.stat()
        state = [st.st_size, st.st_mtime_ns + (1 if changed else 0)]
        entry = {"local": str(copy), "server": "alice@127.0.0.1:21", "remote": "/a.txt", "state": state}
        (config / "edited").mkdir(parents=True, exist_ok=True)
        (config / "edited" / f"{folder.name}.json").write_text(json.dumps({"folder": str(folder), "copies": [entry]}))
        made.append(folder)
    w = open_window(qtbot)
    box = question(qtbot, w, "When ftpgui last ended")
    assert str(made[1] / "1" / "a.txt") in box.informativeText()
    assert str(made[0]) not in box.informativeText()
    assert not made[0].exists() and made[1].exists() and records(config) == [f"{made[1].name}.json"]
    box.keep_button.click()
    w.close()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=WAIT)
    w.deleteLater()


def test_a_check_cut_off_by_disconnect_does_not_leave_the_copy_stuck(qtbot, window, make_server, editor):
    """The server's file is looked at (SIZE, MDTM) before an upload; a disconnect meanwhile took the check's
    result with the connection, and the copy stayed "busy": its later saves were never uploaded, unsaid. Then the
    save the check was for went unsaid: the person, told nothing, took it as uploaded."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    asked, release = threading.Event(), threading.Event()
    size = srv.handler.ftp_SIZE

    def held(handler, path):
        asked.set()
        release.wait(60)  # (the server's thread waits: the test lets it go)
        return size(handler, path)

    w = window
    connect(qtbot, w, srv, editor[0], without_asking=False)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    box = question(qtbot, w, "was saved")
    srv.handler.ftp_SIZE = held
    box.yes_button.click()  # Upload: first the check, held
    qtbot.waitUntil(asked.is_set, timeout=WAIT)
    w.disconnect_server()  # (no upload runs yet: nothing asked)
    srv.handler.ftp_SIZE = size
    release.set()
    qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
    said = f"/a.txt was not uploaded: the connection to {USER}@127.0.0.1:{srv.port} ended first. Save it again"
    qtbot.waitUntil(lambda: said in w.log.toPlainText(), timeout=WAIT)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()  # the same copy: the editor saves once more
    question(qtbot, w, "a.txt was saved").yes_button.click()
    qtbot.waitUntil(lambda: content(srv, "a.txt") == b"a" * 10 + b"edited line\n" * 2, timeout=WAIT)
