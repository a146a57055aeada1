"""``MessageBar``: the window's status bar, whose message ends in "…" when it is longer than the room it has.

QStatusBar draws its message clipped at the first permanent widget: a long error ("…the data port the server
named went unanswer", "SHA-256 扌") lost its end in the middle of a word, or of a character, with nothing to say
so (found by QA, design note 253). Here the message is a label of the bar's, left of the permanent widgets: it
takes the room they leave, says what fits with "…", and the whole message is its tooltip (and in the message
log, as every message said in the bar is). ``showMessage``, ``currentMessage`` and ``clearMessage`` are
QStatusBar's, with the whole text.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class ElidedLabel(QLabel):
    """A one-line plain-text label that asks for no width of its own and ends its text in "…" where it is cut."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        super().setText(" ".join(text.splitlines()))  # one line (QStatusBar's own said its lines as one)
        self._follow()

    def shown_text(self) -> str:
        """What the label draws at its width: its text, or as much as fits followed by "…"."""
        room = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, max(0, room))

    def elided(self) -> bool:
        return self.shown_text() != self.text()

    def _follow(self) -> None:
        self.setToolTip(self.text() if self.elided() else "")  # the whole message where it is cut

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._follow()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        flags = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
        painter.drawText(self.contentsRect(), int(flags), self.shown_text())


class MessageBar(QStatusBar):
    """The status bar, its message elided (see the module). Messages Qt itself shows (an action's status tip)
    are QStatusBar's own, and hide this one while they are shown."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.message_label = ElidedLabel(self)
        self.message_label.setContentsMargins(2, 0, 2, 0)
        self.addWidget(self.message_label, 1)
        self._message = ""
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.clearMessage)

    def insertPermanentWidget(self, index: int, widget: QWidget, stretch: int = 0) -> int:
        """``index`` among the permanent widgets, as in a QStatusBar with no normal widget (the message is one)."""
        return super().insertPermanentWidget(index + 1, widget, stretch)

    def showMessage(self, text: str, timeout: int = 0) -> None:
        self._message = text
        self.message_label.setText(text)
        if timeout > 0:
            self._timer.start(timeout)
        else:
            self._timer.stop()
        self.messageChanged.emit(text)

    def currentMessage(self) -> str:
        return self._message

    def clearMessage(self) -> None:
        self._timer.stop()
        if self._message:
            self._message = ""
            self.message_label.setText("")
            self.messageChanged.emit("")
