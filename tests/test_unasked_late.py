"""A reply nobody asked for that comes after the next command went out (design note 480; notes 426 and 453 left it
open). Found by QA: a server sent an extra "250 x" a moment after its answer to CWD, when the client had sent PWD
already; PWD took the 250 for its answer, EPSV/PASV PWD's 257, and the listing failed with "The server's PASV reply
has no address in it: '"/a"'" — every command after it a reply behind. A reply whose code does not answer the
command sent (PWD: 257, EPSV: 229…) and is no error now waits a moment for another: one that comes is the answer,
the first told as not asked for. A server whose answer has an odd code and nothing after still works.

The server sends the stray when the command after a CWD (PWD, EPSV, PASV) reaches it — gated on the command, not on
time — then that command's own answer."""

from __future__ import annotations

import contextlib
import re
import time

import pytest
from test_unasked_later import delivered

from ftpgui.ftp import FtpSession, ReplyReceived, SessionOptions

from scripted import ScriptedServer, accept_tls, epsv_reply, pasv_reply, server_context, unix_listing
from test_cli import run_subprocess

TOP = unix_listing(("report.txt", "file", 12), ("photos", "dir", 0))
PHOTOS = unix_listing(
    ("cat.jpg", "file", 5),
)
HOME = "/docs"


def late_stray_script(pwd_code: str = "257", strays_for: str = "/docs/photos", epsv: bool = True, ctx=None):
    """A server answering by verb, with PASV and (``epsv``; else refused) EPSV: the first command after a CWD into
    ``strays_for`` (PWD in the window, EPSV or PASV in the CLI's listing of a folder from inside) gets "250 x" by
    itself first (delivered to the client's computer), then, a moment later, its own answer. PWD answers with
    ``pwd_code``. ``ctx``: explicit TLS. Each connection has its own working folder; the stray is sent once."""
    once = {"strayed": False}

    def script(c) -> None:
        c.reply("220 a server that talks out of turn, late")
        state = {"cwd": HOME, "after_cwd": False, "listener": None, "secure": False}
        try:
            converse(c, state)
        finally:
            if state["listener"] is not None:
                state["listener"].close()

    def converse(c, state) -> None:
        while True:
            line = c.command()
            verb, _, arg = line.partition(" ")
            verb = verb.upper()
            after_cwd, state["after_cwd"] = state["after_cwd"], False
            if after_cwd and state["cwd"] == strays_for and not once["strayed"]:
                once["strayed"] = True
                c.reply("250 x")  # (a packet of its own, after the command went out)
                delivered(c.sock)
                time.sleep(0.1)  # (QA's server: its answer a moment later)
            if verb == "AUTH" and ctx is not None:
                c.reply("234 AUTH TLS ok")
                c.start_tls(ctx)
            elif verb == "FEAT":
                tls = (" AUTH TLS", " PBSZ", " PROT") if ctx is not None else ()
                c.reply("211-Features:", *((" EPSV",) if epsv else ()), " SIZE", *tls, "211 End")
            elif verb == "PROT":
                state["secure"] = arg.strip().upper() == "P"
                c.reply("200 protection set")
            elif verb == "EPSV" and not epsv:
                c.reply("500 EPSV not understood")
            elif verb in ("EPSV", "PASV"):
                state["listener"] = c.passive()
                c.reply(epsv_reply(state["listener"]) if verb == "EPSV" else pasv_reply(state["listener"]))
            elif verb == "CWD":
                path = arg if arg.startswith("/") else f"{state['cwd'].rstrip('/')}/{arg}"
                path = path.rstrip("/") or "/"
                if path not in ("/", HOME) and not path.startswith("/docs/photos"):
                    c.reply("550 no such folder")
                    continue
                state["cwd"] = path
                state["after_cwd"] = True
                c.reply(f"250 now in {path}")
            elif verb == "PWD":
                c.reply(f'{pwd_code} "{state["cwd"]}" is the current folder')
            elif verb in ("LIST", "MLSD", "NLST"):
                c.reply("150 here it comes")
                if state["secure"]:
                    conn = accept_tls(state["listener"], ctx)
                else:
                    conn, _ = state["listener"].accept()
                state["listener"].close()
                state["listener"] = None
                with conn:
                    conn.sendall(TOP if state["cwd"] == HOME and not arg.startswith("/docs/p") else PHOTOS)
                    if state["secure"]:
                        with contextlib.suppress(OSError, ValueError):
                            conn.unwrap()  # (close_notify: the data is whole)
                c.reply("226 done")
            elif verb == "QUIT":
                c.reply("221 bye")
                return
            else:
                answers = {
                    "USER": "331 password please",
                    "PASS": "230 in",
                    "TYPE": "200 binary",
                    "PBSZ": "200 PBSZ=0",
                    "NOOP": "200 ok",
                    "OPTS": "200 ok",
                    "SYST": "215 UNIX Type: L8",
                }
                c.reply(answers.get(verb, "502 not here"))

    return script


