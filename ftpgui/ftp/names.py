"""File-name encodings: how a session turns the server's name bytes into text, and text back into bytes.

FTP names are bytes; RFC 2640 says UTF-8, older servers use their system code page (GBK, Big5, Shift_JIS…).
Every decoded name can be sent back as the exact bytes it came from: a name that fits no codec is kept
with its bytes above 127 as lone surrogates (PEP 383 ``surrogateescape``), which encode back byte for byte
in every codec offered here (all of them are ASCII-compatible).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from operator import methodcaller
from typing import AnyStr, Dict, NamedTuple, Optional, Tuple, Union

from .errors import QT_TRANSLATE_NOOP, UnsafeArgument, worded
from .replies import unsendable


class Codec(NamedTuple):
    """A codec a session may use, in the words of each place that names it."""

    canonical: str  # Python's name ("iso8859-1"): aliases such as "latin-1" and "cp936" map onto these
    value: str  # the spelling a site saves and ``--encoding`` is written with ("latin-1")
    name: str  # its short name for people, the same in every language ("Latin-1")
    language: Optional[str]  # the language it is for, marked for translation (None: UTF-8, for every language)


# The codecs a session may use, as the encoding box offers them. Their languages are translated under the
# encoding box's context, where they are shown (``ftpgui.ui.encoding_box.choice_label``).
OFFERED = (
    Codec("utf-8", "utf-8", "UTF-8", None),
    Codec("gbk", "gbk", "GBK", QT_TRANSLATE_NOOP("EncodingBox", "Simplified Chinese")),
    Codec("gb18030", "gb18030", "GB18030", QT_TRANSLATE_NOOP("EncodingBox", "Simplified Chinese")),
    Codec("big5", "big5", "Big5", QT_TRANSLATE_NOOP("EncodingBox", "Traditional Chinese")),
    Codec("big5hkscs", "big5hkscs", "Big5-HKSCS", QT_TRANSLATE_NOOP("EncodingBox", "Traditional Chinese, Hong Kong")),
    Codec("cp950", "cp950", "CP950", QT_TRANSLATE_NOOP("EncodingBox", "Traditional Chinese, Windows")),
    Codec("shift_jis", "shift_jis", "Shift_JIS", QT_TRANSLATE_NOOP("EncodingBox", "Japanese")),
    Codec("cp932", "cp932", "CP932", QT_TRANSLATE_NOOP("EncodingBox", "Japanese, Windows")),
    Codec("euc_jp", "euc-jp", "EUC-JP", QT_TRANSLATE_NOOP("EncodingBox", "Japanese")),
    Codec("euc_kr", "euc-kr", "EUC-KR", QT_TRANSLATE_NOOP("EncodingBox", "Korean")),
    Codec("cp949", "cp949", "CP949", QT_TRANSLATE_NOOP("EncodingBox", "Korean, Windows")),
    Codec("iso8859-1", "latin-1", "Latin-1", QT_TRANSLATE_NOOP("EncodingBox", "ISO-8859-1, Western European")),
    Codec("cp1252", "cp1252", "Windows-1252", QT_TRANSLATE_NOOP("EncodingBox", "Western European")),
)
_BY_CANONICAL: Dict[str, Codec] = {c.canonical: c for c in OFFERED}
CODECS = tuple(_BY_CANONICAL)  # Python's canonical names of the codecs a session may use
_LOSSLESS = {"utf-8", "iso8859-1"}  # decoding strictly and encoding again always gives the same bytes
_MEMO_LIMIT = 100_000


@dataclass(frozen=True)
class EncodingChoice:
    """What ``--encoding`` asked for: one codec, or ``auto`` (UTF-8 if the server says so) with a fallback."""

    auto: bool
    codec: str  # the fixed codec; for auto, "utf-8"
    fallback: Optional[str] = None  # auto only: for names that are not valid UTF-8


def canonical_codec(name: str) -> str:
    """The canonical name of a codec this client offers; ValueError (in words) for anything else."""
    try:
        canonical = codecs.lookup(name.strip()).name
    except LookupError:
        canonical = ""
    if canonical not in CODECS:
        offered = "utf-8, gbk, gb18030, big5, shift_jis, euc-kr, latin-1 (and cp932, cp949, cp950, cp1252, euc-jp)"
        raise ValueError(f"unknown or unsupported encoding {name!r}: use {offered}, auto or auto:CODEC")
    return canonical


def offered(codec: str) -> Codec:
    """The codec offered under any of its spellings ("GBK", "cp936", "latin-1"); ValueError for any other."""
    return _BY_CANONICAL[canonical_codec(codec)]


def codec_name(codec: str) -> str:
    """The short name of a codec ("GBK", "Latin-1"), for any of its spellings."""
    return offered(codec).name


def codec_value(codec: str) -> str:
    """The spelling a choice of this codec saves and ``--encoding`` takes ("latin-1" for "iso8859-1")."""
    return offered(codec).value


def parse_encoding(text: str) -> EncodingChoice:
    """``utf-8``, ``gbk``… (one codec), ``auto`` or ``auto:CODEC`` (UTF-8 when valid, else CODEC)."""
    spec = text.strip()
    head, sep, tail = spec.partition(":")
    if head.lower() == "auto":
        if not sep:
            return EncodingChoice(auto=True, codec="utf-8")
        fallback = canonical_codec(tail)
        return EncodingChoice(auto=True, codec="utf-8", fallback=None if fallback == "utf-8" else fallback)
    return EncodingChoice(auto=False, codec=canonical_codec(spec))


def setting_that_reads(codec: str, current: str) -> str:
    """The encoding setting that reads names written in ``codec`` (spelled as the setting spells it: "gbk",
    "latin-1") on a session set to ``current``: ``auto:CODEC`` (names valid in UTF-8 still read so, on any
    server), or ``CODEC`` alone where ``auto:CODEC`` is the setting already."""
    auto = f"auto:{codec}"
    try:
        already = parse_encoding(current) == parse_encoding(auto)
    except ValueError:
        already = False
    return codec if already else auto


class NameCodec:
    """Decodes the names a server lists and encodes the names sent to it, so that both directions agree.

    ``decoders`` are tried in order (strictly); ``encoders`` are tried in order for text typed by a person.
    A name decoded with a codec other than the first encoder is remembered, so the same text typed back
    (a listed name, a PWD path) goes out as the bytes it was listed with.
    """

    def __init__(self, decoders: Tuple[str, ...], encoders: Tuple[str, ...]):
        self.decoders = decoders
        self.encoders = encoders
        self._typed = encoders[0]
        self._utf8_first = decoders[0] == "utf-8"
        self._memo: Dict[str, bytes] = {}
        self._remember = any(c != self._typed for c in decoders)
        if decoders == encoders == ("utf-8",):
            # UTF-8 only: invalid bytes become lone surrogates, which UTF-8 writes back exactly; the same result
            # as the method below, in one C call (a listing decodes a name per line)
            self.decode = methodcaller("decode", "utf-8", "surrogateescape")  # type: ignore[method-assign]

    @classmethod
    def for_session(cls, choice: EncodingChoice, server_utf8: bool) -> NameCodec:
        """The codec a session uses once it knows whether the server advertised UTF8 in FEAT."""
        if not choice.auto:
            return cls((choice.codec,), (choice.codec,))
        if not choice.fallback:
            return cls(("utf-8",), ("utf-8",))
        if server_utf8:  # (it says UTF-8, and may still list names in its disk's code page: those read in it)
            return cls(("utf-8", choice.fallback), ("utf-8", choice.fallback))
        # a legacy server: names it lists may be UTF-8 or its own code page; names typed for it go out in
        # its code page (what its other clients expect), or UTF-8 when the code page cannot write them
        return cls(("utf-8", choice.fallback), (choice.fallback, "utf-8"))

    def decode(self, raw: bytes) -> str:
        """The name as text; bytes no codec accepts are kept as lone surrogates (shown escaped)."""
        if self._utf8_first:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                if self._remember and not text.isascii():
                    self._note(text, raw)
                return text
        for codec in self.decoders[1:] if self._utf8_first else self.decoders:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            try:
                exact = codec in _LOSSLESS or text.encode(codec) == raw
            except UnicodeEncodeError:  # a codec that reads a character it cannot write
                exact = False
            if exact:
                if self._remember and codec != self._typed and not text.isascii():
                    self._note(text, raw)
                return text
        text = raw.decode(self._typed, "surrogateescape")
        try:
            if text.encode(self._typed, "surrogateescape") == raw:
                return text
        except UnicodeError:
            pass
        return raw.decode("ascii", "surrogateescape")

    def _note(self, text: str, raw: bytes) -> None:
        memo = self._memo
        if len(memo) >= _MEMO_LIMIT and text not in memo:  # (a name read again, e.g. a row repainted, is no new one)
            memo.clear()
        memo[text] = raw

    def encode(self, text: str) -> bytes:
        """Bytes for a name or path: listed names as listed, other text in the first codec that can write it."""
        if text.isascii():
            return text.encode("ascii")
        if self._memo:
            raw = self._memo.get(text)
            if raw is not None:
                return raw
            if "/" in text:
                return b"/".join(self.encode(part) for part in text.split("/"))
        for codec in self.encoders:
            try:
                return text.encode(codec, "surrogateescape")
            except UnicodeEncodeError:
                continue
        raise worded(
            UnsafeArgument,
            QT_TRANSLATE_NOOP("engine", "The name {name} cannot be written in the session's encoding ({codec})."),
            name=repr(text),
            codec=self.encoders[0],
        )

    def show(self, raw: bytes) -> str:
        """Text for a person (a command line in the log): decoded like a name, and nothing remembered."""
        for codec in self.decoders:
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                continue
        return raw.decode("ascii", "surrogateescape")

    def decode_path(self, raw: bytes) -> str:
        """A path from the server (a PWD reply), each component decoded on its own."""
        return "/".join(self.decode(part) for part in raw.split(b"/"))


UTF8 = NameCodec(("utf-8",), ("utf-8",))


def codec_that_read(raw: bytes, text: str, decoders: Tuple[str, ...]) -> Optional[str]:
    """Which of a session's ``decoders`` read the name ``raw`` as ``text``: the first that reads it so, as
    :meth:`NameCodec.decode` tries them (None: none did, its bytes are kept as codes)."""
    for codec in decoders:
        try:
            if raw.decode(codec) == text:
                return codec
        except UnicodeDecodeError:
            continue
    return None


RemotePath = Union[str, bytes]  # text (encoded with the session's NameCodec) or the server's exact bytes


def remote_join(base: AnyStr, name: AnyStr) -> AnyStr:
    """``base/name`` for text or for the server's bytes."""
    if not base:
        return name
    slash = "/" if isinstance(base, str) else b"/"
    return base.rstrip(slash) + slash + name if base != slash else slash + name


# a name the server listed that no command can carry (``replies.unsendable``): a folder's such entry fails on its
# own, in these words beside its path, and the rest of the folder is copied (the queue and ``get -r`` left it
# out as a local name's "skip" nobody saw, with exit status 0; design note 186)
NOT_DOWNLOADED = QT_TRANSLATE_NOOP(
    "engine", "its name holds the control character {char}, which FTP cannot send to a server; not downloaded"
)


def unsendable_name(path: RemotePath) -> Optional[UnsafeArgument]:
    """Why ``path`` (text, or the server's bytes) cannot be downloaded when a character of it cannot be sent in
    an FTP command; None when it can be sent."""
    char = unsendable(path)
    return None if char is None else worded(UnsafeArgument, NOT_DOWNLOADED, char=char)
