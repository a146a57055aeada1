"""The row a pane's action acts on when nothing is selected: the current one (design note 417).

With the keyboard's focus on a row of a file list but no row selected (Ctrl+Space took the selection away,
Ctrl+arrows moved the focus alone), Ctrl+D, F2, Delete… did nothing, not a word. A person expects what Windows
Explorer and FileZilla do: the row with the focus is acted upon. Before such an action reads its pane's
selection, the pane selects its current row — only a row of the folder shown (the local pane clears its
selection and current row on a folder change, note 407) — so the row acted upon is also the one highlighted,
and the action's own checks (one for Rename, files for View and Edit) apply as before.

Not the row Qt makes current by itself when the focus enters a list that has none (its first row): the person
did not put the focus there, and a folder just shown then Tab, Delete, F2 or Ctrl+U still does nothing (note
407's cases). Once the person moves the focus in the list, its row counts.
"""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QFocusEvent


class GivenCurrent:
    """A file list's mixin (before its Qt view class): remembers the current row Qt gave on the focus entering
    the list (``given_current``), forgotten once the current row changes otherwise."""

    given_current: Optional[QPersistentModelIndex] = None
    _focus_entering = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._focus_entering = True
        try:
            super().focusInEvent(event)  # type: ignore[misc]
        finally:
            self._focus_entering = False

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)  # type: ignore[misc]
        self.given_current = QPersistentModelIndex(current) if self._focus_entering else None


def take_current(view: Any) -> bool:
    """Nothing selected in the folder ``view`` shows: its current row selected, if the person put the focus on
    it there. Whether a row of that folder is selected now (what the action then reads)."""
    sel, current, root = view.selectionModel(), view.currentIndex(), view.rootIndex()
    if sel is None:
        return False
    if any(index.parent() == root for index in sel.selectedRows(0)):
        return True
    if not current.isValid() or current.parent() != root:
        return False
    given = getattr(view, "given_current", None)
    if given is not None and given.isValid() and QModelIndex(given).row() == current.row():
        return False  # (Qt's, on the focus entering the list)
    flags = QItemSelectionModel.SelectionFlag
    sel.select(current, flags.Select | flags.Rows)
    return True
