"""``--timeout`` bounds a whole reply, not one read (issue 18, item 3): a server dripping its greeting, a
multi-line reply or endless ``120`` lines is given up on once the timeout has passed in all, and a listing
has an overall limit (``listing_timeout``) while a file transfer keeps only the stall timeout.

The scripted server drips forever (until the client hangs up): without the deadlines these tests would
hang, which the ``timeout`` marks turn into failures (for the CLI by ending the run: its QUIT on the way out
would read the same endless reply, so a signal alone does not stop it). No test asserts how long anything
took."""

from __future__ import annotations

import time

import pytest

from ftpgui.ftp import ConnectionLost, FtpSession, ProtocolError, SessionOptions

from scripted import ScriptedServer, epsv_reply
from test_cli import run

DRIP = 0.25  # seconds between the server's bytes or lines: well inside the 1 s timeout of each read


def _drip(c, pieces) -> None:
    """Send each piece, one every DRIP seconds, until the client goes away (a send then fails)."""
    for piece in pieces:
        c.send_raw(piece)
        time.sleep(DRIP)


def _forever(piece: bytes):
    while True:
        yield piece


def endless_120(c):
    _drip(c, _forever(b"120 Service ready in a minute\r\n"))


def greeting_byte_by_byte(c):
    _drip(c, (bytes([b]) for b in b"220 " + b"welcome " * 1000 + b"\r\n"))


def multiline_line_by_line(c):
    c.login()
    c.expect("NOOP")
    _drip(c, _forever(b"200-still talking\r\n"))


def listing_byte_by_byte(c):
    c.login()
    c.expect("EPSV")
    lst = c.passive()
    c.reply(epsv_reply(lst))
    c.expect("LIST")
    c.reply("150 here it comes")
    conn, _ = lst.accept()
    lst.close()
    try:
        _drip(_Data(conn), _forever(b"d"))
    except OSError:
        pass  # the client reset the data connection
    finally:
        conn.close()
    cmd = c.command()  # ABOR, sent as urgent data: its last byte comes out of band
    assert cmd.startswith("ABOR"), cmd
    c.reply("426 listing aborted", "226 ABOR ok")
    if "NOOP" not in cmd:
        c.expect("NOOP")
    c.reply("200 still here")
    if c.command() == "NOOP":  # the engine test's; the CLI says QUIT
        c.reply("200 ok")
    c.command()


class _Data:
    """A data socket with ``send_raw``, for ``_drip``."""

    def __init__(self, sock):
        self.sock = sock

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)


def _options(**kw) -> SessionOptions:
    return SessionOptions(timeout=1.0, **kw)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("script", [endless_120, greeting_byte_by_byte], ids=["endless-120", "greeting-1-byte"])
def test_a_dripped_greeting_ends_after_the_timeout(script):
    with ScriptedServer(script) as srv:
        s = FtpSession(_options())
        with pytest.raises(ConnectionLost, match="still not complete after 1 second "):
            s.connect("127.0.0.1", srv.port)
        assert not s.connected
        s.close()


@pytest.mark.timeout(60)
def test_a_dripped_multiline_reply_ends_after_the_timeout():
    with ScriptedServer(multiline_line_by_line) as srv:
        s = FtpSession(_options())
        s.open("127.0.0.1", srv.port, "u", "p")
        with pytest.raises(ConnectionLost, match="still not complete after 1 second "):
            s.noop()
        assert not s.connected
        s.close()


@pytest.mark.timeout(60)
def test_a_dripped_listing_ends_after_the_listing_timeout():
    with ScriptedServer(listing_byte_by_byte) as srv:
        s = FtpSession(_options(listing_timeout=2.0))
        s.open("127.0.0.1", srv.port, "u", "p")
        with pytest.raises(ProtocolError, match="listing did not finish within 2 seconds"):
            s.list_raw()
        s.noop()  # aborted cleanly: the session goes on
        s.close()


def test_listing_timeout_must_be_a_positive_number():
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="listing timeout"):
            SessionOptions(listing_timeout=bad)


@pytest.mark.timeout(90, method="thread")  # a hang in the CLI's cleanup (QUIT) outlasts a signal
@pytest.mark.parametrize(
    ("script", "extra", "words"),
    [
        (endless_120, (), "still not complete after 1 second "),
        (greeting_byte_by_byte, (), "still not complete after 1 second "),
        (listing_byte_by_byte, ("--listing-timeout", "2"), "listing did not finish within 2 seconds"),
    ],
    ids=["endless-120", "greeting-1-byte", "listing-1-byte"],
)
def test_cli_gives_up_in_one_line(script, extra, words):
    with ScriptedServer(script) as srv:
        code, _, err = run("--timeout", "1", "ls", f"ftp://u:p@127.0.0.1:{srv.port}/", "--tls", "off", *extra)
    assert code == 1, err
    assert err.count("\n") == 1 and err.startswith("ftpgui-cli: ") and words in err, err


@pytest.mark.timeout(90, method="thread")  # a hang in the CLI's cleanup (QUIT) outlasts a signal
def test_cli_gives_up_on_a_dripped_multiline_reply(tmp_path):
    def script(c):
        c.login()
        c.expect("SIZE")
        _drip(c, _forever(b"213-counting\r\n"))

    with ScriptedServer(script) as srv:
        code, _, err = run(
            "--timeout", "1", "get", f"ftp://u:p@127.0.0.1:{srv.port}/f", str(tmp_path / "f"), "--tls", "off"
        )
    assert code == 1, err
    assert err.count("\n") == 1 and "still not complete after 1 second " in err, err