def answered(events) -> list:
    """(command, the code of the first reply after it that was not told as unasked), in order."""
    from ftpgui.ftp import CommandSent

    out = []
    for i, e in enumerate(events):
        if isinstance(e, CommandSent):
            reply = next((r for r in events[i + 1 :] if isinstance(r, ReplyReceived) and not r.unasked), None)
            out.append((e.text.split(" ")[0], reply.code if reply else None))
    return out


@pytest.mark.parametrize("tls", [False, True], ids=["plain", "explicit-tls"])
def test_the_engine_passes_over_a_stray_reply_that_came_after_pwd_went_out(certs, tls):
    """The engine: ``cwd`` into photos; the server sends "250 x" once PWD reaches it, then PWD's 257. PWD gets its
    257, EPSV its 229, LIST its 150 and 226, and the stray is told as not asked for (plain, and explicit TLS: the
    wait for another reply reads TLS records)."""
    events = []
    ctx = server_context(certs.good) if tls else None
    options = SessionOptions(timeout=10, tls="require" if tls else "off", ca_file=certs.ca_file)
    with ScriptedServer(late_stray_script(ctx=ctx)) as srv:
        with FtpSession(options, events.append) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            assert s.cwd("/docs/photos") == "/docs/photos"
            assert s.list_raw() == PHOTOS
    stray = [(e.code, e.lines) for e in events if isinstance(e, ReplyReceived) and e.unasked]
    assert stray == [(250, ("250 x",))]
    pairs = answered(events)
    start = pairs.index(("CWD", 250))
    assert pairs[start : start + 4] == [("CWD", 250), ("PWD", 257), ("EPSV", 229), ("LIST", 150)], pairs


def cli(*argv: str, env=None):
    done = run_subprocess(*argv, env=env)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


FOLDER = "/docs/photos[1]"  # (LIST would read it as a pattern: listed from inside, PWD, CWD there, EPSV/PASV, LIST)


@pytest.mark.parametrize("epsv", [True, False], ids=["epsv", "epsv-refused"])
@pytest.mark.parametrize("verbose", [False, True], ids=["quiet", "verbose"])
def test_the_cli_lists_past_a_stray_reply_that_came_after_the_next_command_went_out(tmp_path, verbose, epsv):
    """``ftpgui-cli ls`` of a folder, no other options: the stray "250 x" comes after CWD's answer, once the next
    command (EPSV: answered, or refused — then PASV) reached the server; the folder is listed (the old code took the
    250 for EPSV's answer and failed). With ``-v`` the stray is shown as not asked for, and EPSV's (its 229, or its
    500 and PASV's 227), LIST's and the CWD back's answers are theirs."""
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    with ScriptedServer(late_stray_script(strays_for=FOLDER, epsv=epsv)) as srv:
        options = ["-v"] if verbose else []
        code, out, err = cli(*options, "ls", f"ftp://u:p@127.0.0.1:{srv.port}/docs/photos%5B1%5D/", env=env)
        sent = [c.split(" ")[0] for c in srv.conversations[0].commands]
    assert code == 0, err
    assert "cat.jpg" in out, out
    passive = ["EPSV"] if epsv else ["EPSV", "PASV"]
    assert sent[sent.index("CWD") :] == ["CWD", *passive, "LIST", "CWD", "QUIT"], sent
    if verbose:
        assert re.findall(r"< \(not asked for, ignored\) (.*)", err) == ["250 x"], err
        tail = err[err.index("> CWD") :]
        pairs = re.findall(r"> (\w+)[^\n]*\n(?:.*< \(not asked for, ignored\)[^\n]*\n)*.*?< (\d{3})", tail)
        own = [("EPSV", "229")] if epsv else [("EPSV", "500"), ("PASV", "227")]
        assert pairs[: len(own) + 3] == [("CWD", "250"), *own, ("LIST", "150"), ("CWD", "250")], tail


