"""Local attackers and lying servers against downloads and uploads (issue 18 items 2, 5-9, 12; issue 17 item 6).

Each test sets up the real condition — a folder swapped for a link while the server is slow to answer, a
hard link or a FIFO at the temporary name, a server that lies about SIZE, a 1 MiB tmpfs, a symlink planted
in a folder being uploaded, a source truncated while it is sent, a server whose folders never end — and runs
``ftpgui-cli`` (or the engine) against a scripted server or pyftpdlib.
"""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import pytest

from ftpgui.cli import main
from ftpgui.ftp import localfs
from ftpgui.ftp.localpath import part_name

from scripted import FakeTree, ScriptedServer, unix_listing

MiB = 1 << 20


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err, stdin=io.StringIO())
    return code, out.getvalue(), err.getvalue()


def fake_url(srv: ScriptedServer, path: str = "/") -> str:
    return f"ftp://u:p@127.0.0.1:{srv.port}{path}"


def files_under(root: Path) -> list:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


# --- 18.2: a folder swapped for a link between its check and the writes -----------------------------------
@pytest.mark.parametrize("dir_fd", [True, False], ids=["dir_fd", "windows-way"])
def test_a_folder_swapped_for_a_link_mid_walk_is_not_written_through(tmp_path, monkeypatch, dir_fd):
    """The server delays ``LIST /sub``; meanwhile a local accomplice swaps ``DEST/sub`` (made by ftpgui) for a
    link to another folder. The file in it must not land there: the item fails, and so does the exit status."""
    if not dir_fd:
        monkeypatch.setattr(localfs, "USE_DIR_FD", False)  # the check Windows gets: the resolved path
    dest, outside = tmp_path / "dest", tmp_path / "outside"
    outside.mkdir()

    def listing(path):
        if path == "/":
            return unix_listing(("sub", "dir", 0))
        if path == "/sub":  # ftpgui made dest/sub already; the accomplice strikes while it waits for this
            assert (dest / "sub").is_dir() and not (dest / "sub").is_symlink()
            os.rename(dest / "sub", tmp_path / "moved-away")
            os.symlink(outside, dest / "sub")
            return unix_listing(("f", "file", 5))
        return None

    tree = FakeTree(listing, lambda path: b"evil!" if path == "/sub/f" else None)
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        code, _, err = run("get", "-r", fake_url(srv), str(dest), "--timeout", "20")
    assert files_under(outside) == []  # nothing written through the link
    assert code == 1, err
    assert "failed /sub/f: Unsafe name" in err


def test_a_folder_swapped_for_a_link_during_put_r_is_not_read(tmp_path):
    """``put -r``: ``src/sub`` is swapped for a link to another folder after the walk met it (while the server
    answers its MKD). Nothing of the other folder — not even a name — reaches the server."""
    src, outside = tmp_path / "src", tmp_path / "outside"
    (src / "sub").mkdir(parents=True)
    (outside / "leaked-folder").mkdir(parents=True)
    (outside / "leaked-file").write_bytes(b"private")

    def on_command(line):
        if line == "MKD /up/sub":
            os.rename(src / "sub", tmp_path / "moved-away")
            os.symlink(outside, src / "sub")

    tree = FakeTree(on_command=on_command)
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        code, _, err = run("put", "-r", str(src), fake_url(srv, "/up"), "--timeout", "20")
    assert not [c for c in tree.seen if "leaked" in c]
    assert code == 1 and f"failed {src / 'sub'}: Unsafe name" in err


# --- 18.5: nothing at the temporary name is trusted --------------------------------------------------------
@pytest.mark.parametrize("resume", [False, True], ids=["fresh", "resume"])
def test_a_hard_link_at_the_temporary_name_is_not_written_through(make_server, tmp_path, resume):
    server = make_server()
    data = os.urandom(300_000)
    Path(server.path("f")).write_bytes(data)
    outside = tmp_path / "outside"
    outside.write_bytes(b"precious " * 100)  # shorter than f: a resume would continue it
    dest = tmp_path / "dest"
    dest.mkdir()
    os.link(outside, dest / part_name("f"))
    code, _, err = run("get", server.url + "/f", str(dest), *(["--resume"] if resume else []))
    assert code == 0, err
    assert outside.read_bytes() == b"precious " * 100  # not truncated, not written
    assert (dest / "f").read_bytes() == data
    assert os.stat(dest / "f").st_nlink == 1


