"""The transfer type (RFC 959 TYPE A or I): which files go as ASCII, and the client's line-end conversion.

ASCII on the wire ends lines with CRLF. A download in ASCII turns CRLF into the local convention (LF on
POSIX, unchanged on Windows); an upload turns local LF into CRLF. Binary (TYPE I) is the default: bytes
arrive exactly as they were sent.
"""

from __future__ import annotations

import os
from typing import BinaryIO, Callable, Iterable, Optional

AUTO, BINARY, ASCII = "auto", "binary", "ascii"
TYPES = (AUTO, BINARY, ASCII)
DEFAULT_ASCII_EXTENSIONS = (
    ".txt .html .htm .php .css .js .sh .pl .py .xml .json .csv .md .ini .conf .cfg .log .svg .bat .cmd"
)
# how much an ASCII file may grow on the wire (every LF becoming CRLF at most doubles it): the size a
# server announced times this is the most written before the download is stopped as lying
ASCII_GROWTH = 2
_LOCAL_CRLF = os.linesep == "\r\n"


def extensions(text: str) -> frozenset:
    """``".txt .html, md"`` as a set of lower-case extensions with their dot."""
    words = text.replace(",", " ").replace(";", " ").split()
    return frozenset(w.lower() if w.startswith(".") else "." + w.lower() for w in words)


def is_ascii(kind: str, name: str, ascii_extensions: Iterable[str] = ()) -> bool:
    """Whether ``name`` goes in ASCII: ``kind`` is ``ascii``, or ``auto`` and its extension is a text one."""
    if kind == ASCII:
        return True
    if kind != AUTO:
        return False
    ext = os.path.splitext(name.rsplit("/", 1)[-1])[1].lower()
    return bool(ext) and ext in (ascii_extensions if ascii_extensions else extensions(DEFAULT_ASCII_EXTENSIONS))


class LocalLineEnds:
    """A download's ``write`` for ASCII: CRLF on the wire written as the local line end (LF on POSIX).

    A CR at the end of one block waits for the next block's first byte; a lone CR is kept."""

    def __init__(self, write: Callable[[memoryview], object]):
        self._write = write
        self._cr = False

    def __call__(self, block: memoryview) -> None:
        data = bytes(block)
        if _LOCAL_CRLF:
            self._write(memoryview(data))
            return
        if self._cr:
            data = b"\r" + data
            self._cr = False
        if data.endswith(b"\r"):
            data, self._cr = data[:-1], True
        self._write(memoryview(data.replace(b"\r\n", b"\n")))

    def finish(self) -> None:
        """Write a CR that ended the file (held back in case an LF followed)."""
        if self._cr:
            self._cr = False
            self._write(memoryview(b"\r"))


class WireLineEnds:
    """An upload's source for ASCII: local LF sent as CRLF (a CRLF already there stays one CRLF)."""

    def __init__(self, source: BinaryIO):
        self._source = source
        self._cr = False  # the last byte handed out was a CR

    def tell(self) -> int:
        return 0  # where the converted stream starts (``send`` reads from here to the end)

    def read(self, n: int = -1) -> bytes:
        data = self._source.read(n)
        if not data:
            return data
        if _LOCAL_CRLF:
            return data
        # LF not preceded by CR (also across blocks) becomes CRLF
        out = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        if self._cr and data.startswith(b"\n"):
            out = out[1:]  # that LF's CR was sent at the end of the last block
        self._cr = data.endswith(b"\r")
        return out


def wire_source(source: BinaryIO, ascii: bool) -> BinaryIO:
    """``source`` as sent: itself in binary, converted to CRLF in ASCII."""
    return WireLineEnds(source) if ascii else source  # type: ignore[return-value]


def growth_limit(total: Optional[int], ascii: bool) -> Optional[int]:
    """The most bytes a download may write when the server announced ``total``."""
    if total is None or not ascii:
        return total
    return total * ASCII_GROWTH + 2
