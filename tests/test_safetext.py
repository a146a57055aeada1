"""``ftpgui.ftp.safetext``: server text made safe to show on a terminal, in JSON and in the GUI."""

from __future__ import annotations

import json

import pytest

from ftpgui.ftp import FtpSession, LoginError, ReplyReceived, SessionOptions
from ftpgui.ftp.safetext import hide_secret, is_safe, json_safe, mask_secrets, shown, shown_back, shown_lines

from scripted import ScriptedServer


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain name.txt", "plain name.txt"),
        ("中文 名前 ελληνικά עברית.txt", "中文 名前 ελληνικά עברית.txt"),  # any script, as is (RTL letters too)
        ("a\x1b]0;t\x07b", "a\\x1b]0;t\\x07b"),
        ("x\x9b2J\x7f", "x\\x9b2J\\x7f"),
        ("gpj\u202eexe.txt", "gpj\\u202eexe.txt"),
        ("\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d", None),
        ("line\u2028two\u2029three\r\n", "line\\u2028two\\u2029three\\x0d\\x0a"),
        ("raw \udcff\udc80", "raw \\xff\\x80"),  # bytes no codec read (surrogateescape): as the bytes
        ("\ud800 \udc7f", "\\ud800 \\udc7f"),  # surrogates that stand for no byte
    ],
)
def test_shown(raw, expected):
    out = shown(raw)
    if expected is not None:
        assert out == expected
    assert is_safe(out) and is_safe(raw) == (out == raw)


def test_shown_lines_keeps_our_line_breaks_and_escapes_the_rest():
    """Our own question with a name in it: its lines stay lines, the name's ESC, CR and bidi mark are escapes."""
    assert shown_lines("Delete a\x1b[2Jb\rc\u202ed?\nFolders too.") == "Delete a\\x1b[2Jb\\x0dc\\u202ed?\nFolders too."
    assert shown_lines("one line") == "one line" and shown_lines(shown("x\ny")) == "x\\x0ay"


@pytest.mark.parametrize(
    ("original", "typed", "sent"),
    [
        ("gpj\u202eexe.txt", "gpj\\u202eexe.txt", "gpj\u202eexe.txt"),  # left as shown: the name itself
        ("gpj\u202eexe.txt", "gpj\\u202eexe.md", "gpj\u202eexe.md"),  # the escape read back into the mark
        ("gpj\u202eexe.txt", "clean.txt", "clean.txt"),  # typed over whole
        ("\x1b]0;t\x07x.txt", "\\x1b]0;t\\x07y.txt", "\x1b]0;t\x07y.txt"),
        ("a\x1b.txt", "a\\u202e.txt", "a\\u202e.txt"),  # an escape the name does not hold: as typed
        ("plain.txt", "a\\x1b.txt", "a\\x1b.txt"),  # a name with nothing escaped: the text as typed
    ],
)
def test_shown_back_reads_the_names_own_escapes_back(original, typed, sent):
    assert shown_back(typed, original) == sent


def test_json_safe_escapes_what_json_dumps_leaves_raw_and_reads_back_the_same():
    value = {"name": "a\x1b\x9b\u202e\u2028\udcff中", "perm": "r"}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert all(ch not in text for ch in "\x1b\x9b\u202e\u2028\udcff")
    assert "中" in text and "\\u009b" in text and "\\u202e" in text
    assert json.loads(text) == value


def test_a_password_echoed_in_a_reply_is_masked_in_events_and_errors():
    """Found by QA: a server quoting the password back ("530 wrong password '…'") put it on the terminal and
    in the log. The reply events (the GUI's log, its log file) and the errors carry stars instead; a
    password too short to look for (chance matches) is left alone."""
    secret = "Pw-Echo-9931"

    def script(c) -> None:
        c.reply("220 echo")
        c.expect("USER")
        c.reply("331 password please")
        c.reply(f"530-wrong password '{c.expect('PASS').split(' ', 1)[1]}'", "530 try again")

    seen = []
    with ScriptedServer(script) as srv:
        with FtpSession(SessionOptions(tls="off", timeout=5), seen.append) as s:
            with pytest.raises(LoginError) as caught:
                s.open("127.0.0.1", srv.port, "bob", secret)
    replies = [line for ev in seen if isinstance(ev, ReplyReceived) for line in ev.lines]
    assert any("****" in line for line in replies), replies
    assert not any(secret in line for line in replies)
    assert secret not in str(caught.value) and "****" in str(caught.value)
    assert mask_secrets("ab cd") == "ab cd"  # nothing hidden matches
    hide_secret("ab")  # too short to look for
    assert mask_secrets("ab cd") == "ab cd"


