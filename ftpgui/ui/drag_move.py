"""A remote entry dragged onto a remote folder is moved there (RNFR/RNTO) once the person has said so.

The drop moved at once (found by QA): a slip of the mouse over a folder row rearranged the server, nothing
said of where things went. Now a question names what moves (its name, or "N items") and the folder it goes
into, Move or Cancel (the default, and Escape), as WinSCP and Cyberduck ask — and the files there it would
replace, in the same question (they were asked about in a second one: note 397); its "Don't ask again" clears
``Preferences.confirm_drag_move`` in every open window (``shared_prefs``), which the preferences dialog turns
back on.
"""

from __future__ import annotations

import posixpath
from typing import Any, List, Sequence, Tuple

from PySide6.QtWidgets import QCheckBox, QMessageBox

from .dialogs import ask, fitted_name
from .shared_prefs import keep_choice

MAX_NAMED = 10  # files in the way named in the question; more are "…"


class DragMove:
    """The question before a drag's move (needs ``RemoteFileActions``, ``prefs``, ``for_tab``, ``prompt``…)."""

    def drop_move_remote(self, sources: Sequence[tuple], folder: str) -> None:
        """``RemoteView.moveDropped``: ``sources`` (as ``move_remote`` takes them) into ``folder``, asked first
        unless the person said not to. What cannot be moved is said before anything is asked; the folder is
        read first, so that one question says what moves and what it replaces (design note 397)."""
        if not sources or not self._remote_ready() or self.cannot_move(sources):
            return
        tab = self._tab()
        move = self.for_tab(tab, self.move_remote)  # (the answer comes later: it acts for this tab still)
        if not self.prefs.confirm_drag_move:
            move(sources, folder)  # (a file in the way is asked about alone: "Replace?")
            return
        move(sources, folder, self.for_tab(tab, lambda found, go: self._ask_drag_move(sources, folder, found, go)))

    def _ask_drag_move(self, sources: Sequence[tuple], folder: str, found: List[Tuple[str, Any]], go) -> None:
        """The one question: what moves, into which folder, and the files there it replaces (``found``: each
        its path and entry, as ``move_remote`` read the folder). Cancel is the default (and Escape)."""
        if len(sources) == 1:
            source = sources[0]
            name = source[2] if len(source) > 2 and source[2] is not None else posixpath.basename(source[0])
            text = self.tr("Move {name} into the folder\n{folder}?").format(  # (a path on its own line: note 362)
                name=fitted_name(name), folder=fitted_name(folder)
            )
        else:
            text = self.tr("Move {n} items into the folder\n{folder}?").format(
                n=len(sources), folder=fitted_name(folder)
            )
        endpoint = self.remote_browser.endpoint
        server = endpoint.host if endpoint is not None else ""
        paths = [fitted_name(path) for path, _entry in found]  # (the server's names: escaped)
        if len(paths) == 1:
            text += "\n" + self.tr("{name} already exists on {server}: it will be replaced.").format(
                name=paths[0], server=server
            )
        elif paths:
            text += "\n" + self.tr("These {n} files already exist on {server} and will be replaced:").format(
                n=len(paths), server=server
            )
            text += "\n" + "\n".join(paths[:MAX_NAMED]) + ("\n…" if len(paths) > MAX_NAMED else "")
        check = QCheckBox(self.tr("Don't ask again"))
        check.setObjectName("dontAskAgain")

        def moved() -> None:
            if check.isChecked():  # (with Cancel it means nothing: it is kept only for a move made)
                self._stop_asking_drag_move()
            go()

        yes, icon = self.tr("Move"), QMessageBox.Icon.Question
        if paths:
            yes, icon = self.tr("Move and Replace"), QMessageBox.Icon.Warning
        box = ask(self, self.tr("Move"), text, yes, moved, icon, check)
        self.prompt = box
        box.finished.connect(lambda _r: setattr(self, "prompt", None) if self.prompt is box else None)

    def _stop_asking_drag_move(self) -> None:
        """ "Don't ask again": kept in the preferences, and taken by every other open window at once (note 396)."""
        keep_choice(self, confirm_drag_move=False)
