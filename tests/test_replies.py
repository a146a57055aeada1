"""Reply parsing and formatting: tables of real server replies, and fuzzing."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftpgui.ftp.causes import derive_cause
from ftpgui.ftp.control import mask_command, reply_text
from ftpgui.ftp.errors import ProtocolError, UnsafeArgument
from ftpgui.ftp.replies import (
    check_argument,
    format_eprt,
    format_port,
    is_private,
    mlst_options,
    parse_227,
    parse_229,
    parse_257,
    parse_eprt_argument,
    parse_feat,
    parse_mdtm,
    parse_port_argument,
)


@pytest.mark.parametrize(
    ("text", "host", "port"),
    [
        ("Entering Passive Mode (192,0,2,2,195,80).", "192.0.2.2", 50000),  # vsftpd
        ("Entering Passive Mode (127,0,0,1,4,1)", "127.0.0.1", 1025),
        ("Entering Passive Mode 10,0,0,5,200,10", "10.0.0.5", 51210),  # no parentheses (some NAS)
        ("=127,0,0,1,0,21", "127.0.0.1", 21),  # RFC 1123 allows any delimiters
        ("Entering Passive Mode (192, 0, 2, 7, 255, 255)", "192.0.2.7", 65535),
        ("PASV OK (0,0,0,0,19,137)", "0.0.0.0", 5001),
    ],
)
def test_parse_227(text, host, port):
    r = parse_227(text)
    assert (r.host, r.port) == (host, port)


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("Entering Passive Mode (192,0,2,256,195,80)", "over 255"),
        ("Entering Passive Mode (192,0,2,2,256,0)", "over 255"),
        ("Entering Passive Mode (192,0,2,2,0,0)", "outside"),
        ("Entering Passive Mode (1,2,3)", "no address"),
        ("Entering Passive Mode", "no address"),
        ("Entering Passive Mode (99999999999,0,2,2,0,0)", "over 255"),
    ],
)
def test_parse_227_rejects(text, fault):
    with pytest.raises(ProtocolError, match=fault):
        parse_227(text)


@pytest.mark.parametrize(
    ("text", "port"),
    [
        ("Entering Extended Passive Mode (|||6446|)", 6446),
        ("Entering extended passive mode (|||40521|).", 40521),
        ("EPSV ok (!!!65535!)", 65535),
        ("(###1#)", 1),
    ],
)
def test_parse_229(text, port):
    assert parse_229(text).port == port


@pytest.mark.parametrize(
    "text",
    [
        "(|||0|)",
        "(|||70000|)",
        "(|||abc|)",
        "(||6446|)",
        "no parens",
        "(|||6446)",
        "(1112221)",
        "(||||)",
        "(|1|2|6446|)",
    ],
)
def test_parse_229_rejects(text):
    with pytest.raises(ProtocolError):
        parse_229(text)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('"/" is the current directory', "/"),
        ('"/home/a ""quoted"" dir" is current', '/home/a "quoted" dir'),
        ('"/no/end/quote', "/no/end/quote"),
        ('"/with space/" created', "/with space/"),
        ("/unquoted is cwd", "/unquoted"),
        ('MKD command successful "/x"', "/x"),
        ('""""', '"'),
    ],
)
def test_parse_257(text, path):
    assert parse_257(text) == path


def test_parse_257_empty():
    with pytest.raises(ProtocolError):
        parse_257("   ")


def test_parse_feat():
    lines = ["211-Features:", " MDTM", " REST STREAM", " MLST type*;size*;", " UTF8", "chatter", "211 End"]
    assert parse_feat(lines) == {"MDTM": "", "REST": "STREAM", "MLST": "type*;size*;", "UTF8": ""}
    assert parse_feat(["211 no features"]) == {}


@pytest.mark.parametrize(
    ("offered", "asked"),
    [
        # pyftpdlib: unix.mode offered, not given unasked; the facts given stay on (unique: a tree walk reads it)
        (
            "type*;perm*;size*;modify*;unique*;unix.mode;unix.uid;unix.gid;",
            "type;perm;size;modify;unique;unix.mode;unix.uid;unix.gid;",
        ),
        ("type*;perm*;size*;modify*;unique*;", None),  # every fact it has given already: nothing to ask
        ("type*;size*;modify*;perm*;unix.mode*;unix.owner*;unix.group*;", None),  # (proftpd's, all on)
        ("Type*;Size*;Modify*;Perm;Win32.ea;", "type;size;modify;perm;"),  # a fact the listing does not read: left off
        ("", None),
        # a hostile server's fact names are sent back only as fact names: nothing a command may not carry
        ("type*;x\x01y*;" + "z" * 60 + "*;a b*;unix.mode;", "type;unix.mode;"),
    ],
)  # fmt: skip
def test_mlst_options(offered, asked):
    assert mlst_options(offered) == asked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20240229235959", datetime(2024, 2, 29, 23, 59, 59, tzinfo=timezone.utc)),
        ("20240101000000.5", datetime(2024, 1, 1, 0, 0, 0, 500000, tzinfo=timezone.utc)),
        ("19991231120000.123456789", datetime(1999, 12, 31, 12, 0, 0, 123456, tzinfo=timezone.utc)),
    ],
)
def test_parse_mdtm(text, expected):
    assert parse_mdtm(text) == expected


