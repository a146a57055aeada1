"""The main window's transfers: what the panes and drops ask for goes to the transfer queue, uploaded folders
are listed again, the queue's totals go to the status bar — a mixin of :class:`MainWindow`."""

from __future__ import annotations

import dataclasses
import os
import posixpath
from typing import Any, Callable, List, Optional, Tuple

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtWidgets import QMessageBox

from .. import settings
from ..ftp import Entry
from ..ftp.replies import unsendable
from ..ftp.safetext import shown, shown_lines
from ..transfers.items import ACTIVE, FAILED, QUEUED, RETRYING, UPLOAD, WAITING
from ..transfers.model import reason
from ..transfers.progress import QueueTotals
from ..transfers.runner import run_blocking
from .current_row import take_current
from .dialogs import ask, breakable
from .modepanel.connections import TRANSFER
from .queue_footer import status_text, with_rate
from .remote_model import MIME_REMOTE, download_item
from .remote_pane import local_paths
from .transfer_type import set_transfer_types

MAX_NAMED = 3  # names of refused items said in the status bar; more are "…"
# (path, is a folder — None: a link, resolved by its job —, size, its bytes[, the name as listed])
TransferItems = List[Tuple[Any, ...]]


def cut_uploads(items: List[Any]) -> List[Any]:
    """The uploads among ``items`` that stopping now cuts off: under way, their file incomplete on the server
    until continued (Quit's question, Close Tab's)."""
    return [item for item in items if item.state == ACTIVE and item.direction == UPLOAD and not item.is_dir]


