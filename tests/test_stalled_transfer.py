"""A download whose server stops sending mid-file, its control connection silent, through ``ftpgui-cli``
(design note 139): after the timeout the transfer is aborted, and the answers to ABOR and its NOOP are
awaited a short while — not the whole timeout again, which made the person wait twice the timeout to read
that it stalled. Without an answer by then the control connection is closed; either way the error says the
transfer stalled, and the file is left under its temporary name only (for ``--resume``).

No test asserts how long anything took: the short wait is seen as the time the control connection's socket
is given for the answers (observed, and passed on to the real socket)."""

from __future__ import annotations

import socket

import pytest

from scripted import ScriptedServer, epsv_reply
from test_cli import run

DATA = bytes(range(256)) * 400
SENT = 30_000  # what the server sends before it stalls
TIMEOUT = 2.0


def stalling(answers: bool):
    """A server that sends SENT bytes of the file and then nothing; it answers ABOR and the rest when
    ``answers``, else nothing after ABOR, and keeps reading until the client hangs up."""

    def script(c) -> None:
        c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)  # ABOR comes as urgent data
        c.reply("220 stalls mid-file")
        data = listener = None
        try:
            while True:
                verb = _verb(c.command())
                if verb == "USER":
                    c.reply("331 password please")
                elif verb == "PASS":
                    c.reply("230 in")
                elif verb == "FEAT":
                    c.reply("211-Features:", " EPSV", " SIZE", "211 End")
                elif verb == "SIZE":
                    c.reply(f"213 {len(DATA)}")
                elif verb == "EPSV":
                    listener = c.passive()
                    c.reply(epsv_reply(listener))
                elif verb == "RETR":
                    c.reply("150 here it comes")
                    data, _ = listener.accept()
                    data.sendall(DATA[:SENT])  # and then nothing: the data connection stays open
                elif verb == "ABOR" and not answers:
                    c.commands.append("(silent from here)")
                    while True:
                        c.command()  # read, never answered, until the client hangs up (EOFError)
                elif verb == "ABOR":
                    c.reply("426 transfer aborted", "226 ABOR ok")
                elif verb == "QUIT":
                    c.reply("221 bye")
                    return
                else:
                    c.reply("200 ok")
        except EOFError:
            c.commands.append("(the client closed the control connection)")
        finally:
            for sock in (data, listener):
                if sock is not None:
                    sock.close()

    return script


def _verb(line: str) -> str:
    """A command's verb, without the Telnet bytes an urgent ABOR may come after."""
    return line.lstrip("\ufffd\x00\xff\xf2\xf4").split(" ", 1)[0].upper()


class Waits(list):
    """The times (seconds) given to the sockets connected to ``port``, as they are set."""

    port = 0


@pytest.fixture
def control_waits(monkeypatch):
    waits = Waits()
    original = socket.socket.settimeout

    def settimeout(sock, value):
        try:
            peer = sock.getpeername()
        except OSError:
            peer = None
        if peer is not None and peer[1] == waits.port:
            waits.append(value)
        original(sock, value)

    monkeypatch.setattr(socket.socket, "settimeout", settimeout)
    return waits


@pytest.mark.parametrize("answers", [False, True], ids=["abor-unanswered", "abor-answered"])
def test_a_stalled_download_waits_a_short_while_for_the_answer_to_abor(tmp_path, control_waits, answers):
    with ScriptedServer(stalling(answers)) as srv:
        control_waits.port = srv.port
        url = f"ftp://u:p@127.0.0.1:{srv.port}/f.bin"
        code, _, err = run("get", url, str(tmp_path) + "/", "--timeout", f"{TIMEOUT:g}", "--tls", "off")
    commands = srv.conversations[0].commands

    assert code == 1
    said = f"ftpgui-cli: The transfer stalled: No data moved for {TIMEOUT:g} seconds."
    kept = f" of /f.bin had arrived: kept in {tmp_path / 'f.bin.ftpgui-part'}; get --resume continues it"
    assert said in err and err.strip().endswith(kept), err  # (what came and where: design note 384)
    assert not (tmp_path / "f.bin").exists()  # nothing under the final name…
    assert (tmp_path / "f.bin.ftpgui-part").read_bytes() == DATA[:SENT]  # …what came is kept for --resume
    tail = [line if line[:1] == "(" else _verb(line) for line in commands[-4:]]
    if answers:  # the NOOP fence read its 200: the control connection goes on, and ends with QUIT
        assert tail == ["RETR", "ABOR", "NOOP", "QUIT"], commands
    else:  # no answer: the client hung up, and sent nothing more
        assert tail == ["ABOR", "(silent from here)", "NOOP", "(the client closed the control connection)"], commands
    # the answers were awaited with the short bound (half the timeout here), not a whole timeout again: the
    # control connection's only wait shorter than the timeout, set once ABOR and NOOP had gone
    short = [seconds for seconds in control_waits if seconds < TIMEOUT * 0.95]
    assert short and max(short) <= TIMEOUT / 2, control_waits