@pytest.mark.timeout(120)
@pytest.mark.parametrize("resume", [False, True], ids=["fresh", "resume"])
def test_a_fifo_at_the_temporary_name_does_not_hang_the_download(make_server, tmp_path, resume):
    server = make_server()
    Path(server.path("f")).write_bytes(b"x" * 1000)
    dest = tmp_path / "dest"
    dest.mkdir()
    os.mkfifo(dest / part_name("f"))
    code, _, err = run("get", server.url + "/f", str(dest), *(["--resume"] if resume else []))
    assert code == 0, err
    assert (dest / "f").read_bytes() == b"x" * 1000
    assert not os.path.lexists(dest / part_name("f"))  # the FIFO's name went with the rename


# --- 18.6: never past the announced size; free space checked first ----------------------------------------
@pytest.mark.parametrize(("announced", "sent"), [(10, 5 * MiB), (2 * MiB, 8 * MiB)], ids=["copy", "splice"])
def test_a_server_sending_more_than_its_size_cannot_fill_the_disk(tmp_path, announced, sent):
    """SIZE says ``announced``; the server sends ``sent``. No byte past ``announced`` is written, the download
    fails, and the file never gets its final name. (Above 1 MiB the data path is Linux ``splice``.)"""
    payload = os.urandom(sent)
    tree = FakeTree(content=lambda path: payload if path == "/f" else None, size=lambda path: announced)
    dest = tmp_path / "dest"
    dest.mkdir()
    with ScriptedServer(tree, concurrent=True) as srv:
        code, _, err = run("get", fake_url(srv, "/f"), str(dest), "--timeout", "20")
    assert (dest / part_name("f")).stat().st_size <= announced
    assert not (dest / "f").exists()
    assert code == 1
    assert f"more than the {announced} bytes it announced" in err
    assert (dest / part_name("f")).read_bytes() == payload[: (dest / part_name("f")).stat().st_size]


def test_a_listing_that_understates_a_size_stops_at_it_too(tmp_path):
    """``get -r`` takes sizes from the listing; a listing and SIZE that both say 10 bound the file at 10."""
    tree = FakeTree(
        listing=lambda path: unix_listing(("f", "file", 10)) if path == "/" else None,
        content=lambda path: b"y" * (3 * MiB) if path == "/f" else None,
        size=lambda path: 10,
    )
    dest = tmp_path / "dest"
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        code, _, err = run("get", "-r", fake_url(srv), str(dest), "--timeout", "20")
    assert code == 1 and "failed /f" in err and "more than the 10 bytes" in err
    assert not (dest / "f").exists() and (dest / part_name("f")).stat().st_size <= 10


def test_a_file_that_grew_since_it_was_listed_is_downloaded_whole(tmp_path):
    """The listing said 10 bytes; the file has grown since (SIZE says so): that is no lie, the download starts
    again with the new size."""
    data = os.urandom(3 * MiB)
    tree = FakeTree(
        listing=lambda path: unix_listing(("f", "file", 10)) if path == "/" else None,
        content=lambda path: data if path == "/f" else None,
    )
    dest = tmp_path / "dest"
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        code, _, err = run("get", "-r", fake_url(srv), str(dest), "--timeout", "20")
    assert code == 0, err
    assert (dest / "f").read_bytes() == data


def test_a_download_larger_than_the_free_space_fails_before_writing(make_server, tiny_disk):
    server = make_server()
    Path(server.path("big.bin")).write_bytes(os.urandom(3 * MiB))
    code, _, err = run("get", server.url + "/big.bin", str(tiny_disk))
    assert code == 1
    assert "Not enough space" in err and "3.0 MiB (3,145,728 bytes) needed" in err  # (note 433)
    assert files_under(tiny_disk) == []  # failed before a byte was written


