"""How View and Edit end (a mixin of :class:`.remote_edit.RemoteEditor`): Quit with files open for editing,
a tab closed or its connection ended while an edited file's upload runs (the person may wait for it, and is
told what stopping it leaves as far as it has come), the temporary copies removed at exit, a temporary file
an upload may leave on the server named, and copies an earlier run left with changes not uploaded (design
notes 145, 151).
"""

from __future__ import annotations

import functools
import posixpath
from typing import Any, Callable, List, Optional, Set, Tuple

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from ..ftp.safetext import shown, shown_lines
from .dialogs import ask
from .edit_files import DONE, IN_PLACE, RENAMING, TEMPORARY, EditedFile, PutBack
from .edit_folder import EditFolder, Leftover, discard, leftovers

Waiting = Tuple[Set[EditedFile], Callable[[], None], List[bool]]  # the uploads, what then, whether one failed


class EditEnding:
    """``self`` is the :class:`RemoteEditor` (``window``, ``edited``, ``copies``, ``watcher``)."""

    def _init_ending(self) -> None:
        self._quit_confirmed = False
        self._keep_unsaved = False  # (ending_unasked)
        self._waiting: List[Waiting] = []
        self._let_through: Set[Any] = set()  # tabs the person let end without waiting
        QTimer.singleShot(0, self, self.tell_leftovers)  # once the window is up

    # --- an upload running when something would cut it off ---------------------------------------------
    def uploads(self, tab: Any = None) -> List[EditedFile]:
        """The edited files whose upload runs now: on ``tab``'s connection, or on any (None)."""
        return [e for e in self.edited.values() if e.uploading and (tab is None or e.tab is tab)]

    def _running_lines(self, uploads: List[EditedFile]) -> List[str]:
        """What stopping each upload now leaves on the server, by how far it has come (``PutBack.stage``)."""
        lines = []
        for e in uploads:
            put = e.put or PutBack()
            if put.stage == IN_PLACE:
                text = self.tr(
                    "Your changes to {name} are being uploaded to {server} over {path} itself: stopped now, "
                    "{path} is left incomplete there."
                )
            elif put.stage == RENAMING:
                text = self.tr(
                    "Your changes to {name} are uploaded to {server}, and the server was asked to put them in "
                    "place of {path}: stopped now, {path} holds either them or the old version - look at it there."
                )
            elif put.stage == DONE:
                text = self.tr(
                    "Your changes to {name} are in {path} on {server} now; what is left is reading its new size "
                    "and time: stopped now, {path} keeps them."
                )
            else:
                text = self.tr(
                    "Your changes to {name} are being uploaded to {server}: stopped now, {path} stays there as "
                    "it was, without them."
                )
                if put.stage == TEMPORARY:
                    text += " " + self.tr(
                        "What was sent of them, {part}, is deleted if the connection still allows it, else left there."
                    )
            name, path = shown(posixpath.basename(e.remote)), shown(put.target or e.remote)  # (the server's names)
            lines.append(text.format(name=name, server=e.server, path=path, part=shown(put.part_shown)))
        return lines

    def _ask_to_wait(
        self, title: str, text: str, anyway: str, uploads: List[EditedFile], now: Callable[[], None], later: Callable
    ) -> QMessageBox:
        """Wait for the Upload (then ``later``), ``anyway`` (``now``), or Cancel."""
        box = QMessageBox(QMessageBox.Icon.Question, title, shown_lines(text), parent=self.window)  # (names in it)
        box.setTextFormat(Qt.TextFormat.PlainText)
        wait = box.addButton(self.tr("Wait for the Upload"), QMessageBox.ButtonRole.AcceptRole)
        go = box.addButton(anyway, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(wait)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.wait_button = wait  # type: ignore[attr-defined]
        box.yes_button = go  # type: ignore[attr-defined]  # (as ``ask``'s: what goes ahead at once)

        def chosen() -> None:
            if self.window.prompt is box:
                self.window.prompt = None
            clicked = box.clickedButton()
            if clicked is go:
                now()
            elif clicked is wait:
                self._wait(uploads, later)

        box.finished.connect(chosen)
        self.window.prompt = box
        box.open()
        return box

    def _wait(self, uploads: List[EditedFile], then: Callable[[], None]) -> None:
        running = [e for e in uploads if e.uploading]
        if not running:
            then()
            return
        self._waiting.append((set(running), then, [False]))
        for e in running:
            text = self.tr("Waiting for the upload of {path} to {server} to finish.")
            self.window.log.add_lines([("status", text.format(path=shown(e.remote), server=e.server))])

    def upload_ended(self, edited: EditedFile, ok: bool) -> None:
        """An upload is over: what waited for it goes ahead once its uploads are all done — not when one
        failed (its error is in the log; the person decides again)."""
        still = []
        for files, then, failed in self._waiting:
            if edited in files:
                files.discard(edited)
                failed[0] = failed[0] or not ok
            if files:
                still.append((files, then, failed))
            elif not failed[0]:
                QTimer.singleShot(0, self, then)  # (not inside the job's callback: it may close the tab)
        self._waiting = still

    def _stopped(self, uploads: List[EditedFile]) -> None:
        """The person let these uploads be cut off: their results will not come (the connection's callbacks
        go with it); the changes stay not uploaded, and the next save asks again — unless the server's file
        holds them already. What an upload leaves on the server is said once its connection has ended."""
        for e in uploads:
            if e.uploading:
                e.uploading = e.busy = e.again = False
                e.job = None  # (what it left is said here, not as a change cut off: ``_cut_off``)
                if e.put is not None and e.put.stage == DONE:
                    self._took_place(e, e.put, None, refresh=False)  # (its connection ends now)
                self._settle_at_end(e)

    def _settle_at_end(self, edited: EditedFile) -> None:
        """Once the connection of ``edited``'s upload has ended (its result dropped): say what it left."""
        put, copies = edited.put, self.copies
        if put is None or put.settled:
            return
        conn = put.connection
        if conn is None or not conn.running:
            self.settle(edited, put, copies)
        else:
            conn.closed.connect(functools.partial(self.settle, edited, put, copies))

    def settle(self, edited: EditedFile, put: PutBack, copies: Optional[EditFolder]) -> None:
        """``put``'s upload is over: the temporary file it may have left on the server is named in the log, and
        stays in the copies' record, which names it at the next start (the log may be gone: Quit); one it did not
        leave goes from the record."""
        if put.settled:
            return
        put.settled = True
        if copies is not None and put.part_shown and not put.part and edited.put is put:
            copies.note_part(edited.local, None)
        if put.part:
            text = self.tr(
                "{part}, the temporary file ftpgui uploaded {path} through, may be left on {server}: it could "
                "not be removed. Delete it there if it is."
            )
            self.window.show_error_text(
                text.format(part=shown(put.part_shown), path=shown(put.target), server=edited.server)
            )

    def hold(self, tab: Any, then: Callable[[], None], disconnect: bool) -> bool:
        """Before ``tab`` closes (``disconnect``: before its connection ends): when an edited file's upload
        runs on its connection, ask whether to wait for it. True when asked: ``then`` runs when the person says
        so, at once or once the upload is over (and is let through then)."""
        uploads = self.uploads(tab)
        if not uploads or tab in self._let_through:
            return False
        if disconnect:
            title, anyway = self.tr("Disconnect"), self.tr("Disconnect Anyway")
        else:
            title, anyway = self.tr("Close tab"), self.tr("Close Anyway")

        def now() -> None:
            self._stopped(uploads)
            self._let_through.add(tab)
            try:
                then()
            finally:
                self._let_through.discard(tab)

        self._ask_to_wait(title, "\n".join(self._running_lines(uploads)), anyway, uploads, now, then)
        return True

    # --- changes not uploaded -------------------------------------------------------------------------
    def not_uploaded(self, tab: Any = None) -> List[EditedFile]:
        """The edited files with changes not uploaded (saved, and "Not now" answered, or the upload failed or
        was stopped) and no upload running: of ``tab`` (opened in it, or last uploaded through it), or all."""
        return [
            e
            for e in self.edited.values()
            if (e.changed or e.busy) and not e.uploading and (tab is None or e.tab is tab)
        ]

    def _not_uploaded_line(self, files: List[EditedFile]) -> str:
        """Quit's and Close Tab's words for ``files``."""
        names = ", ".join(shown(posixpath.basename(e.remote)) for e in files)
        return self.tr("Changes not uploaded: {names}.").format(names=names)

    def closing_lines(self, tab: Any) -> List[str]:
        """What Close Tab says of ``tab``'s edited files with changes not uploaded, as Quit names them, and what
        becomes of them: their copies stay open for editing (until Quit), and a save uploads them through a tab
        connected to their server the same way (``_on_server``) — another tab now, or one connected later.
        Nothing when the person already let the tab close (``hold``'s Close Anyway)."""
        files = [] if tab in self._let_through else self.not_uploaded(tab)
        if not files:
            return []
        lines = [self._not_uploaded_line(files)]
        for route in dict.fromkeys(e.route for e in files):
            server = next(e.server for e in files if e.route == route)
            other = next(
                (
                    t
                    for t in self.window.tabs
                    if t is not tab and t.remote_browser.connected and t.remote_browser.route == route
                ),
                None,
            )
            if other is not None:
                text = self.tr(
                    "The copies stay open for editing: save one again and it is uploaded to {server} through the "
                    "tab {tab}."
                )
            else:
                text = self.tr(
                    "The copies stay open for editing until ftpgui quits, but no other tab is connected to "
                    "{server}: to upload one, connect to it again, then save it once more."
                )
            lines.append(text.format(server=server, tab=other.title() if other is not None else ""))
        return lines

    # --- quitting ---------------------------------------------------------------------------------------
    def may_close(self, event) -> bool:
        """From the window's closeEvent: True to close now. With files open for editing the person is warned
        first (changes not uploaded named, and an upload running, which they may wait for), and the window
        closes if they still want to quit."""
        if self._quit_confirmed or not self.edited:
            return True
        event.ignore()
        names = [shown(posixpath.basename(e.remote)) for e in self.edited.values()]
        text = self.tr("Files you opened for editing may still be open: {names}.").format(names=", ".join(names))
        unsaved = self.not_uploaded()
        if unsaved:
            text += "\n" + self._not_uploaded_line(unsaved)
        uploads = self.uploads()
        for line in self._running_lines(uploads):
            text += "\n" + line
        text += "\n" + self.tr("Their temporary copies are deleted when ftpgui quits; later saves are not uploaded.")

        def quit_anyway() -> None:
            self._quit_confirmed = True
            self.window.close()

        def quit_after() -> None:  # asked again if a save came meanwhile
            if self.window.isVisible():  # (not closed meanwhile, by a second Quit Anyway)
                self._quit_confirmed = not any(e.changed or e.busy for e in self.edited.values())
                self.window.close()

        if uploads:
            self._ask_to_wait(self.tr("Quit"), text, self.tr("Quit Anyway"), uploads, quit_anyway, quit_after)
        else:
            self.window.prompt = ask(self.window, self.tr("Quit"), text, self.tr("Quit Anyway"), quit_anyway)
        return False

    def ending_unasked(self) -> None:
        """The app ends with no one to ask (a signal): no question, and a copy with changes not uploaded is not
        deleted (``cleanup`` keeps the folder then: nothing a person typed is lost)."""
        self._quit_confirmed = True
        self._keep_unsaved = True

    def cleanup(self) -> None:
        """At exit: stop watching and remove the temporary folder with every copy in it (kept, with its record
        for the next start, when the app ends unasked and a copy has changes not uploaded)."""
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        for e in self.uploads():  # (Quit Anyway: the record keeps their temporary files until they are settled)
            self._settle_at_end(e)
        self.edited.clear()
        self._waiting.clear()
        if self.copies is not None:
            self.copies.close(keep_changed=self._keep_unsaved)
            self.copies = None

    # --- what an earlier run left -----------------------------------------------------------------------
    def tell_leftovers(self) -> Optional[QMessageBox]:
        """At start: copies an earlier run left with changes it never uploaded (it crashed, was killed, or
        ended by a signal) are named in the log, with their paths, and the person chooses to keep or delete
        them; nothing of theirs is deleted unasked. Folders without such copies are removed unsaid."""
        found = leftovers()
        for leftover in found:
            for server, part in leftover.parts:
                text = self.tr(
                    "When ftpgui last ended, it was uploading an edited file through {part} on {server}: that "
                    "temporary file may be left there. Delete it there if it is."
                )
                self.window.show_error_text(text.format(part=part, server=server))
        found = [leftover for leftover in found if leftover.copies]
        if not found:
            return None
        lines = []
        for leftover in found:
            for copy in leftover.copies:
                line = self.tr("{path}, your copy of {remote} on {server}").format(
                    path=shown(copy.local), remote=shown(copy.remote), server=copy.server
                )
                lines.append(line)
                self.window.show_error_text(
                    self.tr("Changes saved in {copy} were never uploaded: the copy is kept.").format(copy=line)
                )
        text = self.tr(
            "When ftpgui last ended, changes saved in files opened for editing had not been uploaded. The copies "
            "are kept:"
        )
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changes not uploaded"), text, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            shown_lines("\n".join("• " + line for line in lines))
            + "\n\n"
            + self.tr("Upload a copy yourself to keep its changes. Kept copies are named again at the next start.")
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        delete = box.addButton(self.tr("Delete the Copies"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep Them"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.delete_button, box.keep_button = delete, keep  # type: ignore[attr-defined]
        box.finished.connect(lambda _r: self._delete_leftovers(found) if box.clickedButton() is delete else None)
        self.window.prompt = box
        box.open()
        return box

    def _delete_leftovers(self, found: List[Leftover]) -> None:
        for leftover in found:
            discard(leftover)
            text = self.tr("Deleted {folder}.").format(folder=leftover.folder)
            self.window.log.add_lines([("status", text)])