class WindowTransfers:
    """Transfers through the queue (a mixin: ``self`` is the :class:`MainWindow`)."""

    def _queue_preferences(self, queue: Any, prefs: settings.Preferences) -> None:
        """Give ``queue`` what the preferences say of transfers: what to do when a target exists, links in a
        folder upload, the transfer types. At start-up and at the Preferences' OK (the choice for an existing
        target was given at start-up only: switched to Ask, a file was still overwritten until a restart)."""
        queue.exists_default = prefs.exists_default
        queue.follow_links = prefs.follow_links
        set_transfer_types(queue, prefs, self.store)

    # --- transfers (the queue does them) ---------------------------------------------------------
    def request_download(self, items: TransferItems, local_dir: str, start: bool = True) -> None:
        """Download remote ``(path, is_dir, size, path's bytes[, name as listed])`` items into ``local_dir``
        through the queue (``start=False``: added paused, to be started from the queue). The bytes, as the server
        listed the path (None when not known), are what the transfer connection sends."""
        if not items:
            return
        self.transferRequested.emit("download", items, local_dir)
        self._bind_queue()  # the items are the acting tab's server's
        added = self.queue.download(items, local_dir, start=start)
        # a name no command can carry, or one no local file may have, fails its item at once (the Failed tab
        # says why, in the CLI's words); the others go on: said now, counted
        refused: dict = {True: [], False: []}  # a name refused (``refused``) or one no command can carry
        for (path, _is_dir, _size, *raw), item in zip(items, added, strict=True):
            if item.state == FAILED:
                name = raw[1] if len(raw) > 1 and raw[1] is not None else posixpath.basename(path.rstrip("/"))
                wire = raw[0] if raw and raw[0] is not None else path
                refused[item.refused].append((name, unsendable(wire), item))
        said = [self._not_downloaded(names, len(items), unsafe) for unsafe, names in refused.items() if names]
        if said:
            self.show_error_text(" ".join(said))

    def _not_downloaded(self, names: List[Tuple[str, Optional[str], Any]], total: int, unsafe: bool) -> str:
        """A sentence for ``names`` of a download's ``total`` items that were not downloaded, each (name, the
        control character in it that no command can carry, its item): their names are not safe as local file
        names (``unsafe``; one item alone: with its reason, the CLI's words), or cannot be sent. ("Download: not
        possible, because this name names no file in the folder", one name, was said of a Select All of 16 rows
        that downloaded 7: found by QA, design note 300.)"""
        n, (name, char, item) = len(names), names[0]
        comma = self.tr(", ")
        listed = comma.join(shown(name) for name, _char, _item in names[:MAX_NAMED]) + (
            comma + "…" if n > MAX_NAMED else ""
        )
        if unsafe and total == 1:
            text = self.tr("{name} was not downloaded: its name is not safe to use as a local file name. {reason}.")
        elif unsafe and n == 1:
            text = self.tr(
                "1 of {total} items was not downloaded: its name is not safe to use as a local file name ({names})."
            )
        elif unsafe:
            text = self.tr(
                "{n} of {total} items were not downloaded: their names are not safe to use as local file names "
                "({names})."
            )
        elif total == 1:
            text = self.tr(
                "{name} was not downloaded: its name holds the control character {char}, which FTP cannot send to "
                "a server."
            )
        elif n == 1:
            text = self.tr(
                "1 of {total} items was not downloaded: its name holds the control character {char}, which FTP "
                "cannot send to a server ({names})."
            )
        else:
            text = self.tr(
                "{n} of {total} items were not downloaded: their names hold control characters (CR, LF or NUL), "
                "which FTP cannot send to a server ({names})."
            )
        return text.format(name=shown(name), char=char, n=n, total=total, names=listed, reason=reason(item))

    def request_upload(self, local_paths: List[str], remote_dir: str, start: bool = True) -> None:
        """Upload local files and folders into ``remote_dir`` through the queue."""
        if not local_paths:
            return
        if not self.remote_browser.connected:
            self.show_error_text(self.tr("Not connected. Connect to a server first."))
            return
        self.transferRequested.emit("upload", local_paths, remote_dir)
        self._bind_queue()
        self.queue.upload(local_paths, remote_dir, start=start, folders=self.local.known_folders(local_paths))

    def _download_entry(self, entry: Entry) -> None:
        model = self.remote.model
        self.request_download([download_item(model.full_path(entry), entry, model.wire_path(entry))], self.local.path)

    def _open_link(self, entry: Entry) -> None:
        """A symbolic link double-clicked (or Enter), as FileZilla takes it: shown when CWD enters it (a folder),
        else downloaded as a file double-clicked is — its job words a link that leads nowhere. Asked on the
        browsing connection's thread, never this one. (A link to a file was entered: the server's "550 Not a
        directory", and nothing else happened — while Download took it as the file: design note 204.)"""
        if not self._remote_ready() or self.cannot_use([entry.name], self.open_folder_words()):
            return  # (nothing asked of a path that is not the row's)
        model = self.remote.model
        path, wire = model.full_path(entry), model.wire_path(entry)

        def resolved(folder: bool) -> None:
            if folder:
                self.navigate(path)
            else:
                self.request_download([download_item(path, entry, wire)], self.local.path)

        self.remote_browser.run(lambda s: s.is_folder(path if wire is None else wire), resolved, self.show_error)

    def download_selected(self) -> None:
        take_current(self.remote.view)  # (nothing selected: the row with the focus, note 417)
        self.request_download(self.remote.selected_items(), self.local.path)

    def upload_selected(self) -> None:
        if self.remote.path:
            take_current(self.local.view)
            self.request_upload(self.local.selected_paths(), self.remote.path)

    def upload_here(self, local_paths: List[str]) -> None:
        """``local_paths`` uploaded into the remote folder shown (else said: not connected)."""
        if self.remote.path or not self.remote_browser.connected:
            self.request_upload(local_paths, self.remote.path)

    def add_to_queue(self) -> None:
        """The selection of the active pane into the queue, paused: Resume in the queue starts it."""
        if self._active == "remote":
            take_current(self.remote.view)  # (nothing selected: the row with the focus, note 417)
            self.request_download(self.remote.selected_items(), self.local.path, start=False)
        elif self.remote.path:
            take_current(self.local.view)
            self.request_upload(self.local.selected_paths(), self.remote.path, start=False)

    def queue_drop(self, mime: QMimeData) -> Optional[Callable[[], None]]:
        """What dropping ``mime`` on the queue adds, as FileZilla's queue takes drops: the current tab's remote
        entries, their download into its local pane's folder; local files (a pane's, a file manager's), their
        upload into the remote folder shown — both queued without starting, as Add to Queue does. None (the drop
        refused): anything else, another session's entries, or no server or folder to transfer with."""
        tab = self.current_tab
        if not tab.remote_browser.connected or not tab.remote.path:
            return None
        if mime.hasFormat(MIME_REMOTE):
            key, items = self._dropped(mime)
            folder = tab.local.path
            if not items or key != tab.remote.model.connection_key or not os.path.isdir(folder):
                return None
            return lambda: self.for_tab(tab, self.request_download)(items, folder, False)
        paths = local_paths(mime.urls()) if mime.hasUrls() else []
        if not paths:
            return None
        folder = tab.remote.path
        return lambda: self.for_tab(tab, self.request_upload)(paths, folder, False)

    def _queue_noted(self, kind: str, line: str) -> None:
        """A line of the queue's for the log (what became of a removed download's temporary file)."""
        self.log.add_lines([(kind, line)])

    def _transfers_finished(self, finished: List[Tuple[str, str]]) -> None:
        """An upload's folder is listed again, once for all the files finished within 300 ms (one LIST
        per file, 2,000 for a folder of 2,000, before). ``finished``: (direction, remote path) of each."""
        for direction, remote_path in finished:
            if direction == "upload":
                self._uploaded_to.add(posixpath.dirname(remote_path) or "/")
                if not self._uploaded_timer.isActive():
                    self._uploaded_timer.start()

    def _refresh_uploaded(self) -> None:
        folders, self._uploaded_to = self._uploaded_to, set()
        for tab in self.tabs:  # (the signal does not say the server: every tab showing such a folder)
            with self.acting(tab):
                for folder in folders:
                    self.remote_browser.invalidate(folder)
                if self.remote.path in folders and self.remote_browser.connected:
                    with self.remote_browser.by_itself():  # (not asked for: an error shown stays)
                        self.navigate(self.remote.path, refresh=True)

    def connection_tag(self, connection_id: int) -> str:
        """What the message log calls a transfer connection's lines: "Transfer 2", as the mode panel's picker
        names it; "" for the others (the browsing connection's lines carry no tag)."""
        role = self.mode_panel.connections.role(connection_id)
        return self.tr("Transfer {number}").format(number=role.number) if role.kind == TRANSFER else ""

    # --- the speed limit, kept ------------------------------------------------------------------------------
    def _keep_speed_limit(self) -> None:
        """The queue panel's speed limit is kept in the preferences (FileZilla keeps its limits): saved a second
        after the last change, off the GUI thread."""
        self._limit_timer = QTimer(self, singleShot=True, interval=1000)
        self._limit_timer.timeout.connect(self._save_speed_limit)
        self.queue_view.limit.valueChanged.connect(lambda _kib: self._limit_timer.start())

    def _save_speed_limit(self, now: bool = False) -> None:
        """``now``: at exit, on this thread (the window is closing: nothing waits for it)."""
        kib = self.queue_view.limit.value()
        if kib == self.prefs.speed_limit_kib:
            return
        self.prefs = dataclasses.replace(self.prefs, speed_limit_kib=kib)
        if not now:
            run_blocking(settings.save, dataclasses.replace(self.prefs), on_error=self.show_error)
            self.preferences_saved(self.prefs)  # (the other open windows' panels take it: note 396)
            return
        try:
            settings.save(self.prefs)
        except (OSError, settings.PreferencesError):
            return  # (the window is gone: the limit is what it was at the last save)
        self.preferences_saved(self.prefs)

    def flush_speed_limit(self) -> None:
        """At exit: a change still waiting for its save is saved now."""
        if self._limit_timer.isActive():
            self._limit_timer.stop()
            self._save_speed_limit(now=True)

    # --- quitting --------------------------------------------------------------------------------------
    def may_quit_transfers(self, event: Any) -> bool:
        """From the window's closeEvent: True to close now. While the queue is transferring, the person is
        asked first (as FileZilla asks): quitting stops the transfers, which stay queued for the next start. Items
        that only wait (for a login, a Resume) stay queued as they are: no question. The question follows the
        queue while it is open: its count as transfers finish, and once none is under way it says so and Quit
        stops nothing (design note 280)."""
        if self._quit_transfers_confirmed:
            return True
        text = self._quit_question()
        if text is None:
            return True
        event.ignore()

        def quit_anyway() -> None:
            self._quit_transfers_confirmed = True
            self.close()

        box = ask(self, self.tr("Quit"), text, self.tr("Quit Anyway"), quit_anyway)
        self.prompt = box

        def follow(*_args: Any) -> None:
            self._follow_quit_question(box)

        self.queue.totalsChanged.connect(follow)
        self.queue.idle.connect(follow)

        def finished(_result: int) -> None:
            self.queue.totalsChanged.disconnect(follow)
            self.queue.idle.disconnect(follow)
            if self.prompt is box:
                self.prompt = None

        box.finished.connect(finished)
        return False

    def _quit_question(self) -> Optional[str]:
        """What Quit asks while the queue transfers (the files still to move counted now), or None: nothing
        under way that quitting would cut off."""
        if not self.queue.transferring():
            return None
        files = moving = left = unsized = 0
        counted = []
        for item in self.queue.model.items():
            if item.state not in (QUEUED, ACTIVE, RETRYING, WAITING) or not self.queue.is_file(item):
                continue  # (a folder queued for upload is no file either: note 379; nor a link not yet followed: 402)
            files += 1
            moving += item.state == ACTIVE
            counted.append(item)
            if item.size is None:
                unsized += 1
            else:
                left += max(0, item.size - item.done)
        uploading = bool(cut_uploads(counted))
        if not files:  # (only folders being listed: nothing of a file is lost)
            return None
        # the files moving and those waiting said apart, in the status bar's words ("2 transferring, 5 queued,
        # 12.0 MiB left": note 394); it counted them together as "7 queued" (note 419)
        totals = status_text(QueueTotals(files, left, 0.0, moving, unsized=unsized))
        text = self.tr("Transfers are in progress: {totals}.").format(totals=totals)
        text += "\n" + self.tr(
            "If you quit now, they stop and stay in the queue: ftpgui continues them the next time it starts."
        )
        if uploading:
            text += "\n" + self.tr("Until then, a file cut off in its upload is incomplete on the server.")
        return text

    def _follow_quit_question(self, box: Any) -> None:
        """The open Quit question said again as the queue is now: its count; once nothing is under way, that
        quitting cuts nothing off, its button a plain Quit, the default one."""
        text = self._quit_question()
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        if text is None:
            text = self.tr("No transfer is in progress any more: nothing is cut off if you quit now.")
            box.yes_button.setText(self.tr("Quit"))
            box.setDefaultButton(box.yes_button)
        else:
            box.yes_button.setText(self.tr("Quit Anyway"))
            box.setDefaultButton(cancel)
        text = breakable(shown_lines(text))  # (as ``ask`` put it)
        if box.text() != text:
            box.setText(text)

    def _totals(self, totals: Any) -> None:
        """The queue's totals (files queued, folders not yet counted, bytes left, rate) in the status bar."""
        self._shown_totals = totals
        self.totals_label.setText(status_text(totals))

    def _rates_shown(self, rate: float) -> None:
        """The queue's rows show new rates: the total said with them, at the same moment (design note 379)."""
        totals = getattr(self, "_shown_totals", None)
        if totals is not None:
            self._totals(with_rate(totals, rate))