@pytest.mark.parametrize("text", ["2024", "20241301000000", "abcdefghijklmn", "20240230000000"])
def test_parse_mdtm_rejects(text):
    with pytest.raises(ProtocolError):
        parse_mdtm(text)


def test_port_and_eprt_round_trip():
    assert format_port("192.0.2.2", 50000) == "192,0,2,2,195,80"
    assert parse_port_argument("192,0,2,2,195,80") == ("192.0.2.2", 50000)
    assert format_eprt("192.0.2.2", 50000) == "|1|192.0.2.2|50000|"
    assert format_eprt("::1", 21) == "|2|::1|21|"
    assert parse_eprt_argument("|2|::1|21|") == ("::1", 21)


@given(st.ip_addresses(v=4), st.integers(1, 65535))
def test_port_round_trip_any(addr, port):
    assert parse_port_argument(format_port(str(addr), port)) == (str(addr), port)
    assert parse_227(f"Entering Passive Mode ({format_port(str(addr), port)})").port == port


@pytest.mark.parametrize("bad", ["a\rb", "a\nb", "a\0b", "x\r\nDELE y"])
def test_check_argument(bad):
    with pytest.raises(UnsafeArgument):
        check_argument(bad)


def test_mask_and_reply_text():
    assert mask_command("PASS hunter2") == "PASS ****"
    assert mask_command("pass hunter2") == "pass ****"
    assert mask_command("ACCT x") == "ACCT ****"
    assert mask_command("USER bob") == "USER bob"
    assert reply_text("550 No such file.") == "No such file."
    assert reply_text("230-Welcome\n to here\n230 OK") == "Welcome to here OK"
    # one line (read without splitting) as the general rule reads it: the code off only when it is one
    for one in ("226 Done. ", "226", "226 ", "  hello ", "2x6 odd", "22", "", "550  spaced  "):
        assert reply_text(one) == reply_text(one + "\n").strip(), one


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("10.1.2.3", True),
        ("192.168.1.2", True),
        ("172.20.0.1", True),
        ("100.64.1.1", True),
        ("fd00::1", True),
        ("8.8.8.8", False),
        ("127.0.0.1", False),
        ("192.0.2.5", False),
        ("::ffff:10.0.0.1", True),
    ],
)
def test_is_private(host, private):
    assert is_private(host) is private


@pytest.mark.parametrize(
    ("mode", "stage", "kwargs", "cause"),
    [
        ("passive", "connect", {}, "server-firewall"),
        ("active", "accept", {"advertised_host": "192.0.2.2", "server_host": "192.0.2.1"}, "client-firewall"),
        ("active", "accept", {"advertised_host": "192.168.1.5", "server_host": "203.0.113.9"}, "client-nat"),
        ("active", "accept", {"advertised_host": "192.168.1.5", "server_host": "192.168.1.1"}, "client-firewall"),
        ("passive", "command", {"refused_code": 502}, "server-refused"),
        ("active", "command", {"refused_code": 500}, "server-refused"),
        ("active", "command", {"refused_code": 500, "refused_text": "Illegal PORT command."}, "client-nat"),
        (
            "active",
            "command",
            {"refused_code": 500, "refused_text": "I won't open a connection to 10.0.0.2"},
            "client-nat",
        ),
        ("passive", "command", {"refused_code": 500, "refused_text": "Illegal PORT command."}, "server-refused"),
        ("passive", "connect", {"refused_code": 425}, "server-rejected"),
        (
            "passive",
            "connect",
            {"refused_code": 425, "refused_text": "Security: Bad IP connecting."},
            "foreign-address",
        ),
        ("active", "command", {}, "other"),
        ("passive", "tls", {}, "tls"),
        ("passive", "transfer", {}, "other"),
    ],
)
def test_derive_cause(mode, stage, kwargs, cause):
    assert derive_cause(mode, stage, **kwargs) == cause


@settings(deadline=None)
@given(st.text(max_size=200))
def test_parsers_only_raise_their_own_error(text):
    for parse in (parse_227, parse_229, parse_257, parse_mdtm):
        try:
            parse(text)
        except ProtocolError:
            pass