def test_a_server_answering_pwd_with_an_odd_code_and_nothing_after_still_works(tmp_path):
    """A server that answers PWD with "250 "/docs" is the current folder" (an odd code, no reply after it): after
    the wait for another reply, that one is PWD's answer, as before — the engine reads the path and lists, the CLI
    lists a folder from inside (PWD first), and nothing is told as not asked for."""
    events = []
    with ScriptedServer(late_stray_script(pwd_code="250", strays_for="")) as srv:
        with FtpSession(SessionOptions(timeout=10, tls="off"), events.append) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            assert s.cwd("/docs/photos") == "/docs/photos"
            assert s.list_raw() == PHOTOS
    assert not [e for e in events if isinstance(e, ReplyReceived) and e.unasked]
    assert ("PWD", 250) in answered(events)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    with ScriptedServer(late_stray_script(pwd_code="250", strays_for="")) as srv:
        code, out, err = cli("-v", "ls", f"ftp://u:p@127.0.0.1:{srv.port}/docs/photos%5B1%5D/", env=env)
        sent = [c.split(" ")[0] for c in srv.conversations[0].commands]
    assert code == 0, err
    assert "cat.jpg" in out, out
    assert "PWD" in sent, sent
    assert "not asked for" not in err, err


@pytest.mark.gui
def test_the_window_browses_past_a_stray_reply_that_came_after_pwd_went_out(qtbot, tmp_path, monkeypatch):
    """The real window: connected (home /docs), the person opens "photos"; the server sends "250 x" once the PWD
    after its CWD reaches it, then PWD's 257. The folder is listed, the message log shows "Response (not asked for,
    ignored): 250 x", and each command's reply after it is its own (PWD 257, EPSV 229, LIST 150); no error."""
    from guihelpers import WAIT, answer_plain_ftp, close_window, names, open_window, type_in, wait_listing

    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    with ScriptedServer(late_stray_script(), connections=4, concurrent=True) as srv:
        w = open_window(qtbot)
        try:
            type_in(w, "127.0.0.1", str(srv.port))
            answer_plain_ftp(qtbot, w)
            wait_listing(qtbot, w, HOME)
            assert sorted(names(w)) == ["photos", "report.txt"]
            w.remote.view.activated.emit(w.remote.model.index(w.remote.model.row_of("photos"), 0))
            wait_listing(qtbot, w, "/docs/photos")
            qtbot.waitUntil(lambda: names(w) == ["cat.jpg"], timeout=WAIT)
            assert ("unasked", "250 x") in w.log.lines
            assert "Response (not asked for, ignored): 250 x" in w.log.toPlainText()
            assert not [text for k, text in w.log.lines if k == "error"], "\n".join(map(str, w.log.lines))
            lines = w.log.lines[w.log.lines.index(("unasked", "250 x")) - 1 :]
            pairs = [
                (text.split(" ")[0], next(t[:3] for k, t in lines[i + 1 :] if k in ("reply", "error")))
                for i, (kind, text) in enumerate(lines)
                if kind == "command"
            ]
            own = {"NOOP": "200", "CWD": "250", "PWD": "257", "EPSV": "229", "PASV": "227", "LIST": "150"}
            assert pairs and pairs[0][0] == "PWD", (pairs, lines)
            assert all(own[verb] == code for verb, code in pairs), pairs
            assert [verb for verb, _ in pairs][-2:] == ["EPSV", "LIST"], pairs
        finally:
            close_window(qtbot, w)
