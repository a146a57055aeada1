"""An edited file's upload through a temporary name (design notes 145, 151, 154): none of the file's extensions
in it, new each upload; a link the folder's listing calls a file is found by LIST of its name and written
through, never renamed over, and so is a file with hard links; the Quit question says
what stopping the upload leaves as far as it has come (before the rename, during it, after it); and the
temporary file a stopped upload leaves is deleted while the connection allows, else named — in the log, or
at the next start. Real window, real pyftpdlib (and proftpd, pure-ftpd, vsftpd where the tests can start
them), test_remote_edit's editor (it appends a line to the copy)."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pwd
import threading

import pytest
import test_remote_edit
from test_remote_edit import connect, content, part, question, select
from test_remote_edit_ending import BIG, EDITED, held_server, part_written, records, save_again, upload_begun

from ftpgui.ftp import FtpSession, ReplyError, SessionOptions
from ftpgui.ui.edit_files import put_back
from ftpgui.ui.main_window import MainWindow

from conftest import need
from daemons import start_proftpd, start_pure_ftpd, start_vsftpd, unpacked, vsftpd_usable
from ftpserver import USER
from guihelpers import WAIT, answer_plain_ftp, fill_server, open_window, type_in
from listonly import ListOnly

pytestmark = pytest.mark.gui
editor = test_remote_edit.editor  # (a fixture)
window = test_remote_edit.window  # (a fixture: quits answering "Quit Anyway")


def edited_commands(srv) -> list:
    return [c for c in srv.record.commands if c.split()[0] in ("LIST", "STOR", "RNFR", "RNTO", "DELE")]


def close_and_wait(qtbot, w: MainWindow) -> None:
    w.wait_closed()  # as app.main does once the window has closed
    qtbot.waitUntil(lambda: not w.isVisible() and not w.remote_browser.closing, timeout=WAIT)
    w.deleteLater()


# --- a link the listing calls a file ----------------------------------------------------------------------
def test_a_link_that_mlsd_calls_a_file_stays_a_link(qtbot, window, make_server, editor):
    """pyftpdlib's MLSD gives a link its target's type (``type=file``), as some servers do: the rename went by
    it and put a file where the link was. LIST of the name alone shows the ``l``: the link is written through;
    a plain file still goes through the temporary name."""
    srv = make_server("127.0.0.1")  # MLSD
    fill_server(srv)
    os.symlink("a.txt", srv.path("link.txt"))
    connect(qtbot, window, srv, editor[0], without_asking=True)
    listed = {e.name: e.type for e in window.remote.model.entries()}
    assert listed["link.txt"] == "file" and "MLSD" in srv.record.verbs()  # (what the listing says)
    select(window, "link.txt")
    save_again(qtbot, window, srv, "link.txt", 1)
    assert os.path.islink(srv.path("link.txt")) and content(srv, "a.txt") == b"a" * 10 + b"edited line\n"
    assert edited_commands(srv) == ["LIST /link.txt", "STOR /link.txt"]
    assert not [n for n in os.listdir(srv.root) if n.endswith(".ftpgui-part")]
    save_again(qtbot, window, srv, "link.txt", 2)  # the next save goes straight, unasked
    assert edited_commands(srv)[2:] == ["STOR /link.txt"] and os.path.islink(srv.path("link.txt"))

    select(window, "b.bin")
    save_again(qtbot, window, srv, "b.bin", 1)
    temp = part(srv, "b.bin")
    assert edited_commands(srv)[3:] == ["LIST /b.bin", f"STOR {temp}", f"RNFR {temp}", "RNTO /b.bin"]


# --- the temporary name; hard links ------------------------------------------------------------------------
def test_the_temporary_name_has_none_of_the_files_extensions_and_is_new_each_upload(qtbot, window, make_server, editor):
    """Found by review (note 151): the copy went to ``wp-config.php.ftpgui-part``, which Apache runs as PHP
    where ``AddHandler … .php`` is set (mod_mime reads every extension of a name) and serves as text where
    ``.php`` is matched at the end only — the source readable while the upload runs, at an address anyone can
    guess. Now ``wp-config_php.HEX.ftpgui-part``: no ``.php`` in it, and another each time."""
    srv = make_server("127.0.0.1")
    with open(srv.path("wp-config.php"), "wb") as f:
        f.write(b"<?php define('DB_PASSWORD', 'x');\n")
    connect(qtbot, window, srv, editor[0], without_asking=True)
    select(window, "wp-config.php")
    temps = []
    for times in (1, 2):
        save_again(qtbot, window, srv, "wp-config.php", times)
        temp = part(srv, "wp-config.php")
        renamed = ["LIST /wp-config.php", f"STOR {temp}", f"RNFR {temp}", "RNTO /wp-config.php"]
        assert edited_commands(srv)[-4:] == renamed
        temps.append(temp)
    assert temps[0] != temps[1]
    for temp in temps:
        assert temp.startswith("/wp-config_php.") and "php" not in temp.lower().split(".")
    assert os.listdir(srv.root) == ["wp-config.php"]


def test_a_file_with_hard_links_is_written_through(qtbot, window, make_server, editor):
    """A rename over a file that has other names (hard links: LIST's link count) gave this name a new file and
    left the others with the old bytes. Such a file is written straight, as a link is: every name has the
    change; its later saves go straight too."""
    srv = make_server("127.0.0.1")  # (MLSD: the pane's listings are no LIST)
    fill_server(srv)
    os.link(srv.path("a.txt"), srv.path("same.txt"))
    connect(qtbot, window, srv, editor[0], without_asking=True)
    select(window, "a.txt")
    save_again(qtbot, window, srv, "a.txt", 1)
    assert content(srv, "same.txt") == content(srv, "a.txt") == b"a" * 10 + b"edited line\n"
    assert os.path.samefile(srv.path("a.txt"), srv.path("same.txt"))
    assert edited_commands(srv)[-2:] == ["LIST /a.txt", "STOR /a.txt"] and "RNFR" not in srv.record.verbs()
    save_again(qtbot, window, srv, "a.txt", 2)  # the next save goes straight, unasked
    assert edited_commands(srv)[-2:] == ["STOR /a.txt", "STOR /a.txt"]
    assert content(srv, "same.txt").count(b"edited line") == 2
    select(window, "b.bin")  # a file of one name: renamed over, as before
    save_again(qtbot, window, srv, "b.bin", 1)
    assert "RNTO /b.bin" in srv.record.commands


NO_MLSD = "<IfModule mod_facts.c>\n  FactsAdvertise off\n</IfModule>"  # proftpd: no MLST in FEAT, LIST only


def daemon_for(name: str, base):
    """``name``: a daemon's, or ``proftpd-list`` (proftpd offering no MLSD: its folders are read by LIST), or
    ``pure-ftpd-list`` (pure-ftpd reached through ``ListOnly``: no MLSD, and its LIST splits at spaces)."""
    if name == "vsftpd":
        need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
        return start_vsftpd(base)
    binary, why = unpacked(name.split("-list")[0])
    need(binary is not None, why)
    if name == "pure-ftpd":
        return start_pure_ftpd(base)
    if name == "pure-ftpd-list":
        d = start_pure_ftpd(base)
        return dataclasses.replace(d, port=(relay := ListOnly(d.port)).port, relay=relay)
    return start_proftpd(base, extra=NO_MLSD if name == "proftpd-list" else "")


@pytest.mark.parametrize("name", ["proftpd", "pure-ftpd", "vsftpd"])
def test_the_link_check_on_real_daemons(tmp_path_factory, tmp_path, name):
    """Whatever the listing said (here: a file, for both), LIST tells a link from a file on each daemon: the
    link is written through, the file renamed over (proftpd names the whole path in LIST's line, vsftpd the
    name alone). pure-ftpd does not write through a link (553): the upload fails, the link stays."""
    d = daemon_for(name, tmp_path_factory.mktemp(name))
    try:
        d.put_file("a.txt", b"old\n")
        d.put_file("b.txt", b"old\n")
        os.symlink("a.txt", d.writable / "link.txt")
        ftp = pwd.getpwnam("ftp")
        os.lchown(d.writable / "link.txt", ftp.pw_uid, ftp.pw_gid)  # (another owner alone would go straight)
        (tmp_path / "copy").write_bytes(b"new\n")
        with FtpSession(SessionOptions(timeout=10), lambda e: None) as s:
            s.open(d.host, d.port, d.user, d.password)
            if name == "pure-ftpd":
                with pytest.raises(ReplyError, match="553"):
                    put_back(s, str(tmp_path / "copy"), f"{d.remote_dir}/link.txt", False)
            else:
                assert not put_back(s, str(tmp_path / "copy"), f"{d.remote_dir}/link.txt", False)
            assert put_back(s, str(tmp_path / "copy"), f"{d.remote_dir}/b.txt", False)
        through = b"old\n" if name == "pure-ftpd" else b"new\n"
        assert os.path.islink(d.writable / "link.txt") and (d.writable / "a.txt").read_bytes() == through
        assert (d.writable / "b.txt").read_bytes() == b"new\n" and not os.path.islink(d.writable / "b.txt")
        assert sorted(p.name for p in d.writable.iterdir()) == ["a.txt", "b.txt", "link.txt"]
    finally:
        d.stop()


@pytest.mark.parametrize("name", ["proftpd", "pure-ftpd", "vsftpd"])
def test_hard_links_on_real_daemons(tmp_path_factory, tmp_path, name):
    """Each daemon's LIST shows the link count: a file with two names is written through (both have the new
    bytes, still one file), a file of one name renamed over — one whose name pure-ftpd's LIST reads as a pattern
    too (it found no line for ``c [1]*.txt``, and such a file was written over in place, a part if cut off)."""
    d = daemon_for(name, tmp_path_factory.mktemp(name))
    try:
        for each in ("a.txt", "b.txt", "c [1]*.txt"):
            d.put_file(each, b"old\n")
        os.link(d.writable / "a.txt", d.writable / "same.txt")
        (tmp_path / "copy").write_bytes(b"new\n")
        with FtpSession(SessionOptions(timeout=10), lambda e: None) as s:
            s.open(d.host, d.port, d.user, d.password)
            assert not put_back(s, str(tmp_path / "copy"), f"{d.remote_dir}/a.txt", False)
            assert put_back(s, str(tmp_path / "copy"), f"{d.remote_dir}/b.txt", False)
            assert put_back(s, str(tmp_path / "copy"), f"{d.remote_dir}/c [1]*.txt", False)
        assert (d.writable / "a.txt").read_bytes() == (d.writable / "same.txt").read_bytes() == b"new\n"
        assert os.path.samefile(d.writable / "a.txt", d.writable / "same.txt")
        assert (d.writable / "b.txt").read_bytes() == (d.writable / "c [1]*.txt").read_bytes() == b"new\n"
        assert sorted(p.name for p in d.writable.iterdir()) == ["a.txt", "b.txt", "c [1]*.txt", "same.txt"]
    finally:
        d.stop()


@pytest.mark.parametrize("name", ["proftpd", "proftpd-list", "pure-ftpd", "vsftpd"])
def test_a_folder_whose_path_is_a_pattern_on_real_daemons(tmp_path_factory, tmp_path, name):
    """pure-ftpd and proftpd read the folder's names in LIST's argument as a pattern too: ``LIST
    /pub/f[x]/link.txt`` listed /pub/fx/link.txt — another file, a plain one, so the link was renamed over (a
    file where it was) — and ``LIST /pub/d [1]*?/a.txt`` nothing, so that file was written over in place (a
    part if cut off); proftpd without MLSD listed /pub/fx for the folder, so nothing was renamed over. Now
    such a folder is listed from inside it (CWD, LIST): its files renamed over, its link written through
    (pure-ftpd refuses that: 553), the files of fx untouched. pure-ftpd also reads a space as the end of one
    path: ``LIST /pub/s p/link.txt`` listed /pub/s, whose link.txt is a plain file, so the link in ``s p`` was
    renamed over (design note 212); that folder is listed from inside it too."""
    d = daemon_for(name, tmp_path_factory.mktemp(name))
    links = {"f[x]": "fx", "s p": "s"}  # a folder with a link, and the one its LIST lists on pure-ftpd
    try:
        for folder in ("f[x]", "fx", "d [1]*?", "s p", "s"):
            d.put_folder(folder)
            for each in ("a.txt", "c [1]*.txt", *(["link.txt"] if folder in links.values() else [])):
                d.put_file(f"{folder}/{each}", folder.encode())
        ftp = pwd.getpwnam("ftp")
        for folder in links:
            os.symlink("a.txt", d.writable / folder / "link.txt")
            os.lchown(d.writable / folder / "link.txt", ftp.pw_uid, ftp.pw_gid)
        (tmp_path / "copy").write_bytes(b"new\n")
        copy = str(tmp_path / "copy")
        with FtpSession(SessionOptions(timeout=10), lambda e: None) as s:
            s.open(d.host, d.port, d.user, d.password)
            assert ("MLST" in s.features) is (name in ("proftpd", "pure-ftpd"))
            for folder in links:
                link = f"{d.remote_dir}/{folder}/link.txt"
                if name == "pure-ftpd":
                    with pytest.raises(ReplyError, match="553"):
                        put_back(s, copy, link, False)
                else:
                    assert not put_back(s, copy, link, False)
            for folder in ("f[x]", "d [1]*?", "s p"):
                for each in ("a.txt", "c [1]*.txt"):
                    assert put_back(s, copy, f"{d.remote_dir}/{folder}/{each}", False), (folder, each)
            assert s.pwd() == "/"  # (back where it was)
        for folder in ("f[x]", "d [1]*?", "s p"):
            assert sorted(p.name for p in (d.writable / folder).iterdir()) == sorted(
                ["a.txt", "c [1]*.txt", *(["link.txt"] if folder in links else [])]
            )
            assert not links.get(folder) or os.path.islink(d.writable / folder / "link.txt")
            for each in ("a.txt", "c [1]*.txt"):
                assert (d.writable / folder / each).read_bytes() == b"new\n"
        for other in links.values():
            assert [(d.writable / other / each).read_bytes() for each in ("a.txt", "c [1]*.txt", "link.txt")] == [
                other.encode()
            ] * 3
    finally:
        d.stop()


@contextlib.contextmanager
def window_on(qtbot, tmp_path_factory, name: str):
    """The window and the daemon ``name`` (``daemon_for``); after, the window quit (Quit Anyway) and the daemon
    stopped."""
    d = daemon_for(name, tmp_path_factory.mktemp(name))
    w = open_window(qtbot)
    try:
        yield w, d
    finally:
        w.close()
        if w.isVisible() and w.prompt is not None:
            w.prompt.yes_button.click()
        close_and_wait(qtbot, w)
        d.stop()


def edit_saved(qtbot, w: MainWindow, file, times: int) -> None:
    """Edit the file selected; back once ``file`` (on the daemon's disk) has the editor's line ``times``, and
    no save is busy."""
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: file.read_bytes().count(b"edited line\n") == times, timeout=WAIT)
    qtbot.waitUntil(lambda: not any(e.busy for e in w.remote_edit.edited.values()), timeout=WAIT)


def test_pure_ftpd_through_the_window_in_a_folder_whose_path_is_a_pattern(qtbot, config, tmp_path_factory, editor):
    """The window's Edit on pure-ftpd in ``/pub/d [1]*?``: each save renamed over the file (its LIST found no
    line, and every save was written over the file in place before)."""
    with window_on(qtbot, tmp_path_factory, "pure-ftpd") as (w, d):
        d.put_folder("d [1]*?")
        page = d.put_file("d [1]*?/page.php", b"<?php echo 1;\n")
        connect_anonymous(qtbot, w, d, editor[0])
        w.navigate(f"{d.remote_dir}/d [1]*?")
        qtbot.waitUntil(lambda: "page.php" in [e.name for e in w.remote.model.entries()], timeout=WAIT)
        select(w, "page.php")
        for edits in (1, 2):
            edit_saved(qtbot, w, page, edits)
            assert [e.straight for e in w.remote_edit.edited.values()] == [False]  # (renamed over)
        assert [p.name for p in page.parent.iterdir()] == ["page.php"]


def test_proftpd_through_the_window(qtbot, config, tmp_path_factory, editor):
    """The window against proftpd: its link is written through, its file renamed over."""
    with window_on(qtbot, tmp_path_factory, "proftpd") as (w, d):
        d.put_file("page.php", b"<?php echo 1;\n")
        os.symlink("page.php", d.writable / "link.php")
        ftp = pwd.getpwnam("ftp")
        os.lchown(d.writable / "link.php", ftp.pw_uid, ftp.pw_gid)
        connect_anonymous(qtbot, w, d, editor[0])
        page = d.writable / "page.php"
        for name, edits in (("link.php", 1), ("page.php", 2)):
            select(w, name)
            edit_saved(qtbot, w, page, edits)
        assert os.path.islink(d.writable / "link.php")
        assert sorted(p.name for p in d.writable.iterdir()) == ["link.php", "page.php"]
        assert [e.straight for e in w.remote_edit.edited.values()] == [True, False]  # (page.php: renamed over)


def connect_anonymous(qtbot, w: MainWindow, d, command: str) -> None:
    w.apply_preferences(dataclasses.replace(w.prefs, editor_command=command, upload_edited_without_asking=True))
    type_in(w, d.host, str(d.port), d.user, d.password)
    answer_plain_ftp(qtbot, w)
    qtbot.waitUntil(lambda: w.remote_browser.connected and not w.remote_browser.connection.busy, timeout=WAIT)
    w.navigate(d.remote_dir)
    qtbot.waitUntil(lambda: w.remote.path == d.remote_dir and not w.remote_browser.connection.busy, timeout=WAIT)


# --- what the Quit question says, as far as the upload has come -------------------------------------------
def holding(srv, verb: str, after: str = ""):
    """Hold the server's answer to ``verb`` (once ``after`` was sent, if given) until the event is set; the
    first event says it is held."""
    asked, release = threading.Event(), threading.Event()
    original = getattr(srv.handler, "ftp_" + verb)

    def held(handler, path):
        if not after or any(c.startswith(after) for c in srv.record.commands):
            asked.set()
            release.wait(60)  # (the server's thread waits: the test lets it go)
        return original(handler, path)

    setattr(srv.handler, "ftp_" + verb, held)
    return asked, release


def test_quit_after_the_rename_says_the_change_is_in_place(qtbot, config, make_server, editor):
    """Renamed over the file, the upload still read the file's new size and time: the question said the file
    "stays there as it was, without them" — it held them already."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    asked, release = holding(srv, "SIZE", after="RNTO")
    w = open_window(qtbot)
    connect(qtbot, w, srv, editor[0], without_asking=True)
    select(w, "b.bin")
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(asked.is_set, timeout=WAIT)
    assert content(srv, "b.bin") == EDITED
    w.close()
    box = question(qtbot, w, "Your changes to b.bin")
    server = f"{USER}@127.0.0.1:{srv.port}"
    assert (
        f"Your changes to b.bin are in /b.bin on {server} now; what is left is reading its new size and time: "
        "stopped now, /b.bin keeps them." in box.text()
    )
    assert "as it was" not in box.text() and "Changes not uploaded" not in box.text()
    box.yes_button.click()  # Quit Anyway
    release.set()
    close_and_wait(qtbot, w)
    assert content(srv, "b.bin") == EDITED and records(config) == []