def test_a_huge_refusal_is_one_readable_error():
    """Found by QA: a 4,900-line 550 reply became one error line of about 955 KB on the terminal."""
    from ftpgui.ftp.errors import SHOWN_REPLY, ReplyError

    exc = ReplyError("LIST /x", 550, "No. " * 50_000)
    assert len(exc.text) < SHOWN_REPLY + 60 and exc.text.endswith(f"({200_000 - SHOWN_REPLY} more characters)")
    assert len(str(exc)) < SHOWN_REPLY + 120


def test_a_password_cut_short_in_a_message_and_nested_passwords_are_masked(monkeypatch):
    """The review: a message cuts a reply at 80 characters, inside the password - its start showed; and with
    "abc" and "abcdef" both hidden, masking the shorter first left "****def"."""
    from ftpgui.ftp import safetext

    monkeypatch.setattr(safetext, "_SECRETS", ())  # (the passwords other tests of this process sent: not these)
    hide_secret("Zq-cut-Secret-77")
    hide_secret("nest")
    hide_secret("nested-pass")
    assert mask_secrets("530 wrong password 'Zq-cut-Secr", cut=True) == "530 wrong password '****"
    assert mask_secrets("x nested-pass y nest") == "x **** y ****"
    assert mask_secrets("a Zq- b") == "a Zq- b"  # (three characters of one: chance)


@pytest.mark.parametrize("password", ["Secr3tPassword99", "Se\\cr3tPw", "tab\tPw99"])
def test_the_parsers_mask_a_password_before_they_quote_a_reply(monkeypatch, password):
    """Found by QA: the 227, 229, 257 and MDTM parsers quoted the reply as ``repr(text[:N])``, masked after:
    the cut inside the password left its start before the closing quote, and ``repr`` escaped a backslash or a
    tab in it - neither was found. The password is masked first now, and the start a cut leaves."""
    from ftpgui.ftp import ProtocolError, safetext
    from ftpgui.ftp.replies import parse_227, parse_229, parse_257, parse_mdtm

    monkeypatch.setattr(safetext, "_SECRETS", ())
    hide_secret(password)
    cases = [
        (parse_227, "x" * 109 + " " + password + " trailing"),  # quoted cut at 120 characters: inside the password
        (parse_229, f"(|||{password}|) and more"),
        (parse_257, f'"/a/{password}\n{password}"'),  # a path with a line break: refused, quoted
        (parse_mdtm, f"2024 {password}"),  # (a word of its own: inside a word it is the server's - note 307)
    ]
    for parse, text in cases:
        with pytest.raises(ProtocolError) as caught:
            parse(text)
        message = str(caught.value)
        assert "****" in message, message
        for form in {password[:4], repr(password[:4])[1:-1]}:
            assert form not in message, (parse.__name__, message)


@pytest.mark.parametrize("password", ["pass", "227", "ssive", "Pw-1"])
def test_a_password_inside_a_servers_word_or_a_reply_code_is_left_and_an_echo_is_masked(monkeypatch, password):
    """Found by QA (design note 307): with the password "pass", "229 Entering extended passive mode" was shown
    as "****ive mode" — the server's text changed, and the password given away. Only a password that is a word
    of its own (an echo: "530 wrong password 'pass'") is masked; never inside a word, never a reply's code."""
    from ftpgui.bundle import scrub
    from ftpgui.ftp import safetext
    from ftpgui.ftp.safetext import quoted

    monkeypatch.setattr(safetext, "_SECRETS", ())
    hide_secret(password)
    untouched = [
        "229 Entering extended passive mode (|||5000|).",
        "331 Username ok, send password.",
        "227 Entering Passive Mode (127,0,0,1,19,136).",
        "150-passes 227x x227 Pw-1x xPw-1\n227 < 227 ok",
    ]
    for reply in untouched:
        assert mask_secrets(reply) == reply
        assert mask_secrets(reply, cut=True) == reply
        assert scrub(reply, [password]) == reply
        assert quoted(reply, 200) == repr(reply)
    assert mask_secrets(f"530 wrong password '{password}'.") == "530 wrong password '****'."
    assert mask_secrets(f"530-{password}\n530 ({password})") == "530-****\n530 (****)"
    assert scrub(f"< 530 wrong password {password}", [password]) == "< 530 wrong password ****"