def test_a_large_file_after_small_ones_in_a_tree_is_still_checked_against_the_free_space(make_server, tiny_disk):
    """Small files reuse one reading of the free space for a second (one ``fstatvfs`` a second, not one a file);
    a file that needs more than a tenth of what is left reads it again and fails before writing a byte."""
    server = make_server()
    tree = Path(server.path("tree"))
    tree.mkdir()
    for i in range(5):
        (tree / f"small{i}.bin").write_bytes(os.urandom(4096))
    (tree / "zbig.bin").write_bytes(os.urandom(3 * MiB))
    code, _, err = run("get", "-r", server.url + "/tree", str(tiny_disk / "t"), "--parallel", "1")
    assert code == 1
    assert "Not enough space" in err and f"{3 * MiB} bytes needed" in err  # (-r: the engine's own words)
    assert files_under(tiny_disk / "t") == [f"small{i}.bin" for i in range(5)]


def test_one_reading_of_the_free_space_serves_a_folders_small_files(tmp_path, monkeypatch):
    readings = []
    real = os.fstatvfs

    def counted(fd):
        readings.append(fd)
        return real(fd)

    monkeypatch.setattr(localfs.os, "fstatvfs", counted)
    with localfs.Folder.open(str(tmp_path), str(tmp_path)) as folder:
        free = folder.free_space()
        assert len(readings) == 1
        for _ in range(50):  # small files: the first asks, the others use that reading
            assert 0 < folder.free_space_for(4096) <= free
        assert len(readings) == 2
        folder.free_space_for(free)  # as much as is free: read again
        assert len(readings) == 3
        monkeypatch.setattr(localfs, "FREE_SPACE_REUSE", 0.0)  # the reading is too old: read again
        folder.free_space_for(4096)
        assert len(readings) == 4


# --- 18.7: the temporary name is not a name the server can take over --------------------------------------
def _x_and_its_part_tree():
    x = os.urandom(200_000)
    x_part = os.urandom(50_000)
    files = {"/x.part": x_part, "/x": x}
    tree = FakeTree(
        listing=lambda path: (
            unix_listing(("x.part", "file", len(x_part)), ("x", "file", len(x))) if path == "/" else None
        ),
        content=files.get,
    )
    return tree, x, x_part


@pytest.mark.parametrize("resume", [False, True], ids=["fresh", "resume"])
def test_a_server_file_named_like_a_temporary_file_is_downloaded_intact(tmp_path, resume):
    """The server lists ``x.part`` before ``x``: both arrive byte-identical, with and without ``--resume``
    (a run that was interrupted after ``x.part`` is played by running twice; without ``--resume``, ``--force``:
    the second run replaces what the first wrote, which it keeps otherwise — design note 333)."""
    tree, x, x_part = _x_and_its_part_tree()
    dest = tmp_path / "dest"
    for _ in range(2):
        with ScriptedServer(tree, connections=2, concurrent=True) as srv:
            code, _, err = run("get", "-r", fake_url(srv), str(dest), "--resume" if resume else "--force")
        assert code == 0, err
        assert (dest / "x").read_bytes() == x
        assert (dest / "x.part").read_bytes() == x_part
        assert files_under(dest) == ["x", "x.part"]


def test_an_entry_named_like_another_entrys_temporary_name_collides(make_server, tmp_path):
    server = make_server()
    Path(server.path("x")).write_bytes(b"the file")
    Path(server.path(part_name("x"))).write_bytes(b"a decoy")
    dest = tmp_path / "dest"
    code, _, err = run("get", "-r", server.url + "/", str(dest))
    assert code == 0, err
    assert (dest / "x").read_bytes() == b"the file"
    assert f"skipped /{part_name('x')}: its local name {part_name('x')!r} is another entry's temporary name" in err
    assert files_under(dest) == ["x"]