def test_disconnect_after_the_rename_counts_the_change_as_uploaded(qtbot, window, make_server, editor):
    srv = make_server("127.0.0.1")
    fill_server(srv)
    asked, release = holding(srv, "SIZE", after="RNTO")
    w = window
    connect(qtbot, w, srv, editor[0], without_asking=True)
    select(w, "b.bin")
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(asked.is_set, timeout=WAIT)
    w.disconnect_server()
    question(qtbot, w, "keeps them").yes_button.click()  # Disconnect Anyway
    release.set()
    qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
    (edited,) = w.remote_edit.edited.values()
    assert not edited.changed and not edited.busy and not edited.uploading
    assert ("status", f"Uploaded /b.bin to {USER}@127.0.0.1:{srv.port}.") in w.log.lines
    w.close()
    box = question(qtbot, w, "Files you opened for editing")
    assert "Changes not uploaded" not in box.text()


def test_quit_while_the_rename_is_asked_says_either(qtbot, config, make_server, editor):
    srv = make_server("127.0.0.1")
    fill_server(srv)
    asked, release = holding(srv, "RNTO")
    w = open_window(qtbot)
    connect(qtbot, w, srv, editor[0], without_asking=True)
    select(w, "b.bin")
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(asked.is_set, timeout=WAIT)
    w.close()
    box = question(qtbot, w, "Your changes to b.bin")
    assert (
        f"Your changes to b.bin are uploaded to {USER}@127.0.0.1:{srv.port}, and the server was asked to put them "
        "in place of /b.bin: stopped now, /b.bin holds either them or the old version - look at it there." in box.text()
    )
    box.wait_button.click()
    release.set()  # the rename is answered, the upload ends, and the window closes by itself
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=WAIT)
    close_and_wait(qtbot, w)
    assert content(srv, "b.bin") == EDITED and not os.path.exists(srv.path(part(srv, "b.bin")[1:]))


