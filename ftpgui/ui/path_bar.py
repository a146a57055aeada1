"""A path field with history: type a folder and press Enter, or pick one visited before."""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

HISTORY = 25


class PathBar(QComboBox):
    """Editable; ``pathEntered`` when the person confirms a path; ``set_path`` records a visit."""

    pathEntered = Signal(str)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxCount(HISTORY)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.lineEdit().returnPressed.connect(self._entered)
        self.activated.connect(lambda i: self.pathEntered.emit(self.itemText(i)))

    def _entered(self) -> None:
        text = self.currentText().strip()
        if text:
            self.pathEntered.emit(text)

    def set_path(self, path: str) -> None:
        """Show ``path`` and put it first in the history (without duplicates)."""
        self.blockSignals(True)
        i = self.findText(path)
        if i >= 0:
            self.removeItem(i)
        self.insertItem(0, path)
        self.setCurrentIndex(0)
        self.setEditText(path)
        self.blockSignals(False)

    def history(self) -> List[str]:
        return [self.itemText(i) for i in range(self.count())]
