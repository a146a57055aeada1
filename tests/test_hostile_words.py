"""Words that were false or unreadable against hostile servers (found by QA, design notes 293–297): auto mode
said "Use passive mode." when passive had failed first; a PASV reply naming port 0 was "a reason ftpgui cannot
classify", run into the sentence before it; a 227 naming another loopback host was said to be "the data port
the server named" when another was dialled; a 332 to PASS was answered with an empty ACCT; a multi-line 1xx
showed a raw ``\\x0a``; a 10,000-character name filled 20 KB of one error line. Scripted servers on 127.0.0.1,
the CLI, a real session's events in the message log, and the window."""

from __future__ import annotations

import dataclasses
import re
import socket
from typing import Callable, List, Optional, Sequence

import pytest
from test_modepanel_truth import both, panel, play, step_of  # noqa: F401 (fixtures)

from ftpgui.ftp import FtpError, FtpSession, SessionOptions
from ftpgui.ui.message_log import MessageLog

from scripted import FakeTree, ScriptedServer, unix_listing
from test_cli import run

LISTING = unix_listing(("f.txt", "file", 4))
NO_ACTIVE = "500 no active"


def hostile(pasv: str, active: Optional[str] = None) -> FakeTree:
    """A tree whose EPSV is refused and whose PASV is answered ``pasv``; EPRT and PORT answered ``active``
    when given (else accepted: the tree dials back)."""

    def answer(line: str) -> Optional[Sequence[str]]:
        verb = line.split(" ", 1)[0].upper()
        if verb == "EPSV":
            return ["500 no EPSV"]
        if verb == "PASV":
            return [pasv]
        if verb in ("EPRT", "PORT") and active is not None:
            return [active]
        return None

    return FakeTree(listing=lambda path: LISTING, answer=answer)


def cli(tree: FakeTree, *argv: str, connections: int = 4):
    with ScriptedServer(tree, connections=connections, concurrent=True) as srv:
        return run(*(a.replace("URL", f"ftp://u:p@127.0.0.1:{srv.port}/") for a in argv))


def events_of(tree: FakeTree, mode: str, action: Callable = lambda s: s.listdir()):
    """A real session's events (in mode ``mode``) against ``tree``, and what it raised."""
    events: List = []
    raised: List[BaseException] = []
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        try:
            with FtpSession(SessionOptions(mode=mode, timeout=5), events.append) as s:
                s.open("127.0.0.1", srv.port, "u", "p")
                action(s)
        except FtpError as exc:
            raised.append(exc)
    return events, (raised[0] if raised else None)


def log_errors(qtbot, events) -> List[str]:
    log = MessageLog()
    qtbot.addWidget(log)
    log.add_events(events)
    lines = log.toPlainText().splitlines()  # (the server's refusals are errors too: "Error:     500 no EPSV")
    return [line for line in lines if re.search(r"(Error:|错误：)(?!\s*\d{3} )", line)]


PORT_0 = "227 Entering Passive Mode (127,0,0,1,0,0)"


# --- note 293: auto mode, both modes failed -----------------------------------------------------------------


def test_auto_mode_says_both_modes_failed_not_use_passive():
    """Passive failed first (port 0), then the PORT was refused: it said only "The server refused PORT: 500 no
    active The server refused active mode; some servers disable it. Use passive mode."."""
    code, out, err = cli(hostile(PORT_0, NO_ACTIVE), "ls", "URL", "--tls", "off", "--mode", "auto")
    assert code == 1 and out == ""
    assert "Use passive mode" not in err and "may work" not in err, err
    assert err.startswith("ftpgui-cli: Neither mode worked, so switching modes does not help here. Passive mode: "), err
    assert "The server's PASV reply names port 0, outside 1–65535: 127,0,0,1,0,0." in err
    assert "Then active mode: The server refused PORT: 500 no active. The server refused active mode" in err


@pytest.mark.gui
def test_the_logs_line_for_the_refused_port_says_passive_failed_too(qtbot):
    """The window's log said the PORT's failure with "Use passive mode." — and, the PORT refused before any plan
    of active mode, as a passive failure: "The server refused passive mode."."""
    events, raised = events_of(hostile(PORT_0, NO_ACTIVE), "auto")
    assert raised is not None
    passive, active = log_errors(qtbot, events)[-2:]
    assert "names port 0" in passive and "Active mode may work meanwhile." in passive  # (true then: not yet tried)
    assert "The server refused PORT: 500 no active. The server refused active mode" in active, active
    assert active.endswith("Passive mode failed too, so switching modes does not help here."), active
    assert "Use passive mode" not in active and "refused passive mode" not in active


