"""Pure functions that read and write the numbers of the FTP conversation (RFC 959, 2428, 3659)."""

from __future__ import annotations

import ipaddress
import re
from datetime import datetime, timezone
from typing import Callable, Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Tuple, Union

from .errors import QT_TRANSLATE_NOOP, ProtocolError, UnsafeArgument, worded
from .safetext import quoted

EPSV_MALFORMED = QT_TRANSLATE_NOOP("engine", "The server's EPSV reply is malformed: {reply}")

# [0-9], not \d: \d also matches other scripts' digits (Arabic-Indic, Devanagari…), which int() reads
_227_RE = re.compile(r"([0-9]{1,10})\s*,\s*" * 5 + r"([0-9]{1,10})")
_MDTM_RE = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})(?:\.([0-9]{1,9}))?$")
MAX_DIGITS = 19  # a number from a server has at most 19 digits: every one fits in a signed 64-bit file offset
MAX_OFFSET = (1 << 63) - 1  # the largest size or offset the operating system can seek to


class PassiveReply(NamedTuple):
    """What a 227 or 229 reply said: the numbers as written, and the address they decode to (a named tuple:
    made for every file's data connection, where a frozen dataclass cost twice as much)."""

    numbers: str
    host: Optional[str]  # None for 229: EPSV names only a port (RFC 2428)
    port: int


def server_number(text: str, max_digits: int = MAX_DIGITS) -> Optional[int]:
    """``text`` as a number when it is 1 to ``max_digits`` ASCII digits, else None; never raises.

    ``str.isdigit`` accepts ``²`` and other scripts' digits, which ``int`` then refuses (or reads), and ``int``
    refuses more than 4,300 digits: every number a server sends is read here instead.
    """
    if not 0 < len(text) <= max_digits or not text.isascii() or not text.isdigit():
        return None
    return int(text)


def is_reply_code(text: str) -> bool:
    """True when ``text`` is three ASCII digits: what an FTP reply starts with."""
    return len(text) == 3 and server_number(text, 3) is not None


# what no command line can carry: CR and LF end it, NUL cuts it short. RFC 959 and 3659 (§2.2) would send a CR
# inside a pathname as CR NUL, Telnet's way; servers do not read that back as a CR (pyftpdlib takes the NUL into
# the path and drops the connection): such a name is refused, and said so, before anything is asked or sent
UNSENDABLE = (("\r", "CR"), ("\n", "LF"), ("\0", "NUL"))


def unsendable(text: Union[str, bytes]) -> Optional[str]:
    """ "CR", "LF" or "NUL" when ``text`` (a name, a path, as text or as the server's bytes) holds that character,
    which no FTP command can carry; None when a command can carry all of it."""
    if isinstance(text, bytes):
        if 13 not in text and 10 not in text and 0 not in text:  # (CR, LF, NUL by value: a bytes operand is
            return None  # tried as a number first, and the TypeError costs ten times the search; every name but a
            # refused one: no decoding, no loop; a tree asks it of each name)
        text = text.decode("latin-1")
    elif "\r" not in text and "\n" not in text and "\0" not in text:
        return None
    return next(name for ch, name in UNSENDABLE if ch in text)


def check_argument(text: str, shown: Union[str, Callable[[str], str], None] = None) -> None:
    """Refuse CR, LF and NUL anywhere in a command line, before anything is sent. The message quotes
    ``shown`` when given (a command with its password masked, or the function that masks it), else the text."""
    if "\r" not in text and "\n" not in text and "\0" not in text:
        return  # (every command but a refused one: no loop)
    for ch, name in UNSENDABLE:
        if ch in text:
            if callable(shown):
                shown = shown(text)
            raise worded(
                UnsafeArgument,
                QT_TRANSLATE_NOOP("engine", "Refused to send a command containing {name}: {command}"),
                name=name,
                command=repr((shown or text)[:60]),
            )


def parse_227(text: str) -> PassiveReply:
    """Decode ``227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)``; port = p1·256 + p2."""
    m = _227_RE.search(text)
    if not m:
        raise worded(
            ProtocolError,
            QT_TRANSLATE_NOOP("engine", "The server's PASV reply has no address in it: {reply}"),
            reply=quoted(text, 120),
        )
    nums = [server_number(x, 10) or 0 for x in m.groups()]  # (ASCII digits only, at most 10: never None)
    if any(n > 255 for n in nums):
        raise worded(
            ProtocolError,
            QT_TRANSLATE_NOOP("engine", "The server's PASV reply has a number over 255: {reply}"),
            reply=m.group(0),
        )
    port = nums[4] * 256 + nums[5]
    if not 1 <= port <= 65535:
        raise worded(
            ProtocolError,
            QT_TRANSLATE_NOOP("engine", "The server's PASV reply names port {port}, outside 1–65535: {reply}"),
            port=port,
            reply=m.group(0),
        )
    host = ".".join(str(n) for n in nums[:4])
    return PassiveReply(numbers=m.group(0), host=host, port=port)


