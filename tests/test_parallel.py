"""``get -r``/``put -r --parallel N``: N transfer connections at once plus one that lists, counted on the
server's side; fewer when the server answers 421 Too many connections, and still every byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.ftp.mirror import MirrorResult, _Pool, download_tree

from ftpserver import PASSWORD, USER
from test_cli import read_tree, run, tree


def _factory(server):
    """New logged-in sessions, as the CLI makes them (closed again when the login fails)."""

    def session() -> FtpSession:
        s = FtpSession(SessionOptions(timeout=10))
        try:
            s.open(server.host, server.port, USER, PASSWORD)
        except BaseException:
            s.close()
            raise
        return s

    return session


def _tree(server, files: int = 24) -> dict:
    remote = Path(server.path("tree"))
    remote.mkdir()
    return tree(remote, files, seed=9)


@pytest.mark.parametrize("parallel", [2, 4])
def test_parallel_opens_n_transfer_connections_and_one_for_listing(make_server, tmp_path, parallel):
    # throttled, so each file takes a while and the workers are all connected at the same time
    server = make_server(throttle=400_000)
    made = _tree(server)
    code, _, err = run("get", "-r", server.url + "/tree", str(tmp_path / "copy"), "--parallel", str(parallel))
    assert code == 0, err
    assert read_tree(tmp_path / "copy") == made
    # N transfer connections at once, and one for the listing: counted, since the walk's may close (its folders
    # listed) before the last transfer connection opens on a loaded machine (1 of 2,698 in a CI run)
    assert parallel <= server.record.max_open_sessions <= parallel + 1
    assert len(server.record.control) == parallel + 1

    server.record.max_open_sessions = 0
    code, _, err = run("put", "-r", str(tmp_path / "copy"), server.url + "/again", "--parallel", str(parallel))
    assert code == 0, err
    assert read_tree(Path(server.path("again"))) == made
    assert parallel <= server.record.max_open_sessions <= parallel + 1
    assert len(server.record.control) == 2 * (parallel + 1)


def _copy(server, tmp_path, command: str, files: int, parallel: int):
    """``get -r`` of a tree of ``files`` files on ``server`` (or ``put -r`` of the same tree made locally) with
    ``parallel`` connections: (the tree, exit code, stderr, where the copy is)."""
    made = _tree(server, files)
    if command == "get":
        copy = tmp_path / "copy"
        code, _, err = run("get", "-r", server.url + "/tree", str(copy), "--parallel", str(parallel), "--tls", "off")
    else:
        source = tmp_path / "source"
        source.mkdir()
        tree(source, files, seed=9)
        copy = Path(server.path("again"))
        code, _, err = run("put", "-r", str(source), server.url + "/again", "--parallel", str(parallel), "--tls", "off")
    return made, code, err, copy


@pytest.mark.parametrize("command", ["get", "put"])
def test_parallel_backs_off_to_what_the_server_allows(make_server, tmp_path, command):
    # three control connections per address: the lister and two workers; the other two get 421
    server = make_server(throttle=400_000, max_cons_per_ip=3)
    made, code, err, copy = _copy(server, tmp_path, command, 24, 4)
    assert code == 0, err
    assert err == ""  # no file failed, nothing to warn about (plain FTP was asked for)
    assert read_tree(copy) == made
    assert server.record.refused_421 >= 1  # the workers beyond the limit were turned away…
    assert server.record.max_open_sessions == 3  # …and the rest carried every file, never over the limit
    # (the walk's connection closes before the transfers end: a third transfer connection may take its place)
    assert len(server.record.control) in (3, 4)


@pytest.mark.parametrize("command", ["get", "put"])
def test_a_server_that_allows_one_connection_gets_the_tree_over_it(make_server, tmp_path, command):
    """Found by QA: with one connection an address (pyftpdlib's max_cons_per_ip=1, a common setting), the
    walk's listing connection was that one: every transfer connection was refused with 421, each file failed
    after 7.7 s of backing off, and nothing was copied. The transfers now wait for the walk to end (its
    connection closes first) and take the connection then."""
    server = make_server(max_cons_per_ip=1)
    made, code, err, copy = _copy(server, tmp_path, command, 6, 2)
    assert code == 0, err
    assert read_tree(copy) == made
    assert server.record.refused_421 >= 1  # (the transfer connections were refused while the walk listed)


def test_mirror_result_counts_the_connections_used(make_server, tmp_path):
    server = make_server(throttle=400_000, max_cons_per_ip=3)
    made = _tree(server, 12)
    result = download_tree(_factory(server), "/tree", str(tmp_path / "copy"), parallel=4)
    assert result.ok, result.failed
    assert result.connections == 2 and result.files == len(made)
    assert read_tree(tmp_path / "copy") == made


def test_a_server_that_admits_no_transfer_connection_fails_every_file_in_words(make_server, tmp_path):
    server = make_server(max_cons_per_ip=1)
    (Path(server.path("f.bin"))).write_bytes(b"x")
    lister = _factory(server)()  # the one connection the server allows

    result = MirrorResult()
    pool = _Pool(_factory(server), 2, result, retry_delays=(0.05, 0.1))
    for name in ("a", "b", "c"):
        pool.submit(name, lambda s: s.download("/f.bin", str(tmp_path / "f.bin")))
    pool.finish()
    lister.quit()
    lister.close()
    assert result.files == 0 and result.connections == 0
    assert sorted(label for label, _ in result.failed) == ["a", "b", "c"]
    assert all("421" in message or "Too many" in message for _, message in result.failed), result.failed


def test_get_recursive_takes_sizes_from_the_listing(make_server, tmp_path):
    server = make_server()
    made = _tree(server, 12)
    code, _, err = run("get", "-r", server.url + "/tree", str(tmp_path / "copy"), "--parallel", "2")
    assert code == 0, err
    assert read_tree(tmp_path / "copy") == made
    verbs = server.record.verbs()
    assert verbs.count("RETR") == len(made) and "SIZE" not in verbs  # one command fewer per file


# --- issue 22 item 1: what each file of a tree costs locally -------------------------------------------
def _one_folder(server, files: int = 12) -> dict:
    remote = Path(server.path("tree", "sub"))
    remote.mkdir(parents=True)
    made = {}
    for i in range(files):
        (remote / f"f{i}.bin").write_bytes(bytes([i]) * (100 + i))
        made[f"sub/f{i}.bin"] = bytes([i]) * (100 + i)
    return made


def test_a_tree_opens_each_local_folder_once_per_connection_not_per_file(make_server, tmp_path, monkeypatch):
    """Walking down from the chosen folder (an open per level) for every file cost more than the file: the
    folder a connection writes into stays open for the next file in it, and the session closes it."""
    from ftpgui.ftp import localfs

    server = make_server()
    made = _one_folder(server)
    opened = []
    real_open = localfs.Folder.open.__func__

    def counting(cls, root, path, *, create=False):
        opened.append(os.path.normpath(path))
        return real_open(cls, root, path, create=create)

    monkeypatch.setattr(localfs.Folder, "open", classmethod(counting))
    result = download_tree(_factory(server), "/tree", str(tmp_path / "copy"), parallel=1)
    assert result.ok and result.files == len(made)
    assert read_tree(tmp_path / "copy") == made
    # one to make the folder, one for the connection that writes its 12 files
    assert opened.count(str(tmp_path / "copy" / "sub")) == 2


def test_put_r_resolves_no_path_for_a_file_opened_without_links(make_server, tmp_path, monkeypatch):
    """A file opened with O_NOFOLLOW relative to a folder reached without links is inside by construction:
    resolving its path again (an lstat per level) is only needed for a link the person asked to follow."""
    from ftpgui.ftp import localfs

    server = make_server()
    src = tmp_path / "src"
    made = tree(src, 8, seed=3)
    resolved = []
    real = localfs.resolved_inside
    monkeypatch.setattr(localfs, "resolved_inside", lambda root, path: resolved.append(path) or real(root, path))
    code, _, err = run("put", "-r", str(src), server.url + "/up")
    assert code == 0, err
    assert read_tree(Path(server.path("up"))) == made
    assert resolved == []


@pytest.mark.parametrize("command", ["get", "put"])
def test_a_file_whose_connection_drops_is_tried_again_on_a_new_one(make_server, tmp_path, command):
    # The server hangs up once, at one file's transfer command (a daemon restarting, a crash): the CLI's tree
    # connects again, says so, and brings every file over, as FileZilla tries a failed file again.
    if command == "get":
        server = make_server(hang_up={"RETR /tree/d2/e1/f5.bin": 1})
        made = _tree(server, 12)
        code, _, err = run("get", "-r", server.url + "/tree", str(tmp_path / "copy"), "--parallel", "2", "--tls", "off")
        copy = tmp_path / "copy"
        verb, label = "RETR /tree/d2/e1/f5.bin", "/tree/d2/e1/f5.bin"
    else:
        server = make_server(hang_up={"STOR /again/d2/e1/f5.bin": 1})
        source = tmp_path / "source"
        source.mkdir()
        made = tree(source, 12, seed=9)
        code, _, err = run("put", "-r", str(source), server.url + "/again", "--parallel", "2", "--tls", "off")
        copy = Path(server.path("again"))
        verb, label = "STOR /again/d2/e1/f5.bin", str(source / "d2" / "e1" / "f5.bin")  # (named by its source)
    assert code == 0, err
    assert read_tree(copy) == made
    assert server.record.commands.count(verb) == 2  # the try it hung up at, and the one that went through
    assert len(server.record.control) == 2 + 1 + 1  # the lister, two workers, and the one connected again
    assert err == f"ftpgui-cli: tried again {label} after: The server closed the connection.\n"
    assert "failed" not in err


def test_a_server_that_keeps_hanging_up_costs_later_files_one_try_each(make_server, tmp_path):
    # Every try of every file is hung up on: the first file is tried three times, and then, until a file goes
    # through, each later one once (a server gone for good must not cost every file every wait).
    names = [f"f{i}.bin" for i in range(4)]
    server = make_server(hang_up={f"RETR /{n}": 99 for n in names})
    for n in names:
        Path(server.path(n)).write_bytes(b"x" * 100)
    result = MirrorResult()
    pool = _Pool(_factory(server), 1, result, file_retry_delays=(0.01, 0.02))
    for n in names:
        pool.submit(n, ("download", (f"/{n}", str(tmp_path / n)), {}))
    pool.finish()
    retr = [c for c in server.record.commands if c.startswith("RETR ")]
    assert retr == [f"RETR /{names[0]}"] * 3 + [f"RETR /{n}" for n in names[1:]], retr
    assert [label for label, _ in result.retried] == [names[0]] * 2
    assert sorted(label for label, _ in result.failed) == names
    assert result.files == 0
    assert not list(tmp_path.glob("f*.bin"))  # nothing under a final name


@pytest.mark.parametrize(("code", "tries"), [(451, 3), (426, 3), (452, 1), (552, 1), (553, 1), (550, 1)])
def test_a_transfers_final_reply_decides_whether_its_file_is_tried_again(code, tries):
    # the server's final reply to RETR/STOR: 4xx "not now" is tried again, 452 (its disk is full) and 5xx not —
    # a put -r to a full disk must not send every file three times
    from ftpgui.ftp.errors import ReplyError
    from ftpgui.ftp.procpool import Retries
    from ftpgui.ftp.transferend import _server_failed

    calls, said = [], []

    def job(session):
        calls.append(1)
        raise _server_failed(ReplyError("STOR f.bin", code, "said so"), 0)

    with pytest.raises(Exception, match=str(code)):
        Retries((0, 0), sleep=lambda s: None).run(None, job, said.append)
    assert len(calls) == tries and len(said) == tries - 1


def test_a_file_that_fails_for_good_after_a_retry_does_not_cost_the_next_file_its_retries():
    # the brake is for a server gone: a file that was tried again and then refused (deleted meanwhile) leaves
    # the next dropped file its tries
    from ftpgui.ftp.errors import ConnectionLost, ReplyError
    from ftpgui.ftp.procpool import Retries

    retries = Retries((0, 0), sleep=lambda s: None)
    answers = iter([ConnectionLost("dropped"), ReplyError("RETR a", 550, "gone")])

    def first(session):
        raise next(answers)

    with pytest.raises(ReplyError):
        retries.run(None, first, lambda m: None)
    dropped = []

    def second(session):
        dropped.append(1)
        if len(dropped) < 3:
            raise ConnectionLost("dropped")
        return 7

    assert retries.run(None, second, lambda m: None) == 7 and len(dropped) == 3
