"""Synchronized browsing: a local and a remote folder paired, so that entering a subfolder or going up in
one pane does the same in the other.

The pair is two roots (the folders shown when it was turned on, or a bookmark's). A folder at or below one
root has its counterpart at the same place below the other; going up above the roots moves both roots up
together. A counterpart that does not exist is said in the status bar and the log, with an offer to create
it. What it says in the status bar goes once it no longer holds: the pairing turned off, the tab's connection
ended or another made (design note 281). Nothing here blocks: the remote side is listed on the browsing
connection, a local folder is created on a pool thread.
"""

from __future__ import annotations

import os
import posixpath
import re
from contextlib import contextmanager
from typing import Any, Iterator, List

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from ..explain import describe_error
from ..ftp import ReplyError
from ..ftp.safetext import shown
from ..transfers.runner import run_blocking
from .dialogs import ask

SHORTCUT = "Ctrl+Y"  # FileZilla's


def _parts(path: str, module: Any) -> List[str]:
    """``/a/b`` → ``["", "a", "b"]``; ``C:\\a\\b`` → ``["C:", "a", "b"]``."""
    if module is posixpath:
        return [""] + [p for p in posixpath.normpath(path).split("/") if p and p != "."]
    drive, rest = module.splitdrive(module.normpath(path))
    return [drive] + [p for p in re.split(r"[\\/]", rest) if p]


def _join(parts: List[str], module: Any) -> str:
    if module is posixpath:
        return "/" + "/".join(parts[1:])
    return parts[0] + module.sep + module.sep.join(parts[1:])


def counterpart(path: str, here_root: str, there_root: str, here: Any = os.path, there: Any = posixpath):
    """Where the other pane goes when this one shows ``path``: ``(target, new here root, new there root)``,
    or None when ``path`` is neither at or below ``here_root`` nor above it (a jump elsewhere). ``here`` and
    ``there`` are the path modules of the two sides (``os.path`` locally, ``posixpath`` on the server)."""
    p, h, t = _parts(path, here), _parts(here_root, here), _parts(there_root, there)
    if p[: len(h)] == h:  # at or below the root: the same place below the other root
        return _join(t + p[len(h) :], there), here_root, there_root
    if h[: len(p)] == p:  # above the root: both go up as many levels
        up = len(h) - len(p)
        if len(t) - 1 < up:
            return None  # the other side has no folder that high
        new_there = _join(t[: len(t) - up], there)
        return new_there, path, new_there
    return None


class Pair:
    """One server tab's pairing: on or off, its two roots."""

    def __init__(self) -> None:
        self.on = False
        self.local_root = ""
        self.remote_root = ""
        self.quiet = 0
        self.remote_seen = ""
        self.said = ""  # its last words in the status bar, as shown there ("": none that still hold)
        self.said_on = ""  # the connection they were said on (the remote model's ``connection_key``)


def _pair_attribute(name: str) -> property:
    return property(lambda self: getattr(self._pair(), name), lambda self, value: setattr(self._pair(), name, value))


