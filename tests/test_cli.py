"""``ftpgui-cli`` against a real pyftpdlib server."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from ftpgui.cli import main
from ftpgui.ftp.resumecheck import rest_for

from ftpserver import PASSWORD


def run(*argv, env=None):
    out, err = io.StringIO(), io.StringIO()
    old = dict(os.environ)
    if env:
        os.environ.update(env)
    try:
        code = main(list(argv), out=out, err=err, stdin=io.StringIO())
    finally:
        os.environ.clear()
        os.environ.update(old)
    return code, out.getvalue(), err.getvalue()


def run_subprocess(*argv: str, env=None) -> subprocess.CompletedProcess:
    """The real console entry point (``python -m ftpgui.cli``), its stdout and stderr as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "ftpgui.cli", *argv],
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )


def tree(root: Path, files: int, seed: int = 1) -> dict:
    """``files`` files of random sizes in nested folders; returns {relative path: bytes}."""
    rnd = random.Random(seed)
    made = {}
    for i in range(files):
        rel = Path(f"d{i % 3}") / (f"e{i % 2}" if i % 4 else "") / f"f{i}.bin"
        data = rnd.randbytes(rnd.randint(0, 40_000))
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
        made[str(rel)] = data
    return made


def read_tree(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_ls_json(server):
    Path(server.path("a.txt")).write_bytes(b"x" * 123)
    os.mkdir(server.path("sub"))
    code, out, err = run("ls", server.url + "/", "--json")
    assert code == 0, err
    entries = {e["name"]: e for e in json.loads(out)}
    assert set(entries) == {"a.txt", "sub"}
    a = entries["a.txt"]
    assert (a["type"], a["size"]) == ("file", 123)
    assert a["modified"].endswith("Z") and a["modified"][:2] == "20"
    assert set(a) == {"name", "type", "size", "modified", "permissions", "owner", "group", "target"}
    assert entries["sub"]["type"] == "dir" and entries["sub"]["size"] is None


@pytest.mark.parametrize("mode", ["passive", "active", "auto"])
def test_ls_text_each_mode(server, mode):
    Path(server.path("hello world.txt")).write_bytes(b"hi")
    code, out, err = run("ls", server.url, "--mode", mode)
    assert code == 0, err
    assert "hello world.txt" in out


def test_get_and_put_single_files(server, tmp_path):
    data = random.Random(3).randbytes(300_000)
    (tmp_path / "up.bin").write_bytes(data)
    assert run("put", str(tmp_path / "up.bin"), server.url + "/")[0] == 0
    assert Path(server.path("up.bin")).read_bytes() == data
    assert run("put", str(tmp_path / "up.bin"), server.url + "/renamed.bin")[0] == 0
    assert Path(server.path("renamed.bin")).read_bytes() == data
    dest = tmp_path / "dl"
    dest.mkdir()
    assert run("get", server.url + "/up.bin", str(dest))[0] == 0
    assert (dest / "up.bin").read_bytes() == data
    assert run("get", server.url + "/up.bin", str(tmp_path / "named.bin"))[0] == 0
    assert (tmp_path / "named.bin").read_bytes() == data


def test_get_into_a_destination_written_as_a_folder(server, tmp_path):
    """Found by QA: ``get URL precious/`` overwrote the file ``precious`` (exit 0), and ``get URL newdir/``
    made a file called ``newdir``. A destination ending in a slash is a folder: made when missing, refused
    when a file has that name."""
    Path(server.path("a.txt")).write_bytes(b"downloaded")
    precious = tmp_path / "precious"
    precious.write_bytes(b"keep me")
    code, _, err = run("get", server.url + "/a.txt", str(precious) + os.sep)
    assert code == 2 and "is not a folder" in err
    assert precious.read_bytes() == b"keep me"
    code, _, err = run("get", server.url + "/a.txt", str(tmp_path / "newdir") + os.sep)
    assert code == 0, err
    assert (tmp_path / "newdir" / "a.txt").read_bytes() == b"downloaded"


def test_get_resume(server, tmp_path):
    data = random.Random(4).randbytes(500_000)
    Path(server.path("f.bin")).write_bytes(data)
    (tmp_path / "f.bin.ftpgui-part").write_bytes(data[:123_456])
    assert run("get", server.url + "/f.bin", str(tmp_path / "f.bin"), "--resume")[0] == 0
    assert (tmp_path / "f.bin").read_bytes() == data
    assert f"REST {rest_for(123_456)}" in server.record.commands  # (the overlap checked: note 428)


@pytest.mark.parametrize("parallel", [1, 3])
def test_get_and_put_recursive_in_parallel(make_server, tmp_path, parallel):
    server = make_server()
    remote = Path(server.path("tree"))
    remote.mkdir()
    made = tree(remote, 30)
    code, _, err = run("get", "-r", server.url + "/tree", str(tmp_path / "copy"), "--parallel", str(parallel))
    assert code == 0, err
    assert read_tree(tmp_path / "copy") == made  # the contents of tree/, into copy/
    assert len(server.record.control) == parallel + 1  # N transfer connections plus one that lists

    before = len(server.record.control)
    code, _, err = run("put", "-r", str(tmp_path / "copy"), server.url + "/again", "--parallel", str(parallel))
    assert code == 0, err
    assert read_tree(Path(server.path("again"))) == made
    assert len(server.record.control) - before == parallel + 1


def test_get_recursive_fails_unsafe_names_and_links_out_of_the_server(make_server, tmp_path):
    """Names the disk refuses are failures, each named escaped, as the window's queue fails them (they were
    "skipped" lines, and exit 0: design note 201); a link the server will not follow fails as its RETR does."""
    # pyftpdlib's MLSD follows links; its LIST declares them (lrwxrwxrwx … -> target), so refuse MLSD
    server = make_server(refuse=("MLSD",))
    root = Path(server.path("t"))
    root.mkdir()
    (root / "good.txt").write_bytes(b"ok")
    (root / "back\\slash").write_bytes(b"bad")
    (root / "bell\x07").write_bytes(b"bad")
    os.symlink("/etc", root / "link-to-etc")
    code, _, err = run("get", "-r", server.url + "/t", str(tmp_path / "out"))
    assert code == 1, err
    assert sorted(os.listdir(tmp_path / "out")) == ["good.txt"]
    assert "failed /t/back\\slash: Unsafe name 'back\\\\slash': the name contains a path separator\n" in err
    assert "failed /t/bell\\x07: Unsafe name 'bell\\x07': the name contains a control character\n" in err
    assert "failed /t/link-to-etc: The server refused RETR: 550" in err
    assert "ftpgui-cli: 3 item(s) failed; 1 file(s) downloaded" in err and "skipped" not in err


def test_a_walk_stopped_by_its_limits_is_a_failure(make_server, tmp_path, monkeypatch):
    """Found by QA: a tree deeper than MAX_DEPTH levels (a server whose folder lists itself) or a walk past
    MAX_ENTRIES entries was a "skipped" line and exit 0, the copy incomplete. Both are failures now."""
    import ftpgui.ftp.mirror as mirror

    server = make_server()
    deep = Path(server.path("deep"))
    level = deep
    for _ in range(mirror.MAX_DEPTH + 2):
        level = level / "d"
    level.mkdir(parents=True)
    (level / "bottom.txt").write_bytes(b"deep")
    code, _, err = run("get", "-r", server.url + "/deep", str(tmp_path / "out"))
    assert code == 1 and f"deeper than {mirror.MAX_DEPTH} levels" in err, err

    wide = Path(server.path("wide"))
    wide.mkdir()
    for i in range(10):
        (wide / f"f{i}.txt").write_bytes(b"x")
    monkeypatch.setattr(mirror, "MAX_ENTRIES", 5)
    code, _, err = run("get", "-r", server.url + "/wide", str(tmp_path / "out2"))
    assert code == 1 and "more than 5 entries" in err, err


def test_wrong_password_one_line_exit_1(server):
    url = server.url.replace("s3cret-p%C3%A4ssword", "wrong-pw")
    code, out, err = run("ls", url, "--tls", "off")  # no "offers no TLS" warning: the one line is the error
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("ftpgui-cli: Login failed")
    assert "wrong-pw" not in err and out == ""


def test_password_from_environment(server):
    url = server.url.replace(":s3cret-p%C3%A4ssword", "")
    code, _, err = run("ls", url, env={"FTPGUI_PASSWORD": PASSWORD})
    assert code == 0, err


def test_a_user_with_no_password_and_no_terminal_is_told_where_the_password_goes(server, monkeypatch):
    """Run from a script (no terminal to ask on), a user and no password: the refusal says what was missing."""
    monkeypatch.delenv("FTPGUI_PASSWORD", raising=False)
    url = server.url.replace(":s3cret-p%C3%A4ssword", "")
    code, out, err = run("ls", url, "--tls", "off")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("ftpgui-cli: Login failed")
    assert "No password was given for alice: put it in FTPGUI_PASSWORD, or run in a terminal" in err
    # a password that was given, and wrong, is not "no password"
    code, _, err = run("ls", url, "--tls", "off", env={"FTPGUI_PASSWORD": "wrong-pw"})
    assert code == 1 and "No password was given" not in err and "wrong-pw" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["ls"],
        ["ls", "http://example.invalid/"],
        ["ls", "ftp://127.0.0.1/", "--mode", "sideways"],
        ["get", "ftp://127.0.0.1/x", "d", "--parallel", "11"],
        ["ls", "ftp://127.0.0.1/", "--encoding", "no-such-codec"],
        ["frobnicate"],
    ],
)
def test_bad_usage_exit_2(argv):
    with pytest.raises(SystemExit) as info:
        code, _, _ = run(*argv)
        raise SystemExit(code)
    assert info.value.code == 2


