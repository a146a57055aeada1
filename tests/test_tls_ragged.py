"""A TLS data connection that ends without close_notify is a failure unless its completeness can be checked.

Found by QA with a hostile FTPS server (AUTH TLS, PROT P, 550 to SIZE): it sent 60 of a file's 120 bytes, closed
the TCP connection without TLS close_notify (or reset it) and answered 226. ``ftpgui-cli get`` kept the 60 bytes
under the file's name and exited 0 (a reset: 0 bytes, exit 0); ``ls`` printed the listing cut mid-name, and the
window's remote pane showed it, no warning. Only a binary download whose size SIZE gave, and which came whole, is
accepted so now (design note 422): the rest fails as FileZilla's "Server did not properly shut down TLS
connection" — the CLI's ``get`` and ``ls`` (the real entry point) exit 1 with the words and no file under the final
name, the window shows the failure, not a cut listing."""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from ftpgui.ftp import FtpSession, SessionOptions, TransferFailed
from ftpgui.ftp.localpath import part_name
from ftpgui.ftp.tls import fingerprint

from certs import Certs
from guihelpers import WAIT, names, type_in
from scripted import ScriptedServer, accept_tls, epsv_reply, server_context
from test_cli import run_subprocess

FILE = bytes(range(65, 65 + 60)) * 2  # 120 bytes
LISTING = b"".join(
    f"-rw-r--r--   1 ftp      ftp            {n:>3} Jan 01 12:00 file-number-{i:02d}.txt\r\n".encode()
    for i, n in enumerate((10, 20, 30, 40))
)
MLSD = b"".join(f"type=file;size={10 * (i + 1)}; file-number-{i:02d}.txt\r\n".encode() for i in range(4))
CUT = "without TLS close_notify after"
WORDS = (
    "The encrypted data connection ended without TLS close_notify after {n} bytes: the data may have been cut short."
)


