"""The words on the control arrow's pill in the room it has: the part the step is about kept whole.

A reply's code and its numbers ("229 … (|||43919|)", "227 … (10,9,9,9,195,90)") and a command's verb and
argument are what the step explains; the words between ("Entering Extended Passive Mode") are only the
server's prose. In a narrow dock the pill elided at its right end and lost the numbers ("229 Entering Extended
Passive Mo…", found by QA at 360 px): now the prose is shortened first, then dropped, then the font steps down,
and only then is anything else cut (in its middle).
"""

from __future__ import annotations

import re
from typing import Callable, Iterator, Sequence, Tuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

# a reply's code, its prose, and the last parenthesised group with its numbers (and what follows, a "." perhaps)
_REPLY = re.compile(r"^(\d{3}[ -])(.*?)\s*(\([^()]*\d[^()]*\)[^()]*)$")
ELLIPSIS = "…"


def _shorter(text: str, fm: QFontMetricsF, width: float) -> Iterator[str]:
    """``text`` whole, then with the prose between a reply's code and numbers shortened, then without it."""
    yield text
    m = _REPLY.match(text)
    if m is None:
        return
    code, prose, numbers = m.groups()
    if prose:
        room = width - fm.horizontalAdvance(f"{code} {numbers}")
        short = fm.elidedText(prose, Qt.TextElideMode.ElideRight, room) if room > 0 else ""
        if short and short != ELLIPSIS:
            yield f"{code}{short} {numbers}"
    yield f"{code}{ELLIPSIS} {numbers}" if prose else f"{code}{numbers}"
    yield f"{code}{numbers}"


def pill_text(
    text: str, fonts: Sequence[QFont], metrics: Callable[[QFont], QFontMetricsF], width: float
) -> Tuple[QFont, str]:
    """(font, words) for a pill ``width`` wide: the first of ``fonts`` in which ``text`` or a shorter form of it
    (``_shorter``) fits; else the shortest form in the last font, cut in its middle."""
    for font in fonts:
        fm = metrics(font)
        for said in _shorter(text, fm, width):
            if fm.horizontalAdvance(said) <= width:
                return font, said
    font = fonts[-1]
    fm = metrics(font)
    return font, fm.elidedText(list(_shorter(text, fm, width))[-1], Qt.TextElideMode.ElideMiddle, width)
