"""A reply no command asked for (design note 426, found by QA with a hostile server): a stray ``230`` sent with
the ``331`` to USER, in one packet, was taken as PASS's answer, and from then on every reply as the answer to
the command after its own — TYPE got PASS's, EPSV's 229 was read as PASV's ("The server's PASV reply has no
address in it: 'Entering Extended Passive Mode…'"). Real servers do it too: a greeting in two ``220`` replies.
A whole reply waiting in the buffer before a command goes out is read, shown as not asked for and passed over:
the CLI (its real entry point, defaults) lists, its ``-v`` says so, and so does the window's message log."""

from __future__ import annotations

import re

import pytest
from scenecheck import transcript_text

from ftpgui.ui.modepanel import ladder as ld
from ftpgui.ui.modepanel import whatif as wi

from guihelpers import WAIT, answer_plain_ftp, close_window, names, open_window, type_in, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from scripted import FakeTree, ScriptedServer, epsv_reply, serve_data, unix_listing
from test_cli import run_subprocess

LISTING = unix_listing(("report.txt", "file", 12), ("photos", "dir", 0))


def stray_230(line: str):
    """USER answered by its 331 and, in the same send, a 230 nobody asked for."""
    return ("331 password please", "230 stray: you are in already") if line.startswith("USER") else None


def stray_feature_list(line: str):
    """USER answered by its 331 and a whole multi-line 211 nobody asked for, in the same send."""
    if line.startswith("USER"):
        return ("331 password please", "211-Stray features:", " EPSV", "211 End of stray")
    return None


HOSTILE = {
    "stray-230": dict(answer=stray_230),
    "stray-multiline": dict(answer=stray_feature_list),
    "greeting-twice": dict(greeting=("220 hello", "220 hello again")),
}
STRAY = {
    "stray-230": ["230 stray: you are in already"],
    "stray-multiline": ["211-Stray features:", " EPSV", "211 End of stray"],
    "greeting-twice": ["220 hello again"],
}


def tree(kind: str) -> FakeTree:
    return FakeTree({"/": LISTING}.get, **HOSTILE[kind])


def listed(url: str, *options: str):
    done = run_subprocess(*options, "ls", url)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_the_cli_lists_past_a_reply_nobody_asked_for(kind):
    """``ftpgui-cli ls`` with its defaults lists the folder: each command gets its own answer (the server sees
    them in order, LIST among them); with ``-v`` the stray reply shows as not asked for, and the login's real
    230 (to PASS) as the answer it is."""
    with ScriptedServer(tree(kind)) as srv:
        code, out, err = listed(f"ftp://u:p@127.0.0.1:{srv.port}/")
    assert code == 0, err
    assert "report.txt" in out and "photos" in out, out
    with ScriptedServer(tree(kind)) as srv:
        code, out, err = listed(f"ftp://u:p@127.0.0.1:{srv.port}/", "-v")
        sent = [c.split(" ", 1)[0] for c in srv.conversations[0].commands]
    assert code == 0, err
    assert "report.txt" in out, out
    assert "LIST" in sent or "MLSD" in sent, sent
    ignored = re.findall(r"< \(not asked for, ignored\) (.*)", err)
    assert ignored == STRAY[kind], err
    pass_at = err.index("> PASS ")
    assert re.match(r"> PASS \*+\n(\[1\] )?\+ *[\d.]+s < 230 in\n", err[pass_at:]), err[pass_at:]


def stray_after_epsv(c) -> None:
    """EPSV answered by its 229 and, in the same send, a 200 nobody asked for: the transfer command (LIST) is
    next — its answer is its own 150, then 226."""
    c.reply("220 hi")
    while (verb := c.command().split(" ", 1)[0].upper()) != "QUIT":
        if verb == "EPSV":
            listener = c.passive()
            c.reply(epsv_reply(listener), "200 stray: nothing asked this")
        elif verb == "LIST":
            c.reply("150 here")
            serve_data(listener, LISTING)
            c.reply("226 done")
        else:
            answers = {"USER": "331 password please", "PASS": "230 in", "TYPE": "200 ok", "FEAT": "211 none"}
            c.reply(answers.get(verb, "502 not here"))
    c.reply("221 bye")