@pytest.fixture
def both_fail():
    """A server where passive (port 0) and active mode (500) fail; it outlives the window (requested first)."""
    with ScriptedServer(hostile(PORT_0, NO_ACTIVE), connections=8, concurrent=True) as srv:
        yield srv


@pytest.mark.gui
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_window_says_both_modes_failed(qtbot, request, both_fail, window, language):
    from ftpgui.transfers.worker import Endpoint

    if language == "zh_CN":
        request.getfixturevalue("chinese")
    words = "两种模式都失败了" if language == "zh_CN" else "Neither mode worked, so switching modes does not help"
    options = dataclasses.replace(window.session_defaults(), tls="off", mode="auto")
    window.connect_to(Endpoint("127.0.0.1", both_fail.port, "u", "p"), options, "A site")
    qtbot.waitUntil(lambda: words in window.statusBar().currentMessage(), timeout=15_000)
    said = window.statusBar().currentMessage()
    assert "Use passive mode" not in said and "请使用被动模式" not in said
    assert ("被动模式也失败了" if language == "zh_CN" else "Passive mode failed too") in window.log.toPlainText()


# --- note 294: a PASV reply that names no data port ----------------------------------------------------------


@pytest.mark.parametrize(
    "reply, said",
    [
        (PORT_0, "The server's PASV reply names port 0, outside 1–65535: 127,0,0,1,0,0."),
        (
            "227 Entering Passive Mode (127,0,0,1,300,1)",
            "The server's PASV reply has a number over 255: 127,0,0,1,300,1.",
        ),
    ],
)
def test_a_pasv_reply_naming_no_port_is_a_bad_reply_in_its_own_sentence(reply, said):
    code, _, err = cli(hostile(reply), "-v", "ls", "URL", "--tls", "off", "--mode", "passive")
    assert code == 1
    assert "data failed at command (bad-reply)" in err, err
    last = err.splitlines()[-1]
    assert last.startswith(f"ftpgui-cli: {said} Passive mode failed: the server's reply named no data port"), last
    assert "cannot classify" not in last and last.endswith("Active mode may work meanwhile.")


@pytest.mark.gui
def test_the_panel_and_the_log_name_the_bad_reply(qtbot, both):  # noqa: F811
    from ftpgui.ui.modepanel import narration as nr

    events, raised = events_of(hostile(PORT_0), "passive")
    assert raised is not None and raised.cause == "bad-reply"
    (line,) = log_errors(qtbot, events)
    assert "127,0,0,1,0,0. Passive mode failed: the server's reply named no data port" in line, line
    en, zh = both(lambda: nr.failed_because("bad-reply") + " | " + log_errors(qtbot, events)[0])
    assert en.startswith("failed: the server's reply named no usable data port |")
    assert "another reason" not in en and "其他原因" not in zh and "无法判断原因" not in zh
    assert zh.startswith("失败：服务器的响应没有给出可用的数据端口") and "127,0,0,1,0,0。被动模式失败：" in zh, zh


# --- note 295: a 227 naming another loopback host ------------------------------------------------------------


def elsewhere_tree():
    """PASV names 127.0.0.2 and a port only listened on there: ftpgui dials 127.0.0.1 at that port, refused."""
    lst = socket.socket()
    lst.bind(("127.0.0.2", 0))
    lst.listen(1)
    port = lst.getsockname()[1]
    return lst, hostile(f"227 Entering Passive Mode (127,0,0,2,{port >> 8},{port & 255})")


def test_a_refusal_at_the_substituted_address_is_not_said_to_be_the_port_the_server_named():
    lst, tree = elsewhere_tree()
    with lst:
        code, _, err = cli(tree, "ls", "URL", "--tls", "off", "--mode", "passive")
    assert code == 1
    assert "the data port the server named went unanswered" not in err, err
    assert (
        "the server's reply named 127.0.0.2, not the address we reach it at, so ftpgui connected to that port " in err
    )
    assert "set its passive address to the one clients reach it at" in err


