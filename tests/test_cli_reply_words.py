"""``ftpgui-cli get``/``put`` of one file that the server failed after its data: what came (or went) is said as a
sentence of its own after the server's words (design note 425) — it was run on to them ("426 broken 120 B of 120
B (100%)…", "552 exceeded storage allocation 32.0 KiB of…", "…(server: 226 done) 60 B of…") — and a ``put`` the
server took whole before its 552 says all of it acknowledged, not the count looked at as the data ended (note
424). The real console entry point in a subprocess, against pyftpdlib whose final reply is the test's."""

from __future__ import annotations

import os
import re
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from ftpgui.ftp.localpath import part_name

from test_cli import run_subprocess

FAILED = "The server reported the transfer as failed"


def answering(reply: str, receive: bool) -> type:
    """A data-connection mixin: a transfer (an upload: ``receive``) that ends whole is answered ``reply``, not 226."""

    class Answers:
        def close(self):
            if self.receive == receive and self._resp and self._resp[0].startswith("226"):
                self._resp = (reply, self._resp[1])
            super().close()

    return Answers


def reset_after(n: int) -> type:
    """A data-connection mixin: a download's data connection is reset after ``n`` bytes, and answered "226 done"."""

    class Resets:
        def use_sendfile(self):
            return False

        def send(self, data):
            if self.receive:
                return super().send(data)
            sent = super().send(data[: n - self.tot_bytes_sent])
            if self.tot_bytes_sent >= n:
                self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self._resp = ("226 done", lambda *a, **k: None)
                self.close()
            return sent

    return Resets


def said(done) -> str:
    return done.stderr.decode()


def test_get_failed_by_the_servers_reply_says_what_arrived_as_a_sentence_of_its_own(make_server, tmp_path):
    server = make_server(dtp_mixin=answering("426 broken", receive=False))
    Path(server.path("f.txt")).write_bytes(b"x" * 120)
    dest = tmp_path / "f.txt"
    done = run_subprocess("get", server.url + "/f.txt", str(dest), "--tls", "off")
    part = tmp_path / part_name("f.txt")
    assert done.returncode == 1 and said(done) == (
        f"ftpgui-cli: {FAILED}: 426 broken. 120 B of 120 B (100%) of /f.txt had arrived: kept in {part}; get --resume "
        "continues it\n"
    ), said(done)


def test_get_whose_data_connection_broke_says_what_arrived_after_the_servers_words(make_server, tmp_path):
    server = make_server(dtp_mixin=reset_after(60))
    Path(server.path("f.bin")).write_bytes(os.urandom(200_000))
    dest = tmp_path / "f.bin"
    done = run_subprocess("get", server.url + "/f.bin", str(dest), "--tls", "off")
    part = tmp_path / part_name("f.bin")
    found = re.fullmatch(
        r"ftpgui-cli: The data connection broke: [^\n]+ \(server: 226 done\)\. ([0-9]+) B of 195\.3 KiB \([0-9]+%\) "
        rf"of /f\.bin had arrived: kept in {re.escape(str(part))}; get --resume continues it\n",
        said(done),
    )
    assert done.returncode == 1 and found is not None, said(done)


@pytest.mark.parametrize("size", [100_000, 3_000_000])
def test_put_the_server_took_whole_then_refused_says_all_of_it_acknowledged_as_a_sentence(make_server, tmp_path, size):
    """It said "552 exceeded storage allocation 32.0 KiB of 97.7 KiB (32%) of …": run on, and a count the server's
    kernel had not yet acknowledged as the data ended — it had all 100,000 bytes (a 3 MB file, waited out as it
    drains, said 100%)."""
    server = make_server(dtp_mixin=answering("552 exceeded storage allocation", receive=True))
    os.mkdir(server.path("x"))
    src = tmp_path / "big.bin"
    src.write_bytes(os.urandom(size))
    done = run_subprocess("put", str(src), server.url + "/x/", "--tls", "off")
    whole = "97.7 KiB of 97.7 KiB" if size == 100_000 else "2.9 MiB of 2.9 MiB"
    assert done.returncode == 1 and said(done) == (
        f"ftpgui-cli: {FAILED}: 552 exceeded storage allocation. {whole} (100%) of {src} had been acknowledged by the "
        "server: it may keep /x/big.bin incomplete; put --resume continues it from the size the server has\n"
    ), said(done)
    assert Path(server.path("x", "big.bin")).stat().st_size == size  # (it took it whole)


def test_a_login_refused_in_words_with_no_period_and_no_password_given_reads_as_two_sentences(make_server, tmp_path):
    """The same join for the note on a password not given, after the server's words "(530 Login incorrect)": it
    read "(530 Login incorrect) No password was given…"."""
    server = make_server(replies={"PASS": "530 Login incorrect"})
    url = server.url.replace(":s3cret-p%C3%A4ssword", "")
    env = {k: v for k, v in os.environ.items() if k != "FTPGUI_PASSWORD"}
    done = subprocess.run(
        [sys.executable, "-m", "ftpgui.cli", "ls", url, "--tls", "off"],
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    assert done.returncode == 1 and said(done).endswith(
        "(530 Login incorrect). No password was given for alice: put it in FTPGUI_PASSWORD, or run in a terminal to be "
        "asked for it.\n"
    ), said(done)
