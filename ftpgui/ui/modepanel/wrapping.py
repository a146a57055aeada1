"""Text broken into lines for the picture, the ladder and the connection picker: at spaces, anywhere in a long
word, and an address after its ':', '.' and '@'. (Apart from ``canvas``: the first window's empty picture and
picker do without it; it loads with the first connection's name.)
"""

from __future__ import annotations

import re
from typing import Dict, List, Tuple

from PySide6.QtGui import QFont, QTextLayout, QTextOption

_WRAPPED: Dict[tuple, tuple] = {}


def line_spans(text: str, font: QFont, width: float, most: int = 0) -> List[Tuple[int, int]]:
    """Where ``text``'s lines start and how long they are, each no wider than ``width`` in ``font``: broken at
    spaces, or anywhere in a longer word; with ``most``, only the first ``most`` lines are laid out."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # words; a long token anywhere
    layout.setTextOption(option)
    layout.beginLayout()
    spans = []
    while not most or len(spans) < most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return spans


def _wrapped(text: str, font: QFont, width: float) -> tuple:
    pieces = [text[start : start + length].rstrip() for start, length in line_spans(text, font, width)]
    return tuple(p for p in pieces if p) or ("",)


def wrapped(text: str, font: QFont, width: float, address: bool = False) -> tuple:
    """``text`` broken into lines no wider than ``width`` in ``font``: at spaces, or anywhere in a long word;
    ``address``: an address, broken after its ':', '.' and '@' first ("2001:db8:1234:" / "5678:9abc:")."""
    key = (text, font.key(), width, address)
    pieces = _WRAPPED.get(key)
    if pieces is None:
        if len(_WRAPPED) > 256:
            _WRAPPED.clear()
        if address:
            pieces = _with_brackets(tuple(p.replace(_BREAK, "") for p in _wrapped(_breakable(text), font, width)))
        else:
            pieces = _wrapped(text, font, width)
        _WRAPPED[key] = pieces
    return pieces


_BREAK = "\u200b"  # a zero-width space: a place a line may break, drawn as nothing
_ADDRESS_BREAKS = str.maketrans({c: c + _BREAK for c in ":.@"})
_TIME = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")  # a closed connection's "19:12:25": never broken
_CLOSING, _OPENING = ")]）】」』，。、", "([（【「『"


def _breakable(text: str) -> str:
    """``text`` with a break allowed after an address's ':', '.' and '@', but not inside a time (a closed
    connection's name broke as "(closed 19:" / "12:25)" - QA)."""
    out, at = [], 0
    for m in _TIME.finditer(text):
        out += [text[at : m.start()].translate(_ADDRESS_BREAKS), m.group()]
        at = m.end()
    return "".join(out) + text[at:].translate(_ADDRESS_BREAKS)


def _with_brackets(pieces: tuple) -> tuple:
    """No line starts with a closing bracket (nor ends with an opening one): the word before it goes down with it
    (a Chinese name left "）" alone on its last line - QA)."""
    lines = list(pieces)
    for i in range(1, len(lines)):
        before = lines[i - 1]
        if len(before) < 2:
            continue
        if before[-1] in _OPENING:
            cut = len(before) - 1
        elif lines[i][0] in _CLOSING:
            space = before.rfind(" ")
            cut = space + 1 if space > 0 else len(before) - 1  # (a CJK run: its last character goes down)
        else:
            continue
        lines[i - 1], lines[i] = before[:cut].rstrip(), before[cut:] + lines[i]
    return tuple(line for line in lines if line)