class SyncBrowsing(QObject):
    """View ▸ Synchronized Browsing: the local and the remote pane move together — in each server tab on its
    own (``wire_tab``); the action shows and switches the current tab's pairing."""

    # the acting tab's (see :mod:`.window_tabs`)
    local_root = _pair_attribute("local_root")
    remote_root = _pair_attribute("remote_root")
    _quiet = _pair_attribute("quiet")
    _remote_seen = _pair_attribute("remote_seen")
    _said = _pair_attribute("said")
    _said_on = _pair_attribute("said_on")

    def __init__(self, window: Any):
        super().__init__(window)
        self.window = window
        self.action = QAction(self.tr("S&ynchronized Browsing"), window)
        self.action.setObjectName("syncBrowsing")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip(self.tr("Entering or leaving a folder in one pane does the same in the other"))
        self.action.toggled.connect(self._toggled)
        window.addAction(self.action)

    def wire_tab(self, tab: Any) -> None:
        """A server tab's panes can be paired (the window's ``_wire_tab``)."""
        tab.sync_pair = Pair()
        tab.local.pathChanged.connect(self.window.for_tab(tab, self._local_moved))
        tab.remote.model.modelReset.connect(self.window.for_tab(tab, self._remote_listed))

    def _pair(self) -> Pair:
        return self.window._tab().sync_pair

    @property
    def enabled(self) -> bool:
        return self._pair().on

    def _set_on(self, on: bool) -> None:
        """The acting tab's pairing on or off; the action follows when that is the current tab."""
        self._pair().on = on
        if self.window._is_current() and self.action.isChecked() != on:
            self.action.blockSignals(True)
            self.action.setChecked(on)
            self.action.blockSignals(False)

    def tab_shown(self) -> None:
        """Another tab came forward: the action says whether its panes are paired."""
        self.action.blockSignals(True)
        self.action.setChecked(self.enabled)
        self.action.blockSignals(False)

    def start(self, local_root: str, remote_root: str, say: bool = False) -> None:
        """Pair these two folders (the panes are moved there by the caller); with ``say``, the log says so."""
        self.local_root, self.remote_root = local_root, remote_root
        self._remote_seen = self.window.remote.path
        self._set_on(True)
        if say:
            self._say_paired()

    def stop(self) -> None:
        self._set_on(False)
        self._unsay()

    def in_step(self) -> bool:
        """Not paired, or both panes showing counterparts (not halfway through a move)."""
        if not self.enabled:
            return True
        found = counterpart(self.window.local.path, self.local_root, self.remote_root)
        return found is None or found[0] == self.window.remote.path

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Moves made inside are not followed (a bookmark moves both panes itself)."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def _toggled(self, on: bool) -> None:
        self._pair().on = on
        if not on:
            self._unsay()
            return
        w = self.window
        if not w.remote_browser.connected or not w.remote.path:
            self._say(self.tr("Synchronized browsing needs a connection: connect to a server first."))
            self._set_on(False)
            return
        self.local_root, self.remote_root = w.local.path, w.remote.path
        self._remote_seen = w.remote.path
        self._say_paired()

    def _say_paired(self) -> None:
        self._say(
            self.tr("Synchronized browsing: {local} and {remote} move together.").format(
                local=shown(self.local_root), remote=shown(self.remote_root)
            )
        )

    def _say(self, text: str) -> None:
        self.window.log.add_lines([("status", text)])
        self.window.status_message(text)
        self._said = self.window.statusBar().currentMessage()
        self._said_on = self.window.remote.model.connection_key

    def _unsay(self) -> None:
        """What the pairing last said goes from the status bar, if it is still there (it held while the pair
        did: "… move together" stayed 15 s after the pairing was turned off, or the server left)."""
        said, self._said = self._said, ""
        bar = self.window.statusBar()
        if said and bar.currentMessage() == said:
            bar.clearMessage()

    # --- following ----------------------------------------------------------------------------------
    def _local_moved(self, path: str) -> None:
        if not self.enabled or self._quiet or not self.window.remote.path:
            return
        found = counterpart(path, self.local_root, self.remote_root)
        if found is None:
            self._outside(path)
            return
        target, self.local_root, self.remote_root = found
        if target == self.window.remote.path:
            return
        self.window.navigate(target, on_error=lambda exc: self._remote_missing(target, exc))

    def _remote_listed(self) -> None:
        if self._said and self.window.remote.model.connection_key != self._said_on:
            self._unsay()  # (disconnected, or connected anew: "needs a connection" too)
        path = self.window.remote.path
        if path == self._remote_seen:
            return  # listed again, or shown with hidden files: not a move
        self._remote_seen = path
        if not self.enabled or self._quiet:
            return
        if not path:  # disconnected: the pair means nothing on the next server
            self.stop()
            return
        found = counterpart(path, self.remote_root, self.local_root, posixpath, os.path)
        if found is None:
            self._outside(path)
            return
        target, self.remote_root, self.local_root = found
        if os.path.normpath(target) == os.path.normpath(self.window.local.path):
            return
        if os.path.isdir(target):
            with self.quiet():
                self.window.local.set_path(target)
        else:
            self._local_missing(target)

    def _outside(self, path: str) -> None:
        self._say(
            self.tr(
                "Synchronized browsing: {path} is outside the paired folders {local} and {remote}; the other "
                "pane stays where it is."
            ).format(path=shown(path), local=shown(self.local_root), remote=shown(self.remote_root))
        )

    # --- a counterpart that does not exist ----------------------------------------------------------
    def _remote_missing(self, target: str, exc: BaseException) -> None:
        """The server refused to open ``target``: missing — or, as its folder's listing may show, a file of
        that name, or a folder this login may not open (many servers refuse both in the same words)."""
        if not isinstance(exc, ReplyError):  # a lost connection, not a missing folder: say that
            self.window.show_error(exc)
            return
        listed = self.window.remote_browser.cache.get(posixpath.dirname(target) or "/")
        name = posixpath.basename(target)
        there = None if listed is None else next((e for e in listed if e.name == name), None)
        if there is not None and there.type == "file":
            text = self.tr(
                "Synchronized browsing: {path} on the server is a file, not a folder; the remote pane stays where "
                "it is."
            )
            self._say(text.format(path=shown(target)))
        elif listed is not None and there is None:
            text = self.tr("Synchronized browsing: the remote folder {path} does not exist.")
            self._offer(text.format(path=shown(target)), lambda: self.create_remote(target))
        else:  # listed as a folder (or a link), or its folder not listed: what the server said
            text = self.tr("Synchronized browsing: the remote folder {path} could not be opened: {reason}")
            text = text.format(path=shown(target), reason=describe_error(exc))
            if there is None:  # (not known to be there: it may be made)
                self._offer(text, lambda: self.create_remote(target))
            else:
                self._say(text)

    def _local_missing(self, target: str) -> None:
        if os.path.lexists(target):  # a file (or a link to nothing): no folder to make there
            text = self.tr(
                "Synchronized browsing: {path} here is a file, not a folder; the local pane stays where it is."
            )
            self._say(text.format(path=shown(target)))
            return
        self._offer(
            self.tr("Synchronized browsing: the local folder {path} does not exist.").format(path=shown(target)),
            lambda: self.create_local(target),
        )

    def _offer(self, text: str, create: Any) -> None:
        self._say(text)
        w = self.window
        w.prompt = ask(w, self.tr("Synchronized browsing"), text, self.tr("Create It"), create)

    def create_remote(self, target: str) -> None:
        w = self.window
        w.remote_browser.run(
            lambda s: s.mkd(target),
            lambda _r: (w.remote_browser.invalidate(posixpath.dirname(target)), w.navigate(target)),
            w.show_error,
        )

    def create_local(self, target: str) -> Any:
        w = self.window

        def made(_r: Any) -> None:
            with self.quiet():
                w.local.set_path(target)

        return run_blocking(os.makedirs, target, exist_ok=True, on_done=made, on_error=w.show_error)
