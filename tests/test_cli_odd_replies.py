"""``ftpgui-cli`` against servers that answer oddly where little is at stake (found by QA): one that never
answers QUIT held ``ls`` and each probe of ``diagnose`` for the whole timeout; a ``150`` before the ``230`` to
PASS read as a refused login; a greeting of ``500`` was "the server refused the command", none being sent."""

from __future__ import annotations

import io
import json
import zipfile

from ftpgui.cli import main

from scripted import ScriptedServer, epsv_reply, serve_data, silent_at_quit, unix_listing
from test_cli import run


def test_ls_does_not_wait_for_a_reply_to_quit():
    """``ls`` lists, sends QUIT and writes the listing: it no longer waits the timeout (30 s) for a 221 that
    never comes — the connection closes as "quit", not as a server that did not answer."""
    with ScriptedServer(silent_at_quit) as srv:
        code, out, err = run("-v", "ls", f"ftp://bob:pw@127.0.0.1:{srv.port}/")
        sent = srv.conversations[0].commands
    assert code == 0, err
    assert "f.txt" in out
    assert "QUIT" in sent
    assert "control connection closed (quit)" in err and "did not answer" not in err, err


def diagnosed(url: str, tmp_path, *options: str) -> str:
    """``diagnose --json --bundle`` of ``url``: passive recommended, each of the four probes said QUIT and its
    connection closed as "quit"; the bundle's transcript."""
    bundle = tmp_path / "b.zip"
    code, out, err = run("diagnose", url, *options, "--json", "--bundle", str(bundle))
    assert code == 0, err
    assert json.loads(out)["recommended"] == "passive"
    with zipfile.ZipFile(bundle) as z:
        transcript = z.read("transcript.txt").decode("utf-8")
    assert transcript.count("> QUIT") == 4
    assert transcript.count("control connection closed (quit)") == 4, transcript
    return transcript


def test_diagnose_waits_for_a_reply_to_quit_only_a_moment(tmp_path):
    """Each of diagnose's four probes waited the whole timeout for its 221 (two minutes in all). The 221 is no
    longer awaited at all (below): each probe's connection closes as "quit", none as a timeout."""
    with ScriptedServer(silent_at_quit, connections=12, concurrent=True) as srv:
        transcript = diagnosed(f"ftp://bob:pw@127.0.0.1:{srv.port}/", tmp_path)
    assert "closed (timeout)" not in transcript


def test_diagnose_waits_for_no_answer_to_quit(make_server, tmp_path):
    """Each probe's outcome is known once its LIST has ended: its QUIT goes out and the connection closes at once,
    its answer not awaited (design note 168: a server that never answers QUIT held each probe ``QUIT_WAIT``, 2 s,
    and the plain comparison too). pyftpdlib answers QUIT at once: none of the probes reads that 221 — the close
    happened without the reply — where each probe waited for it and read it before."""
    transcript = diagnosed(make_server("127.0.0.1").url, tmp_path, "--tls", "off")
    assert "< 221" not in transcript, transcript


def pass_answered_late(c) -> None:
    """A 150 to PASS before its 230 (a server that checks the password elsewhere and says so)."""
    c.reply("220 checks passwords slowly")
    while (verb := c.command().split(" ", 1)[0].upper()) != "QUIT":
        if verb == "PASS":
            c.reply("150 checking", "230 in")
        elif verb == "EPSV":
            listener = c.passive()
            c.reply(epsv_reply(listener))
        elif verb == "LIST":
            c.reply("150 here")
            serve_data(listener, unix_listing(("f.txt", "file", 4)))
            c.reply("226 done")
        else:
            answers = {"USER": "331 password please", "TYPE": "200 ok"}
            c.reply(answers.get(verb, "500 not here"))
    c.reply("221 bye")


def test_a_preliminary_reply_to_pass_is_skipped():
    """A 1xx is preliminary: the reply after it is PASS's answer. The 150 was read as the answer, and a login
    that went through said "Login failed: the server did not accept the user name or password. (150 …)"."""
    with ScriptedServer(pass_answered_late) as srv:
        code, out, err = run("ls", f"ftp://bob:pw@127.0.0.1:{srv.port}/")
    assert code == 0, err
    assert "f.txt" in out and "Login failed" not in err


def endless_preliminaries(c) -> None:
    c.reply("220 never done")
    while (verb := c.command().split(" ", 1)[0].upper()) != "PASS":
        c.reply("331 password please" if verb == "USER" else "500 not here")
    c.reply(*(f"150 still checking ({n})" for n in range(1, 50)))
    c.command()  # (the client hangs up)


def test_endless_preliminary_replies_to_pass_are_a_protocol_error():
    """Skipping 1xx replies has a bound: a server that sends nothing else is said to be one."""
    with ScriptedServer(endless_preliminaries) as srv:
        code, out, err = run("ls", f"ftp://bob:pw@127.0.0.1:{srv.port}/")
    assert code == 1 and out == ""
    assert "sent 10 preliminary replies and no final one: 150 still checking (10)\n" in err, err


def refusing_greeting(c) -> None:
    c.reply("500 go away")
    c.command()  # (the client hangs up)


def test_a_greeting_that_refuses_is_said_to_refuse_the_connection():
    """ "The server refused the command: 500 go away" — no command had been sent."""
    with ScriptedServer(refusing_greeting) as srv:
        err = io.StringIO()
        code = main(["ls", f"ftp://127.0.0.1:{srv.port}/"], out=io.StringIO(), err=err, stdin=io.StringIO())
    assert code == 1
    assert err.getvalue() == "ftpgui-cli: The server refused the connection in its greeting: 500 go away\n"
