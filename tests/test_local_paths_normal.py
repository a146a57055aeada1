"""A folder's download makes its local paths plain: no "./" in them (design note 399, found by QA). A file at the
top of the folder whose local name is a link, and every path under a subfolder of a ``get -r``, was made
``FOLDER/./NAME`` (``join_inside`` given the folder's ``relpath`` to itself, "."): the queue's row said
"tree/./hello.txt", ``get -r``'s lines "kept in COPY/./sub/…". The file still lands where it should, in the
chosen folder and nowhere else. A real pyftpdlib server; the queue itself, and the CLI's console entry point."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_cli_cut_off import CLOSED, DATA, goes_away, said, serving

from ftpgui.cli_output import size_text
from ftpgui.ftp import SessionOptions
from ftpgui.ftp.localpath import part_name
from ftpgui.transfers.items import DONE
from ftpgui.transfers.model import COL_LOCAL
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER
from test_cli import run_subprocess

LONG = 120_000  # ms: a safety net, not a performance limit
SERVERS = b"the server's hello"


def everything_under(root: Path) -> dict:
    return {
        str(p.relative_to(root)): (os.readlink(p) if p.is_symlink() else p.read_bytes())
        for p in root.rglob("*")
        if p.is_symlink() or p.is_file()
    }


@pytest.mark.usefixtures("qapp")
def test_a_link_at_a_files_name_in_a_folders_download_has_a_plain_path_and_is_replaced_inside(
    qtbot, make_server, tmp_path, monkeypatch
):
    """The row's local path read ``…/local/tree/./hello.txt``; the link is replaced by the server's file, the file
    it led to kept, nothing written anywhere else."""
    srv = make_server("127.0.0.1")
    os.makedirs(srv.path("tree"))
    Path(srv.path("tree/hello.txt")).write_bytes(SERVERS)
    outside = tmp_path / "outside"
    outside.mkdir()
    local = tmp_path / "local"
    (local / "tree").mkdir(parents=True)
    (local / "tree" / "part.txt").write_bytes(b"hel")
    os.symlink("part.txt", local / "tree" / "hello.txt")
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    try:
        q.exists_default = "overwrite"
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        q.download([("/tree", True, None)], str(local))
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        (item,) = [i for i in q.model.items() if i.remote == "/tree/hello.txt"]
        assert item.state == DONE, item.error
        assert item.local == os.path.join(os.path.realpath(local), "tree", "hello.txt"), item.local
        assert q.model.cell_text(item, COL_LOCAL) == item.local  # (the row's Local cell)
    finally:
        q.shutdown()
    assert everything_under(local) == {"tree/part.txt": b"hel", "tree/hello.txt": SERVERS}, everything_under(local)
    assert everything_under(outside) == {}


def test_get_r_says_a_subfolders_part_at_its_plain_path(make_server, tmp_path):
    """``get -r`` cut off in a subfolder said "kept in COPY/./sub/.big.bin.ftpgui-part"."""
    server = serving(make_server, {"tree/sub/big.bin": DATA}, dtp_mixin=goes_away("big.bin", times=3))
    copy = tmp_path / "copy"
    done = run_subprocess("get", "-r", server.url + "/tree", str(copy), "--tls", "off")
    assert done.returncode == 1 and done.stdout == b""
    part = Path(os.path.realpath(copy)) / "sub" / part_name("big.bin")
    kept = part.stat().st_size
    assert said(done) == (
        f"ftpgui-cli: tried again /tree/sub/big.bin after: {CLOSED}\n"
        f"ftpgui-cli: tried again /tree/sub/big.bin after: {CLOSED}\n"
        f"ftpgui-cli: failed /tree/sub/big.bin: {CLOSED} ({size_text(kept)} kept in {part})\n"
        "ftpgui-cli: 1 item(s) failed; 0 file(s) downloaded; 1 partial file kept: --resume continues it\n"
    ), said(done)
    assert sorted(everything_under(copy)) == [f"sub/{part_name('big.bin')}"]