def test_unreachable_server_exit_1(tmp_path):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    code, _, err = run("--timeout", "5", "ls", f"ftp://127.0.0.1:{port}/")
    assert code == 1
    assert "Could not connect" in err and err.count("\n") == 1


def test_console_entry_point(server):
    Path(server.path("z.txt")).write_bytes(b"z")
    proc = subprocess.run(
        [sys.executable, "-m", "ftpgui.cli", "ls", server.url, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["name"] == "z.txt"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_on_a_terminal():
    from ftpgui.cli import Progress
    from ftpgui.ftp.events import DataClosed, TransferProgress

    clock = iter([100.0, 102.0, 102.05, 104.0, 106.0])  # start, then one reading per event
    stream = _Tty()
    p = Progress(stream, total=4 * 1024 * 1024, clock=lambda: next(clock))
    p(TransferProgress(1, done=1024 * 1024, total=None, at=0))  # 1 MiB after 2 s
    p(TransferProgress(1, done=1024 * 1024 + 10, total=None, at=0))  # 50 ms later: not redrawn
    p(DataClosed(1, bytes=1024 * 1024 + 10, seconds=1, at=0))  # connection 1 done, at 104 s
    p(TransferProgress(2, done=1024 * 1024 - 10, total=None, at=0))  # connection 2 adds to it, at 106 s
    lines = stream.getvalue().split("\r")[1:]
    assert len(lines) == 3
    assert lines[0].startswith("1.0 MiB / 4.0 MiB (25%)  512.0 KiB/s  ETA 0:06")
    assert lines[2].startswith("2.0 MiB / 4.0 MiB (50%)  512.0 KiB/s  ETA 0:04")  # over the last 2 s
    assert not Progress(io.StringIO()).enabled  # nothing drawn when stderr is not a terminal


def test_the_progress_line_says_no_rate_until_two_seconds_are_measured():
    """Recorded from ``get`` of a 1.9 MiB file from a server throttled to 100 KB/s: its first burst (256 KiB in
    5 ms) drew "49.1 MiB/s  ETA 0:00" (design note 330). No rate or ETA until 2 s from the start, then the
    server's."""
    from ftpgui.cli import Progress
    from ftpgui.ftp.events import TransferProgress

    total = 2_000_000
    samples = [(0.005, 262_144), (0.5, 300_000), (1.0, 350_000), (1.5, 400_000), (2.0, 450_000), (3.0, 550_000)]
    clock = iter([100.0] + [100 + t for t, _ in samples])
    stream = _Tty()
    p = Progress(stream, total=total, clock=lambda: next(clock))
    for _, done in samples:
        p(TransferProgress(1, done=done, total=None, at=0))
    lines = [line.rstrip() for line in stream.getvalue().split("\r")[1:]]
    assert lines[0] == "256.0 KiB / 1.9 MiB (13%)  --/s"
    assert all("ETA" not in line and "--/s" in line for line in lines[:4])
    assert lines[4].endswith("219.7 KiB/s  ETA 0:06")  # 2 s from the start: the burst still in it
    assert lines[5].endswith("97.7 KiB/s  ETA 0:14")  # the last 2 s: the server's 100 KB/s


def test_the_progress_line_never_passes_the_total_when_a_file_is_tried_again():
    from ftpgui.cli import Progress
    from ftpgui.ftp.events import DataClosed, TransferProgress

    clock = iter([0.0, 1.0, 2.0, 3.0, 4.0])
    stream = _Tty()
    p = Progress(stream, total=1000, clock=lambda: next(clock))
    p(DataClosed(1, bytes=600, seconds=1, at=0))  # (nothing counted yet for it)
    p(TransferProgress(1, done=600, total=None, at=0))  # the first try: 600 bytes, then its connection dropped
    p(DataClosed(1, bytes=600, seconds=1, at=0))
    p(TransferProgress(1, done=1000, total=None, at=0))  # the second try: the whole file
    assert stream.getvalue().split("\r")[-1].startswith("1000 B / 1000 B (100%)")


def test_diagnose_when_both_modes_fail_advises_neither(tmp_path):
    """The practice server with both simulated firewalls: each explanation says the other mode failed too
    (issue 16, item 6: it used to advise each mode to use the other)."""
    from ftpgui.practice import PracticeServer

    with PracticeServer() as practice:
        practice.simulate_server_firewall = practice.simulate_client_firewall = True
        url = f"ftp://{practice.user}@{practice.host}:{practice.port}/"
        code, out, err = run("--timeout", "1.5", "diagnose", url, "--json", env={"FTPGUI_PASSWORD": practice.password})
    assert code == 1, err
    modes = json.loads(out)["modes"]
    assert modes["passive"]["explanation"].endswith("Active mode failed too, so switching modes does not help here.")
    assert modes["active"]["explanation"].endswith("Passive mode failed too, so switching modes does not help here.")
    assert "Use passive mode" not in out and "may work meanwhile" not in out


def test_put_resume_creates_empty_files_the_server_lacks(server, tmp_path):
    """`put --resume` of an empty file, and `put -r --resume` of a tree with empty files in it, create them: a
    missing remote file was taken for an empty one, so nothing was sent and the exit status was 0 (found by QA)."""
    (tmp_path / "empty").write_bytes(b"")
    done = run_subprocess("put", "--resume", str(tmp_path / "empty"), server.url + "/")
    assert done.returncode == 0, done.stderr
    assert Path(server.path("empty")).read_bytes() == b""
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    made = {"e0": b"", "f": b"data", "sub/e1": b"", "sub/g": b"more data"}
    for rel, data in made.items():
        (src / rel).write_bytes(data)
    Path(server.path("tree", "sub")).mkdir(parents=True)
    Path(server.path("tree", "sub", "g")).write_bytes(b"more")  # a partial one: continued
    done = run_subprocess("put", "-r", "--resume", str(src), server.url + "/tree")
    assert done.returncode == 0, done.stderr
    assert read_tree(Path(server.path("tree"))) == made
    assert "REST 4" in server.record.commands


def test_put_r_makes_the_missing_folders_of_its_target_one_level_at_a_time(server, tmp_path):
    """`put -r SRC URL/x/y/z/` with only x there: y and z are made (as mkdir -p), and x, which is there, is not
    asked for; it used to fail with "The server refused CWD" (found by QA)."""
    made = {"a.bin": b"a", "sub/b.bin": b"bb"}
    for rel, data in made.items():
        (tmp_path / "src" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "src" / rel).write_bytes(data)
    Path(server.path("x")).mkdir()
    code, _, err = run("put", "-r", str(tmp_path / "src"), server.url + "/x/y/z/")
    assert code == 0, err
    assert read_tree(Path(server.path("x", "y", "z"))) == made
    mkd = [c for c in server.record.commands if c.startswith("MKD")]
    assert mkd == ["MKD /x/y/z", "MKD /x/y", "MKD /x/y/z", "MKD /x/y/z/sub"]  # (x was there: never asked)
    # a path from the login folder, none of it there
    before = len(server.record.commands)
    code, _, err = run("put", "-r", str(tmp_path / "src"), server.url + "/~/p/q")
    assert code == 0, err
    assert read_tree(Path(server.path("p", "q"))) == made
    mkd = [c for c in server.record.commands[before:] if c.startswith("MKD")]
    assert mkd == ["MKD p/q", "MKD p", "MKD p/q", "MKD p/q/sub"]


def test_put_r_where_mkd_is_refused_says_the_servers_reason(make_server, tmp_path):
    """The server's words for the refused MKD (stock vsftpd, write_enable=NO: "550 Permission denied."), not
    "The server refused CWD", which hid the reason (found by QA)."""
    server = make_server(replies={"MKD": "550 Permission denied."})
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.bin").write_bytes(b"a")
    code, _, err = run("put", "-r", str(tmp_path / "src"), server.url + "/up/", "--tls", "off")
    assert code == 1
    assert err == "ftpgui-cli: The server refused MKD: 550 Permission denied.\n"
    assert [c for c in server.record.commands if c.startswith("MKD")] == ["MKD /up"]


def test_get_r_keeps_names_that_differ_only_in_case_where_the_disk_does(make_server, tmp_path):
    """Found by QA: "Case" and "case" on the server, on a disk that keeps both (Linux's): the second was
    "skipped: collides with another entry", exit 0, a file lost. Only a disk that takes them for one name
    (``localpath.folds_case``) makes them collide."""
    from ftpgui.ftp.localpath import fold, folds_case

    server = make_server()
    root = Path(server.path("t"))
    root.mkdir()
    for name, data in (("Case", b"upper"), ("case", b"lower"), ("straße", b"sz"), ("strasse", b"ss")):
        (root / name).write_bytes(data)
    assert not folds_case(str(tmp_path))  # this machine's disk keeps both names
    code, _, err = run("get", "-r", server.url + "/t", str(tmp_path / "out"), "--tls", "off")
    assert code == 0 and err == "", err
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == {
        "Case": b"upper", "case": b"lower", "straße": b"sz", "strasse": b"ss"
    }  # fmt: skip
    assert fold("Case") == fold("case")  # (where the disk folds)


def test_get_r_in_parallel_leaves_no_multiprocessing_folder(make_server, tmp_path):
    """``get -r --parallel 2`` (the real console entry point) leaves no ``pymp-*`` folder of ``multiprocessing`` in
    its temporary folder — its transfer processes are forked by itself, not by the fork server (design note 244)."""
    server = make_server()
    made = tree(Path(server.path("tree")), 12)
    temp = tmp_path / "temp"
    temp.mkdir()
    done = run_subprocess(
        "get", "-r", server.url + "/tree", str(tmp_path / "copy"), "--parallel", "2", env={"TMPDIR": str(temp)}
    )
    assert done.returncode == 0, done.stderr
    assert read_tree(tmp_path / "copy") == made
    assert list(temp.iterdir()) == []
