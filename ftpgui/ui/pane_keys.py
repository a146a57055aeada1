"""Which thing a pane's key acts on: the file list's selection only from the file list (note 185).

The keys of the window's actions on a pane (Delete, F2, Ctrl+D, F3…) belong to the panes' stack
(``WindowActions._keys_on_panes``), so they also fired from every other widget in a pane: Delete in the remote
folder tree asked to delete the file selected in the remote list, F2 in a quick-filter box renamed it, Ctrl+U
there uploaded instead of clearing the line. Now, with the focus in a pane but not in its file list:

* in a text box (the path fields, the filter boxes) none of those keys is a shortcut: the box has the key;
* elsewhere (a folder tree, a button) the keys on a selection do nothing, and Delete and F2 in a folder tree
  delete and rename the folder selected in that tree (FileZilla's trees do the same); Up and Create Folder
  still work.

Done with ``ShortcutOverride``: Qt asks the focused widget, then each of its parents, whether it takes a key
itself before a shortcut fires; a filter on the panes' stack answers yes for them all.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from .local_pane import LocalFileView
from .remote_pane import RemoteView


def is_text_box(widget: QWidget) -> bool:
    """A widget that takes typed text (an editable combo box: the path fields)."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit))


def pressed(event: QKeyEvent) -> QKeySequence:
    """The key of ``event`` as a shortcut reads it (Delete on the keypad is Delete)."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeySequence(QKeyCombination(mods, Qt.Key(event.key())))


def is_key_of(event: QKeyEvent, actions: Iterable[QAction]) -> bool:
    keys = pressed(event)
    return any(keys == shortcut for act in actions for shortcut in act.shortcuts())


class PaneKeys(QObject):
    """The filter on the panes' stack. ``folder_actions``: the pane keys that act on the folder shown, not on a
    selection (Up, Create Folder): they still work from a tree or a button."""

    def __init__(self, stack: QWidget, folder_actions: Iterable[QAction]) -> None:
        super().__init__(stack)
        self.stack = stack
        self.folder_actions = list(folder_actions)
        stack.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is not self.stack or event.type() != QEvent.Type.ShortcutOverride:
            return False
        focus = QApplication.focusWidget()
        if focus is None or isinstance(focus, (RemoteView, LocalFileView)):
            return False  # a file list: its keys act on its selection
        actions = self.stack.actions()  # (the pane keys: only these are the stack's)
        if not is_text_box(focus):
            actions = [act for act in actions if act not in self.folder_actions]
        if not is_key_of(event, actions):
            return False
        event.accept()  # no shortcut: the key goes to the widget with the focus
        return True


class TreeKeys(QObject):
    """Delete and F2 in a folder tree: the folder selected there deleted or renamed — ``acts`` maps each action
    to what it does in the tree (its key reaches the tree as a plain key: :class:`PaneKeys` took it from the
    shortcut). Made a child of the tree, it goes with it."""

    def __init__(self, tree: QWidget, acts: Dict[QAction, Callable[[], Any]]) -> None:
        super().__init__(tree)
        self.acts = acts
        tree.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            for action, act in self.acts.items():
                if is_key_of(event, [action]):
                    act()
                    return True
        return False
