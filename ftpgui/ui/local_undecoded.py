"""The local pane's note about the names in its folder that are not valid UTF-8 (design note 421).

On Linux and macOS a name is bytes, and Qt reads names as UTF-8: its directory reader leaves out every name that
is not, so a file a download wrote byte for byte from a server's GBK or Latin-1 listing (``caf\\xe9.txt``) was
not in the local list at all — nobody could see, upload, rename or delete it in ftpgui. Listing such names in the
list itself (note 406: a Python proxy under both views) made every folder three times slower to list, paint and
sort, and was withdrawn. Here the list is left as Qt makes it; beside it, a background thread reads the folder
shown (``undecodable_names``: ``os.listdir`` of its bytes, one decode of all the names joined, in C — a name is
looked at only when that fails) when the pane shows it, when it changes on disk, and at F5. Only when the folder
holds such names does a slim bar under the list say how many, with "Show…": a small window lists them (``shown``'s
``\\xNN`` escapes, as the remote pane and the queue show such bytes) and uploads, renames or moves them to the
trash through the window's own actions (``uploadWanted``, ``renameWanted``, ``trashWanted``). Their paths are
Python's (``os.fsdecode``: the bytes as lone surrogates) and never go through a Qt string, which drops them.

Windows names are UTF-16: Qt reads every one, and nothing is read there.
"""

from __future__ import annotations

import os
import stat
from typing import List, Optional, Tuple

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..ftp.safetext import shown
from ..transfers.cellwords import human_size
from ..transfers.runner import run_blocking

RESCAN_MS = 300  # a folder's changes are read again at most this often
Odd = Tuple[str, bool, int]  # (name as os.fsdecode gives it, a folder, size)


def undecodable_names(folder: str, hidden: bool) -> List[Odd]:
    """The entries of ``folder`` whose names are not valid UTF-8, sorted; ``hidden``: those whose names start
    with "." too. It reads the disk: never on the GUI thread."""
    if os.name == "nt":
        return []
    raw = os.fsencode(folder)
    names = os.listdir(raw)
    try:  # the usual case ends here, in C: "/" is in no name, and no UTF-8 sequence goes across it
        b"/".join(names).decode("utf-8")
        return []
    except UnicodeDecodeError:
        pass
    found: List[Odd] = []
    for name in names:
        try:
            name.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        if name.startswith(b".") and not hidden:
            continue
        path = os.path.join(raw, name)
        try:
            st = os.stat(path)
        except OSError:
            try:
                st = os.lstat(path)  # (a link to nothing: still a name to rename or delete)
            except OSError:
                continue  # gone meanwhile
        found.append((os.fsdecode(name), stat.S_ISDIR(st.st_mode), st.st_size))
    return sorted(found)


