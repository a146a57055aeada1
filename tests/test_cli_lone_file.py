"""``ftpgui-cli get -r`` of a file, or of a link to one, against the real daemons as Debian ships them (design note
220, found by QA): what the path leads to, as note 204 has the window take a link chosen on its own.

vsftpd's LIST of a file's path lists that file, so the walk took the file for a folder holding itself and said
"failed /pub/data/a.txt/a.txt: The server refused RETR: 550 Failed to open file." (a path that is not there);
pure-ftpd and proftpd refuse MLSD of a file ("550 Can't check for file existence", "… is not a directory"). Each
exited 1 with an empty folder left under the destination's name. Now the file is downloaded as ``get`` does.
"""

from __future__ import annotations

import json
import os
import pwd
import threading
from pathlib import Path

import pytest
from test_daemons import daemon  # noqa: F401 (a fixture)
from test_local_attacks import files_under

from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.search import search_tree

from test_cli import run


def url(d, path: str) -> str:
    return f"ftp://{d.user}@{d.host}:{d.port}{d.remote_dir}/{path}"


# (pure-ftpd refuses MLSD of a file as proftpd does: the same path here, and its logins take two seconds each)
@pytest.mark.parametrize("daemon", ["vsftpd", "proftpd"], indirect=True)
def test_get_r_of_a_file_or_a_link_to_one_downloads_that_file(daemon, tmp_path):  # noqa: F811
    (daemon.writable / "data").mkdir()
    (daemon.writable / "data" / "a b.txt").write_bytes(b"the file in data")
    os.symlink("data/a b.txt", daemon.writable / "to-file")
    ftp = pwd.getpwnam("ftp")
    for path in daemon.writable.rglob("*"):
        os.chown(path, ftp.pw_uid, ftp.pw_gid, follow_symlinks=False)
    out = tmp_path / "out"
    out.mkdir()
    env = {"FTPGUI_PASSWORD": daemon.password}
    code, _, err = run("get", "-r", url(daemon, "to-file"), str(out / "linked.txt"), env=env)
    assert code == 0 and "failed" not in err, err
    code, _, err = run("get", "-r", url(daemon, "data/a%20b.txt"), str(out), env=env)  # (into the folder named)
    assert code == 0 and "failed" not in err, err
    assert files_under(out) == ["a b.txt", "linked.txt"]
    assert (out / "linked.txt").read_bytes() == (out / "a b.txt").read_bytes() == b"the file in data"
    # a path that is not there fails as the listing does, and leaves nothing behind
    code, _, err = run("get", "-r", url(daemon, "missing"), str(tmp_path / "missing"), env=env)
    assert code == 1 and "failed /pub/missing: The server refused" in err, err
    assert not (tmp_path / "missing").exists()


# (pure-ftpd refuses MLSD of a file as proftpd does, and answers MLST: the same path as proftpd's here)
@pytest.mark.parametrize("daemon", ["vsftpd", "proftpd"], indirect=True)
def test_ls_of_a_file_shows_its_line_as_its_folder_listing_does(daemon):  # noqa: F811
    """``ls`` of a file (design note 226): its one line, as ``ls -l file`` does. proftpd (and pure-ftpd) refused
    its MLSD ("550 … not a directory"), and ``ls`` exited 1. A name LIST reads as a pattern (note 212) is that
    file's line, never what it matches (``c1.txt`` beside ``c[1].txt``)."""
    (daemon.writable / "data").mkdir()
    (daemon.writable / "data" / "a b.txt").write_bytes(b"the file in data")
    (daemon.writable / "data" / "c[1].txt").write_bytes(b"bracketed")
    (daemon.writable / "data" / "c1.txt").write_bytes(b"what c[1].txt matches")
    ftp = pwd.getpwnam("ftp")
    for path in daemon.writable.rglob("*"):
        os.chown(path, ftp.pw_uid, ftp.pw_gid, follow_symlinks=False)
    env = {"FTPGUI_PASSWORD": daemon.password}
    code, folder, err = run("ls", url(daemon, "data/"), env=env)
    assert code == 0, err
    code, folder_json, err = run("ls", "--json", url(daemon, "data/"), env=env)
    assert code == 0, err
    lines = {line.rsplit("  ", 1)[-1]: line for line in folder.splitlines()}
    objects = {o["name"]: o for o in json.loads(folder_json)}
    for name, quoted in (("a b.txt", "a%20b.txt"), ("c[1].txt", "c%5B1%5D.txt")):
        code, out, err = run("ls", url(daemon, f"data/{quoted}"), env=env)
        assert code == 0 and "The server refused" not in err, err
        assert out == lines[name] + "\n"  # (the line the folder's listing has for it)
        code, out, err = run("ls", "--json", url(daemon, f"data/{quoted}"), env=env)
        assert code == 0, err
        assert json.loads(out) == [objects[name]]
    # a path that is not there still fails, in words, with a non-zero exit
    code, out, err = run("ls", url(daemon, "data/missing.txt"), env=env)
    assert code == 1 and out == "" and "The server refused" in err, err


