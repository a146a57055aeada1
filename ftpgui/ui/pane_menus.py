"""The panes' context menus: the view's own actions, those that act on a selection greyed out without one.

Each pane's view carries the actions of its menu (``WindowActions``; a new server tab copies them). A right
click shows them in a menu made then, with what needs a selection disabled while it is open — Download,
Rename, Delete… do nothing with none (Rename with more than one), and FileZilla greys them out. The
actions themselves stay enabled for the keyboard, the toolbar and the menu bar, which say so in words. An
action that acts on each file selected says how many while the menu is open with more than one ("View 3 Files":
"View File" for three read as if it acted on one, found by QA — design note 386).
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu

# what an action needs: a selection, exactly one entry, or a selection with a file in it (View and Edit: a
# folder only said "only files can be viewed or edited", found by QA, design note 257)
ANY, ONE, FILE = "any", "one", "file"


def install(
    view: QAbstractItemView,
    selected: Callable[[], int],
    needs: Dict[QAction, str],
    files: Optional[Callable[[], int]] = None,
    counted: Optional[Dict[QAction, Callable[[int], str]]] = None,
    opening: Optional[Callable[[], None]] = None,
) -> None:
    """``view`` shows its actions in a menu on a right click; ``selected()`` counts its pane's selection,
    ``files()`` the files in it (None: every entry selected counts as a file); ``counted``: the text of an
    action acting on each of several files, given their number; ``opening()``: called first (the window makes
    the view's pane the one its actions act on: design note 460)."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def requested(pos: QPoint) -> None:
        if opening is not None:
            opening()
        show(view, pos, selected(), needs, files() if files is not None else None, counted)

    view.customContextMenuRequested.connect(requested)


def show(
    view: QAbstractItemView,
    pos: QPoint,
    count: int,
    needs: Dict[QAction, str],
    files: Optional[int] = None,
    counted: Optional[Dict[QAction, Callable[[int], str]]] = None,
) -> Any:
    """The menu at ``pos`` (in the viewport): open until an action is chosen or the menu closes."""
    menu = QMenu(view)
    off: List[QAction] = []
    renamed: List[Tuple[QAction, str]] = []
    files = count if files is None else files
    for act in view.actions():
        menu.addAction(act)
        need = needs.get(act)
        lacking = count == 0 or (need == ONE and count != 1) or (need == FILE and files == 0)
        if need is not None and act.isEnabled() and lacking:
            act.setEnabled(False)
            off.append(act)
        elif counted and act in counted and files > 1:
            renamed.append((act, act.text()))
            act.setText(counted[act](files))
    try:
        return menu.exec(view.viewport().mapToGlobal(pos))
    finally:
        for act in off:
            act.setEnabled(True)
        for act, text in renamed:
            act.setText(text)
        menu.deleteLater()
