"""The connection picker: a combo box that shows its current name whole, in as many lines as its width needs.

A connection's name ends in its address and state ("Connection 3 — [2001:db8:1234:5678:9abc:def0:1234:5678]:2121
(closed)"). Qt's styles draw a combo box's text clipped at its right edge, and eliding it lost the address in a
narrow dock ("连接 1 — …99（已关闭）", found by QA at 360 px): this one wraps it instead, at spaces and after an
address's ':' and '.', and is as tall as its lines (height for width, which the panel's ``FlowLayout`` asks).
Its drop-down list is as wide as its longest name.
"""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QSizePolicy, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

WIDEST = 280  # px: the widest the box asks to be (a longer name wraps rather than widening the panel)


class NameBox(QComboBox):
    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self._laid_out = -1  # the number of lines the box's height was last asked for

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
        """The current name as painted in a box ``width`` px wide (its own width by default): whole, wrapped;
        the placeholder while there is none."""
        text = self.currentText()
        if not text:  # no connection yet: the placeholder, a short line, unwrapped (``wrapped``'s module is not
            placeholder = self._text()  # for the first window)
            return [placeholder] if placeholder else []
        from .wrapping import wrapped

        return list(wrapped(text, self.font(), self.room(width), address=True))

    def displayed_text(self) -> str:
        return "\n".join(self.lines())

    # --- size: one line's box, taller by a line for each more line ----------------------------------------
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """One line's box, taller by a line for each more line; never less than one line's (an empty box was a
        flat bar 8 px tall: design note 251)."""
        one = super().sizeHint().height()
        return one + max(0, len(self.lines(width)) - 1) * self.fontMetrics().lineSpacing()

    def sizeHint(self) -> QSize:
        chrome = 1000 - self.room(1000)
        whole = self.fontMetrics().horizontalAdvance(self._text()) + chrome + 1
        width = max(self.minimumSizeHint().width(), min(int(whole), WIDEST))
        return QSize(width, self.heightForWidth(width))

    def set_current(self, index: int) -> None:
        """``setCurrentIndex`` (also with signals blocked), then a layout for the name's lines."""
        self.setCurrentIndex(index)
        self.updateGeometry()

    def paintEvent(self, event) -> None:
        lines = self.lines()
        if len(lines) != self._laid_out and self.height() != self.heightForWidth(self.width()):
            self._laid_out = len(lines)
            self.updateGeometry()  # (a name changed under the box: its layout gives it the height it needs)
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
