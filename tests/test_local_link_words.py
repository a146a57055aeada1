"""A symbolic link already in the folder a download writes to is said as the local link it is (design note 301,
found by QA): "Unsafe name './ok.txt': the path leads outside the target folder" blamed a remote name that was
fine. Now "'ok.txt' in <folder> is a symbolic link to a place outside that folder; ftpgui does not write
through links…" — in ``get -r`` and in the window's queue, in Chinese too — and still nothing is written
through the link. pyftpdlib in-process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_local_attacks import files_under
from test_queue_local_attacks import LONG, by_remote, queue, to_server  # noqa: F401 (a fixture)

from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.model import COL_STATE

from test_cli import run

OUT = "is a symbolic link to a place outside that folder; ftpgui does not write through links."


def server_and_links(make_server, tmp_path):
    """The server's /top: ok.txt, fine.txt, linked/inner.txt, sub/ok.txt; the local top beside them, where
    ok.txt, linked and sub/ok.txt are links to outside (a file, a folder, a file)."""
    srv = make_server("127.0.0.1")
    for rel in ("top/ok.txt", "top/fine.txt", "top/linked/inner.txt", "top/sub/ok.txt"):
        os.makedirs(os.path.dirname(srv.path(*rel.split("/"))), exist_ok=True)
        Path(srv.path(*rel.split("/"))).write_bytes(b"from the server")
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "file.txt").write_bytes(b"keep me")
    top = tmp_path / "dest" / "top"
    (top / "sub").mkdir(parents=True)
    os.symlink(outside / "file.txt", top / "ok.txt")
    os.symlink(outside / "folder", top / "linked")
    os.symlink(outside / "file.txt", top / "sub" / "ok.txt")
    return srv, outside, top


def test_get_r_says_the_local_link_not_an_unsafe_name(make_server, tmp_path):
    srv, outside, top = server_and_links(make_server, tmp_path)
    code, _out, err = run("get", "-r", srv.url + "/top", str(top))
    assert code == 1, err
    assert f"failed /top/ok.txt: 'ok.txt' in {top} {OUT}" in err, err
    assert f"failed /top/sub/ok.txt: 'ok.txt' in {top / 'sub'} {OUT}" in err, err
    assert f"failed /top/linked: 'linked' in {top} {OUT}" in err, err
    assert "Unsafe name" not in err and "leads outside" not in err, err
    assert (top / "fine.txt").read_bytes() == b"from the server"
    assert (outside / "file.txt").read_bytes() == b"keep me" and files_under(outside / "folder") == []


@pytest.mark.gui
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_queue_says_the_local_link_in_the_persons_language(
    qtbot,
    request,
    queue,  # noqa: F811 (the fixture)
    make_server,
    tmp_path,
    language,
):
    """A folder download whose files and folders meet links leading out (``join_inside``), and a folder item
    whose own folder is such a link: each fails in the link's words, the rest arrives."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv, outside, top = server_and_links(make_server, tmp_path)
    dest = top.parent
    to_server(queue, srv)
    queue.download([("/top", True, None)], str(dest))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    os.makedirs(srv.path("other"))
    Path(srv.path("other", "x.txt")).write_bytes(b"x")
    os.symlink(outside / "folder", dest / "other")
    queue.download([("/other", True, None)], str(dest))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    items = by_remote(queue)
    assert items["/top/fine.txt"].state == DONE
    expected = {
        "/top/ok.txt": f"'ok.txt' in {top} {OUT}",
        "/top/sub/ok.txt": f"'ok.txt' in {top / 'sub'} {OUT}",
        "/top/linked": f"'linked' in {top} {OUT}",
        "/other": f"'other' in {dest} {OUT}",
    }
    for remote, words in expected.items():
        item = items[remote]
        assert item.state == FAILED and item.error.startswith(words), (remote, item.error)
        state = queue.model.cell_text(item, COL_STATE)
        if language == "en":
            assert state.startswith("Failed: " + words), state
        else:
            assert "符号链接" in state and "Unsafe" not in state and "symbolic" not in state, state
    assert (outside / "file.txt").read_bytes() == b"keep me" and files_under(outside / "folder") == []
