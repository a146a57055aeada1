"""A folder whose path LIST reads as a pattern, on the real daemons, by the ways a person lists one: ``ftpgui-cli
ls`` and ``get -r`` (no options), and the window's download of it (design note 212). pure-ftpd and proftpd read
LIST's whole argument as a pattern, its folders too: proftpd offering no MLSD listed ``/pub/fx`` for ``LIST
/pub/f[x]``, and ``/pub/d 1ab`` beside ``/pub/d [1]*?``'s files for ``LIST /pub/d [1]*?`` — other folders'
files, shown and downloaded under this folder's name. pure-ftpd without MLSD lists ``/pub/s`` for ``LIST /pub/s
p`` (design note 235)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from PySide6.QtCore import Qt
from test_keys_focus import press
from test_remote_edit import question, select
from test_remote_edit_parts import NO_MLSD, connect_anonymous, daemon_for, window_on

from ftpgui.ftp import CommandSent, FtpSession, ReplyError, SessionOptions

from daemons import start_proftpd
from guihelpers import WAIT
from test_cli import read_tree, run

# proftpd-list: proftpd offering no MLSD (LIST only); pure-ftpd-list: pure-ftpd without MLSD, whose LIST also
# splits its argument at spaces
DAEMONS = ["proftpd-list", "proftpd", "vsftpd", "pure-ftpd-list"]
FOLDERS = {  # each beside a folder its path matches as a pattern (or its first word), holding other files
    "f[x]": "fx",
    "d [1]*?": "d 1ab",
    "s p": "s",
}


def made(d) -> None:
    """Each folder of ``FOLDERS`` and the one it matches, with files (and a folder) of their own."""
    for folder, other in FOLDERS.items():
        for each in (folder, other):
            d.put_folder(each)
            d.put_file(f"{each}/{each}.txt", each.encode())
            d.put_folder(f"{each}/sub")
            d.put_file(f"{each}/sub/in {each}.txt", b"in " + each.encode())


def cli(d, *argv: str):
    """``ftpgui-cli`` with the daemon's login (its password from the environment, as a person's would be)."""
    return run(*argv, "--tls", "off", env={"FTPGUI_PASSWORD": d.password})


def url(d, folder: str) -> str:
    who = "" if d.user == "anonymous" else f"{d.user}@"
    return f"ftp://{who}{d.host}:{d.port}{quote(f'{d.remote_dir}/{folder}')}"


def each_listed_and_copied(d, tmp_path) -> None:
    """``ls`` of each folder of ``FOLDERS`` shows its own entries, and ``get -r`` copies its own files."""
    for folder in FOLDERS:
        code, out, err = cli(d, "ls", url(d, folder))
        assert code == 0, err
        assert sorted(line[44:] for line in out.splitlines()) == sorted(["sub/", f"{folder}.txt"]), out
        code, out, err = cli(d, "get", "-r", url(d, folder), str(tmp_path / folder))
        assert code == 0, err
        assert read_tree(tmp_path / folder) == own_tree(folder)


def own_tree(folder: str) -> dict:
    return {f"{folder}.txt": folder.encode(), f"sub/in {folder}.txt": b"in " + folder.encode()}


@pytest.mark.parametrize("name", DAEMONS)
def test_ls_and_get_r_of_a_folder_whose_path_is_a_pattern(tmp_path_factory, tmp_path, name):
    """``ls`` shows the folder's own entries and ``get -r`` downloads its own files (fx's, or a
    ``/pub/fx`` entry, or those of ``d 1ab`` with its own on proftpd without MLSD before)."""
    d = daemon_for(name, tmp_path_factory.mktemp(name))
    try:
        made(d)
        each_listed_and_copied(d, tmp_path)
    finally:
        d.stop()


@pytest.mark.parametrize("name", ["proftpd-list", "vsftpd", "pure-ftpd-list"])
def test_an_ordinary_path_costs_no_command_more_and_a_pattern_one_fails_where_it_cannot_be_entered(
    tmp_path_factory, name
):
    """A path without pattern characters (or spaces) is listed by LIST of the path alone, as before (the folder
    is not entered). One with them that cannot be entered — gone — fails in the server's words, never listed as
    what it matches; a file's listing is its own line (from its folder's listing where LIST of its path would
    give another file's: ``c1.txt`` on proftpd, ``/pub/s/same.txt`` on pure-ftpd — design note 235)."""
    d = daemon_for(name, tmp_path_factory.mktemp(name))
    try:
        made(d)
        d.put_file("c[1].txt", b"c")
        d.put_file("c1.txt", b"c1")
        d.put_file("s/same.txt", b"s")
        d.put_file("s p/same.txt", b"s p")
        sent = []
        heard = lambda e: sent.append(e.text.split()[0]) if isinstance(e, CommandSent) else None  # noqa: E731
        with FtpSession(SessionOptions(timeout=10), heard) as s:
            s.open(d.host, d.port, d.user, d.password)
            s.pwd()
            del sent[:]
            assert sorted(e.name for e in s.listdir(f"{d.remote_dir}/fx")) == ["fx.txt", "sub"]
            assert "CWD" not in sent and sent.count("LIST") == 1, sent
            assert sorted(e.name for e in s.listdir(f"{d.remote_dir}/f[x]")) == ["f[x].txt", "sub"]
            with pytest.raises(ReplyError, match="CWD"):
                s.listdir(f"{d.remote_dir}/g[x]")  # (gone; gx is not there either)
            (d.writable / "f[x]").rename(d.writable / "g")
            with pytest.raises(ReplyError, match="CWD"):
                s.listdir(f"{d.remote_dir}/f[x]")  # (fx is there: proftpd's LIST of the path lists it)
            # a file's own line, as ever; proftpd's LIST of the path lists c1.txt: its line in its folder's listing
            listed = s.listdir(f"{d.remote_dir}/c[1].txt")
            assert [(e.name, e.size) for e in listed] == [("c[1].txt", 1)]
            listed = s.listdir(f"{d.remote_dir}/s p/same.txt")
            assert [(e.name, e.size) for e in listed] == [("same.txt", 3)]
            assert s.pwd() == "/"
    finally:
        d.stop()


