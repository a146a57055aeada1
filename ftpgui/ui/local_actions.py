"""The local pane's file actions: rename (F2), delete to the system's trash (Del), create folder.

Mixed into :class:`~ftpgui.ui.main_window.MainWindow` beside the remote ones; the same keys act on the pane
that has the focus. Disk work runs off the GUI thread (``run_blocking``): a folder on a slow or hung network
mount must not freeze the window. The local pane's model watches the folder and shows the change itself.
"""

from __future__ import annotations

import os
import time
from typing import List
from urllib.parse import quote_from_bytes

from PySide6.QtCore import QCoreApplication, QFile, QStandardPaths
from PySide6.QtWidgets import QMessageBox

from ..ftp.safetext import shown
from ..transfers.runner import run_blocking
from .current_row import take_current
from .dialogs import ask, fitted_name


def valid_local_name(name: str) -> bool:
    """One file or folder name: not empty, no separator, not . or .., no NUL."""
    seps = {os.sep, "/"} | ({os.altsep} if os.altsep else set())
    return bool(name) and name not in (".", "..") and "\0" not in name and not any(s in name for s in seps)


def _rename(src: str, dst: str) -> None:
    if os.path.lexists(dst):
        raise FileExistsError(
            QCoreApplication.translate("LocalFileActions", "{name} already exists").format(name=os.path.basename(dst))
        )
    os.rename(src, dst)