# --- the temporary file a stopped upload leaves -----------------------------------------------------------
def big_upload(qtbot, w: MainWindow, srv, command: str) -> bytes:
    """Edit an 8 MiB file on a server throttled from then on; back once a part of it is written."""
    old = bytes(range(256)) * (BIG // 256)
    with open(srv.path("big.txt"), "wb") as f:
        f.write(old)
    connect(qtbot, w, srv, command, without_asking=True)
    select(w, "big.txt")
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: bool(w.remote_edit.edited), timeout=WAIT)
    srv.handler.dtp_handler.read_limit = 256 * 1024  # the upload: slow
    qtbot.waitUntil(part_written(srv, BIG), timeout=WAIT * 3)
    return old


def test_disconnect_anyway_mid_upload_deletes_the_part(qtbot, config, make_server, editor):
    """Cut off before the rename, the upload left NAME.ftpgui-part on the server, unsaid."""
    srv = make_server("127.0.0.1", throttle=1 << 30)
    w = open_window(qtbot)
    old = big_upload(qtbot, w, srv, editor[0])
    w.disconnect_server()
    box = question(qtbot, w, "are being uploaded")
    temp = part(srv, "big.txt")
    assert (
        f"What was sent of them, {temp}, is deleted if the connection still allows it, else left there." in box.text()
    )
    box.yes_button.click()  # Disconnect Anyway
    qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
    assert f"DELE {temp}" in srv.record.commands
    assert not os.path.exists(srv.path(temp[1:])) and content(srv, "big.txt") == old
    assert not any("may be left" in text for _kind, text in w.log.lines)
    w.close()
    question(qtbot, w, "Changes not uploaded: big.txt.").yes_button.click()
    close_and_wait(qtbot, w)
    assert records(config) == []


def test_quit_anyway_with_the_connection_cut_names_the_part_at_the_next_start(qtbot, config, make_server, editor):
    """Quit while STOR's reply is held: the cancel hangs up, no DELE can go; the part stays on the server and
    the next start says so (once)."""
    srv = held_server(make_server)
    w = open_window(qtbot)
    upload_begun(qtbot, w, srv, editor[0])
    w.close()
    question(qtbot, w, "are being uploaded").yes_button.click()  # Quit Anyway
    close_and_wait(qtbot, w)
    srv.send_held_replies()
    temp = part(srv, "b.bin")
    assert os.path.exists(srv.path(temp[1:])) and "DELE" not in srv.record.verbs()
    assert len(records(config)) == 1  # (the copies are gone; the record keeps the part)

    w = open_window(qtbot)
    said = (
        f"When ftpgui last ended, it was uploading an edited file through {temp} on {USER}@127.0.0.1:"
        f"{srv.port}: that temporary file may be left there. Delete it there if it is."
    )
    qtbot.waitUntil(lambda: ("error", said) in w.log.lines, timeout=WAIT)
    assert w.prompt is None and records(config) == []  # (said once: nothing of the person's is kept)
    w.close()
    close_and_wait(qtbot, w)