@pytest.mark.parametrize(
    "name, fetched, deleted",
    [("proftpd-list", "d [1]*?", "f[x]"), ("vsftpd", "d [1]*?", "f[x]"), ("pure-ftpd-list", "s p", "s p")],
)
def test_the_window_downloads_and_deletes_the_folder_it_shows(
    qtbot, config, tmp_path_factory, tmp_path, name, fetched, deleted
):
    """The remote pane shows ``f[x]``'s own files (it enters a folder to list it); Download of ``fetched`` from
    its parent brings that folder's own files, and Delete of ``deleted`` in the folder tree deletes it alone. On
    proftpd without MLSD the queue had ``/pub/d 1ab`` from its LIST (a failed item), and the tree's Delete
    deleted ``/pub/fx`` — another folder, with everything in it — and then failed: ``f[x]`` not empty. On
    pure-ftpd without MLSD (``LIST /pub/s p`` lists ``/pub/s``) the queue failed on that listing's lines (``s``'s,
    under a ``/pub/s:`` heading), and the Delete left ``s p`` on the server (design note 235)."""
    with window_on(qtbot, tmp_path_factory, name) as (w, d):
        made(d)
        connect_anonymous(qtbot, w, d, "true")
        w.navigate(f"{d.remote_dir}/f[x]")
        qtbot.waitUntil(lambda: shown(w) == sorted(["f[x].txt", "sub"]), timeout=WAIT)
        w.navigate(d.remote_dir)
        qtbot.waitUntil(lambda: shown(w) == sorted([*FOLDERS, *FOLDERS.values()]), timeout=WAIT)
        down = tmp_path / "down"
        down.mkdir()
        w.local.set_path(str(down))
        select(w, fetched)
        w.act_download.trigger()
        qtbot.waitUntil(lambda: w.queue.model.items() and w.queue.is_idle(), timeout=WAIT)
        assert [(i.state, i.error) for i in w.queue.model.items() if i.state != "done"] == []
        assert read_tree(down / fetched) == own_tree(fetched)
        w.remote.tree.select(f"{d.remote_dir}/{deleted}")
        press(qtbot, w, w.remote.tree_view, Qt.Key.Key_Delete)
        question(qtbot, w, f"Delete the folder “{deleted}” from the server?").yes_button.click()
        left = sorted(name for name in [*FOLDERS, *FOLDERS.values()] if name != deleted)
        qtbot.waitUntil(lambda: shown(w) == left, timeout=WAIT)
        assert sorted(p.name for p in d.writable.iterdir()) == left
        assert read_tree(d.writable / FOLDERS[deleted]) == own_tree(FOLDERS[deleted])


def shown(w) -> list:
    return sorted(e.name for e in w.remote.model.entries())


NO_PWD = "<Limit PWD XPWD>\n  DenyAll\n</Limit>"  # proftpd: "550 PWD: Operation not permitted"


def test_a_server_that_answers_no_pwd_lists_such_a_folder_from_inside_or_says_why_not(tmp_path_factory, tmp_path):
    """proftpd without MLSD and with PWD refused: ``ls`` and ``get -r`` of a folder LIST would read as a pattern
    show and copy its own files (CWD to it by its path from the root, LIST; back by the path the session knows);
    one given relative to the login folder (``/~/``) is refused in words that say why, nothing of another folder
    shown. ``LIST /pub/f[x]`` listed fx's files before (design note 236)."""
    d = start_proftpd(tmp_path_factory.mktemp("proftpd"), extra=f"{NO_MLSD}\n{NO_PWD}")
    try:
        made(d)
        each_listed_and_copied(d, tmp_path)
        code, out, err = cli(d, "ls", url(d, "f[x]").replace(d.remote_dir, "/~" + d.remote_dir, 1))
        assert (code, out) == (1, ""), out
        assert "answers no PWD" in err and "starting with /" in err, err
    finally:
        d.stop()
