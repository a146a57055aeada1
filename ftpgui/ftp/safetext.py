"""Server text made safe to show: on a terminal, in JSON, in the GUI's log and panes.

A server chooses its names, replies and facts. Shown raw, an ESC or a C1 control drives a terminal (a title
change, a screen clear, an OSC 52 clipboard write), CR or U+2028 fakes a new line, and a bidi override
(U+202E) shows ``gpj.exe`` as ``exe.jpg``. :func:`shown` writes each such character as a visible escape
(``\\x1b``, ``\\u202e``); everything else, any script, stays as it is. A byte of a name that the session's
encoding could not read (a lone surrogate, U+DC80–U+DCFF, from ``surrogateescape``) is written as that byte,
``\\xd6``. The real text is kept for operations: only what is displayed is escaped.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Callable, Match, Optional, Pattern, Sequence, Tuple

# C0 and DEL, C1, the bidi marks, embeddings, overrides and isolates, the Unicode line and paragraph
# separators, and lone surrogates (bytes no codec could decode, kept by surrogateescape).
_C0 = "\x00-\x1f"
_DEL_C1 = "\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_OTHERS = f"{_DEL_C1}{_BIDI}\u2028\u2029\ud800-\udfff"  # DEL and C1; bidi; line breakers; surrogates
# What no local file name may hold (``localpath.safe_name``): the control characters and the bidi controls
# (a file named "\u202egpj.exe" shows as "exe.jpg" in a file manager). Not the line separators (shown
# escaped, harmless on disk) nor the surrogates (a server's bytes in no known encoding: a real name).
CONTROL_OR_BIDI = re.compile(f"[{_C0}{_DEL_C1}{_BIDI}]")
UNSAFE = re.compile(f"[{_C0}{_OTHERS}]")
_JSON_UNSAFE = re.compile(f"[{_OTHERS}]")  # json.dumps escapes C0 itself


# the bytes of a name its session's encoding could not read, kept as lone surrogates (``surrogateescape``)
UNDECODED = re.compile("[\udc80-\udcff]")


def undecoded(text: str) -> bool:
    """True when ``text`` holds bytes its session's encoding could not read."""
    return not text.isascii() and UNDECODED.search(text) is not None