def parse_229(text: str) -> PassiveReply:
    """Decode ``229 Entering Extended Passive Mode (|||port|)`` (any delimiter 33–126, RFC 2428)."""
    start = text.find("(")
    end = text.find(")", start + 1)
    if start < 0 or end < 0:
        raise worded(ProtocolError, EPSV_MALFORMED, reply=quoted(text, 120))
    inner = text[start + 1 : end]
    if len(inner) < 5:
        raise worded(ProtocolError, EPSV_MALFORMED, reply=quoted(text, 120))
    d = inner[0]
    if not 33 <= ord(d) <= 126 or d in "0123456789":
        raise worded(
            ProtocolError,
            QT_TRANSLATE_NOOP("engine", "The server's EPSV reply uses an invalid delimiter: {reply}"),
            reply=quoted(inner, 120),
        )
    parts = inner.split(d)
    # "|||6446|" splits into ['', '', '', '6446', '']
    # RFC 2428: the protocol and address fields of an EPSV reply are empty
    port = server_number(parts[3], 5) if len(parts) == 5 else None
    if port is None or parts[0] or parts[1] or parts[2] or parts[4]:
        raise worded(ProtocolError, EPSV_MALFORMED, reply=quoted(inner, 120))
    if not 1 <= port <= 65535:
        raise worded(
            ProtocolError,
            QT_TRANSLATE_NOOP("engine", "The server's EPSV reply names port {port}, outside 1–65535"),
            port=port,
        )
    return PassiveReply(numbers=f"({inner})", host=None, port=port)


def format_port(host: str, port: int) -> str:
    """The argument of PORT: ``h1,h2,h3,h4,p1,p2`` with p1 = port // 256 and p2 = port % 256."""
    addr = ipaddress.IPv4Address(host)
    return ",".join([*(str(b) for b in addr.packed), str(port >> 8), str(port & 0xFF)])


def format_eprt(host: str, port: int) -> str:
    """The argument of EPRT: ``|1|192.0.2.2|50000|`` or ``|2|::1|50000|`` (RFC 2428)."""
    addr = ipaddress.ip_address(host)
    proto = 1 if addr.version == 4 else 2
    return f"|{proto}|{addr.compressed}|{port}|"


def parse_port_argument(arg: str) -> Tuple[str, int]:
    """Decode a PORT argument (for the panel and tests): ``127,0,0,1,195,80`` → ("127.0.0.1", 50000)."""
    nums = [server_number(x.strip(), 3) for x in arg.split(",")]
    if len(nums) != 6 or any(n is None or n > 255 for n in nums):
        raise worded(ProtocolError, QT_TRANSLATE_NOOP("engine", "Not a PORT argument: {argument}"), argument=repr(arg))
    return ".".join(map(str, nums[:4])), nums[4] * 256 + nums[5]  # type: ignore[operator]


def parse_eprt_argument(arg: str) -> Tuple[str, int]:
    """Decode an EPRT argument: ``|2|::1|50000|`` → ("::1", 50000)."""
    d = arg[:1]
    parts = arg.split(d) if d else []
    port = server_number(parts[3], 5) if len(parts) == 5 else None
    if port is None or parts[1] not in ("1", "2"):
        raise worded(ProtocolError, QT_TRANSLATE_NOOP("engine", "Not an EPRT argument: {argument}"), argument=repr(arg))
    return parts[2], port


def parse_257(text: str) -> str:
    """The path in a 257 reply: quoted with doubled quotes inside, or (from older servers) unquoted.

    A missing end quote takes the rest of the line rather than failing. A path with CR, LF or NUL is
    refused: sent back in CWD it would become two commands.
    """
    path = _parse_257(text)
    if any(ch in path for ch in "\r\n\0"):
        raise worded(
            ProtocolError,
            QT_TRANSLATE_NOOP("engine", "The server's 257 reply names a path with a line break or NUL: {path}"),
            path=quoted(path, 120),
        )
    return path


def _parse_257(text: str) -> str:
    start = text.find('"')
    if start < 0:
        word = text.strip().split(" ", 1)[0] if text.strip() else ""
        if not word:
            raise worded(
                ProtocolError,
                QT_TRANSLATE_NOOP("engine", "The server's 257 reply names no directory: {reply}"),
                reply=quoted(text, 120),
            )
        return word
    out = []
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == '"':
            if text[i + 1 : i + 2] == '"':
                out.append('"')
                i += 2
                continue
            return "".join(out)
        out.append(ch)
        i += 1
    return "".join(out).rstrip()


def parse_feat(lines: Iterable[str]) -> Dict[str, str]:
    """FEAT's feature lines (``211-`` first, ``211 End`` last) → {NAME: parameters}."""
    features: Dict[str, str] = {}
    lines = list(lines)
    for line in lines[1:-1] if len(lines) >= 2 else []:
        if not line.startswith(" "):
            continue  # RFC 2389: feature lines start with a space; ignore chatter
        body = line.strip()
        if not body:
            continue
        name, _, params = body.partition(" ")
        features[name.upper()] = params.strip()
    return features


