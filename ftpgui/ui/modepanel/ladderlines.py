"""How the ladder lays a row's words out: in lines that fit the row's room, as many as they need.

A row is never elided to fit a narrow dock (design note 163: "229 Entering extend…" hid the port the reply
names). Its words wrap at spaces, or anywhere in a word longer than a line, and the row grows by a line for each
line more. Only what no reply a person reads needs — a server's reply of hundreds of characters — is cut, after
``MAX_LINES`` lines, its last line ending in "…"; such a row says more in a tooltip, which is bounded too. The
work is bounded by the room, not by the text: at most the characters ``MAX_LINES`` lines could hold are laid out.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Dict, Tuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from . import narration as nr
from .wrapping import line_spans

translate = QCoreApplication.translate

MAX_LINES = 6  # a row's words take at most this many lines; more is a hostile reply, cut with "…"
NARROWEST = 3.0  # px: a line is taken to hold at most room/3 characters (12 px fonts; narrower ones cut sooner)
SHORT = 240  # characters: a text this short is measured whole before it is laid out
TIP_CHARS = 2000  # a cut row's tooltip says at most this many characters of it,
TIP_WIDTH = 80  # in lines of at most this many
MEMO_KEPT = 4096  # laid-out texts remembered per view (a rebuild three times a second lays out only new ones)


@dataclass(frozen=True)
class RowLayout:
    """A row as laid out: its words' lines, its height, and whether its words were cut (a hostile reply)."""

    lines: Tuple[str, ...]
    height: float
    cut: bool = False


Memo = Dict[tuple, RowLayout]  # (mono, text, width) → its layout, for one base font


def wrap(text: str, font: QFont, fm: QFontMetricsF, width: float, pitch: float = 0.0) -> Tuple[Tuple[str, ...], bool]:
    """``text`` in lines no wider than ``width`` in ``font`` (``fm`` its metrics), and whether it was cut.
    ``pitch``: ``font`` is monospaced, each printable ASCII character that wide (a reply is counted, not shaped:
    a hundred times faster, which a ladder of 2,000 rows laid out again at each width of a dragged dock needs)."""
    width = max(10.0, width)
    if pitch and len(text) <= SHORT and text.isascii() and text.isprintable():
        lines = _columns(text, max(1, int(width // pitch)))
        if len(lines) <= MAX_LINES:
            return lines, False
    elif len(text) <= SHORT and fm.horizontalAdvance(text) <= width:
        return (text,), False
    return _wrap(text, font, fm, width)


def _columns(text: str, columns: int) -> Tuple[str, ...]:
    """``text`` in lines of at most ``columns`` characters: broken at spaces, a longer word anywhere."""
    lines = []
    line = None
    for word in text.split(" "):
        if line is None:
            line = word
        elif len(line) + 1 + len(word) <= columns:
            line += " " + word
        else:
            lines.append(line)
            line = word
        while len(line) > columns:
            lines.append(line[:columns])
            line = line[columns:]
    lines.append(line or "")
    return tuple(kept for kept in (piece.rstrip() for piece in lines) if kept) or ("",)


def remember(memo: Memo, key: tuple, lay: RowLayout) -> RowLayout:
    if len(memo) >= MEMO_KEPT:
        memo.clear()
    memo[key] = lay
    return lay


def _wrap(text: str, font: QFont, fm: QFontMetricsF, width: float) -> Tuple[Tuple[str, ...], bool]:
    head = text[: MAX_LINES * (int(width / NARROWEST) + 1)]  # (all that MAX_LINES lines could show)
    spans = line_spans(head, font, width, MAX_LINES + 1)  # one line more than shown: whether the words go on
    cut = len(spans) > MAX_LINES or len(head) < len(text)
    spans = spans[:MAX_LINES]
    lines = [head[start : start + length].rstrip() for start, length in spans]
    if cut and spans:  # the last line shown: as much of the rest as fits before "…"
        rest = head[spans[-1][0] :]
        last = fm.elidedText(rest, Qt.TextElideMode.ElideRight, width - fm.horizontalAdvance("…"))
        lines[-1] = last if last.endswith("…") else last.rstrip() + "…"
    return tuple(line for line in lines if line) or ("",), cut


def tooltip(text: str) -> str:
    """A cut row's words for its tooltip: at most ``TIP_CHARS`` of them, in lines, and how many more there are."""
    lines = textwrap.wrap(text[:TIP_CHARS], TIP_WIDTH, break_on_hyphens=False) or [""]
    if len(text) > TIP_CHARS:
        more = translate("ModePanel", "… ({count} more characters)")
        lines.append(more.format(count=nr.number(len(text) - TIP_CHARS)))
    return "\n".join(lines)