# --- 18.8: put -r stays inside the folder ------------------------------------------------------------------
def _folder_with_links(tmp_path: Path) -> Path:
    secret = tmp_path / "id_ed25519"
    secret.write_bytes(b"PRIVATE KEY")
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    (src / "real.txt").write_bytes(b"real")
    (src / "docs" / "inner.txt").write_bytes(b"inner")
    os.symlink(secret, src / "notes.txt")  # planted: leads out of the folder
    os.symlink(src / "docs" / "inner.txt", src / "alias.txt")  # a link to a file inside
    os.symlink(tmp_path, src / "up")  # a link to a folder outside
    return src


def test_put_r_skips_symbolic_links_and_says_so(make_server, tmp_path):
    server = make_server()
    src = _folder_with_links(tmp_path)
    code, _, err = run("put", "-r", str(src), server.url + "/up")
    assert code == 0, err
    uploaded = files_under(Path(server.path("up")))
    assert uploaded == ["docs", "docs/inner.txt", "real.txt"]
    for name in ("notes.txt", "alias.txt", "up"):
        assert f"skipped {src / name}: a symbolic link; not followed" in err


def test_put_r_follow_links_never_leaves_the_folder(make_server, tmp_path):
    server = make_server()
    src = _folder_with_links(tmp_path)
    code, _, err = run("put", "-r", "--follow-links", str(src), server.url + "/up")
    assert code == 0, err
    up = Path(server.path("up"))
    assert files_under(up) == ["alias.txt", "docs", "docs/inner.txt", "real.txt"]
    assert (up / "alias.txt").read_bytes() == b"inner"
    assert f"skipped {src / 'notes.txt'}: a symbolic link leading out of the folder" in err
    assert f"skipped {src / 'up'}: a symbolic link leading out of the folder" in err
    assert b"PRIVATE KEY" not in b"".join(p.read_bytes() for p in up.rglob("*") if p.is_file())


def test_a_file_swapped_for_a_link_after_the_walk_is_not_uploaded(make_server, tmp_path):
    """The engine's own open refuses a link (no ``follow_links``): a file swapped after it was listed."""
    from ftpgui.ftp import FtpSession, SessionOptions, UnsafePath

    from ftpserver import PASSWORD, USER

    server = make_server()
    src = tmp_path / "src"
    src.mkdir()
    (tmp_path / "secret").write_bytes(b"PRIVATE")
    os.symlink(tmp_path / "secret", src / "f")
    with FtpSession(SessionOptions(timeout=10)) as s:
        s.open(server.host, server.port, USER, PASSWORD)
        with pytest.raises(UnsafePath, match="symbolic link"):
            s.upload(str(src / "f"), "/f", inside=str(src), follow_links=False)
    assert not os.path.exists(server.path("f"))


# --- 18.9: a source that changes while it is sent ----------------------------------------------------------
def truncate_when(received: Path, source: Path, at: int, to: int) -> threading.Thread:
    """A thread that truncates ``source`` to ``to`` bytes once the server's ``received`` file has ``at``."""

    def watch() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if received.exists() and received.stat().st_size >= at:
                os.truncate(source, to)
                return
            time.sleep(0.01)

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    return t


def test_an_upload_whose_source_is_truncated_meanwhile_fails(make_server, tmp_path):
    """A 64 MiB source (sparse) truncated to 1 MiB while a throttled server reads it."""
    server = make_server(throttle=4 * MiB)
    src = tmp_path / "big.bin"
    with open(src, "wb") as f:
        f.truncate(64 * MiB)
    watcher = truncate_when(Path(server.path("big.bin")), src, MiB, MiB)
    code, _, err = run("put", str(src), server.url + "/big.bin")
    watcher.join()
    assert code == 1
    assert "The file changed while it was being uploaded" in err


