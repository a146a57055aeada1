"""Numbers a server writes cannot crash the client (issue 18, item 1): ``²``, other scripts' digits and
5,000-digit numbers are refused in words, by the engine and by ``ftpgui-cli``; and an unexpected exception
in a transfer fails its file, never a worker silently (the pool of ``get -r --parallel N``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ftpgui.ftp import DataChannelPlanned, FtpSession, ProtocolError, SessionOptions
from ftpgui.ftp.replies import is_reply_code, parse_227, parse_229, parse_mdtm, parse_port_argument, server_number

from ftpserver import PASSWORD, USER
from scripted import ScriptedServer, pasv_reply, serve_data
from test_cli import run

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "max_digits", "value"),
    [
        ("0", 19, 0),
        ("213", 19, 213),
        ("000123", 19, 123),
        ("9" * 19, 19, 10**19 - 1),
        ("9" * 20, 19, None),  # over the bound
        ("9" * 5000, 19, None),  # int() itself refuses over 4,300 digits
        ("²", 19, None),  # str.isdigit() says yes, int() says no
        ("²²⁰", 3, None),
        ("١٢٣", 19, None),  # Arabic-Indic digits: int() would read them as 123
        ("１２", 19, None),  # full-width digits
        ("", 19, None),
        (" 12", 19, None),
        ("12 ", 19, None),
        ("+12", 19, None),
        ("-1", 19, None),
        ("1_000", 19, None),  # int() accepts underscores
        ("1.5", 19, None),
        ("12345", 5, 12345),
        ("123456", 5, None),
    ],
)
def test_server_number(text, max_digits, value):
    assert server_number(text, max_digits) == value


@pytest.mark.parametrize(
    ("text", "ok"),
    [("220", True), ("999", True), ("22", False), ("2200", False), ("²²⁰", False), ("٢٢٠", False), ("22a", False)],
)
def test_is_reply_code(text, ok):
    assert is_reply_code(text) is ok


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_229, "Entering Extended Passive Mode (|||²|)"),
        (parse_229, "Entering Extended Passive Mode (|||٦٤٤٦|)"),
        (parse_229, "Entering Extended Passive Mode (|||" + "9" * 5000 + "|)"),
        (parse_227, "Entering Passive Mode (127,0,0,١,4,1)"),
        (parse_227, "Entering Passive Mode (127,0,0,1,4,²)"),
        (parse_mdtm, "٢٠٢٤0101000000"),
        (parse_mdtm, "2024²101000000"),
        (parse_port_argument, "127,0,0,1,²,1"),
        (parse_port_argument, "127,0,0,1,4"),
    ],
)
def test_parsers_refuse_other_digits_in_words(parse, text):
    with pytest.raises(ProtocolError):
        parse(text)


# --- through the engine and the CLI --------------------------------------------------------------------

HUGE = "9" * 5000


def _greeting(code: str):
    def script(c):
        c.reply(f"{code} hello")
        c.command()  # the client hangs up

    return script


def _size_reply(reply: str):
    def script(c):
        c.login()
        c.expect("SIZE")
        c.reply(reply)
        c.command()

    return script


def _epsv_then_pasv(pasv_ok: bool):
    """EPSV answered ``229 (|||²|)``; PASV then works (``pasv_ok``) or names no usable address."""

    def script(c):
        c.login()
        c.expect("EPSV")
        c.reply("229 Entering Extended Passive Mode (|||²|)")
        c.expect("PASV")
        if not pasv_ok:
            c.reply("227 Entering Passive Mode (127,0,0,1,²,1)")
            c.command()
            return
        lst = c.passive()
        c.reply(pasv_reply(lst))
        c.expect("LIST")
        c.reply("150 ok")
        serve_data(lst, b"-rw-r--r-- 1 a b 5 Jan 01 2020 x\r\n")
        c.reply("226 ok")
        c.command()

    return script


def _session() -> FtpSession:
    return FtpSession(SessionOptions(timeout=10))


def test_reply_code_in_superscript_digits():
    with ScriptedServer(_greeting("²²⁰")) as srv:
        s = _session()
        with pytest.raises(ProtocolError, match="not FTP"):
            s.connect("127.0.0.1", srv.port)
        assert not s.connected
        s.close()


@pytest.mark.parametrize("reply", ["213 ²", f"213 {HUGE}", "213 ١٢٣"], ids=["superscript", "5000-digits", "arabic"])
def test_size_that_is_not_an_ascii_number(reply):
    with ScriptedServer(_size_reply(reply)) as srv:
        s = _session()
        s.open("127.0.0.1", srv.port, "u", "p")
        with pytest.raises(ProtocolError, match="SIZE reply is no byte count"):
            s.size("/f")
        s.close()


def test_epsv_with_a_superscript_port_falls_back_to_pasv():
    events = []
    with ScriptedServer(_epsv_then_pasv(pasv_ok=True)) as srv:
        s = FtpSession(SessionOptions(timeout=10), events.append)
        s.open("127.0.0.1", srv.port, "u", "p")
        assert s.list_raw().startswith(b"-rw")
        assert [e.command for e in events if isinstance(e, DataChannelPlanned)] == ["PASV"]
        s.close()


def _one_line_error(code: int, err: str, words: str) -> None:
    assert code == 1, err
    assert err.count("\n") == 1 and err.startswith("ftpgui-cli: "), err
    assert words in err and "Traceback" not in err


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("script", "argv", "words"),
    [
        (_greeting("²²⁰"), ("ls",), "not FTP"),
        (_epsv_then_pasv(pasv_ok=False), ("ls",), "PASV reply has no address"),
    ],
    ids=["reply-code", "epsv-superscript"],
)
def test_cli_says_it_in_one_line(script, argv, words):
    """(A SIZE reply that is no byte count no longer fails ``get``: a size unknown, the file downloaded —
    test_hostile_size_bytes.py, design note 285.)"""
    with ScriptedServer(script) as srv:
        url = f"ftp://u:p@127.0.0.1:{srv.port}"
        code, _, err = run("--timeout", "10", *argv, url + "/", "--tls", "off")
    _one_line_error(code, err, words)


# --- an unexpected exception in a transfer ------------------------------------------------------------


def _ascii_filesystem_cli(*argv: str, cwd: Path, script: bool = False) -> subprocess.CompletedProcess:
    """``ftpgui-cli`` (or, with ``script``, the Python script ``argv[0]``) on a system whose file names are
    ASCII only (the C locale without UTF-8 mode): writing ``é.txt`` raises UnicodeEncodeError, an exception
    no check in the engine expects."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cwd),
        "LC_ALL": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONPATH": str(ROOT),
        "FTPGUI_PASSWORD": PASSWORD,
        "FTPGUI_CONFIG_DIR": str(cwd / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    encoding = "import sys; print(sys.getfilesystemencoding())"
    probe = subprocess.run([sys.executable, "-c", encoding], env=env, capture_output=True, text=True)
    if probe.stdout.strip() != "ascii":
        pytest.skip("this Python does not use ASCII file names in the C locale")
    return subprocess.run(
        [sys.executable, *argv] if script else [sys.executable, "-m", "ftpgui.cli", *argv],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locales")
@pytest.mark.timeout(200)
@pytest.mark.parametrize("parallel", ["1", "2"])
def test_a_crashing_transfer_fails_its_file_and_the_pool_ends(make_server, tmp_path, parallel):
    """Before: with --parallel 2 the pool waited for ever for the worker that died; with --parallel 1 the
    file was missing without a word and the exit status was 0."""
    server = make_server("127.0.0.1")
    folder = Path(server.path("t"))
    folder.mkdir()
    (folder / "é.txt").write_bytes(b"accent")
    for i in range(4):
        (folder / f"plain{i}.txt").write_bytes(b"plain %d" % i)
    dest = tmp_path / "dest"
    proc = _ascii_filesystem_cli(
        "get", "-r", server.url + "/t", str(dest), "--parallel", parallel, "--tls", "off", cwd=tmp_path
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    failed = [line for line in proc.stderr.splitlines() if line.startswith("ftpgui-cli: failed ")]
    assert len(failed) == 1 and "Unexpected error (UnicodeEncodeError" in failed[0], proc.stderr
    assert "1 item(s) failed; 4 file(s) downloaded" in proc.stderr
    assert sorted(os.listdir(dest)) == [f"plain{i}.txt" for i in range(4)]  # the others all went on


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locales")
@pytest.mark.timeout(200)
def test_a_crashing_transfer_fails_its_queue_item_in_words(make_server, tmp_path):
    """The GUI's queue (its QThread workers, in tests/queue_app.py): the item whose job raised what no check
    expected fails with a message in words, not Python's; the next item still runs."""
    server = make_server("127.0.0.1")
    folder = Path(server.path("t"))
    folder.mkdir()
    (folder / "é.txt").write_bytes(b"accent")
    (folder / "plain.txt").write_bytes(b"plain")
    store = tmp_path / "config" / "queue.json"
    (tmp_path / "dest").mkdir()  # the local folder chosen in the window exists
    app = ROOT / "tests" / "queue_app.py"
    argv = (str(app), str(store), server.host, str(server.port), USER, "/t/", str(tmp_path / "dest"))
    proc = _ascii_filesystem_cli(*argv, cwd=tmp_path, script=True)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert sorted(next(x for x in lines if x.startswith("idle")).split()[1:]) == ["done", "failed"], proc.stdout
    errors = [x for x in lines if x.startswith("error failed ")]
    assert len(errors) == 1 and "Unexpected error (UnicodeEncodeError" in errors[0], proc.stdout
    assert os.listdir(tmp_path / "dest" / "t") == ["plain.txt"]
