"""The window's side of View and Edit (issue 20 item 1): its two actions, made with the window, and the editor
(:class:`.remote_edit.RemoteEditor`: the copies, their watcher and uploads), made when first used.

The first window does without the editor's modules (``remote_edit``, ``edit_files``, ``edit_folder``,
``edit_ending``, ``edit_conflict``): they are among what ``ftpgui.ui.later`` loads once the window is up, and
the editor is made then, when it names the copies an earlier run left (``EditEnding.tell_leftovers``: a look at
the disk, after the window is up rather than before). Until it is made nothing was viewed or edited: there is no
upload to wait for, no copy to ask about or remove (``editing`` is None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import QCoreApplication, Qt

if TYPE_CHECKING:
    from .remote_edit import RemoteEditor

translate = QCoreApplication.translate  # (the words stay the editor's: context "RemoteEditor")


class WindowEdit:
    """View and Edit for :class:`~ftpgui.ui.main_window.MainWindow` (a mixin: ``self`` is the window)."""

    _editor: Optional[RemoteEditor] = None

    def _build_edit_actions(self) -> None:
        """The remote pane's View File (F3) and Edit File (F4): they make the editor when first triggered."""
        view, edit = translate("RemoteEditor", "&View File"), translate("RemoteEditor", "&Edit File")
        self.act_view_remote = self._action("viewRemote", view, lambda: self.remote_edit.view_selected(), Qt.Key.Key_F3)
        self.act_edit_remote = self._action("editRemote", edit, lambda: self.remote_edit.edit_selected(), Qt.Key.Key_F4)
        self.act_view_remote.setStatusTip(translate("RemoteEditor", "Open a read-only copy of the remote file"))
        self.act_edit_remote.setStatusTip(
            translate("RemoteEditor", "Open a copy of the remote file; what you save is uploaded back")
        )
        self.edit_actions = (self.act_view_remote, self.act_edit_remote)

    @property
    def remote_edit(self) -> RemoteEditor:
        """View and Edit of a remote file: the editor, made (with its modules) when first asked for."""
        if self._editor is None:
            from .remote_edit import RemoteEditor

            self._editor = RemoteEditor(self)
        return self._editor

    def make_editor(self) -> None:
        """Make the editor now, if it is not made yet (once the window is up: ``ui.later``)."""
        self.remote_edit  # noqa: B018 (made on first access)

    def edits_follow(self, route: str, moves: list) -> None:
        """Remote paths renamed or moved on ``route`` by this window: the edits open on them follow
        (``RemoteEditor.follow``; none when nothing was edited)."""
        if self._editor is not None:
            self._editor.follow(route, moves)

    @property
    def editing(self) -> Optional[RemoteEditor]:
        """The editor, if it was made (None: no file was viewed or edited, nothing to wait for or clean up)."""
        return self._editor
