"""A path field with history: type a folder and press Enter, or pick one visited before."""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QSizePolicy, QWidget

from ..ftp.safetext import shown

HISTORY = 25


class _Field(QLineEdit):
    """The bar's text field; ``entering`` while it handles Enter (the combo box then emits ``activated`` for
    a history item matching the text without case, which is not what was typed)."""

    entering = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return super().keyPressEvent(event)
        self.entering = True
        try:
            super().keyPressEvent(event)
        finally:
            self.entering = False


class PathBar(QComboBox):
    """Editable; ``pathEntered`` when the person confirms a path; ``set_path`` records a visit.

    A path is shown with its control characters and the bytes its encoding could not read as escapes
    (``shown``: Qt's strings cannot hold a lone surrogate and would drop it); each visit keeps the real path,
    so a shown path confirmed — or one typed below it — goes back as the real one."""

    pathEntered = Signal(object)  # (a str would become a QString, which drops a name's undecoded bytes)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setLineEdit(_Field(self))
        # Suggestions in a popup, never filled in: inline completion turned a typed "/" into "/many" (the first
        # visited path it starts), and Enter opened that; paths are told apart by case.
        completer = self.lineEdit().completer()
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseSensitive)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxCount(HISTORY)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.lineEdit().returnPressed.connect(self._entered)
        self.activated.connect(self._picked)

    def _real(self, index: int) -> str:
        data = self.itemData(index)  # (a tuple: a str item data becomes a QString, which drops lone surrogates)
        return data[0] if isinstance(data, tuple) else self.itemText(index)

    def _picked(self, index: int) -> None:
        if not self.lineEdit().entering:  # picked from the list, not typed (Enter is ``_entered``'s)
            self.pathEntered.emit(self._real(index))

    def _entered(self) -> None:
        text = self.currentText().strip()
        if text:
            self.pathEntered.emit(self.real_path(text))

    def real_path(self, text: str) -> str:
        """The path ``text`` names: a visited path's as shown, or typed below it, is that real path."""
        for i in range(self.count()):
            display, real = self.itemText(i), self._real(i)
            if display == real:
                continue
            if text == display:
                return real
            if text.startswith(display.rstrip("/") + "/"):
                return real.rstrip("/") + text[len(display.rstrip("/")) :]
        return text

    def set_path(self, path: str) -> None:
        """Show ``path`` and put it first in the history (without duplicates)."""
        self.blockSignals(True)
        i = self.history().index(path) if path in self.history() else -1
        if i >= 0:
            self.removeItem(i)
        self.insertItem(0, shown(path), (path,))
        self.setCurrentIndex(0)
        self.setEditText(shown(path))
        self.blockSignals(False)

    def put_back(self, path: str) -> None:
        """The field back to ``path`` (the folder still shown after another could not be opened)."""
        self.setEditText(shown(path))

    def history(self) -> List[str]:
        return [self._real(i) for i in range(self.count())]
