"""The connection picker: a combo box that shows its current name on one line, elided when it is too long
(the user name first, then the state at its end), whole in its tooltip and in its drop-down list.

A connection's name ends in its address and state ("Practice — learner-c88e95@127.0.0.1:44719 (closed
07:56:39)"). It wrapped into more lines once (note 142: eliding lost the address in a narrow dock); but a name
changes under the box at each step of a connection ("(closed …)"), and the box growing by a line moved every
row below it - the practice row's switches left the 1366×768 window and clicks landed elsewhere (note 327).
Now the box is one line tall whatever its name, and asks for the same width whatever its name, so nothing
around it moves when a name changes; the whole name is its tooltip, and its list is as wide as its longest
name.
"""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QComboBox, QSizePolicy, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

WIDEST = 240  # px: the width the box asks for, whatever its name (a longer name is elided); "Connection:"
# and the box still make one row in a 360 px dock
ELLIPSIS = "…"


def elided(text: str, fm: QFontMetrics, room: int) -> str:
    """``text`` in ``room`` px: whole if it fits; else its user name (between the role's "— " and the last
    "@") is cut first ("…@", then gone), then the state at its end ("(closed 07:56:39)"), then the rest from
    its end: the role and the address stay as long as they can (in the middle an address was lost: note
    142; its port is not cut while a state is left)."""
    if fm.horizontalAdvance(text) <= room:
        return text
    at = text.rfind("@")  # (a user name may have its own: an e-mail address)
    space = text.rfind(" ", 0, at) if at > 0 else -1
    tries = [text]
    if space >= 0:
        head, user, tail = text[: space + 1], text[space + 1 : at], text[at:]
        left = room - fm.horizontalAdvance(head + tail)
        if left >= fm.horizontalAdvance(user[:1] + ELLIPSIS):
            return head + fm.elidedText(user, Qt.TextElideMode.ElideRight, left) + tail
        tries = [head + ELLIPSIS + tail, head + tail[1:]]
    for name in tries:  # the state cut from its end, the address whole
        state = _state_at(name)
        left = room - fm.horizontalAdvance(name[:state])
        if state < len(name) and left >= fm.horizontalAdvance(ELLIPSIS):
            return name[:state] + (fm.elidedText(name[state:], Qt.TextElideMode.ElideRight, left) or ELLIPSIS)
    return _address_cut(tries[-1], fm, room) or fm.elidedText(tries[-1], Qt.TextElideMode.ElideRight, room) or ELLIPSIS


def _state_at(name: str) -> int:
    """Where a name's state begins (" (closed)", "（已关闭）"), or its length when it has none."""
    state = max(name.rfind(" ("), name.rfind("（"))
    return state if state > 0 else len(name)


def _address_cut(name: str, fm: QFontMetrics, room: int) -> str:
    """The role and the address do not fit even without the user name: the address is cut in its middle (whole
    groups of its start and end where they fit, "[2001:db8:…:1234:5678]", else at least four characters of
    each, "[2001…5678]"), its port whole; the state stays whole while the address keeps that much, else it is
    said by its brackets only ("Browsing — [2001:…:5678]:2121 (…)"), else by an ellipsis, the address down to
    a character each side ("Connection 17 — [20…78]:2121…"). A long IPv6 address was cut at its end in a
    360 px dock, port and all (the panel's QA leftovers, note 341). "" when not even that fits."""
    state = _state_at(name)
    head, _, address = name[:state].rpartition(" ")
    host, colon, port = address.rpartition(":")
    if not colon or not port.isdigit() or not head:
        return ""
    bracketed = host.startswith("[") and host.endswith("]")
    inner = host[1:-1] if bracketed else host
    said = name[state:]
    marks = [(said, 4)]
    if said:  # " (…)" or "（…）": there is a state, in the tooltip and the list
        brackets = said[: said.index("(") + 1] + ELLIPSIS + ")" if "(" in said else "（" + ELLIPSIS + "）"
        marks += [(brackets, 4), (ELLIPSIS, 4)]  # (narrower still: that there is more)
    marks.append((marks[-1][0], 1))
    for mark, least in marks:
        left = room - fm.horizontalAdvance(f"{head} {'[]' if bracketed else ''}:{port}{mark}")
        cut = _middle(inner, ":" if bracketed else ".", fm, left, least)
        if cut:
            return f"{head} {'[' if bracketed else ''}{cut}{']' if bracketed else ''}:{port}{mark}"
    return ""