# --- 18.12: bounded walks ----------------------------------------------------------------------------------
def _endless(unique_of):
    """An MLSD tree in which every folder lists two subfolders, ``unique`` facts by ``unique_of(path)``."""
    listed = []

    def listing(path):
        listed.append(path)
        if len(listed) > 500:  # without bounds the client would go on for hours: end it for the test
            return b""
        base = path.rstrip("/")
        return b"".join(f"type=dir;unique={unique_of(base + '/' + n)}; {n}\r\n".encode() for n in ("a", "b"))

    tree = FakeTree(listing, features=("EPSV", "SIZE", "MLST type*;size*;unique*;"))
    return tree, listed


def test_a_walk_stops_after_max_folders(tmp_path):
    tree, listed = _endless(lambda path: path)
    with ScriptedServer(tree, connections=1) as srv:
        code, _, err = run("get", "-r", "--max-folders", "20", fake_url(srv), str(tmp_path / "dest"))
    assert code == 1
    assert "more than 20 folders; the walk stopped here" in err
    assert len(listed) <= 21
    assert sum(1 for p in (tmp_path / "dest").rglob("*") if p.is_dir()) == 20


def test_a_walk_does_not_enter_a_folder_it_has_seen(tmp_path):
    """Every subfolder has the same ``unique`` fact: the server's folders lead back to one folder."""
    tree, listed = _endless(lambda path: "the-one-folder")
    with ScriptedServer(tree, connections=1) as srv:
        code, _, err = run("get", "-r", fake_url(srv), str(tmp_path / "dest"))
    assert code == 0, err
    assert listed == ["/", "/a"] or listed == ["/", "/b"]
    assert "the same folder as one met before (MLSD unique); not followed" in err


def test_max_folders_must_be_positive(tmp_path):
    code, _, err = run("get", "-r", "--max-folders", "0", "ftp://127.0.0.1:1/", str(tmp_path))
    assert code == 2 and "--max-folders" in err


# --- issue 17 item 6: fewer bytes than SIZE said, then 226 -------------------------------------------------
@pytest.mark.parametrize("recursive", [False, True], ids=["get", "get-r"])
def test_a_short_download_stays_temporary_and_fails(tmp_path, recursive):
    tree = FakeTree(
        listing=lambda path: unix_listing(("f", "file", 1000)) if path == "/" else None,
        content=lambda path: b"z" * 500 if path == "/f" else None,
        size=lambda path: 1000,
    )
    dest = tmp_path / "dest"
    dest.mkdir()
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        if recursive:
            code, _, err = run("get", "-r", fake_url(srv), str(dest))
        else:
            code, _, err = run("get", fake_url(srv, "/f"), str(dest))
    assert code == 1
    # (one file: the words of describe_error; a tree: the engine's own line per file)
    assert "The download is incomplete: 500 bytes of 1,000 bytes." in err or "incomplete: 500 of 1000 bytes." in err
    assert not (dest / "f").exists()
    assert (dest / part_name("f")).read_bytes() == b"z" * 500


def test_a_folder_swapped_for_a_link_between_two_files_is_not_written_through(tmp_path):
    """The folder a tree's files go into is kept open from one file to the next (issue 22): when an accomplice
    swaps it for a link between two files, the next file still goes into the folder that was opened — never
    through the link."""
    dest, outside = tmp_path / "dest", tmp_path / "outside"
    outside.mkdir()

    def listing(path):
        if path == "/":
            return unix_listing(("sub", "dir", 0))
        if path == "/sub":
            return unix_listing(("a", "file", 5), ("b", "file", 5))
        return None

    def on_command(line):
        if line == "RETR /sub/b":  # /sub/a has landed; its folder is open
            os.rename(dest / "sub", tmp_path / "moved-away")
            os.symlink(outside, dest / "sub")

    files = {"/sub/a": b"first", "/sub/b": b"evil!"}
    tree = FakeTree(listing, files.get, on_command=on_command)
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        code, _, err = run("get", "-r", fake_url(srv), str(dest), "--timeout", "20")
    assert files_under(outside) == []  # nothing written through the link
    assert code == 0, err
    assert (tmp_path / "moved-away" / "b").read_bytes() == b"evil!"
