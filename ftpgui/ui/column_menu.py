"""A file list's column titles, right-clicked: a menu of its columns, each ticked while shown — the name's always
— to show or hide the others, as FileZilla's and WinSCP's lists offer (design note 434). The choice is the window's
for that side's list (``WindowLayout.choose_column``): every tab's, and the next run's.

Columns are never hidden by themselves: in a narrow pane the list scrolls sideways to the last ones (notes 298,
313, 420), and this menu is how a person who never reads Owner or Permissions makes room for the rest."""

from __future__ import annotations

from typing import Callable, Iterable, List

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu

NAME = 0  # the name's column, in both lists' models: always shown


def install(header: QHeaderView, chosen: Callable[[int, bool], None]) -> None:
    """A right click on ``header`` shows its columns' menu; ``chosen(column, shown)`` is told each change."""
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: show(header, pos, chosen))


def show(header: QHeaderView, pos: QPoint, chosen: Callable[[int, bool], None]) -> None:
    """The menu at ``pos`` (in the header): open until a column is ticked or unticked, or it closes."""
    model = header.model()
    if model is None:
        return
    menu = QMenu(header)
    for column in range(header.count()):
        title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        act = menu.addAction(str(title or ""))
        act.setCheckable(True)
        act.setChecked(not header.isSectionHidden(column))
        act.setEnabled(column != NAME)
        act.toggled.connect(lambda on, column=column: chosen(column, on))
    try:
        menu.exec(header.viewport().mapToGlobal(pos))
    finally:
        menu.deleteLater()


def hide(header: QHeaderView, hidden: Iterable[int]) -> None:
    """Hide the columns ``hidden`` of ``header`` and show the others (the name always)."""
    hidden = set(hidden)
    for column in range(header.count()):
        header.setSectionHidden(column, column in hidden and column != NAME)


def keep_hidden(header: QHeaderView, hidden: Callable[[], Iterable[int]]) -> None:
    """``hide`` now and whenever ``header`` gets its columns again: the local list's model is made when it is
    first shown, and made anew by Refresh (``LocalPane``)."""
    header.sectionCountChanged.connect(lambda _old, new: hide(header, hidden()) if new else None)
    hide(header, hidden())


def as_text(columns: Iterable[int]) -> str:
    """The hidden columns as kept in the layout file: "3,4"."""
    return ",".join(str(c) for c in sorted(set(columns)))


def from_text(value: object) -> List[int]:
    """``as_text``'s columns read back; nothing from a value that is not (an older file, a hand edit)."""
    if isinstance(value, (list, tuple)):  # (QSettings reads "3,4" back as a list of strings)
        value = ",".join(str(v) for v in value)
    if not isinstance(value, str):
        return []
    return sorted({int(v) for v in value.split(",") if v.strip().isdigit() and int(v) != NAME})
