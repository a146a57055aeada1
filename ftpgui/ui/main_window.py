"""The main window: quick-connect bar, message log, local and remote panes, the queue, the mode panel.

The window holds no protocol knowledge. Remote work goes through the browsing connection
(:class:`~ftpgui.ui.remote_browser.RemoteBrowser`); transfers go to the transfer queue; the mode panel
(a dock) draws the events of both.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Set

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QWidget,
)

from .. import ftp, paths, settings
from ..explain import describe_error
from ..ftp import Entry
from ..ftp.causes import LEARNT
from ..ftp.safetext import format_address, shown, shown_back, shown_lines
from ..sites.passwords import PasswordStore
from ..transfers.queue import TransferQueue
from .break_connection import BreakConnection
from .connect_flow import ConnectFlow, plain_store, trust_store
from .connection_state import EXPECTED_CLOSE
from .current_row import take_current
from .dialogs import breakable, wrap_when_wide
from .drag_move import DragMove
from .filtering import WindowFilters
from .icon import app_icon
from .keyring_leftovers import KeyringLeftovers
from .later import LoadLater
from .local_actions import LocalFileActions
from .message_bar import MessageBar
from .modepanel import ModePanel
from .name_hint import LegacyNames
from .queue_logins import QueueLogins, unrecorded_proxy
from .quick_connect import QuickConnectBar
from .remote_actions import RemoteFileActions
from .server_tab import ServerTab
from .shared_prefs import SharedPreferences
from .window_actions import WindowActions
from .window_closing import WindowClosing
from .window_edit import WindowEdit
from .window_layout import WindowLayout
from .window_mode import WindowMode
from .window_tabs import WindowTabs
from .window_transfers import WindowTransfers

if TYPE_CHECKING:
    from ..ftp.events import Event


class MainWindow(
    ConnectFlow,
    BreakConnection,
    LegacyNames,
    DragMove,
    RemoteFileActions,
    LocalFileActions,
    WindowActions,
    WindowEdit,
    WindowLayout,
    WindowTransfers,
    WindowTabs,
    WindowMode,
    WindowClosing,
    SharedPreferences,
    QMainWindow,
):
    """The dual-pane browser. ``connect_to`` opens a server (:mod:`.connect_flow`); every action works on the
    active pane of the acting server tab (:mod:`.window_tabs`: ``remote_browser``, ``log``, ``local``,
    ``remote`` and the rest of ``server_tab.PER_TAB`` are the tab's)."""

    transferRequested = Signal(str, object, object)  # "download"|"upload", items, target folder

    def __init__(self, store: Any = None, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self._active = "local"
        self.prompt = None  # the dialog or question open right now (for keyboard and tests)
        self._quit_transfers_confirmed = False  # (``may_quit_transfers``)
        self._error_text = ""
        self._passwords: Any = None
        try:
            self.prefs = settings.load()
        except settings.PreferencesError as exc:
            self.prefs = settings.Preferences()
            self._error_text = describe_error(exc)  # in the person's language

        self.quick = QuickConnectBar(self)
        self.queue = self._make_queue()
        self.mode_panel = ModePanel(self)
        self.setStatusBar(MessageBar(self))  # (a long message ends in "…", design note 253)
        self._init_tabs()  # the first server tab: browsing connection, log, panes (the window's are its)
        self._build_edit_actions()  # View and Edit of a remote file (issue 20 item 1): the editor when first used
        self._build_layout()
        self._build_actions()
        self._build_status_bar()
        self._wire()
        self._keep_speed_limit()
        self._share_preferences()  # (what another open window saves is taken at once: note 396)
        self.queue_logins = QueueLogins(self)  # logins for queued items of servers not being browsed
        self.filtering = WindowFilters(self)  # filename filters, quick filter boxes, remote search
        self._set_log_file(self.prefs)
        self._update_title()
        self.restore_layout()
        self._refresh_recent()
        if self._error_text:
            self.show_error_text(self._error_text)
        self.keyring_leftovers = KeyringLeftovers(self)  # (says at once any a site's deletion left, note 169)
        self.later = LoadLater(self)  # what this window does without, loaded once it is up (``ui.later``)
        self.later.finished.connect(self.make_editor)  # the editor then: it names the copies an earlier run left
        self.later.start()

    # --- the parts other branches build --------------------------------------------------------------
    def _make_queue(self) -> TransferQueue:
        # (a server an older ftpgui saved without its proxy: the one it took, design note 213)
        unrecorded = functools.partial(unrecorded_proxy, self)
        queue = TransferQueue(paths.config_path("queue.json"), parent=self, unrecorded_proxy=unrecorded)
        self._queue_preferences(queue, self.prefs)
        queue.set_speed_limit(self.prefs.speed_limit_kib * 1024)  # (the queue panel shows it)
        if queue.load_error:
            self._error_text = queue.load_error
        return queue

    def _make_site_manager(self) -> Optional[QWidget]:
        if self.store is None:
            return None
        from .site_manager import SiteManagerDialog  # loaded when first opened, not at start-up

        dialog = SiteManagerDialog(
            self.store, self.password_store(), self, self.keyring_leftovers, lambda: self.prefs.proxy
        )
        dialog.connectRequested.connect(self.site_connect_requested)  # (asked first if connected: note 439)
        dialog.connectRequested.connect(self._welcome_if_no_sites)  # (it saved the sites first)
        for saved in (self._welcome_if_no_sites, self._follow_site_names):  # (renamed: the tabs' names)
            dialog.finished.connect(saved)
        return dialog

    def password_store(self) -> PasswordStore:
        """The keyring's passwords, one store for the window's life: it remembers session-only passwords."""
        if self._passwords is None:
            self._passwords = PasswordStore()
        return self._passwords

    def _wire(self) -> None:
        self.quick.connectRequested.connect(self.quick_connect_requested)
        self.quick.invalid.connect(self.show_error_text)
        self._wire_tab(self.current_tab)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.queue.eventsArrived.connect(self._transfer_events)  # to the log of the tab browsing their server
        self.queue.itemsFinished.connect(self._transfers_finished)
        self._uploaded_to: Set[str] = set()  # remote folders with new files, refreshed together
        self._uploaded_timer = QTimer(self, singleShot=True, interval=300)
        self._uploaded_timer.timeout.connect(self._refresh_uploaded)
        self.queue.totalsChanged.connect(self._totals)
        self.queue.model.ratesShown.connect(self._rates_shown)
        self._totals(self.queue.totals())  # a restored queue's, at once: it may change only after a password
        self._wire_mode()  # the Mode box, the diagnosis' "Use … for this site", the practice server
        # names connections by role, follows the browsing ones (each tab's browser is added as it opens)
        self.mode_panel.watch([t.remote_browser for t in self.tabs], self.queue)

    def _wire_tab(self, tab: ServerTab) -> None:
        """A server tab's signals, each handled acting for that tab (see :mod:`.window_tabs`). Hook-ups of
        the panes and the browsing connection belong here, so that every tab gets them."""
        on = functools.partial(self.for_tab, tab)
        rb = tab.remote_browser
        rb.eventsArrived.connect(on(self._events))
        rb.failed.connect(on(self.show_error))
        rb.succeeded.connect(on(self.succeeded))  # (a stale error goes from the status bar)
        rb.namesUndecoded.connect(on(self._names_undecoded))  # (said once a session, with the setting that reads them)
        rb.linesUnread.connect(on(self._lines_unread))
        tab.remote.hint_bar.taken.connect(on(self._take_name_hint))
        tab.remote.navigateRequested.connect(on(self.navigate))
        tab.remote.treeListingWanted.connect(on(self._list_for_tree))
        tab.remote.activatedFile.connect(on(self._download_entry))
        tab.remote.activatedLink.connect(on(self._open_link))
        tab.local.activatedFile.connect(on(self._local_file_activated))
        tab.local.refused.connect(on(self.show_error_text))
        bar = tab.local.undecoded  # (the names the local list cannot show: note 421)
        bar.uploadWanted.connect(on(self.upload_here))
        bar.renameWanted.connect(on(self._ask_local_rename))
        bar.trashWanted.connect(on(self._ask_trash))
        tab.remote.view.uploadDropped.connect(on(self.request_upload))
        tab.remote.view.moveDropped.connect(on(self.drop_move_remote))  # (asked first: .drag_move)
        tab.remote.view.refusedTarget.connect(on(self.refuse_drop_target))
        tab.local.view.downloadDropped.connect(on(self.request_download))
        tab.local.view.session_key = lambda: tab.remote.model.connection_key  # only this session's entries
        tab.local.follow_downloads(self.queue)  # the .ftpgui-part file's size grows on screen
        tab.local.set_show_hidden(self.act_hidden_local.isChecked())
        tab.remote.model.set_show_hidden(self.act_hidden_remote.isChecked())
        self.comparison.wire_tab(tab)  # the tab's own comparison and synchronized browsing
        self.sync_browsing.wire_tab(tab)
        self._tree_keys(tab)  # Delete in its folder trees
        if hasattr(self, "filtering"):  # (the first tab's strips are made with the filters, after this)
            self.filtering.wire_tab(tab)

    # --- connecting ---------------------------------------------------------------------------------
    @property
    def browser(self):
        """The browsing :class:`Connection` (None before the first connect)."""
        return self.remote_browser.connection

    def reconnect(self) -> None:
        """After a lost connection: list the current folder again; the session reconnects into it."""
        if not self.remote_browser.connected:
            return
        self.navigate(self.remote.path, refresh=True, on_error=self._reconnect_failed)

    def _reconnect_failed(self, exc: BaseException) -> None:
        self.show_error(exc)
        self.conn_status.show_lost()

    def disconnect_server(self) -> None:
        tab = self._tab()
        editing = self.editing
        if editing is not None and editing.hold(tab, self.for_tab(tab, self.disconnect_server), True):
            return  # an edited file's upload runs on this connection: wait for it first, or not
        self.logged_in = False
        self.conn_status.reset()
        self.close_browsing()
        self.remote.reset()
        if self._is_current():  # "Diagnose this server" offers no server the window left, and the queue's
            self.mode_panel.forget_target()  # idle connections to it close (its transfers go on, then close)
            self.queue.use_server(None)
            self.show_next_mode()  # (the box: what the next connection will use)
        self._site_name = ""
        self._update_title()
        self._set_state(self.tr("Not connected"))
        self.tls_label.hide()
        self._set_can_disconnect(False)

    # --- browsing -----------------------------------------------------------------------------------
    def navigate(
        self,
        path: str,
        refresh: bool = False,
        on_error: Optional[Callable[[BaseException], Any]] = None,
        on_found: Optional[Callable[[], Any]] = None,
    ) -> None:
        """Show remote folder ``path`` (from the cache unless ``refresh``); ``on_error`` instead of the error
        in the log, ``on_found`` once it is shown."""
        if not self.remote_browser.connected:
            self.show_error_text(self.tr("Not connected. Connect to a server first."))
            return
        if self.cannot_open(path):  # (said; ``on_error``'s callers each only said the engine's refusal)
            if self.remote.path:
                self.remote.path_bar.put_back(self.remote.path)
            return
        self._nav += 1
        token = self._nav

        def listed(canonical: str, entries: List[Entry]) -> None:
            self.remote.show_listing(canonical, entries, current=token == self._nav)
            if on_found is not None:
                on_found()

        remote = self.remote  # (this tab's pane, whichever tab is shown when the answer comes)

        def failed(exc: BaseException) -> None:
            if token == self._nav and remote.path:  # the path field back to the folder still shown
                remote.path_bar.put_back(remote.path)
            (on_error or self.show_error)(exc)

        self.remote_browser.list(path, refresh, on_listed=listed, on_error=failed)

    def _list_for_tree(self, path: str) -> None:
        if self.remote_browser.connected:
            self.remote_browser.list(
                path, on_listed=lambda p, e: self.remote.tree.set_children(p, e), on_error=self.show_error
            )

    def refresh(self) -> None:
        if self._active == "remote" or (self.remote.view.hasFocus() and self.remote_browser.connected):
            if self.remote.path:
                self.navigate(self.remote.path, refresh=True)
        else:
            self.local.refresh()

    def go_up(self) -> None:
        if self._active == "remote":
            self.remote.up()
        else:
            self.local.up()

    def _focus_changed(self, _old: Optional[QWidget], new: Optional[QWidget]) -> None:
        while new is not None:
            if new is self.remote:
                self._active = "remote"
                return
            if new is self.local:
                self._active = "local"
                return
            new = new.parentWidget()

    def set_active_side(self, side: str) -> None:
        """Which pane the actions work on ("local" or "remote"); focusing a pane sets it too."""
        self._active = side
        (self.remote.view if side == "remote" else self.local.view).setFocus()

    def _after_change(self, *folders: str, select: Optional[str] = None) -> None:
        """Remote content changed: forget those listings and show the current folder afresh (with the entry
        ``select`` of the first folder selected, when that is the folder shown: a renamed one)."""
        self.remote_browser.invalidate(*folders)
        if not self.remote.path:
            return
        current = self.remote.path

        def found() -> None:
            if self.remote.path == current == folders[0]:
                self.remote.select([select])

        with self.remote_browser.by_itself():  # (a listing the app asks for: an error just shown stays, note 239)
            self.navigate(current, refresh=True, on_found=found if select is not None else None)

    def open_local(self) -> None:
        take_current(self.local.view)  # (nothing selected: the row with the focus, note 417)
        for path in self.local.selected_paths():
            if os.path.isdir(path):
                self.local.set_path(path)
                return
            self._open_local_file(path)

    def _open_local_file(self, path: str) -> None:
        if not self.local.open_file(path):
            self.show_error_text(self.tr("No application is set up to open {path}.").format(path=path))

    def _local_file_activated(self, path: str) -> None:
        """A local file double-clicked: uploaded into the remote folder shown, as in FileZilla (double-clicking a
        remote file downloads it); with no server connected, opened with the system's application."""
        if self.remote_browser.connected and self.remote.path:
            self.request_upload([path], self.remote.path)
        else:
            self._open_local_file(path)

    def _hidden_remote(self) -> None:
        show = self.act_hidden_remote.isChecked()
        self.remote.model.set_show_hidden(show)
        options = self.remote_browser.options
        if options is not None and options.list_hidden != show:
            options.list_hidden = show  # LIST -a: the session reads the option at its next listing
            self.remote_browser.cache.clear()
            if self.remote.path:
                self.navigate(self.remote.path, refresh=True)

    def _hidden_local(self) -> None:
        self.local.set_show_hidden(self.act_hidden_local.isChecked())

    # --- dialogs ------------------------------------------------------------------------------------
    def _open_prompt(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.prompt = dialog
        dialog.finished.connect(lambda _result: setattr(self, "prompt", None) if self.prompt is dialog else None)
        dialog.open()

    def _ask_name(self, title: str, label: str, value: str, chosen: Callable[[str], Any]) -> None:
        """A name asked for without blocking (rename, create folder, on either pane); ``chosen`` gets it."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(breakable(shown_lines(label)))  # (a long name in it free to break: note 240)
        for text in dialog.findChildren(QLabel):
            wrap_when_wide(text)
        original, value = value, shown(value)  # as the panes show it (\u202e, \x1b, \xd6); typed: read back
        dialog.setTextValue(value)
        dialog.textValueSelected.connect(lambda text: chosen(shown_back(text, original)))
        self._open_prompt(dialog)
        # as in file managers: the name is selected without its extension, ready to be typed over
        stem = len(os.path.splitext(value)[0].lstrip(".")) + (len(value) - len(value.lstrip(".")))
        field = dialog.findChild(QLineEdit)
        if field is not None and 0 < stem < len(value):
            field.setSelection(0, stem)

    def open_site_manager(self) -> None:
        dialog = self._make_site_manager()
        if dialog is None:
            self.show_error_text(self.tr("The site manager is not available in this build."))
            return
        self._open_prompt(dialog)

    def open_preferences(self) -> None:
        from .preferences_dialog import PreferencesDialog  # loaded when first opened
        from .proxy_password import save_typed_password, show_keyring

        dialog = PreferencesDialog(self.prefs, self, plain_store(), trust_store())
        show_keyring(self, dialog.proxy)  # (a password typed there needs a usable keyring)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.result_prefs))
        dialog.accepted.connect(lambda: save_typed_password(self, dialog.proxy_password))
        self._open_prompt(dialog)

    def open_log_folder(self) -> None:
        """Help ▸ Open Log Folder: the folder the log file goes to (created, private), in the file manager."""
        try:
            folder = paths.make_private_dir(paths.log_dir())
        except OSError as exc:
            self.show_error_text(self.tr("Could not create the log folder {0}: {1}").format(paths.log_dir(), exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(folder))

    def apply_preferences(self, prefs: Optional[settings.Preferences]) -> None:
        if prefs is None:
            return
        prefs.speed_limit_kib = self.queue_view.limit.value()  # (the queue panel's, set meanwhile maybe)
        try:
            settings.save(prefs)
        except (OSError, settings.PreferencesError) as exc:
            self.show_error(exc)
            return
        self.use_preferences(prefs)
        self.preferences_saved(prefs)  # (every other open window takes them too)

    def use_preferences(self, prefs: settings.Preferences) -> None:
        """``prefs`` (saved) are this window's from now on."""
        self.prefs = prefs
        self._set_log_file(prefs)
        self._queue_preferences(self.queue, prefs)  # (what to do when a target exists: from OK on, note 171)
        for tab in self.tabs:
            tab.conn_watch.set_interval(prefs.keepalive_seconds)
        for act in (self.act_hidden_remote, self.act_hidden_local):
            act.setChecked(prefs.show_hidden)
        self._hidden_remote()
        self._hidden_local()
        if not self.remote_browser.connected:
            self.show_next_mode()

    # --- state, errors, events ----------------------------------------------------------------------
    def _set_state(self, text: str) -> None:
        self.state_label.setText(text)
        self._update_title()  # the tab's tooltip says the state too

    def show_error(self, exc: BaseException) -> None:
        """A failure in words, in the log and the status bar (never a traceback)."""
        text = describe_error(exc)
        hint = self.conn_status.data_failure(exc)  # a data connection failed: offer the diagnosis
        if hint is None:
            self.show_error_text(text)
            return
        # every DataConnectionError comes with its DataFailed event (``RawTransferMixin._fail``), whose line
        # in the log says the failure: the log gets only the offer here, the status bar all (design note 289)
        self.log.add_lines([("status", hint)])
        self.status_message(f"{text} {hint}", error=True)

    def show_error_text(self, text: str) -> None:
        self.log.add_error(text)
        self.status_message(text, error=True)

    def _events(self, events: List[Event], soon: bool = False, server: str = "") -> None:
        """A connection's events for the acting tab's log, the mode panel and the status bar; ``soon``: the log may
        take them with the next batches (``MessageLog.add_lines``); ``server``: their lines name it (note 484)."""
        ControlClosed, ControlConnected = ftp.ControlClosed, ftp.ControlConnected  # (note 470)
        ModeFallback, TlsEstablished = ftp.ModeFallback, ftp.TlsEstablished

        if self._tab() not in self.tabs:  # a closed tab's connection (its search's), still ending: its log is gone
            return self.mode_panel.add_events(events)
        self.log.add_events(events, soon=soon, server=server)
        self.mode_panel.add_events(events)
        for line in self.conn_status.notices(events):  # why auto mode fell back, and the offer to diagnose
            self.log.add_lines([("status", line)])
            self.status_message(line)
        browser = self.browser
        for ev in events:
            if browser is None or ev.connection_id != browser.connection_id:
                continue
            if isinstance(ev, ModeFallback) and ev.cause != LEARNT and self.queue.current is not None:
                self.queue.passive_failed(self.queue.current.key)  # its transfer connections need not try again
            if isinstance(ev, TlsEstablished) and ev.channel == "control":
                self.tls_label.setText(self.tr("Encrypted ({version})").format(version=ev.version))  # (note 253)
                self.tls_label.setToolTip(self.tr("Encrypted: {v}, {c}").format(v=ev.version, c=ev.cipher))
                self.tls_label.show()
            elif isinstance(ev, ControlConnected):  # also after a reconnect
                self._set_can_disconnect(True)
                self.tls_label.hide()
                server = format_address(ev.remote)
                if self.logged_in:  # a reconnect of a session that had logged in
                    self.say_connected(server)
                elif not self.remote_browser.looking:  # (a look before the password logs in nowhere)
                    # not "Connected" while the password is still being checked (the 530 may come late)
                    self._set_state(self.tr("Logging in to {server}…").format(server=server))
                self.conn_status.show_connected()
            elif isinstance(ev, ControlClosed) and ev.reason == "reconnect":
                # the session opens its next connection at once (a pinned certificate the server no longer
                # shows, looked at on a connection of its own): nothing was lost, and it can still be ended
                self.tls_label.hide()  # (note 488)
            elif isinstance(ev, ControlClosed) and ev.reason not in EXPECTED_CLOSE:
                self.conn_status.show_lost()  # with Reconnect; any action reconnects too
                self.tls_label.hide()
                # a lost session comes back with the next action (Disconnect ends it); a refused one is over
                self._set_can_disconnect(ev.reason == "lost")
            elif isinstance(ev, ControlClosed):
                self._set_can_disconnect(False)

    def _refresh_recent(self) -> None:
        if self.store is not None:
            self.quick.set_recent(self.store.recent())
