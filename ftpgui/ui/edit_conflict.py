"""An edit's conflict (a mixin of :class:`.remote_edit.RemoteEditor`): the server's file changed or went after it
was opened — Overwrite it, save the copy as a new name beside it, discard the change, or put it off (Not Now,
Escape: design notes 145, 358, 359, 365). The new name is asked until one is free or the person goes back to
the question.
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING, Optional, Tuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton

from ..ftp.names import RemotePath, remote_join
from ..ftp.safetext import shown, shown_back, shown_lines
from .dialogs import fit_title
from .edit_files import EditedFile, Stamp, remote_stamp
from .remote_actions import valid_name

if TYPE_CHECKING:
    from ..ftp.session import FtpSession


class EditConflict:
    """``self`` is the :class:`RemoteEditor` (``window``, ``edited``, ``_upload``, ``_run``, ``_done``)."""

    def _conflict(self, edited: EditedFile, stamp: Stamp) -> None:
        name, path = shown(posixpath.basename(edited.remote)), shown(edited.remote)
        if stamp is None:
            text = self.tr("{path} was deleted on the server after you opened it.").format(path=path)
        else:
            text = self.tr("{path} changed on the server after you opened it.").format(path=path)
        title = self.tr("Changed on the server")
        box = QMessageBox(QMessageBox.Icon.Warning, title, shown_lines(text), parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr("Your changes to {name} are not uploaded yet.").format(name=name))
        overwrite: QPushButton = box.addButton(self.tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        new_name: QPushButton = box.addButton(self.tr("Save as New Name…"), QMessageBox.ButtonRole.AcceptRole)
        discard: QPushButton = box.addButton(self.tr("Discard My Changes"), QMessageBox.ButtonRole.DestructiveRole)
        later: QPushButton = box.addButton(self.tr("Not Now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(new_name)
        box.setEscapeButton(later)  # (Escape and the close button put it off: they discarded it, found by QA)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.overwrite_button, box.new_name_button, box.discard_button = overwrite, new_name, discard
        box.later_button = later

        def chosen() -> None:
            clicked = box.clickedButton()
            if clicked is overwrite:
                self._upload(edited, edited.remote, edited.sent, gone=stamp is None)
            elif clicked is new_name:
                self._ask_new_name(edited, stamp)
            elif clicked is discard:
                edited.changed = False  # not uploaded, on purpose; a later save asks again
                self._done(edited)
            else:
                self._put_off(edited)

        box.finished.connect(chosen)
        self.window.prompt = box
        box.open()

    def _put_off(self, edited: EditedFile) -> None:
        """Not Now (or Escape, or the question closed): left as the Upload question's "Not now" leaves it —
        changed, named by Close Tab and Quit; a later save asks again — and said, with where the changes are."""
        if not self._quit_confirmed and self.edited.get(edited.local) is edited:
            text = self.tr("{path} was not uploaded: your changes stay in {local}. Save it again to upload it.").format(
                path=shown(edited.remote), local=shown(edited.local)
            )
            self.window.log.add_lines([("status", text)])
            self.window.status_message(text)
        self._done(edited)

    def _ask_new_name(self, edited: EditedFile, stamp: Stamp, typed: Optional[str] = None, problem: str = "") -> None:
        """The name to upload the copy as, beside the server's file (``stamp``: as the server has it now). Asked
        again with what was ``typed`` and the ``problem`` with it (a name taken, or not valid) said in the
        dialog; Escape brings back the conflict's question (by QA: it dropped the decision without a word)."""
        stem, ext = os.path.splitext(posixpath.basename(edited.remote))
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Save as New Name"))
        folder = shown(posixpath.dirname(edited.remote) or "/")
        label = self.tr("Name for your version, in {folder}:").format(folder=folder)
        dialog.setLabelText(f"{problem}\n\n{label}" if problem else label)
        value = self.tr("{stem} (edited){ext}").format(stem=stem, ext=ext)
        dialog.setTextValue(shown(value) if typed is None else typed)  # (as the pane shows the name; read back)
        dialog.textValueSelected.connect(lambda name: self._save_as(edited, stamp, name, value))
        dialog.rejected.connect(lambda: self._not_saved_as(edited, stamp))
        fit_title(dialog)
        self.window._open_prompt(dialog)  # (``prompt`` let go of when it closes: it is deleted then)

    def _not_saved_as(self, edited: EditedFile, stamp: Stamp) -> None:
        """Save as New Name cancelled: the conflict is still to be decided — asked again (not while quitting)."""
        if self._quit_confirmed or self.edited.get(edited.local) is not edited or not self.window.isVisible():
            self._done(edited)
            return
        self._conflict(edited, stamp)

    def _save_as(self, edited: EditedFile, stamp: Stamp, typed: str, value: str) -> None:
        name = shown_back(typed, value).strip()
        if not valid_name(name):
            problem = self.tr("{name!r} is not a valid name.").format(name=name)
            self.window.show_error_text(problem)
            self._ask_new_name(edited, stamp, typed, problem)
            return
        target = posixpath.join(posixpath.dirname(edited.remote) or "/", name)
        tab = self._on_server(edited)
        if tab is None:
            self._done(edited)
            return

        folder_wire = None if edited.wire is None else posixpath.dirname(edited.wire)

        def look(session: FtpSession) -> Tuple[RemotePath, Stamp]:
            sent = target if folder_wire is None else remote_join(folder_wire, session.names.encode(name))
            return sent, remote_stamp(session, sent)

        def free(looked: Tuple[RemotePath, Stamp]) -> None:
            sent, taken = looked
            if taken is None:
                self._upload(edited, target, sent)
                return
            problem = self.tr("{path} already exists on the server: choose another name.").format(path=shown(target))
            self.window.show_error_text(problem)
            self._ask_new_name(edited, stamp, typed, problem)  # (said in the dialog, the name typed kept: by QA)

        self._run(edited, tab, look, free, self._failed(edited))
