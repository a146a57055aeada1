"""Symbolic links on the server in a folder download — the window's queue and ``ftpgui-cli get -r`` alike
(design note 201). A link to a file is downloaded as the file; a link to a folder is not entered, a skipped
item (a "skipped" line) that says so; a link to nothing fails; a folder met before (MLSD ``unique``: a loop,
or a second name) is a skipped item too. Nothing is left out without a word: the window said nothing of any.

pyftpdlib's LIST declares links (``lrwxrwxrwx … to-sub -> sub``); its MLSD follows them (``type=dir`` with the
target's ``unique``) and leaves out a link to nothing. vsftpd's LIST declares them as pyftpdlib's does.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest
from test_local_attacks import files_under
from test_queue_local_attacks import LONG, queue, to_server  # noqa: F401 (``queue``: a fixture)

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import DONE, FAILED, SKIPPED
from ftpgui.transfers.worker import Endpoint

from conftest import need
from daemons import start_vsftpd, vsftpd_usable
from test_cli import run

pytestmark = pytest.mark.usefixtures("qapp")
CONTENT = b"the file a link leads to"
LINK_TO_FOLDER = "a symbolic link to a folder on the server; not followed"
MET_BEFORE = "the same folder as one met before (MLSD unique); not followed"


def link_tree(top: Path) -> None:
    """``top``: a file and a folder, a link to each, a link to nothing, and in the folder a link back up (a loop)."""
    (top / "sub").mkdir(parents=True)
    (top / "file.txt").write_bytes(CONTENT)
    (top / "sub" / "inner.txt").write_bytes(b"inner")
    os.symlink("file.txt", top / "to-file")
    os.symlink("sub", top / "to-sub")
    os.symlink("missing.txt", top / "to-nothing")
    os.symlink("..", top / "sub" / "loop")


def assert_links_said(q, dest: Path, top: str) -> None:
    """After a download of ``top`` from a server whose LIST declares the links of ``link_tree``."""
    from ftpgui.transfers.model import COL_STATE

    items = {i.remote: i for i in q.model.items()}
    assert files_under(dest) == ["t", "t/file.txt", "t/sub", "t/sub/inner.txt", "t/to-file"]
    assert (dest / "t" / "to-file").read_bytes() == CONTENT  # the file's content, not the link's
    assert {items[p].state for p in (f"{top}/file.txt", f"{top}/to-file", f"{top}/sub/inner.txt")} == {DONE}
    for path in (f"{top}/to-sub", f"{top}/sub/loop"):
        assert items[path].state == SKIPPED and items[path].error == LINK_TO_FOLDER, path
        assert q.model.cell_text(items[path], COL_STATE) == (f"Skipped: {LINK_TO_FOLDER}")
    assert items[f"{top}/to-nothing"].state == FAILED and "refused RETR: 550" in items[f"{top}/to-nothing"].error
    assert q.skipped == []  # (each was there, left out without a word)


@pytest.mark.parametrize("listing", ["LIST", "MLSD"])
def test_the_queue_downloads_links_to_files_and_says_what_it_leaves_out(qtbot, queue, make_server, tmp_path, listing):  # noqa: F811
    srv = make_server("127.0.0.1", refuse=("MLSD",) if listing == "LIST" else ())
    link_tree(Path(srv.path("t")))
    dest = tmp_path / "dest"
    dest.mkdir()
    to_server(queue, srv)
    queue.download([("/t", True, None)], str(dest))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    if listing == "LIST":
        assert_links_said(queue, dest, "/t")
        return
    # MLSD: the links are the server's files and folders; "sub" and "to-sub" are one folder (one unique): the
    # second met is a skipped item, as is the loop in the first, /t itself (its unique asked with MLST: note 204
    # — it was followed once, and both names of sub below it skipped). Which of the two names comes first is the
    # server's listing order (os.listdir's: on ext4 a hash of the name, another on each file system)
    items = list(queue.model.items())
    met = sorted(i.remote for i in items if i.state == SKIPPED)
    assert all(i.error == MET_BEFORE for i in items if i.state == SKIPPED)
    walked = "/t/to-sub" if "/t/sub" in met else "/t/sub"
    assert met == sorted(["/t/sub" if walked == "/t/to-sub" else "/t/to-sub", walked + "/loop"]), met
    assert not (dest / walked[1:] / "loop").exists() and (dest / walked[1:] / "inner.txt").read_bytes() == b"inner"
    assert all(i.state in (DONE, SKIPPED) for i in items)
    assert (dest / "t" / "to-file").read_bytes() == CONTENT
    assert queue.skipped == []


def test_the_queue_against_vsftpd_says_its_links(qtbot, queue, tmp_path):  # noqa: F811
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    daemon = start_vsftpd(tmp_path / "vsftpd")
    try:
        link_tree(daemon.writable / "t")
        ftp = pwd.getpwnam("ftp")
        for path in (daemon.writable / "t").rglob("*"):
            os.chown(path, ftp.pw_uid, ftp.pw_gid, follow_symlinks=False)
        dest = tmp_path / "dest"
        dest.mkdir()
        queue.set_site(Endpoint(daemon.host, daemon.port, daemon.user, daemon.password), SessionOptions(timeout=20), 1)
        queue.download([(daemon.remote_dir + "/t", True, None)], str(dest))
        qtbot.waitUntil(queue.is_idle, timeout=LONG)
        queue.shutdown()
    finally:
        daemon.stop()
    assert_links_said(queue, dest, daemon.remote_dir + "/t")


def test_get_r_downloads_links_to_files_and_fails_a_link_to_nothing(make_server, tmp_path):
    """As the queue: the link to a file downloaded, the links to folders skipped in words, the link to nothing a
    failure (exit 1); a link to a folder was a "skipped" line for every link, and exit 0."""
    srv = make_server(refuse=("MLSD",))
    link_tree(Path(srv.path("t")))
    code, _, err = run("get", "-r", srv.url + "/t", str(tmp_path / "out"))
    assert code == 1, err
    assert (tmp_path / "out" / "to-file").read_bytes() == CONTENT
    assert files_under(tmp_path / "out") == ["file.txt", "sub", "sub/inner.txt", "to-file"]
    assert f"skipped /t/to-sub: {LINK_TO_FOLDER}\n" in err and f"skipped /t/sub/loop: {LINK_TO_FOLDER}\n" in err
    assert "failed /t/to-nothing: The server refused RETR: 550" in err
    assert "1 item(s) failed; 3 file(s) downloaded" in err