class UndecodedBar(QFrame):
    """The slim bar under the local list: how many names of the folder shown the list cannot show, and "Show…".
    Hidden (and costing one read of the folder's names, off the GUI thread) while there are none."""

    # paths (Python strings holding the names' bytes as lone surrogates: objects, never Qt strings)
    uploadWanted = Signal(object)
    renameWanted = Signal(object)
    trashWanted = Signal(object)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("undecodedBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.show_button = QPushButton(self.tr("Show…"), self)
        self.show_button.clicked.connect(self.open_list)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 4, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.folder = ""
        self.hidden = False
        self.found: List[Odd] = []
        self.answered = False  # the folder shown has been read (for the tests and the benchmark)
        self.dialog: Optional[UndecodedDialog] = None
        self._reading = self._again = False
        self._watcher: Optional[QFileSystemWatcher] = None
        self._timer = QTimer(self, singleShot=True, interval=RESCAN_MS)
        self._timer.timeout.connect(self.rescan)
        self.hide()

    # --- which folder, and reading it -------------------------------------------------------------------
    def watch(self, folder: str, hidden: bool) -> None:
        """The folder the pane shows (``hidden``: hidden files shown too): read now, and whenever it changes."""
        if os.name == "nt":
            return
        if folder != self.folder:
            if self._watcher is None:
                self._watcher = QFileSystemWatcher(self)
                self._watcher.directoryChanged.connect(self._changed)
            elif self.folder:
                self._watcher.removePath(self.folder)
            self.folder = folder
            self._watcher.addPath(folder)  # (the pane has just looked at it: it is there)
            self._set([])
            self.answered = False
        self.hidden = hidden
        self.rescan()

    def _changed(self, _path: str) -> None:
        if not self._timer.isActive():  # (not restarted: a folder changing all the time is read every RESCAN_MS)
            self._timer.start()

    def rescan(self) -> None:
        """Read the folder's names again, on a thread of its own (one read at a time: a network folder may hang)."""
        if not self.folder:
            return
        if self._reading:
            self._again = True
            return
        self._reading, folder, hidden = True, self.folder, self.hidden
        run_blocking(
            undecodable_names,
            folder,
            hidden,
            detached=True,
            on_done=lambda found: self._read(folder, hidden, found),
            on_error=lambda _exc: self._read(folder, hidden, None),
        )

    def _read(self, folder: str, hidden: bool, found: Optional[List[Odd]]) -> None:
        self._reading = False
        if folder == self.folder and hidden == self.hidden:
            self._set(found or [])  # (a folder that could not be read: the pane says nothing of it either)
            self.answered = True
        else:
            self._again = True
        if self._again:
            self._again = False
            self.rescan()

    def _set(self, found: List[Odd]) -> None:
        if found != self.found:
            self.found = found
            n = len(found)
            if n == 1:
                text = self.tr("1 item here has a name that is not valid UTF-8 and is not listed:")
            else:
                text = self.tr("{n} items here have names that are not valid UTF-8 and are not listed:").format(n=n)
            self.text.setText(text)
            if self.dialog is not None:
                self.dialog.set_entries(self.folder, found)
        self.setVisible(bool(found))
        if not found and self.dialog is not None:
            self.dialog.close()

    # --- the list of them ---------------------------------------------------------------------------------
    def open_list(self) -> None:
        """The small window listing them, with Upload, Rename and Move to Trash."""
        if self.dialog is None:
            self.dialog = UndecodedDialog(self)  # (a window of its own, gone with the pane: a tab closed)
            self.dialog.destroyed.connect(self._dialog_gone)
        self.dialog.set_entries(self.folder, self.found)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _dialog_gone(self, *_args) -> None:
        self.dialog = None


class UndecodedDialog(QDialog):
    """The names of the folder shown that the list cannot show; acts through the bar's signals (the window's
    Upload, Rename and Delete, with their questions). Not modal: those questions are the window's."""

    def __init__(self, bar: UndecodedBar):
        super().__init__(bar)
        self.setObjectName("undecodedDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Names that are not UTF-8"))
        self.bar = bar
        self.folder = ""
        self.entries: List[Odd] = []
        self.words = QLabel(self)
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QTreeWidget(self)
        self.list.setObjectName("undecodedList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setHeaderLabels([self.tr("Name"), self.tr("Size")])
        self.list.itemSelectionChanged.connect(self._selection_changed)
        buttons = QDialogButtonBox(self)
        self.upload_button = buttons.addButton(self.tr("&Upload"), QDialogButtonBox.ButtonRole.ActionRole)
        self.rename_button = buttons.addButton(self.tr("&Rename…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.trash_button = buttons.addButton(self.tr("Move to &Trash…"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        self.upload_button.clicked.connect(lambda: bar.uploadWanted.emit(self.selected_paths()))
        self.rename_button.clicked.connect(lambda: bar.renameWanted.emit(self.selected_paths()[0]))
        self.trash_button.clicked.connect(lambda: bar.trashWanted.emit(self.selected_paths()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.words)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def set_entries(self, folder: str, entries: List[Odd]) -> None:
        """Show ``entries`` of ``folder``; those selected before stay selected (the first, else)."""
        kept = set(self.selected_paths()) if folder == self.folder else set()
        self.folder, self.entries = folder, list(entries)
        self.words.setText(
            self.tr(
                "The list cannot show these items of {folder}: their names are not valid UTF-8. The bytes that are "
                "not are shown as \\xNN. Upload them as they are, or rename them."
            ).format(folder=shown(folder))
        )
        self.list.clear()
        folder_word = self.tr("Folder")
        for name, is_dir, size in self.entries:
            item = QTreeWidgetItem([shown(name), folder_word if is_dir else human_size(size)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
            item.setSelected(os.path.join(folder, name) in kept)
        if not self.list.selectedItems() and self.list.topLevelItemCount():
            self.list.topLevelItem(0).setSelected(True)
        self.list.setCurrentItem(self.list.selectedItems()[0] if self.list.selectedItems() else None)
        self.list.resizeColumnToContents(0)
        self._selection_changed()

    def selected_paths(self) -> List[str]:
        rows = sorted(self.list.indexOfTopLevelItem(i) for i in self.list.selectedItems())
        return [os.path.join(self.folder, self.entries[r][0]) for r in rows if 0 <= r < len(self.entries)]

    def select(self, names: List[str]) -> None:
        """Select the entries named (Python names: the bytes as lone surrogates)."""
        for row, entry in enumerate(self.entries):
            self.list.topLevelItem(row).setSelected(entry[0] in names)

    def _selection_changed(self) -> None:
        n = len(self.list.selectedItems())
        self.upload_button.setEnabled(n > 0)
        self.trash_button.setEnabled(n > 0)
        self.rename_button.setEnabled(n == 1)
