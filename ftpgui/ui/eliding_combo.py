"""A combo box that elides its current text in the middle when it does not fit, instead of cutting it off.

Qt's styles draw a combo box's current text clipped at the right edge: in a narrow dock "Transfer 2 —
ftp.example.org:2121" would show as "Transfer 2 — ftp.exam", the port lost. This one shows
"Transfer 2 — ftp…org:2121" and offers the whole text as its tooltip; the drop-down list shows whole names.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QToolTip


class ElidingComboBox(QComboBox):
    def _option(self) -> QStyleOptionComboBox:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        return opt

    def displayed_text(self) -> str:
        """The current text as painted: whole when it fits, else elided in the middle."""
        opt = self._option()
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = field.width() - 2  # (the style draws the label inset by a pixel on each side)
        if not opt.currentIcon.isNull():
            room -= opt.iconSize.width() + 4
        return self.fontMetrics().elidedText(opt.currentText, Qt.TextElideMode.ElideMiddle, max(0, room))

    def elided(self) -> bool:
        return self.displayed_text() != self.currentText()

    def paintEvent(self, event) -> None:
        painter = QStylePainter(self)
        opt = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        opt.currentText = self.displayed_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.toolTip() and self.elided():
            QToolTip.showText(event.globalPos(), self.currentText(), self)  # the whole text, when it was elided
            return True
        return super().event(event)