def qt_carries(path: str) -> bool:
    """Whether a Qt string can carry ``path``: not when it holds a name's bytes that are not UTF-8 (lone
    surrogates, ``os.fsdecode``'s): Qt drops them, and would name another file, or none."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _moved_to_home_trash(path: str, data: str) -> bool:
    """Move ``path`` to the home trash (``data``/Trash) as the freedesktop.org trash specification says, its
    name's bytes kept — ``QFile.moveToTrash`` cannot name it (design notes 406, 421). Only on the disk of the
    trash (a rename): False when it could not."""
    src = os.fsencode(os.path.abspath(path))
    trash = os.path.join(os.fsencode(data), b"Trash")
    files, info = os.path.join(trash, b"files"), os.path.join(trash, b"info")
    try:
        os.makedirs(files, exist_ok=True)
        os.makedirs(info, exist_ok=True)
        base, n = os.path.basename(src), 1
        while True:  # the .trashinfo file made first, exclusively: it reserves the name in files/
            name = base if n == 1 else b"%s.%d" % (base, n)
            record = os.path.join(info, name + b".trashinfo")
            try:
                fd = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:
                n += 1
        with os.fdopen(fd, "wb") as f:
            when = time.strftime("%Y-%m-%dT%H:%M:%S").encode("ascii")
            f.write(b"[Trash Info]\nPath=%s\nDeletionDate=%s\n" % (quote_from_bytes(src, "/").encode("ascii"), when))
    except OSError:
        return False
    try:
        os.rename(src, os.path.join(files, name))
    except OSError:
        os.unlink(record)
        return False
    return True


def _trash(paths: List[str]) -> None:
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    if data:
        os.makedirs(data, exist_ok=True)  # Qt's freedesktop trash lives there and fails when it is missing
    for path in paths:
        if qt_carries(path):
            moved = QFile.moveToTrash(path)
        else:  # a name that is not UTF-8, from the local pane's bar (note 421; Windows names: Qt carries all)
            moved = bool(data) and _moved_to_home_trash(path, data)
        if not moved:
            raise OSError(
                QCoreApplication.translate("LocalFileActions", "could not move {path} to the trash").format(
                    path=shown(path)
                )
            )


class LocalFileActions:
    """Actions on the selected local files (needs ``local``, ``show_error``, ``_open_prompt``…)."""

    def rename_local(self) -> None:
        take_current(self.local.view)  # (nothing selected: the row with the focus, note 417)
        paths = self.local.selected_paths()
        if len(paths) != 1:
            return
        self._ask_local_rename(paths[0])

    def _ask_local_rename(self, src: str, after=None) -> None:
        """The new name for ``src`` asked, then ``rename_local_to``."""
        name = os.path.basename(src)
        self._ask_name(
            self.tr("Rename"),
            self.tr("New name for {name}:").format(name=fitted_name(name)),
            name,
            lambda new: self.rename_local_to(src, new, after),
        )

    def rename_local_to(self, src: str, name: str, after=None):
        """``src`` renamed to ``name`` off the GUI thread; then ``after(dst)`` (else the new name selected)."""
        name = name.strip()
        if name == os.path.basename(src):
            return None
        if not valid_local_name(name):
            self.show_error_text(self.tr("{name!r} is not a valid name.").format(name=name))
            return None
        dst = os.path.join(os.path.dirname(src), name)
        done = after or self._select_local
        return run_blocking(_rename, src, dst, on_done=lambda _r: done(dst), on_error=self.show_error)

    def rename_local_tree_folder(self) -> None:
        """F2 in the local folder tree: the folder selected there renamed, asked as from the list (it did
        nothing, note 185). The pane then shows the folder under its new name when it showed it or a folder
        inside it (the disk's watcher updates the tree)."""
        local = self.local  # (this tab's: the rename answers after the call has returned)
        path = local.tree_folder()
        if not path or os.path.dirname(path) == path:
            return  # none, or the root of a disk
        src = os.path.normpath(path)

        def renamed(dst: str) -> None:
            shown = os.path.normpath(local.path)
            if shown == src or shown.startswith(src.rstrip(os.sep) + os.sep):
                local.set_path(dst + shown[len(src) :])

        self._ask_local_rename(src, renamed)

    def _select_local(self, path: str) -> None:
        """The renamed (or new) entry is the one selected (the disk watcher sees a rename as one name gone and
        one new: the selection went with the old one, and Delete right after a rename then did nothing)."""
        local = self.local
        if local.path == os.path.dirname(path):
            local.select_soon(os.path.basename(path))

    def delete_local(self) -> None:
        take_current(self.local.view)  # (nothing selected: the row with the focus, note 417)
        self._ask_trash(self.local.selected_paths())

    def delete_local_tree_folder(self) -> None:
        """Delete in the local folder tree: the folder selected there goes to the trash, asked as from the list
        (not the list's selection, which Delete there asked about before — found by QA). The pane then shows
        its parent when the folder shown was it or inside it."""
        local = self.local  # (this tab's: the trash answers after the call has returned)
        path = local.tree_folder()
        if not path or os.path.dirname(path) == path:
            return  # none, or the root of a disk
        folder = os.path.normpath(path)

        def trashed(_r) -> None:
            shown = os.path.normpath(local.path)
            if shown == folder or shown.startswith(folder.rstrip(os.sep) + os.sep):
                local.set_path(os.path.dirname(folder))

        self._ask_trash([path], trashed)

    def _ask_trash(self, paths: List[str], on_done=None) -> None:
        if not paths:
            return
        if len(paths) == 1:
            # (quoted, as the remote pane's question quotes its name)
            text = self.tr("Move “{name}” to the trash?").format(name=fitted_name(os.path.basename(paths[0])))
        else:
            text = self.tr("Move these {n} items to the trash?").format(n=len(paths))
        self.prompt = ask(
            self,
            self.tr("Delete"),
            text,
            self.tr("&Move to Trash"),
            lambda: run_blocking(_trash, paths, on_done=on_done, on_error=self.show_error),
            QMessageBox.Icon.Warning,
        )

    def create_local_folder(self) -> None:
        folder = self.local.path
        if not folder:
            return
        self._ask_name(
            self.tr("Create folder"),
            self.tr("Name of the new folder in {folder}:").format(folder=fitted_name(folder)),
            self.tr("New folder"),
            lambda name: self.make_local_folder(folder, name),
        )

    def make_local_folder(self, folder: str, name: str):
        name = name.strip()
        if not valid_local_name(name):
            self.show_error_text(self.tr("{name!r} is not a valid name.").format(name=name))
            return None
        path = os.path.join(folder, name)
        return run_blocking(os.mkdir, path, on_done=lambda _r: self._select_local(path), on_error=self.show_error)