# the MLSD facts a listing reads (``listing_mlsd``), as FileZilla asks for them (its ``x.hidden`` aside)
MLST_WANTED = (
    "type",
    "size",
    "modify",
    "perm",
    "unix.mode",
    "unix.owner",
    "unix.ownername",
    "unix.group",
    "unix.groupname",
    "unix.user",
    "unix.uid",
    "unix.gid",
)


_FACT_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,39}")  # RFC 3659's fact names, bounded


def mlst_options(offered: str) -> Optional[str]:
    """``OPTS MLST``'s argument for FEAT's ``MLST`` line ``offered`` (``type*;perm*;size*;modify*;unique*;
    unix.mode;unix.uid;unix.gid;``: a ``*`` marks a fact given unasked), or None where every fact a listing
    reads that the server offers is given already. The facts given stay on (``unique`` too: a tree walk reads
    it), and those the listing reads are added: pyftpdlib gives ``unix.mode`` only when asked, so the mode of
    nothing it listed was known (design note 348). FileZilla asks so too (its logon's ``OPTS MLST``)."""
    given: List[str] = []
    missing = False
    for fact in offered.split(";"):
        fact = fact.strip()
        on = fact.endswith("*")
        name = fact.rstrip("*").lower()
        if not _FACT_NAME.fullmatch(name) or name in given:  # (a server's text, sent back: a fact's name only)
            continue
        if on or name in MLST_WANTED:
            given.append(name)
            missing |= not on
    return "".join(f + ";" for f in given) if missing else None


def parse_mdtm(text: str) -> datetime:
    """``YYYYMMDDHHMMSS[.fff]`` (UTC, RFC 3659) → an aware datetime."""
    m = _MDTM_RE.match(text.strip())
    if not m:
        raise worded(ProtocolError, QT_TRANSLATE_NOOP("engine", "Not a time stamp: {text}"), text=quoted(text, 40))
    y, mo, d, h, mi, s, frac = m.groups()
    micro = int((frac or "0").ljust(6, "0")[:6])
    try:
        return datetime(int(y), int(mo), int(d), int(h), int(mi), min(int(s), 59), micro, tzinfo=timezone.utc)
    except ValueError as exc:
        raise worded(
            ProtocolError, QT_TRANSLATE_NOOP("engine", "Not a valid time stamp: {text}"), text=quoted(text, 40)
        ) from exc


_PRIVATE_NETS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "169.254.0.0/16",
        "fc00::/7",
        "fe80::/10",
    )
)


def is_private(host: str) -> bool:
    """True for RFC 1918, RFC 6598 (carrier NAT), RFC 4193 and link-local addresses: ones behind a NAT."""
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return False
    if addr.version == 6 and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return any(addr in net for net in _PRIVATE_NETS if net.version == addr.version)


def _codes(*codes: Union[int, range]) -> FrozenSet[str]:
    return frozenset(str(n) for c in codes for n in (c if isinstance(c, range) else (c,)))


_FIRST = range(100, 200)  # (a 1xx before the logon's answer: ``ControlChannel.final`` reads on)
_TRANSFER = _codes(110, 125, 150, 226, 250)  # (a 1xx first, or the end at once: the transfer is done already)
# The answers that fit a command when it succeeds (RFC 959 4.2 and 5.4, RFC 2428, RFC 3659), each a reply code as
# the server writes it: the first reply after a command whose code is neither here nor an error (4xx/5xx fit every
# command) may be a reply nobody asked for, come late (``ControlLinesMixin.getresp``, design note 480). Checked
# against what vsftpd, pure-ftpd, proftpd and pyftpdlib answer. Commands not here are not checked.
ANSWERS: Dict[str, FrozenSet[str]] = {
    "USER": _codes(230, 331, 332, _FIRST),
    "PASS": _codes(230, 202, 332, _FIRST),
    "ACCT": _codes(230, 202, _FIRST),
    "PWD": _codes(257),
    "XPWD": _codes(257),
    "MKD": _codes(257),
    "XMKD": _codes(257),
    "CWD": _codes(250),
    "XCWD": _codes(250),
    "CDUP": _codes(250, 200),
    "XCUP": _codes(250, 200),
    "RMD": _codes(250),
    "XRMD": _codes(250),
    "DELE": _codes(250),
    "RNFR": _codes(350),
    "RNTO": _codes(250),
    "REST": _codes(350),
    "SIZE": _codes(213),
    "MDTM": _codes(213),
    "MLST": _codes(250),
    "TYPE": _codes(200),
    "FEAT": _codes(211),
    "PASV": _codes(227),
    "EPSV": _codes(229),
    "PORT": _codes(200),
    "EPRT": _codes(200),
    "RETR": _TRANSFER,
    "STOR": _TRANSFER,
    "STOU": _TRANSFER,
    "APPE": _TRANSFER,
    "LIST": _TRANSFER,
    "NLST": _TRANSFER,
    "MLSD": _TRANSFER,
}


def answers(line: str) -> Optional[FrozenSet[str]]:
    """The reply codes that answer the command ``line`` when it succeeds (``ANSWERS``), None when not checked."""
    return ANSWERS.get(line.partition(" ")[0].upper())
