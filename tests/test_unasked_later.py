"""A reply nobody asked for, arriving in a packet of its own after the real answer (design note 453; note 426
left it open): a server answering CWD with 250 and, a moment later, with another "250 x" by itself had the next
command (PWD, EPSV, LIST, RETR…) take that stray 250 as its answer, and every answer after it was one behind.
Before each command the engine now takes what the server has sent without waiting, and a whole reply found there
is shown as not asked for and passed over — over plain FTP and over TLS (explicit, the stray in a TLS record).

The stray must be there, unread, before the client's next command goes out, and after the client has read the real
answer (else it is note 426's case, in the same packet): the server sends it once the client has provably read the
answer — the engine's test says so when its call has returned, the window's once the listing is shown, and the
CLI is seen dialling the data port the EPSV answer named (``connecting_to``, its connection held back meanwhile) —
never after a fixed pause, and waits until the client's computer has acknowledged it (``delivered``)."""

from __future__ import annotations

import fcntl
import re
import socket
import struct
import termios
import threading
import time
from pathlib import Path
from typing import Callable, Optional

import pytest

from ftpgui.ftp import FtpSession, ReplyReceived, SessionOptions

from scripted import ScriptedServer, accept_tls, epsv_reply, server_context, unix_listing
from test_cli import run_subprocess

LISTING = unix_listing(("report.txt", "file", 12), ("photos", "dir", 0))
CONTENT = b"twelve bytes"


def delivered(sock: socket.socket) -> None:
    """Wait until every byte sent on ``sock`` has been acknowledged by the client's computer: a stray reply sent
    before is in its receive buffer, whatever the client does next."""
    while struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]:
        time.sleep(0.001)