def test_the_transfer_command_is_not_answered_by_a_reply_nobody_asked_for():
    """The transfer command passes a stray reply over too: LIST's answer is its 150 and 226, and the 226 is not
    left over for a command after it (``ls`` then says QUIT and reads nothing else)."""
    with ScriptedServer(stray_after_epsv) as srv:
        code, out, err = listed(f"ftp://u:p@127.0.0.1:{srv.port}/", "-v")
    assert code == 0, err
    assert "report.txt" in out, out
    assert re.findall(r"< \(not asked for, ignored\) (.*)", err) == ["200 stray: nothing asked this"], err
    list_at = err.index("> LIST")
    answers = [code for code in re.findall(r"< (\d{3})", err[list_at:]) if code != "221"]  # (QUIT's, if read)
    assert answers == ["150", "226"], err[list_at:]


@pytest.mark.gui
@pytest.mark.parametrize("kind", ["stray-230", "greeting-twice"])
def test_the_message_log_shows_a_reply_nobody_asked_for(qtbot, tmp_path, monkeypatch, kind):
    """The real window, quick-connected to the hostile server: the folder lists, and the message log shows the
    stray reply as "Response (not asked for, ignored):", not as a command's answer; so do the mode panel's
    ladder and its transcript (and its EPSV still has its own 229)."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    with ScriptedServer(tree(kind), connections=4, concurrent=True) as srv:
        w = open_window(qtbot)
        try:
            type_in(w, "127.0.0.1", str(srv.port))
            answer_plain_ftp(qtbot, w)
            wait_listing(qtbot, w, "/")
            assert sorted(names(w)) == ["photos", "report.txt"]
            qtbot.waitUntil(lambda: any(kind == "unasked" for kind, _ in w.log.lines), timeout=WAIT)
            # (each connection greeted: the one that asked about TLS before the plain-FTP question, and the next)
            assert {text for k, text in w.log.lines if k == "unasked"} == set(STRAY[kind])
            shown = w.log.toPlainText()
            for line in STRAY[kind]:
                assert f"Response (not asked for, ignored): {line}" in shown, shown
            assert ("reply", "230 in") in w.log.lines  # PASS's own answer, as a response
            assert not [text for k, text in w.log.lines if k == "error"], w.log.lines
            conns = list(w.mode_panel.scene.connections.values())
            rows = [r.label for c in conns for r in ld.build_rows(c, set(), wi.Firewalls())]
            assert f"(not asked for, ignored) {STRAY[kind][-1]}" in rows, rows
            transcript = "".join(transcript_text(c) for c in conns)
            for line in STRAY[kind]:
                assert f"< (not asked for, ignored) {line}\n" in transcript, transcript
            epsv = {
                s.exchange.reply_code for c in conns for s in c.steps if s.exchange and s.exchange.command == "EPSV"
            }
            assert epsv == {229}, epsv
        finally:
            close_window(qtbot, w)


@pytest.mark.gui
def test_a_reply_nobody_asked_for_is_said_in_chinese(qtbot, chinese):
    """The message log's label and the mode panel's mark, in Chinese (the translation compiled and loaded)."""
    from ftpgui.ftp import ReplyReceived
    from ftpgui.ui.message_log import MessageLog
    from ftpgui.ui.modepanel import narration as nr
    from ftpgui.ui.modepanel.export import transcript_line

    log = MessageLog()
    qtbot.addWidget(log)
    stray = ReplyReceived(1, code=230, lines=("230 stray",), unasked=True)
    log.add_events([stray])
    assert "响应（未经请求，已忽略）： 230 stray" in log.toPlainText()
    assert nr.unasked_words() == "（未经请求，已忽略）"
    assert transcript_line(stray) == "< （未经请求，已忽略） 230 stray"
