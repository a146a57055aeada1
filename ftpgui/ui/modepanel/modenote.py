"""The note beside the Mode box: where the mode shown comes from, naming whom it is for.

The box is about the browsing connection of the server tab shown (or the next connection), while the picker
beside it may show another tab's connection; a note "(picked for this server)" then read as about the server
in the picker (QA: "Active (picked for this server)" above "Transfer 5 — anonymous@127.0.0.1:PB … This
connection: passive", design note 429). So the note names the server ("(picked for user@host:port)") or the
site ("(set in the site “Lab”)") it is about. One line always: a name too long for the dock is cut — a server's
user name first, then the middle of its host, its port whole; a site's name at its end — and the whole note is
in the tooltip's first line.
"""

from __future__ import annotations

from typing import Iterator, Optional

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from .namebox import ELLIPSIS, _middle

LEAST = 4  # characters of a host's start and end kept around the ellipsis, at the least


def _server_forms(name: str, fm: QFontMetrics, room: float) -> Iterator[str]:
    """``name`` ("user@host:port") shorter and shorter: its user cut at the end, then only "…" of it, then no
    user, then the middle of its host (whole groups where they fit); its port always whole."""
    user, at, address = name.rpartition("@")
    if at:
        user = fm.elidedText(user, Qt.TextElideMode.ElideRight, int(max(room - fm.horizontalAdvance(at + address), 0)))
        if user and user != ELLIPSIS:
            yield user + at + address
        yield ELLIPSIS + at + address
    yield address
    host, colon, port = address.rpartition(":")
    if colon and port.isdigit():
        bracketed = host.startswith("[") and host.endswith("]")
        inner = host[1:-1] if bracketed else host
        left = room - fm.horizontalAdvance(f"{'[]' if bracketed else ''}:{port}")
        cut = _middle(inner, ":" if bracketed else ".", fm, left, LEAST)
        if cut:
            yield f"{'[' if bracketed else ''}{cut}{']' if bracketed else ''}:{port}"


def fitted(template: str, name: str, fm: QFontMetrics, room: int, server: bool) -> str:
    """``template`` with ``name`` put in at its "{name}", in ``room`` px: whole if it fits, else with ``name``
    cut (a server's as ``_server_forms`` says, a site's at its end), else the whole cut at its end."""
    whole = template.format(name=name) if name else template
    if fm.horizontalAdvance(whole) <= room:
        return whole
    if name:
        left = room - fm.horizontalAdvance(template.format(name=""))
        if server:
            for form in _server_forms(name, fm, left):
                if fm.horizontalAdvance(form) <= left:
                    return template.format(name=form)
        elif left >= fm.horizontalAdvance(name[:1] + ELLIPSIS):
            return template.format(name=fm.elidedText(name, Qt.TextElideMode.ElideRight, int(left)))
    return fm.elidedText(whole, Qt.TextElideMode.ElideRight, room) or ELLIPSIS


class ModeNote(QLabel):
    """The Mode box's note: ``note`` is what it says whole; ``text()`` what it shows in its width."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.note = ""
        self._template, self._name, self._server = "", "", False

    def set_note(self, template: str, name: str = "", server: bool = False) -> None:
        """Say ``template`` with ``name`` (a server's "user@host:port" with ``server``, else a site's name) at
        its "{name}"; with no ``name``, ``template`` as it is."""
        self._template, self._name, self._server = template, name, server
        self.note = template.format(name=name) if name else template
        self.updateGeometry()
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width() if self.isVisible() else 1 << 20  # (hidden: not laid out yet)
        text = fitted(self._template, self._name, self.fontMetrics(), room, self._server)
        if text != self.text():
            self.setText(text)

    def sizeHint(self) -> QSize:
        """As wide as the whole note (the layout gives it less in a narrow dock: then it is cut)."""
        hint = super().sizeHint()
        m = self.contentsMargins()
        return QSize(self.fontMetrics().horizontalAdvance(self.note) + m.left() + m.right() + 2, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("(" + ELLIPSIS + ")")), hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if hasattr(self, "_template"):
            self._fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()