def held_listener() -> tuple[socket.socket, socket.socket]:
    """A passive data listener whose accept queue is full (a connection of the server's own waits in it, backlog
    0): the client's connection to it waits — its SYN dropped, sent again a second later — until ``let_in``."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    listener.settimeout(20)
    blocker = socket.create_connection(listener.getsockname(), timeout=20)
    return listener, blocker


def let_in(listener: socket.socket, blocker: socket.socket) -> None:
    taken, _ = listener.accept()
    taken.close()
    blocker.close()


def connecting_to(listener: socket.socket) -> None:
    """Wait until a connection to ``listener`` (held: ``held_listener``) is being made — a socket of this computer
    in SYN_SENT towards its port in ``/proc/net/tcp``. The client dials the port only once it has read the EPSV
    answer that names it, and waits in its connect (the SYN dropped) until ``let_in``: a reply sent now reaches it
    in a read of its own, before the transfer command can go out — no guess of how long its read takes."""
    port = f"0100007F:{listener.getsockname()[1]:04X}"
    for _ in range(20_000):  # (a client that never dials fails the test, not hangs it)
        with open("/proc/net/tcp") as table:
            if any(f[2] == port and f[3] == "02" for f in (line.split() for line in table.readlines()[1:])):
                return
        time.sleep(0.001)
    raise AssertionError("the client never dialled the data port")


def stray_script(
    stray: str,
    after: str,
    ctx=None,
    wait: Optional[Callable[[], None]] = None,
    sent: Optional[threading.Event] = None,
):
    """A server answering by verb, over plain FTP or (``ctx``) explicit TLS, that sends ``stray`` by itself after
    its first answer to ``after`` (PWD, EPSV or LIST): once the client has provably read that answer — ``wait``
    returns (the caller knows it: the engine's call returned, the window shows the listing), or, after EPSV, the
    client is dialling the port the answer named (``connecting_to``) — then ``delivered``, then ``sent`` is set.
    After EPSV the data listener is held (``held_listener``) until the stray is there, so that the transfer command
    cannot go out before it. (A fixed sleep let a loaded machine read the answer and the stray together: note
    426's case, which the old code handled too — the test passed for the wrong reason.)"""
    if wait is None and after != "EPSV":
        raise ValueError("say how the client is known to have read the answer")

    def script(c) -> None:
        c.reply("220 a server that talks out of turn")
        listener = blocker = None
        secure = strayed = False
        while True:
            line = c.command()
            verb, _, arg = line.partition(" ")
            verb = verb.upper()
            if verb == "AUTH" and ctx is not None:
                c.reply("234 AUTH TLS ok")
                c.start_tls(ctx)
            elif verb == "FEAT":
                tls = (" AUTH TLS", " PBSZ", " PROT") if ctx is not None else ()
                c.reply("211-Features:", " EPSV", " SIZE", *tls, "211 End")
            elif verb == "PROT":
                secure = arg.strip().upper() == "P"
                c.reply("200 protection set")
            elif verb == "EPSV":
                if after == "EPSV":
                    listener, blocker = held_listener()
                else:
                    listener = c.passive()
                c.reply(epsv_reply(listener))
            elif verb == "CWD":
                c.reply("250 now in /docs")
            elif verb in ("LIST", "RETR"):
                c.reply("150 here it comes")
                if secure:
                    conn = accept_tls(listener, ctx)
                else:
                    conn, _ = listener.accept()
                    listener.close()
                with conn:
                    conn.sendall(LISTING if verb == "LIST" else CONTENT)
                    if secure:
                        try:
                            conn.unwrap()  # (close_notify: the data is whole)
                        except (OSError, ValueError):
                            pass  # (the client may close without answering it)
                listener = None
                c.reply("226 done")
            elif verb == "QUIT":
                c.reply("221 bye")
                return
            else:
                answers = {
                    "USER": "331 password please",
                    "PASS": "230 in",
                    "PBSZ": "200 PBSZ=0",
                    "TYPE": "200 binary",
                    "NOOP": "200 ok",
                    "PWD": '257 "/docs"',
                    "SIZE": f"213 {len(CONTENT)}",
                }
                c.reply(answers.get(verb, "502 not here"))
            if verb == after and not strayed:
                strayed = True
                if wait is not None:
                    wait()
                else:
                    connecting_to(listener)
                c.reply(stray)  # (a packet of its own: the answer went out before)
                delivered(c.sock)
                if sent is not None:
                    sent.set()
                if blocker is not None:
                    let_in(listener, blocker)
                    blocker = None

    return script


@pytest.mark.parametrize("tls", [False, True], ids=["plain", "explicit-tls"])
def test_the_command_after_a_stray_reply_in_its_own_packet_gets_its_own_answer(certs, tls):
    """The engine: ``cwd`` (CWD, then PWD for the path) answered, then — the client has read it all — "250 x" by
    itself. The next PWD gets its 257, the listing after it EPSV's 229 and LIST's 150 and 226; the stray is told as
    not asked for."""
    ctx = server_context(certs.good) if tls else None
    read, sent = threading.Event(), threading.Event()
    events = []
    script = stray_script("250 x", "PWD", ctx, wait=lambda: read.wait(20), sent=sent)
    options = SessionOptions(timeout=10, tls="require" if tls else "off", ca_file=certs.ca_file)
    with ScriptedServer(script) as srv:
        with FtpSession(options, events.append) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            s.cwd("/docs")
            read.set()
            assert sent.wait(20)
            assert s.pwd() == "/docs"
            assert s.list_raw() == LISTING
        sent_commands = srv.conversations[0].commands
    assert [c.split(" ")[0] for c in sent_commands[-6:]] == ["CWD", "PWD", "PWD", "EPSV", "LIST", "QUIT"], sent_commands
    replies = [e for e in events if isinstance(e, ReplyReceived)]
    stray = [e for e in replies if e.unasked]
    assert [(e.code, e.lines) for e in stray] == [(250, ("250 x",))]
    after = [e.code for e in replies[replies.index(stray[0]) + 1 :]]
    assert after[:4] == [257, 229, 150, 226], after


def cli(*argv: str, env=None):
    done = run_subprocess(*argv, env=env)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


@pytest.mark.parametrize("tls", [False, True], ids=["plain", "explicit-tls"])
@pytest.mark.parametrize("action", ["ls", "get"])
def test_the_cli_takes_no_stray_reply_for_the_transfer_commands_answer(certs, tmp_path, action, tls):
    """``ftpgui-cli ls``/``get`` with no options: EPSV answered by its 229, then by itself a "550" nobody asked
    for, before LIST/RETR could go out — the folder is listed, the file fetched whole (the old code failed them
    with that 550). With ``-v`` and a stray "250": it is shown as not asked for, and the transfer command's
    answers are its own 150 and 226 (the old code took the 250 for the transfer's end and was one behind)."""
    ctx = server_context(certs.good) if tls else None
    env = {"SSL_CERT_FILE": certs.ca_file, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    dest = tmp_path / "report.txt"
    argv = [action, f"ftp://u:p@127.0.0.1:{{port}}/{'report.txt' if action == 'get' else ''}"]
    if action == "get":
        argv.append(str(dest))

    def run(*options: str, stray: str):
        with ScriptedServer(stray_script(stray, "EPSV", ctx)) as srv:
            words = [a.format(port=srv.port) for a in argv]
            return cli(*options, *words, env=env)

    code, out, err = run(stray="550 No such file or directory")
    assert code == 0, err
    if action == "ls":
        assert "report.txt" in out and "photos" in out, out
    else:
        assert dest.read_bytes() == CONTENT
        dest.unlink()
    if tls:
        assert "unencrypted" not in err, err

    code, out, err = run("-v", stray="250 x")
    assert code == 0, err
    assert re.findall(r"< \(not asked for, ignored\) (.*)", err) == ["250 x"], err
    command = "> LIST" if action == "ls" else "> RETR"
    answers = [c for c in re.findall(r"< (\d{3})", err[err.index(command) :]) if c != "221"]
    assert answers == ["150", "226"], err[err.index(command) :]
    if action == "get":
        assert Path(dest).read_bytes() == CONTENT


@pytest.mark.gui
def test_the_window_shows_a_stray_reply_that_came_while_it_was_idle(qtbot, tmp_path, monkeypatch):
    """The real window, quick-connected: after its listing's 226 the server sends "250 x" by itself, while the
    window is idle. Refresh (the person's F5) lists the folder again — EPSV gets its 229, LIST its 150 and 226 —
    and the message log shows the stray as "Response (not asked for, ignored):"."""
    from guihelpers import WAIT, answer_plain_ftp, close_window, names, open_window, type_in, wait_listing

    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    sent, shown = threading.Event(), threading.Event()
    script = stray_script("250 x", "LIST", wait=lambda: shown.wait(20), sent=sent)
    with ScriptedServer(script, connections=4, concurrent=True) as srv:
        w = open_window(qtbot)
        try:
            type_in(w, "127.0.0.1", str(srv.port))
            answer_plain_ftp(qtbot, w)
            wait_listing(qtbot, w, "/docs")
            assert sorted(names(w)) == ["photos", "report.txt"]
            shown.set()  # (the listing is shown: its 226 was read — the stray comes in a read of its own)
            qtbot.waitUntil(sent.is_set, timeout=WAIT)  # (there, unread: the window was idle)
            listed = sum(c.startswith("LIST") for conv in srv.conversations for c in conv.commands)
            w.activateWindow()
            w.remote.view.setFocus()  # the remote list, then Refresh: it lists the remote folder again
            qtbot.waitUntil(w.remote.view.hasFocus, timeout=WAIT)
            w.act_refresh.trigger()
            qtbot.waitUntil(
                lambda: sum(c.startswith("LIST") for conv in srv.conversations for c in conv.commands) > listed,
                timeout=WAIT,
            )
            wait_listing(qtbot, w, "/docs")
            assert sorted(names(w)) == ["photos", "report.txt"]
            assert ("unasked", "250 x") in w.log.lines
            assert "Response (not asked for, ignored): 250 x" in w.log.toPlainText()
            assert not [text for k, text in w.log.lines if k == "error"], "\n".join(map(str, w.log.lines))
            # from the stray on, each command's first reply is its own (an idle check's NOOP among them, maybe)
            lines = w.log.lines[w.log.lines.index(("unasked", "250 x")) + 1 :]
            answered = [
                (text.split(" ")[0], next(t[:3] for k, t in lines[i + 1 :] if k in ("reply", "error", "unasked")))
                for i, (kind, text) in enumerate(lines)
                if kind == "command"
            ]
            own = {"NOOP": "200", "CWD": "250", "PWD": "257", "EPSV": "229", "LIST": "150"}
            assert [verb for verb, _code in answered][-2:] == ["EPSV", "LIST"], answered
            assert all(own[verb] == code for verb, code in answered), answered
        finally:
            close_window(qtbot, w)
