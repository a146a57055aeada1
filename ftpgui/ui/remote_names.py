"""What the remote pane says about a listed name beyond the name itself, in its tooltip: bytes the session's
encoding could not read (shown as codes), and, where another name in the folder reads the same (a legacy
server's UTF-8 and GBK bytes for one text), the codec this one was read in and its bytes — and how such a name
is marked (in italics). The results of Search Remote Files mark theirs the same way, and a folder that reads
like another one too (design note 166).

In the remote model's words (``RemoteModel``): these sentences were its own before they moved here.
"""

from __future__ import annotations

from typing import Optional, Tuple

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont

from ..ftp import Entry
from ..ftp.names import codec_name, codec_that_read
from ..ftp.safetext import PATH_SHOWN, shown_name
from ..ftp.safetext import undecoded as has_codes

translate = QCoreApplication.translate
BYTES_SHOWN = 96  # of a name that reads like another, at most this many of its bytes in its tooltip
BYTES_A_LINE = 24  # in lines of this many (a tooltip does not wrap)


def alike_font() -> QFont:
    """The font of a name that reads like another: italics, over the view's own font (only italic is set)."""
    font = QFont()
    font.setItalic(True)
    return font


def _listed(raw: bytes) -> str:
    """``raw`` as hex, at most ``BYTES_SHOWN`` bytes in lines of ``BYTES_A_LINE``, with the count beyond."""
    line = BYTES_A_LINE
    listed = "\n".join(raw[i : i + line].hex(" ") for i in range(0, min(len(raw), BYTES_SHOWN), line))
    if len(raw) > BYTES_SHOWN:
        listed += " … " + translate("RemoteModel", "({count} bytes)").format(count=len(raw))
    return listed


def alike(e: Entry, codecs: Tuple[str, ...]) -> str:
    """A name another entry reads as too: the codec this one was read in (of the session's ``codecs``) and its
    bytes, so a person can tell the rows apart (every action sends the bytes listed)."""
    raw = e.wire_name
    codec = codec_that_read(raw, e.name, codecs)
    if codec is None:  # (its bytes are kept as codes: the shown name tells them apart already)
        text = translate("RemoteModel", "Another name in this folder reads the same. This one was listed as {bytes}")
        return text.format(bytes=_listed(raw))
    text = translate(
        "RemoteModel", "Another name in this folder reads the same. This one was listed in {codec} as {bytes}"
    )
    return text.format(codec=codec_name(codec), bytes=_listed(raw))


def folder_alike(raw: bytes, path: str, codecs: Tuple[str, ...]) -> str:
    """A folder's path another folder's reads as too (a search's result in each): as :func:`alike` says a name."""
    codec = codec_that_read(raw, path, codecs)
    if codec is None:  # (its parts were read in different codecs, or kept as codes)
        text = translate("RemoteModel", "Another folder reads the same. This one was listed as {bytes}")
        return text.format(bytes=_listed(raw))
    text = translate("RemoteModel", "Another folder reads the same. This one was listed in {codec} as {bytes}")
    return text.format(codec=codec_name(codec), bytes=_listed(raw))


def link(e: Entry) -> str:
    """A link's name and its target, as its tooltip says them: each at most a path's length (a server's 5 MB
    target would be a 5 MB tooltip)."""
    return f"{shown_name(e.name, PATH_SHOWN)} → {shown_name(e.target or '', PATH_SHOWN)}"


def undecoded(e: Entry, read_as: Optional[str]) -> str:
    """A name with bytes the session's encoding cannot read: what the escapes are, and the name in the code
    page the listing's names look like (``read_as``, from the window's hint), so a person can judge it ("":
    the name has none)."""
    if not has_codes(e.name):
        return ""
    tip = translate("RemoteModel", "Bytes this session's encoding cannot read are shown as codes such as \\xd6.")
    if read_as:
        try:
            text = e.wire_name.decode(read_as)
        except UnicodeDecodeError:
            return tip
        tip += "\n" + translate("RemoteModel", "Read as {codec}: {name}").format(
            codec=codec_name(read_as), name=shown_name(text, PATH_SHOWN)
        )
    return tip