@pytest.mark.gui
def test_the_log_and_the_panel_say_the_same_of_the_substitution(qtbot, panel, both):  # noqa: F811
    from ftpgui.ui.modepanel import narration as nr
    from ftpgui.ui.modepanel import scene as sc

    lst, tree = elsewhere_tree()
    with lst:
        events, _ = events_of(tree, "passive")
        (line,) = log_errors(qtbot, events)
        with ScriptedServer(tree, connections=1) as srv:
            conn, raised = play(qtbot, panel, "127.0.0.1", srv.port, "passive", lambda s: s.listdir())
    assert raised is not None
    assert "the data port the server named" not in line and "named 127.0.0.2, not the address we reach" in line
    en, zh = both(lambda: nr.narrate(conn, step_of(conn, sc.FAILED)))
    # the panel's step in its own words (note 491): the port dialled at the server's own address, not the one named
    assert "the data port the server named" not in en and "at the server's own address" in en, en
    assert "data connections only at 127.0.0.2" in en, en
    assert "服务器自己地址上的端口" in zh and "只在 127.0.0.2 上接受数据连接" in zh, zh


# --- note 296: 332, an account asked for ---------------------------------------------------------------------


def wants_account(account: str):
    """PASS is answered 332; ACCT ``account`` logs in, any other ACCT is refused (502, as the QA server)."""

    def answer(line: str) -> Optional[Sequence[str]]:
        verb, _, arg = line.partition(" ")
        if verb == "PASS":
            return ["332 need account"]
        if verb == "ACCT":
            return ["230 in"] if arg == account else ["502 not implemented"]
        return None

    return FakeTree(listing=lambda path: LISTING, answer=answer)


def test_no_empty_acct_is_sent_and_the_words_say_what_is_asked(monkeypatch):
    monkeypatch.delenv("FTPGUI_ACCOUNT", raising=False)
    tree = wants_account("acc-42")
    code, out, err = cli(tree, "ls", "URL", "--tls", "off")
    assert code == 1 and out == ""
    assert not any(line.startswith("ACCT") for line in tree.seen), tree.seen
    assert err == (
        "ftpgui-cli: The server asks for an account (ACCT) besides the user name and password, and none was given: "
        "332 need account. Give it with --account ACCOUNT (or in FTPGUI_ACCOUNT).\n"
    )


def test_the_account_given_is_sent_masked(monkeypatch):
    monkeypatch.delenv("FTPGUI_ACCOUNT", raising=False)
    tree = wants_account("acc-42")
    code, out, err = cli(tree, "-v", "ls", "URL", "--tls", "off", "--account", "acc-42")
    assert code == 0, err
    assert "f.txt" in out and "> ACCT ****" in err and "acc-42" not in err
    assert "ACCT acc-42" in tree.seen
    monkeypatch.setenv("FTPGUI_ACCOUNT", "acc-42")
    code, out, err = cli(wants_account("acc-42"), "ls", "URL", "--tls", "off")
    assert code == 0 and "f.txt" in out, err


def test_the_window_says_the_sites_cannot_give_an_account(qtbot):
    from ftpgui.explain import describe_error

    _, raised = events_of(wants_account("acc-42"), "passive")
    assert describe_error(raised).endswith(
        "332 need account. ftpgui's sites cannot hold an account yet; ftpgui-cli can send one (--account)."
    )


# --- note 297: a multi-line 1xx forever; a name of 10,000 characters -----------------------------------------


def endless_multiline_1xx(c) -> None:
    c.reply("220 hi")
    c.expect("USER")
    c.reply("331 password please")
    c.expect("PASS")
    c.reply(*(["120-Service ready in a moment", "120 wait"] * 20))
    c.command()  # (the client hangs up)


def test_endless_multiline_preliminary_replies_read_as_lines():
    with ScriptedServer(endless_multiline_1xx) as srv:
        code, _, err = run("ls", f"ftp://u:p@127.0.0.1:{srv.port}/", "--tls", "off")
    assert code == 1
    assert err.endswith("preliminary replies and no final one: 120 Service ready in a moment / wait\n"), err
    assert "\\x0a" not in err


def test_a_name_of_10000_characters_is_cut_in_the_error_lines(tmp_path):
    long = "x" * 10_000
    tree = FakeTree(listing=lambda path: unix_listing((long, "file", 2), ("ok", "file", 2)), content=lambda p: b"ab")
    code, _, err = cli(tree, "get", "-r", "URL", str(tmp_path / "out"), "--tls", "off")
    assert code == 1 and (tmp_path / "out" / "ok").read_bytes() == b"ab"
    (failed,) = [line for line in err.splitlines() if line.startswith("ftpgui-cli: failed ")]
    assert len(failed) < 700, len(failed)  # it was 20,000 characters: the name twice
    cut = "x" * 256 + "…"
    assert failed.startswith(f"ftpgui-cli: failed /{cut}: ") and f"/{cut}: File name too long" in failed, failed