def hostile(ctx, ending: str, features=("EPSV",), sizes: bool = False, whole: bool = False):
    """An FTPS server that ends each data connection without close_notify (``ending``: "close" or "reset") after
    half of what it has to send (``whole``: all of it), and answers 226 anyway; SIZE: 550 (``sizes``: the size)."""

    def script(c):
        c.reply("220 hostile server")
        cwd, lst = "/", None
        while True:
            cmd = c.command()
            verb, _, arg = cmd.partition(" ")
            verb = verb.upper()
            if verb == "QUIT":
                c.reply("221 bye")
                return
            if verb == "AUTH":
                c.reply("234 AUTH TLS ok")
                c.start_tls(ctx)
            elif verb == "USER":
                c.reply("331 password please")
            elif verb == "PASS":
                c.reply("230 in")
            elif verb == "FEAT":
                c.reply("211-Features:", *(f" {f}" for f in ("AUTH TLS", "PBSZ", "PROT", *features)), "211 End")
            elif verb == "EPSV":
                lst = c.passive()
                c.reply(epsv_reply(lst))
            elif verb == "PWD":
                c.reply(f'257 "{cwd}" is the current folder')
            elif verb == "CWD":
                if arg.rstrip("/").endswith(".txt"):
                    c.reply("550 not a folder")
                else:
                    cwd = arg if arg.startswith("/") else "/" + arg
                    c.reply("250 ok")
            elif verb == "SIZE":
                c.reply(f"213 {len(FILE)}" if sizes and arg.endswith(".txt") else "550 no SIZE here")
            elif verb in ("LIST", "NLST", "MLSD", "RETR"):
                data = {"MLSD": MLSD, "RETR": FILE}.get(verb, LISTING)
                c.reply("150 here it comes")
                conn = accept_tls(lst, ctx)
                conn.sendall(data if whole else data[: len(data) // 2])
                if ending == "reset":
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.close()  # (an SSLSocket's close sends no close_notify)
                c.reply("226 done")
            elif verb in ("MDTM", "MLST", "STAT"):
                c.reply("550 no")
            else:
                c.reply("200 ok")

    return ScriptedServer(script, connections=8, concurrent=True)


def session(srv, certs) -> FtpSession:
    s = FtpSession(SessionOptions(timeout=10, tls="require", ca_file=certs.ca_file))
    s.open("127.0.0.1", srv.port, "u", "p")
    return s


# --- the engine ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["LIST", "NLST", "MLSD"])
def test_a_listing_cut_without_close_notify_fails(certs, verb):
    features = ("EPSV", "MLST type*;size*;") if verb == "MLSD" else ("EPSV",)
    with hostile(server_context(certs.good), "close", features) as srv:
        s = session(srv, certs)
        with pytest.raises(TransferFailed, match=CUT):
            if verb == "NLST":
                s.list_raw("/", "NLST")
            else:
                s.listdir("/")
        s.noop()  # still in step: the 226 was read
        s.close()


def test_a_listing_whole_but_without_close_notify_fails_too(certs):
    """Nothing tells a whole listing from a cut one when close_notify is missing: it fails however it ends."""
    with hostile(server_context(certs.good), "close", whole=True) as srv:
        s = session(srv, certs)
        with pytest.raises(TransferFailed, match=f"{CUT} {len(LISTING)} bytes"):
            s.listdir("/")
        s.close()


def test_the_failure_is_said_in_chinese(certs, chinese):
    from ftpgui.explain import describe_error

    with hostile(server_context(certs.good), "close") as srv:
        s = session(srv, certs)
        with pytest.raises(TransferFailed) as info:
            s.listdir("/")
        s.close()
    n = len(LISTING) // 2
    assert (
        describe_error(info.value) == f"加密的数据连接在传输 {n} 字节后结束，且没有 TLS close_notify：数据可能不完整。"
    )


def test_a_text_download_without_close_notify_fails_even_with_a_size(certs, tmp_path):
    """ASCII: the byte count differs from the file's (line ends), so SIZE's cannot show it whole."""
    with hostile(server_context(certs.good), "close", sizes=True, whole=True) as srv:
        s = session(srv, certs)
        with pytest.raises(TransferFailed, match=CUT):
            s.download("/f.txt", str(tmp_path / "f.txt"), ascii=True)
        assert not (tmp_path / "f.txt").exists()
        s.close()


def test_a_download_whose_size_matches_is_still_accepted(certs, tmp_path):
    with hostile(server_context(certs.good), "close", sizes=True, whole=True) as srv:
        s = session(srv, certs)
        s.download("/f.txt", str(tmp_path / "f.txt"))
        assert (tmp_path / "f.txt").read_bytes() == FILE
        s.close()


# --- the CLI, its real entry point ----------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["close", "reset"])
def test_cli_get_of_a_download_cut_without_close_notify_exits_1_and_keeps_only_the_part(certs, tmp_path, ending):
    trust = fingerprint(Certs.der(certs.good))
    env = {"FTPGUI_CONFIG_DIR": str(tmp_path / "config"), "FTPGUI_PASSWORD": "pw"}
    out = tmp_path / "out"
    with hostile(server_context(certs.good), ending) as srv:
        url = f"ftp://u@127.0.0.1:{srv.port}/f.txt"
        done = run_subprocess("get", "--trust-fingerprint", trust, url, str(out), env=env)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert CUT in err and "the data may have been cut short" in err, err
    assert not out.exists()  # never under the final name
    part = tmp_path / part_name("out")
    assert not part.exists() or FILE.startswith(part.read_bytes())  # what came, if anything, in the part file
    if ending == "close":
        assert WORDS.format(n=60) in err and part.read_bytes() == FILE[:60]


@pytest.mark.parametrize("ending", ["close", "reset"])
def test_cli_ls_of_a_listing_cut_without_close_notify_exits_1_printing_nothing(certs, tmp_path, ending):
    trust = fingerprint(Certs.der(certs.good))
    env = {"FTPGUI_CONFIG_DIR": str(tmp_path / "config"), "FTPGUI_PASSWORD": "pw"}
    with hostile(server_context(certs.good), ending) as srv:
        done = run_subprocess("ls", "--trust-fingerprint", trust, f"ftp://u@127.0.0.1:{srv.port}/", env=env)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert CUT in err and "the data may have been cut short" in err, err
    assert b"file-number" not in done.stdout


def test_the_queue_tries_such_a_download_again_as_any_cut_one_then_fails_it_in_words(certs, tmp_path):
    """The GUI's queue (its workers, in tests/queue_app.py): a cut data connection is worth another try, as
    after any that broke — three, as ever (``queue_app``'s delays short) — then the item fails in the words;
    nothing under the file's name."""
    app = Path(__file__).parent / "queue_app.py"
    (tmp_path / "dest").mkdir()
    env = dict(
        os.environ, FTPGUI_PASSWORD="pw", FTPGUI_CONFIG_DIR=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen"
    )
    env.update(FTPGUI_TLS="require", FTPGUI_TRUST=fingerprint(Certs.der(certs.good)))
    with hostile(server_context(certs.good), "close") as srv:
        argv = [
            str(tmp_path / "config" / "queue.json"),
            "127.0.0.1",
            str(srv.port),
            "u",
            "/f.txt",
            str(tmp_path / "dest"),
        ]
        proc = subprocess.run([sys.executable, str(app), *argv], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "idle failed" in lines, proc.stdout
    assert f"error failed {WORDS.format(n=60)}" in [x.split(" (")[0] for x in lines], proc.stdout
    retrieved = [c for conv in srv.conversations for c in conv.commands if c.startswith("RETR")]
    assert len(retrieved) == 4  # the first try and three more
    assert os.listdir(tmp_path / "dest") == [part_name("f.txt")]


# --- the window -----------------------------------------------------------------------------------------


@pytest.fixture
def trusted_ca(certs, monkeypatch):
    """The test CA as the system's (the window verifies against the system's CAs)."""
    monkeypatch.setenv("SSL_CERT_FILE", certs.ca_file)
    return certs


@pytest.mark.gui
def test_the_remote_pane_shows_the_failure_not_a_cut_listing(qtbot, trusted_ca, window):
    certs = trusted_ca
    with hostile(server_context(certs.good), "close") as srv:
        type_in(window, "ftpes://127.0.0.1", str(srv.port), user="u", password="pw")
        qtbot.waitUntil(lambda: CUT in window.statusBar().currentMessage(), timeout=WAIT)
        assert WORDS.format(n=len(LISTING) // 2) in window.log.toPlainText()
        assert names(window) == []
        assert "/" not in window.remote_browser.cache  # not kept as the folder's listing either
        window.disconnect_server()
