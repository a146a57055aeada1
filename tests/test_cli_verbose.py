"""``ftpgui-cli -v`` and the words under a data-connection failure ftpgui cannot classify (design note 140):
they said "see the log", and the command line had none. Now they say where the exchange can be read where
they are shown — ``-v`` on the command line (or "above" with it), transcript.txt in a support bundle, the
message log in the window — and ``-v`` prints the exchange on stderr, passwords masked. Against a scripted
server that answers EPSV and PASV with a code no client expects (350: the cause stays "other"; a reply whose
numbers cannot be read is a "bad-reply" since design note 294)."""

from __future__ import annotations

import json
import re
import socket
import zipfile

import pytest

from ftpgui.ftp import procpool

from scripted import FakeTree, ScriptedServer, unix_listing
from test_cli import run, run_subprocess

PASSWORD = "S3cret-pw"
LINE = re.compile(r"\[(\d+)\] \+ *\d+\.\d{3}s (.*)")
UNCLASSIFIED = "The data connection failed for a reason ftpgui cannot classify;"


def unreadable_passive(c) -> None:
    """Logs anyone in; EPSV and PASV are answered with a 350 no client expects, PORT and EPRT refused."""
    c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)
    c.reply("220 unreadable passive replies")
    while True:
        verb = c.command().split(" ", 1)[0].upper()
        if verb == "USER":
            c.reply("331 password please")
        elif verb == "PASS":
            c.reply("230 in")
        elif verb == "FEAT":
            c.reply("211-Features:", " EPSV", "211 End")
        elif verb == "EPSV":
            c.reply("350 Entering Extended Passive Mode (no port here)")
        elif verb == "PASV":
            c.reply("350 Entering Passive Mode (somewhere)")
        elif verb in ("EPRT", "PORT"):
            c.reply("500 no active mode here")
        elif verb == "QUIT":
            c.reply("221 bye")
            return
        else:
            c.reply("200 ok")


@pytest.fixture
def server():
    with ScriptedServer(unreadable_passive, connections=12, concurrent=True) as srv:
        srv.url = f"ftp://user:{PASSWORD}@127.0.0.1:{srv.port}/"
        yield srv


def test_without_v_the_cli_says_to_run_again_with_v(server):
    code, out, err = run("ls", server.url, "--tls", "off")
    assert code == 1 and out == ""
    assert err.startswith("ftpgui-cli: The server refused PASV: 350"), err
    assert err.endswith(f"{UNCLASSIFIED} run again with -v to see the exchange with the server.\n"), err
    assert "log" not in err  # no log it could mean


def test_with_v_the_exchange_is_on_stderr_above_the_error(server):
    code, out, err = run("-v", "ls", server.url, "--tls", "off")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[-1].endswith(f"{UNCLASSIFIED} the exchange with the server is above."), err
    exchange = [LINE.match(line) for line in lines[:-1]]  # "[3] +  0.001s > USER user": a line each
    assert all(exchange), err
    assert len({m[1] for m in exchange}) == 1  # one connection, its number on every line
    said = [m[2] for m in exchange]
    assert "> USER user" in said and "> PASS ****" in said and PASSWORD not in err
    assert said.index("> EPSV") < said.index("< 350 Entering Extended Passive Mode (no port here)")
    assert said.index("> PASV") < said.index("< 350 Entering Passive Mode (somewhere)")
    assert any(s.startswith("data failed at command (other): The server refused PASV: 350") for s in said), said
    # the option after the command too, as --timeout
    code, _, err = run("ls", server.url, "--tls", "off", "--verbose")
    assert code == 1 and "> PASV" in err and err.endswith("the exchange with the server is above.\n")


def test_diagnose_says_where_the_exchange_is_in_json_and_in_the_bundle(server, tmp_path):
    bundle = tmp_path / "support.zip"
    code, out, err = run("diagnose", server.url, "--json", "--bundle", str(bundle), "--tls", "off", "--timeout", "5")
    assert code == 1, err  # neither mode works
    doc = json.loads(out)
    passive = doc["modes"]["passive"]
    assert (passive["stage"], passive["cause"]) == ("command", "other")
    assert passive["explanation"].endswith(f"{UNCLASSIFIED} run again with -v to see the exchange with the server.")
    with zipfile.ZipFile(bundle) as z:
        kept = json.loads(z.read("diagnosis.json"))
        transcript = z.read("transcript.txt").decode()
    assert kept["modes"]["passive"]["explanation"].endswith(
        f"{UNCLASSIFIED} transcript.txt has the exchange with the server."
    )
    assert "< 350 Entering Passive Mode (somewhere)" in transcript  # …and it has

    code, out, err = run("diagnose", server.url, "-v", "--tls", "off", "--timeout", "5")
    assert code == 1
    assert f"{UNCLASSIFIED} the exchange with the server is above." in out
    assert "> PASV" in err and "> EPRT" in err  # each attempt's exchange


def test_v_shows_each_transfer_connections_exchange_in_a_tree(tmp_path):
    """``get -r --parallel 2``: the files go over forked transfer processes; their exchange comes to the one
    stderr too, each connection under its own number."""
    files = {f"/t/f{i}.bin": bytes([i]) * (1000 + i) for i in range(6)}
    fake = FakeTree(
        listing=lambda path: (
            unix_listing(*((name[3:], "file", len(data)) for name, data in files.items())) if path == "/t" else None
        ),
        content=files.get,
    )
    with ScriptedServer(fake, connections=3, concurrent=True) as srv:
        url = f"ftp://u:p@127.0.0.1:{srv.port}/t"
        argv = ("get", "-r", "-v", url, str(tmp_path / "out"), "--parallel", "2", "--tls", "off")
        proc = run_subprocess(*argv)  # (its own process: no other thread in it, so the transfers fork)
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == {n[3:]: d for n, d in files.items()}
    said = [m.groups() for m in map(LINE.match, err.splitlines()) if m]
    retrieving = {who for who, what in said if what.startswith("> RETR /t/f")}
    listing = {who for who, what in said if what.startswith("> LIST")}
    assert len(retrieving) == 2 and not retrieving & listing, said  # the two transfer connections' own lines…
    assert all(int(who) > procpool._ID_SPAN for who in retrieving)  # …numbered in the forked processes
    assert sorted(what for _, what in said if what.startswith("> RETR")) == [f"> RETR {n}" for n in sorted(files)]


@pytest.mark.gui
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_window_still_points_to_its_message_log(qtbot, request, server, window, language):
    """The same failure in the window: the message log holds the exchange, and the words point to it (the
    window closes before the server: its connection ends with QUIT)."""
    import dataclasses

    from ftpgui.transfers.worker import Endpoint

    if language == "zh_CN":
        request.getfixturevalue("chinese")
    options = dataclasses.replace(window.session_defaults(), tls="off", mode="passive")
    window.connect_to(Endpoint("127.0.0.1", server.port, "user", PASSWORD), options, "A site")
    words = "ftpgui 无法判断原因；请查看日志。" if language == "zh_CN" else f"{UNCLASSIFIED} see the log."
    qtbot.waitUntil(lambda: words in window.log.toPlainText(), timeout=10_000)
    log = window.log.toPlainText()
    assert "350 Entering Passive Mode (somewhere)" in log  # the exchange it points to is there
    assert "-v" not in log and "transcript.txt" not in log