@pytest.mark.parametrize("daemon", ["pure-ftpd"], indirect=True)
def test_ls_of_a_file_on_pure_ftpd(daemon):  # noqa: F811
    """pure-ftpd refused the file's MLSD too ("501 Not a directory"): one ``ls`` (its logins take two seconds)."""
    (daemon.writable / "c[1].txt").write_bytes(b"bracketed")
    (daemon.writable / "c1.txt").write_bytes(b"what c[1].txt matches")
    code, out, err = run("ls", url(daemon, "c%5B1%5D.txt"), env={"FTPGUI_PASSWORD": daemon.password})
    assert code == 0 and "The server refused" not in err, err
    assert len(out.splitlines()) == 1 and out.split()[1] == "9" and out.endswith("  c[1].txt\n"), out


NO_MLST = "211-Features:\r\n MDTM\r\n MLSD\r\n SIZE\r\n211 End"  # (MLSD without MLST, as a few servers offer)


@pytest.mark.parametrize("feat", ["MLST", "no MLST"])
def test_ls_of_a_file_sends_one_command_more_than_its_refused_mlsd(make_server, feat):
    """pyftpdlib refuses MLSD of a file too ("501 No such directory."): the file's facts are MLST's, or where FEAT
    offers no MLST, LIST's line of the path — one command after the refusal, no walk, no CWD."""
    server = make_server(replies={"FEAT": NO_MLST} if feat == "no MLST" else None)
    Path(server.path("a.txt")).write_bytes(b"x" * 123)
    code, folder, err = run("ls", server.url + "/")
    assert code == 0, err
    del server.record.commands[:]
    code, out, err = run("ls", server.url + "/a.txt")
    assert code == 0, err
    if feat == "MLST":
        assert out == folder  # (the folder holds that one file: its line, MLST's facts as MLSD's)
    else:  # (LIST's line: its permissions as LIST writes them, where MLSD gave its perm fact)
        assert out.split()[1:] == folder.split()[1:] and out.startswith("-rw-"), out
    listed = [c.split(" ")[0] for c in server.record.commands if c.split(" ")[0] in ("MLSD", "MLST", "LIST", "CWD")]
    assert listed == ["MLSD", "MLST" if feat == "MLST" else "LIST"]
    code, out, err = run("ls", server.url + "/missing.txt")
    assert code == 1 and out == "" and "The server refused" in err, err  # (MLSD's 501, or LIST's 550)


@pytest.mark.parametrize("daemon", ["vsftpd", "proftpd"], indirect=True)
def test_a_search_of_a_files_path_judges_that_file_under_its_own_path(daemon):  # noqa: F811
    """The search dialog's walk (``search_tree``) started at a file's path: that file, found under its own path
    (design note 237). proftpd refused its MLSD (the folder "could not be listed"); vsftpd's LIST of the path
    lists the file, which the walk found as ``/pub/data/a b.txt/a b.txt`` — a path that is not there."""
    (daemon.writable / "data").mkdir()
    (daemon.writable / "data" / "a b.txt").write_bytes(b"the file in data")
    hits: list = []
    with FtpSession(SessionOptions(timeout=10)) as s:
        s.open(daemon.host, daemon.port, daemon.user, daemon.password)
        for judge in (lambda name, *rest: name.endswith(".txt"), lambda *rest: False):
            report = search_tree(s, f"{daemon.remote_dir}/data/a b.txt", judge, hits.extend, threading.Event())
            assert report.failed == [], report.failed
    assert [(h.path, h.wire, h.entry.name, h.entry.size) for h in hits] == [
        ("/pub/data/a b.txt", b"/pub/data/a b.txt", "a b.txt", 16)
    ]