def _middle(inner: str, sep: str, fm: QFontMetrics, room: float, least: int) -> str:
    """``inner`` (an address, a host name) in ``room`` px: whole groups (between ``sep``) of its start and end
    around an ellipsis, as many as fit, one more of the start first; then its characters' (at least ``least``
    each side); "" when even that does not fit."""
    if fm.horizontalAdvance(inner) <= room:
        return inner
    parts = inner.split(sep)
    front, back, best = 1, 1, ""
    while front + back < len(parts):
        text = sep.join([*parts[:front], ELLIPSIS, *parts[len(parts) - back :]])
        if fm.horizontalAdvance(text) > room:
            break
        best = text
        if front <= back:
            front += 1
        else:
            back += 1
    if best:
        return best
    if room < fm.horizontalAdvance(inner[:least] + ELLIPSIS + inner[-least:]):
        return ""
    return fm.elidedText(inner, Qt.TextElideMode.ElideMiddle, int(room))


class NameBox(QComboBox):
    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)

    def _option(self, width: Optional[int] = None) -> QStyleOptionComboBox:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        if width is not None:
            opt.rect = QRect(0, 0, width, max(self.height(), 1))
        return opt

    def room(self, width: Optional[int] = None) -> float:
        """The width the text has in a box ``width`` px wide (its own width by default)."""
        opt = self._option(width)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = field.width() - 2  # (the style draws the label inset by a pixel on each side)
        if not opt.currentIcon.isNull():
            room -= opt.iconSize.width() + 4
        return max(1.0, float(room))

    def _text(self) -> str:
        """The current name; with none (no connection yet), the placeholder ("No connection yet")."""
        return self.currentText() or (self.placeholderText() if self.currentIndex() < 0 else "")

    def lines(self, width: Optional[int] = None) -> List[str]:
        """The current name as painted in a box ``width`` px wide (its own width by default): one line,
        ``elided`` when it does not fit; the placeholder while there is none."""
        text = self.currentText()
        if not text:  # no connection yet: the placeholder, a short line
            placeholder = self._text()
            return [placeholder] if placeholder else []
        return [elided(text, self.fontMetrics(), int(self.room(width)))]

    def displayed_text(self) -> str:
        return "\n".join(self.lines())

    # --- size: one line, the same whatever the name --------------------------------------------------------
    def sizeHint(self) -> QSize:
        """One line's box, as wide as the widest it asks for: a name that changes moves nothing around it."""
        hint = super().sizeHint()
        return QSize(max(self.minimumSizeHint().width(), WIDEST), hint.height())

    def set_current(self, index: int) -> None:
        """``setCurrentIndex`` (also with signals blocked), and the whole name in the tooltip."""
        self.setCurrentIndex(index)
        self._name_in_tip()

    def _name_in_tip(self) -> None:
        """The whole name in the tooltip (the box may show it elided)."""
        if self.toolTip() != self.currentText():
            self.setToolTip(self.currentText())

    def paintEvent(self, event) -> None:
        lines = self.lines()
        self._name_in_tip()  # (a name changed under the box)
        painter = QStylePainter(self)
        opt = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        if not self.currentText() and lines:  # the placeholder, in its colour (as QComboBox paints it)
            opt.palette.setBrush(QPalette.ColorRole.ButtonText, opt.palette.placeholderText())
        opt.currentText = "\n".join(lines)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)

    def showPopup(self) -> None:
        """The list as wide as its longest name (it may stand out of a narrow dock; it is a window of its own)."""
        view = self.view()
        fm = view.fontMetrics()
        widest = max((fm.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        screen = self.screen().availableGeometry().width() if self.screen() is not None else widest + 40
        view.setMinimumWidth(min(widest + 40, screen - 20))
        super().showPopup()