def _escape(match: Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte the server sent (a lone surrogate means nothing to a person)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def dated(moment: Any, fmt: str) -> str:
    """``moment.strftime(fmt)`` with ``%Y`` always four digits: C's strftime writes year 1 as "1" (glibc), so a
    server's 0001-01-01 read "1-01-01" (design note 241)."""
    return moment.strftime(fmt.replace("%Y", f"{moment.year:04d}"))


def shown(text: str) -> str:
    """``text`` with every control, bidi and line-breaking character (and undecodable byte) escaped."""
    if UNSAFE.search(text) is None:  # the common case: one scan in C, no copy
        return text
    return UNSAFE.sub(_escape, text)


# Characters of a name a list shows (of an owner, a group, a permission string too): no file system's names are
# longer than 255 (NAME_MAX is 255 bytes; NTFS's, 255 UTF-16 units). A view measures and elides the whole text
# of each cell it fits or paints: 200 names of 60,000 characters held the window 4.5 s fitting the columns and
# 1.7 s each time it painted (found by QA, with names of megabytes). A tooltip's name or link target: PATH_MAX.
NAME_SHOWN = 256
PATH_SHOWN = 4096


def shown_name(text: str, limit: int = NAME_SHOWN) -> str:
    """:func:`shown` of a name a server listed (an owner, a link's target), at most ``limit`` of its characters
    and "…" when it has more: what a list's cell or a tooltip shows (the name itself is kept for operations)."""
    if len(text) <= limit:
        return shown(text)
    return shown(text[:limit]) + "…"


# a run of characters no separator, colon or space breaks, longer than NAME_SHOWN
_LONG_NAME = re.compile(f"[^/:\\\\\\s]{{{NAME_SHOWN + 1},}}")


def shown_cut(text: str) -> str:
    """:func:`shown` of a message with names and paths in it (an error line), each name longer than any a file
    system holds cut as :func:`shown_name` cuts it: a failed name of 10,000 characters, twice in its line, made
    20 KB of one (found by QA; design note 297)."""
    if len(text) <= NAME_SHOWN:
        return shown(text)
    out, at = [], 0
    for long in _LONG_NAME.finditer(text):
        out += [shown(text[at : long.start()]), shown_name(long.group())]
        at = long.end()
    return "".join(out) + shown(text[at:])


LINE_SHOWN = 200  # characters of a line of server text (a listing's that no format reads) a report shows


def shown_line(line: bytes, decode: Callable[[bytes], str]) -> str:
    """A line the server sent as bytes (a listing's that no format reads: ``parse_list``'s ``unparsed``), as a
    report shows it: decoded as the session decodes names, cut after ``LINE_SHOWN`` characters, and
    :func:`shown`."""
    text = decode(bytes(line[: LINE_SHOWN * 4]))
    cut = len(text) > LINE_SHOWN or len(line) > LINE_SHOWN * 4
    return shown(text[:LINE_SHOWN]) + ("…" if cut else "")


UNREAD_KEPT = 5  # lines of one listing no format read that a report shows (the rest are counted)


@dataclass(frozen=True)
class UnreadLines:
    """The lines of one folder's listing that no format read, as a walk reports them: what they name was left
    out of what it did (shown, searched, deleted, changed). ``folder`` as shown; how many; the first
    ``UNREAD_KEPT`` as :func:`shown_line` shows them."""

    folder: str
    count: int
    lines: Tuple[str, ...]

    @classmethod
    def of(cls, folder: str, unparsed: Sequence[bytes], decode: Callable[[bytes], str]) -> Optional[UnreadLines]:
        """``unparsed`` (``listdir``'s) of ``folder`` as a report, or None when every line was read."""
        if not unparsed:
            return None
        return cls(folder, len(unparsed), tuple(shown_line(line, decode) for line in unparsed[:UNREAD_KEPT]))


def shown_lines(text: str) -> str:
    """Our own words with a server's text in them (a question, a dialog's label, a status message), as they are
    shown: each line :func:`shown`, only the line breaks kept — a name's ESC, CR or bidi override in them is
    a visible escape. A line break of a name's own would still fake a line: a name (a certificate's subject, a
    reply) put into our words is :func:`shown` first."""
    return "\n".join(shown(line) for line in text.split("\n")) if "\n" in text else shown(text)


def shown_back(typed: str, original: str) -> str:
    """What a person typed over ``shown(original)`` (a name to rename): ``original`` when left as it was shown,
    else the typed text with the escapes of ``original``'s own unsafe characters (``\\u202e``, ``\\x1b``, a
    byte no codec read) turned back into them — what is sent is the name's real characters, not their escapes.
    An escape ``original`` does not hold is kept as typed."""
    if is_safe(original):
        return typed
    if typed == shown(original):
        return original
    for ch in set(UNSAFE.findall(original)):
        typed = typed.replace(shown(ch), ch)
    return typed


def is_safe(text: str) -> bool:
    """True when :func:`shown` would leave ``text`` as it is."""
    return UNSAFE.search(text) is None


def json_safe(json_text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which escapes only C0) with C1, DEL, bidi
    and line-separator characters and lone surrogates as ``\\uXXXX`` escapes too: still the same JSON
    value, but nothing in it can drive a terminal. (These characters can only be inside JSON strings.)"""
    if _JSON_UNSAFE.search(json_text) is None:
        return json_text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


__all__ = [
    "CONTROL_OR_BIDI",
    "UNDECODED",
    "UNSAFE",
    "is_safe",
    "json_safe",
    "shown",
    "shown_back",
    "shown_lines",
]


_SECRET_VERBS = ("PASS", "ACCT")


def mask_command(line: str) -> str:
    """The command as it may be shown or logged: PASS/ACCT arguments replaced by stars."""
    verb = line.split(" ", 1)[0].upper()
    if verb in _SECRET_VERBS and " " in line:
        return f"{line.split(' ', 1)[0]} ****"
    return line


# Passwords this process has sent (a login's, a proxy's): a server may echo one back in a reply ("530 wrong
# password 'S3cret'", "550 ... your password was ..."), and a reply's words go to the log, the terminal and
# messages. Text from a server is masked with :func:`mask_secrets` wherever it becomes shown text (reply
# events, errors); the replies the engine parses stay as they came (a folder's name may contain the password).
# Only a whole word is the password: the password "pass" masked inside "229 Entering extended passive mode"
# showed "****ive" and so gave itself away (found by QA; design note 307). Where the password is sent (PASS's
# argument, an address's password, a proxy's credentials) it is masked by its place, whatever it is.
_SECRETS: Tuple[Tuple[str, Pattern[str]], ...] = ()  # (a tuple replaced whole, longest first: read by any thread)
_SECRETS_LOCK = threading.Lock()
SECRET_MIN = 3  # shorter ones are not looked for: "a" or "12" in a reply is chance, and masking it everywhere
# would make every reply unreadable (the password itself is never sent to a log: ``mask_command``)
MASK = "****"
_WORD = re.compile(r"\w")


def whole_word(secret: str) -> Pattern[str]:
    """``secret`` where it is a word of its own: no letter, digit or "_" touches it on either side."""
    return re.compile(rf"(?<!\w){re.escape(secret)}(?!\w)")


def _star(found: Match[str]) -> str:
    """Stars for a password found, but not for a reply's code (``227 Entering Passive Mode`` with "227" as the
    password: the code is the protocol's, never an echo) — at a line's start, or after a transcript's "< "."""
    at, text, word = found.start(), found.string, found.group()
    if len(word) == 3 and word.isdigit() and text[found.end() : found.end() + 1] in (" ", "-", ""):
        if at == 0 or text[at - 1] == "\n" or text[max(0, at - 2) : at] == "< ":
            return word
    return MASK


def mask_word(text: str, secret: str) -> str:
    """``text`` with ``secret`` replaced by stars where it is a word of its own (not a reply's code)."""
    return whole_word(secret).sub(_star, text) if secret in text else text


def hide_secret(secret: str) -> None:
    """From now on, :func:`mask_secrets` replaces ``secret`` (kept in memory only, as the password is)."""
    global _SECRETS
    if len(secret) < SECRET_MIN or any(secret == known for known, _ in _SECRETS):
        return
    with _SECRETS_LOCK:
        found = {known: pattern for known, pattern in _SECRETS}
        found.setdefault(secret, whole_word(secret))
        _SECRETS = tuple(sorted(found.items(), key=lambda kv: len(kv[0]), reverse=True))


def mask_secrets(text: str, cut: bool = False) -> str:
    """``text`` (a server's) with every password of :func:`hide_secret` that stands as a word of its own
    replaced by stars; inside a word ("pass" in "passive") it is left, as is the rest of the server's text.
    ``cut``: ``text`` was cut short (a reply quoted in a message), and the start of a password where it ends
    (4 characters or more, a word's start) is masked too."""
    for secret, pattern in _SECRETS:
        if secret in text:
            text = pattern.sub(_star, text)
        if not cut:
            continue
        for n in range(len(secret) - 1, max(SECRET_MIN, 4) - 1, -1):  # (4 or more of it: fewer is chance)
            at = len(text) - n
            if text.endswith(secret[:n]) and (at == 0 or not _WORD.match(text[at - 1])):
                text = text[:at] + MASK
                break
    return text


def quoted(text: str, limit: int) -> str:
    """A server's ``text`` cut to ``limit`` characters and quoted (``repr``) for a message, every password
    masked first — in the whole text, then the start of one the cut left at its end (``mask_secrets``) — and
    only then escaped. Masked after ``repr`` (``worded`` masks its values), the cut text ended in a quote
    (``…Secr3tPass'``), not in the start of the password, and a backslash or a tab in one came out escaped
    (``Se\\\\cr``, ``tab\\tPw``): neither was found (found by QA)."""
    return repr(mask_secrets(mask_secrets(text)[:limit], cut=True))


def format_address(addr: Tuple[str, int]) -> str:
    """``host:port``, with IPv6 hosts in brackets."""
    host, port = addr
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
