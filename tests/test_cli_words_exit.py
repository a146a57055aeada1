"""``ftpgui-cli``'s words and exit codes (a QA round on FTPS and the CLI, design notes 316-319): the progress line
never left before ``ls``'s listing on a terminal, the help saying where the password comes from and what each
exit code means, Ctrl+C exiting 130, and the words for a server that never greets, a file in the way of
``get -r`` and a missing local file."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ftpgui.cli_args import build_parser
from ftpgui.cli_output import size_text

from ftpserver import USER
from scripted import ScriptedServer, server_context
from test_cli import run

REPO = Path(__file__).resolve().parent.parent


# --- the progress line (note 316) ---------------------------------------------------------------------------
def on_a_terminal(argv, env=None) -> tuple:
    """``ftpgui-cli ARGV`` with a pty as its stdout and stderr, as in a terminal: (exit code, what it showed)."""
    import pty

    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ftpgui.cli", *argv],
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    shown = b""
    try:
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # (EIO: the other end closed)
                break
            if not chunk:
                break
            shown += chunk
        code = proc.wait(timeout=120)
    finally:
        os.close(primary)
    return code, shown.decode(errors="replace")


def as_seen(shown: str) -> list:
    """The terminal's lines as a person reads them: a carriage return starts the line again, a later text
    written over the earlier one (the listing's rows are longer than the cleared line)."""
    lines = []
    for line in shown.replace("\r\n", "\n").split("\n"):
        seen = ""
        for part in line.split("\r"):
            seen = part + seen[len(part) :]
        lines.append(seen.rstrip())
    return [line for line in lines if line]


@pytest.mark.parametrize("json", [False, True], ids=["text", "json"])
def test_ls_on_a_terminal_leaves_no_progress_before_the_listing(make_server, json):
    """QA saw "602 B  5.2 KiB/s      drwxr-xr-x … tree/": the listing's own bytes were drawn on the progress line,
    never cleared, and the first row printed after it."""
    server = make_server()
    Path(server.path("tree")).mkdir()
    Path(server.path("a.txt")).write_bytes(b"a" * 600)
    code, shown = on_a_terminal(["ls", server.url + "/", "--tls", "off", *(["--json"] if json else [])])
    assert code == 0, shown
    seen = as_seen(shown)
    assert "B/s" not in shown or "\r" + " " * 60 + "\r" in shown, shown  # (drawn, then wiped)
    rows = [line for line in seen if "tree" in line or "a.txt" in line]
    assert len(rows) == 2 and not any("B/s" in line for line in seen), seen
    _, listed, _ = run("ls", server.url + "/", "--tls", "off", *(["--json"] if json else []))  # (no terminal)
    assert seen == [line.rstrip() for line in listed.splitlines() if line.strip()], seen


def test_get_and_put_on_a_terminal_end_their_progress_line(make_server, tmp_path):
    """The other commands' progress line stays, as the last thing said, on a line of its own."""
    server = make_server()
    Path(server.path("f.bin")).write_bytes(b"f" * 5000)
    code, shown = on_a_terminal(["get", server.url + "/f.bin", str(tmp_path / "f.bin"), "--tls", "off"])
    assert code == 0 and shown.endswith("\n") and as_seen(shown)[-1].startswith("4.9 KiB / 4.9 KiB (100%)"), shown
    code, shown = on_a_terminal(["put", str(tmp_path / "f.bin"), server.url + "/g.bin", "--tls", "off"])
    assert code == 0 and shown.endswith("\n") and as_seen(shown)[-1].startswith("4.9 KiB / 4.9 KiB (100%)"), shown


# --- the help (note 317) ------------------------------------------------------------------------------------
def helps():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    return {"ftpgui-cli": parser, **{f"ftpgui-cli {name}": sub for name, sub in commands.items()}}


@pytest.mark.parametrize("name", ["ftpgui-cli", *(f"ftpgui-cli {c}" for c in ("diagnose", "ls", "get", "put"))])
def test_every_help_says_where_the_password_comes_from_and_the_exit_codes(name):
    text = " ".join(helps()[name].format_help().split())
    assert "FTPGUI_PASSWORD" in text and "ftp://user:password@host/" in text and "asked on the terminal" in text
    assert "exit status: 0 done; 1 failed" in text and "2 bad usage" in text and "130 interrupted (Ctrl+C)" in text


def test_every_argument_has_help_and_the_parallel_default_is_said():
    for name, parser in helps().items():
        for action in parser._actions:
            if action.dest != "command":
                assert action.help, (name, action.dest)  # url, dest, src and -r had none
            if action.dest == "parallel":
                assert "default 1" in action.help and action.default == 1


def test_the_exit_codes_the_help_says_are_the_ones_returned(make_server, tmp_path):
    server = make_server()
    """0 done, 1 failed (a login refused), 2 bad usage (an option, a missing local file)."""
    assert run("ls", server.url + "/", "--tls", "off")[0] == 0
    assert run("ls", server.url.replace("s3cret-p%C3%A4ssword", "wrong"), "--tls", "off")[0] == 1
    assert run("ls", server.url + "/", "--mode", "sideways")[0] == 2
    assert run("put", str(tmp_path / "nope.txt"), server.url + "/")[0] == 2


SIZE = r"[0-9.]+ (B|KiB|MiB)"


# --- Ctrl+C (note 318) --------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["get", "put"])
def test_ctrl_c_during_a_transfer_exits_130_and_keeps_the_part_file(make_server, tmp_path, command):
    """SIGINT to the process group (a terminal's Ctrl+C) during a slowed transfer: "interrupted", exit 130
    (128 + SIGINT, as curl, wget and lftp: it was 1, as a wrong password), the part file kept for --resume."""
    server = make_server(throttle=50_000)  # 2 MB: about 40 s, far longer than the wait for its first bytes
    data = os.urandom(2_000_000)
    local = tmp_path / "big.bin"
    if command == "get":
        Path(server.path("big.bin")).write_bytes(data)
        argv, part = ["get", server.url + "/big.bin", str(local)], tmp_path / "big.bin.ftpgui-part"
    else:
        local.write_bytes(data)
        argv, part = ["put", str(local), server.url + "/big.bin"], Path(server.path("big.bin"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "ftpgui.cli", *argv, "--tls", "off"],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    _, err = ctrl_c(proc, lambda: part.exists() and part.stat().st_size > 0)  # bytes came: under way
    assert proc.returncode == 130, err
    assert 0 < part.stat().st_size < len(data)
    # what had come (or gone), where it is, and how to go on: "interrupted" alone before (design note 384)
    if command == "get":
        assert not local.exists()  # (nothing under the file's name)
        words = (
            rf"{SIZE} of 1\.9 MiB \([0-9]+%\) of /big\.bin had arrived: kept in {re.escape(str(part))}; get --resume "
            "continues it"
        )
        assert size_text(part.stat().st_size) in err, err  # (the part's own bytes, as it was left)
    else:
        words = (
            rf"{SIZE} of 1\.9 MiB \([0-9]+%\) of {re.escape(str(local))} had been acknowledged by the server: it may "
            "keep /big\\.bin incomplete; put --resume continues it from the size the server has"
        )
    assert re.fullmatch(rf"ftpgui-cli: interrupted; {words}", err.strip()), err


def ctrl_c(proc: subprocess.Popen, under_way, timeout: float = 60) -> tuple:
    """Ctrl+C to ``proc`` (started in a session of its own) once ``under_way()``: SIGINT to its whole process
    group, as a terminal sends it; (stdout, stderr). A process still running after ``timeout`` is killed."""
    try:
        while not under_way():
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        return proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# --- words (note 319) ---------------------------------------------------------------------------------------
def implicit_tls(pem: str):
    """A script playing an implicit-TLS server: it takes the connection and waits for a TLS handshake first."""

    def script(conv) -> None:
        server_context(pem).wrap_socket(conv.sock, server_side=True)

    return script


def test_a_plain_connection_an_implicit_tls_server_takes_is_told_to_use_ftps(certs):
    """ftp:// to an implicit-TLS port: the server took the connection and never greeted (it waits for TLS). It
    said only "The server did not answer within 30 seconds."; now the hint to use ftps://."""
    with ScriptedServer(implicit_tls(certs.self_signed)) as srv:
        code, out, err = run("--timeout", "1", "ls", f"ftp://127.0.0.1:{srv.port}/", "--tls", "off")
    assert code == 1 and out == ""
    assert err == (
        "ftpgui-cli: The server took the connection but did not greet us within 1 second. If this is an "
        "implicit-TLS server (FTPS, usually port 990), use ftps://.\n"
    )


def silent(conv) -> None:
    """Reads what comes and says nothing, until the client hangs up."""
    while conv.sock.recv(4096):
        pass


def test_no_ftps_hint_where_it_is_not_true():
    """ftps:// already (the handshake is what waits), or a server that greeted and went silent after: no hint."""

    def silent_after_user(conv) -> None:
        conv.reply("220 hello")
        conv.expect("USER")
        silent(conv)

    with ScriptedServer(silent) as srv:
        code, _, err = run("--timeout", "1", "ls", f"ftps://127.0.0.1:{srv.port}/")
    assert code == 1 and "ftps://" not in err and "greet" not in err, err
    with ScriptedServer(silent_after_user) as srv:
        code, _, err = run("--timeout", "1", "ls", f"ftp://{USER}@127.0.0.1:{srv.port}/", "--tls", "off")
    assert code == 1 and err == "ftpgui-cli: The server did not answer within 1 second.\n", err


def test_get_r_onto_a_file_says_which_where_and_what_to_do(make_server, tmp_path, monkeypatch):
    server = make_server()
    """It said "File exists: afile" (exit 1). The file is left as it was."""
    Path(server.path("pub")).mkdir()
    Path(server.path("pub/x.txt")).write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    Path("afile").write_bytes(b"mine")
    code, _, err = run("get", "-r", server.url + "/pub", "afile", "--tls", "off")
    assert code == 2 and Path("afile").read_bytes() == b"mine"
    assert err == (
        f"ftpgui-cli: error: afile ({tmp_path / 'afile'}) is a file; get -r downloads the folder's contents into a "
        "folder of that name. Give another destination (a folder there is made), or move or remove that file "
        "first.\n"
    )


def test_a_local_file_missing_or_in_the_way_is_not_sent_to_the_help(make_server, tmp_path):
    server = make_server()
    """"nope.txt does not exist (see ftpgui-cli --help)": the help says nothing of it. A usage error still
    points there."""
    code, _, err = run("put", str(tmp_path / "nope.txt"), server.url + "/")
    assert code == 2 and err == f"ftpgui-cli: error: {tmp_path / 'nope.txt'} does not exist\n"
    (tmp_path / "afile").write_bytes(b"")
    code, _, err = run("get", server.url + "/x", str(tmp_path / "afile") + "/")
    assert code == 2 and err == f"ftpgui-cli: error: {tmp_path / 'afile'}/ is not a folder\n"
    code, _, err = run("put", str(tmp_path), server.url + "/")
    assert code == 2 and err.endswith("is a folder (use -r to upload a folder)\n")
    code, _, err = run("ls", server.url + "/", "--mode", "sideways")
    assert code == 2 and err.endswith("(see ftpgui-cli ls --help)\n"), err
