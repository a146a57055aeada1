"""The main window: quick-connect bar, message log, local and remote panes, the queue, the mode panel.

The window holds no protocol knowledge. Remote work goes through the browsing connection
(:class:`~ftpgui.ui.remote_browser.RemoteBrowser`); transfers go to the transfer queue; the mode panel
(a dock) draws the events of both.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import time
from typing import Any, Callable, List, Optional, Set, Tuple

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import paths, settings
from ..explain import describe_error
from ..ftp import ControlClosed, ControlConnected, Entry, Event, TlsEstablished
from ..ftp.control import format_address
from ..sites.passwords import PasswordStore
from ..transfers.model import human_size
from ..transfers.queue import TransferQueue
from ..transfers.worker import Endpoint
from .about import app_icon, show_about
from .connect_flow import ConnectFlow, plain_store
from .connection_state import ConnectionStatus, ConnectionWatch
from .local_actions import LocalFileActions
from .local_pane import LocalPane
from .message_log import MessageLog, set_log_file
from .modepanel import ModePanel
from .queue_logins import QueueLogins
from .queue_view import QueueView
from .quick_connect import QuickConnectBar
from .remote_actions import RemoteFileActions
from .remote_browser import RemoteBrowser
from .remote_pane import RemotePane
from .transfer_type import set_transfer_types
from .window_fit import fit_columns_once, fit_to_screen, split_main

LAYOUT_FILE = "window.ini"
TransferItems = List[Tuple[str, bool, Optional[int]]]


class MainWindow(ConnectFlow, RemoteFileActions, LocalFileActions, QMainWindow):
    """The dual-pane browser. ``connect_to`` opens a server (:mod:`.connect_flow`); every action works on the
    active pane."""

    transferRequested = Signal(str, object, str)  # "download"|"upload", items, target folder

    def __init__(self, store: Any = None, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self._site_name = ""
        self._nav = 0  # the newest navigation; older listings arriving late do not replace it
        self._active = "local"
        self.prompt: Optional[QWidget] = None  # the dialog or question open right now (for keyboard and tests)
        self.practice_endpoint: Optional[Endpoint] = None  # the practice server's login, kept out of Recent
        self._error_text = ""
        self._passwords: Any = None
        self._site: Any = None  # the saved site being browsed (None: quick connect): the queue binds items to it
        try:
            self.prefs = settings.load()
        except settings.PreferencesError as exc:
            self.prefs = settings.Preferences()
            self._error_text = describe_error(exc)  # in the person's language

        self.remote_browser = RemoteBrowser(self)
        self.log = MessageLog(self)
        self.quick = QuickConnectBar(self)
        self.local = LocalPane(self)
        self.remote = RemotePane(self)
        self.queue = self._make_queue()
        self.mode_panel = ModePanel(self)
        self._build_layout()
        self._build_actions()
        self._build_status_bar()
        self._wire()
        self.queue_logins = QueueLogins(self)  # logins for queued items of servers not being browsed
        self.local.set_show_hidden(self.prefs.show_hidden)
        self.remote.model.set_show_hidden(self.prefs.show_hidden)
        set_log_file(self.log, self.prefs)
        self._update_title()
        self.restore_layout()
        self._refresh_recent()
        if self._error_text:
            self.show_error_text(self._error_text)

    # --- the parts other branches build --------------------------------------------------------------
    def _make_queue(self) -> TransferQueue:
        queue = TransferQueue(paths.config_path("queue.json"), parent=self)
        queue.exists_default = self.prefs.exists_default
        queue.follow_links = self.prefs.follow_links
        set_transfer_types(queue, self.prefs, self.store)
        if queue.load_error:
            self._error_text = queue.load_error
        return queue

    def _make_site_manager(self) -> Optional[QWidget]:
        if self.store is None:
            return None
        from .site_manager import SiteManagerDialog  # loaded when first opened, not at start-up

        dialog = SiteManagerDialog(self.store, self.password_store(), self)
        dialog.connectRequested.connect(self.connect_site)
        return dialog

    def password_store(self) -> PasswordStore:
        """The keyring's passwords, one store for the window's life: it remembers session-only passwords."""
        if self._passwords is None:
            self._passwords = PasswordStore()
        return self._passwords

    @staticmethod
    def _scrollable(widget: QWidget) -> QScrollArea:
        """``widget`` in a scroll area, so its minimum size never sets the window's (small screens)."""
        area = QScrollArea()
        area.setWidget(widget)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        return area

    def _build_welcome(self) -> QFrame:
        """First run (no saved sites yet): the two ways to begin, above the remote list."""
        box = QFrame(self)
        box.setObjectName("welcome")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(box)
        text = QLabel(
            self.tr(
                "No saved sites yet. Connect with the bar above, add a site, or try FTP safely on a practice "
                "server that runs on this computer only — and watch both modes in the panel on the right."
            ),
            box,
        )
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        layout.addWidget(text)
        row = QHBoxLayout()
        self.welcome_practice = QPushButton(self.tr("Start the practice server"), box)
        self.welcome_practice.clicked.connect(self.mode_panel.practice.start)
        self.welcome_new_site = QPushButton(self.tr("New site…"), box)
        self.welcome_new_site.clicked.connect(self.open_new_site)
        self.welcome_new_site.setEnabled(self.store is not None)
        row.addWidget(self.welcome_practice)
        row.addWidget(self.welcome_new_site)
        row.addStretch(1)
        layout.addLayout(row)
        box.setVisible(self.store is None or not self.store.sites())
        return box

    def open_new_site(self) -> None:
        """The site manager with a new, empty site selected."""
        dialog = self._make_site_manager()
        if dialog is None:
            return
        dialog.new_site()
        self._open_prompt(dialog)

    # --- layout ---------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.welcome = self._build_welcome()
        self.remote.layout().insertWidget(1, self.welcome)
        self.pane_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.pane_splitter.setObjectName("paneSplitter")
        self.pane_splitter.addWidget(self.local)
        self.pane_splitter.addWidget(self.remote)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.log)
        self.main_splitter.addWidget(self.pane_splitter)
        self.queue_view = QueueView(self.queue, self)
        self.main_splitter.addWidget(self._scrollable(self.queue_view))
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setStretchFactor(1, 4)
        self.main_splitter.setStretchFactor(2, 1)
        self.main_splitter.setSizes([120, 420, 120])
        self.setCentralWidget(self.main_splitter)
        self.mode_dock = QDockWidget(self.tr("Connection modes"), self)
        self.mode_dock.setObjectName("modeDock")
        self.mode_dock.setWidget(self._scrollable(self.mode_panel))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.mode_dock)
        self.connect_bar = QToolBar(self.tr("Quick connect"), self)
        self.connect_bar.setObjectName("quickConnectBar")
        self.connect_bar.addWidget(self.quick)

    def _action(
        self, name: str, text: str, slot: Callable, shortcut: Any = None, icon: Any = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        a = self._action
        self.act_site_manager = a("siteManager", self.tr("&Site Manager…"), self.open_site_manager, "Ctrl+S")
        self.act_disconnect = a(
            "disconnect", self.tr("&Disconnect"), self.disconnect_server, None, sp.SP_DialogCloseButton
        )
        self.act_preferences = a(
            "preferences", self.tr("&Preferences…"), self.open_preferences, QKeySequence.Preferences
        )
        self.act_quit = a("quit", self.tr("&Quit"), self.close, QKeySequence.Quit)
        self.act_download = a("download", self.tr("&Download"), self.download_selected, "Ctrl+D", sp.SP_ArrowDown)
        self.act_upload = a("upload", self.tr("&Upload"), self.upload_selected, "Ctrl+U", sp.SP_ArrowUp)
        self.act_enqueue = a("addToQueue", self.tr("&Add to Queue"), self.add_to_queue)
        self.act_rename = a("rename", self.tr("&Rename…"), self.rename_selected, Qt.Key.Key_F2)
        self.act_delete = a("delete", self.tr("De&lete…"), self.delete_selected, QKeySequence.Delete, sp.SP_TrashIcon)
        self.act_mkdir = a(
            "createFolder", self.tr("Create &Folder…"), self.create_folder, "Ctrl+N", sp.SP_FileDialogNewFolder
        )
        self.act_refresh = a("refresh", self.tr("&Refresh"), self.refresh, QKeySequence.Refresh, sp.SP_BrowserReload)
        self.act_up = a("up", self.tr("&Up"), self.go_up, Qt.Key.Key_Backspace, sp.SP_FileDialogToParent)
        self.act_copy_url = a("copyUrl", self.tr("Copy &URL"), self.copy_url, "Ctrl+Shift+C")
        self.act_permissions = a("permissions", self.tr("File &Permissions…"), self.edit_permissions)
        self.act_open = a("openLocal", self.tr("&Open"), self.open_local, "Ctrl+O")
        self.act_hidden_remote = a("showHiddenRemote", self.tr("Show &Hidden Remote Files"), self._hidden_remote)
        self.act_hidden_local = a("showHiddenLocal", self.tr("Show Hidden &Local Files"), self._hidden_local)
        self.act_diagnose = a("diagnose", self.tr("Dia&gnose This Server"), self.diagnose_server)
        for act, on in (
            (self.act_hidden_remote, self.prefs.show_hidden),
            (self.act_hidden_local, self.prefs.show_hidden),
        ):
            act.setCheckable(True)
            act.setChecked(on)

        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        for act in (self.act_site_manager, self.act_disconnect, None, self.act_preferences, None, self.act_quit):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu(self.tr("&Transfer"))
        for act in (self.act_download, self.act_upload, self.act_enqueue):
            m.addAction(act)
        m = bar.addMenu(self.tr("&Edit"))
        for act in (
            self.act_open,
            self.act_rename,
            self.act_delete,
            self.act_mkdir,
            None,
            self.act_permissions,
            self.act_copy_url,
        ):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu(self.tr("&View"))
        for act in (self.act_refresh, self.act_up, None, self.act_hidden_local, self.act_hidden_remote, None):
            m.addSeparator() if act is None else m.addAction(act)
        m.addAction(self.mode_dock.toggleViewAction())
        m.addAction(self.act_diagnose)
        m = bar.addMenu(self.tr("&Help"))
        self.act_about = a("about", self.tr("&About ftpgui"), lambda: show_about(self))
        self.act_log_folder = a("logFolder", self.tr("Open &Log Folder"), self.open_log_folder)
        m.addAction(self.act_log_folder)
        m.addAction(self.act_about)

        tools = QToolBar(self.tr("Actions"), self)
        tools.setObjectName("actionsBar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for act in (
            self.act_disconnect,
            None,
            self.act_refresh,
            self.act_up,
            self.act_mkdir,
            self.act_delete,
            None,
            self.act_download,
            self.act_upload,
        ):
            tools.addSeparator() if act is None else tools.addAction(act)
        self.addToolBar(tools)
        self.addToolBarBreak()
        self.addToolBar(self.connect_bar)
        for view, acts in (
            (
                self.remote.view,
                (self.act_download, self.act_enqueue, self.act_rename, self.act_delete, self.act_mkdir),
            ),
            (
                self.local.view,
                (self.act_upload, self.act_enqueue, self.act_open, self.act_rename, self.act_delete, self.act_mkdir),
            ),
        ):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            for act in acts:
                view.addAction(act)
        for act in (self.act_permissions, self.act_copy_url, self.act_refresh, self.act_diagnose):
            self.remote.view.addAction(act)
        self.act_site_manager.setEnabled(self.store is not None)
        self.act_disconnect.setEnabled(False)  # until a server answers (see _events)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.state_label = QLabel(self.tr("Not connected"))
        self.tls_label = QLabel()
        self.tls_label.setTextFormat(Qt.TextFormat.PlainText)
        self.totals_label = QLabel()
        for w in (self.tls_label, self.totals_label, self.state_label):
            bar.addPermanentWidget(w)
        self.tls_label.hide()
        self.conn_status = ConnectionStatus(bar, self._set_state, self.reconnect, self.diagnose_server)

    def _wire(self) -> None:
        self.quick.connectRequested.connect(self._quick_connect)
        self.quick.invalid.connect(self.show_error_text)
        rb = self.remote_browser
        rb.eventsArrived.connect(self._events)
        rb.failed.connect(self.show_error)
        self.conn_watch = ConnectionWatch(rb, self.prefs.keepalive_seconds, self)  # keep-alive, loss
        self.conn_watch.lost.connect(self.conn_status.show_lost)
        self.remote.navigateRequested.connect(self.navigate)
        self.remote.treeListingWanted.connect(self._list_for_tree)
        self.remote.activatedFile.connect(self._download_entry)
        self.remote.view.uploadDropped.connect(self.request_upload)
        self.remote.view.moveDropped.connect(self.move_remote)
        self.local.view.downloadDropped.connect(self.request_download)
        self.local.view.session_key = lambda: self.remote.model.connection_key  # only this session's entries
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.queue.eventsArrived.connect(self._events)
        self.queue.itemsFinished.connect(self._transfers_finished)
        self._uploaded_to: Set[str] = set()  # remote folders with new files, refreshed together
        self._uploaded_timer = QTimer(self, singleShot=True, interval=300)
        self._uploaded_timer.timeout.connect(self._refresh_uploaded)
        self.queue.totalsChanged.connect(self._totals)
        self.local.follow_downloads(self.queue)  # the .ftpgui-part file's size grows on screen
        self.mode_panel.modeChanged.connect(self._mode_changed)
        self.mode_panel.practice.started.connect(self._practice_started)
        self.mode_panel.watch(self.remote_browser, self.queue)  # names connections by role, follows the browsing one

    # --- connecting ---------------------------------------------------------------------------------
    @property
    def browser(self):
        """The browsing :class:`Connection` (None before the first connect)."""
        return self.remote_browser.connection

    def diagnose_server(self) -> None:
        """The connection's "Diagnose this server": the mode panel tries both modes off the GUI thread."""
        if self.mode_panel.diagnosis.target is None:
            self.show_error_text(self.tr("Not connected. Connect to a server first."))
            return
        self.mode_dock.show()
        self.mode_dock.raise_()
        self.mode_panel.diagnosis.run()

    def _practice_started(self, host: str, port: int, user: str, password: str) -> None:
        """The mode panel started the local practice server: browse it, so its exchanges show for real."""
        options = dataclasses.replace(self.session_defaults(), tls="off", mode=self.mode_panel.mode())
        self._site = None
        self.practice_endpoint = Endpoint(host, port, user, password)  # a throwaway login: not a recent server
        self.connect_to(self.practice_endpoint, options, self.tr("Practice server"))

    def reconnect(self) -> None:
        """After a lost connection: list the current folder again; the session reconnects into it."""
        if not self.remote_browser.connected:
            return
        self.navigate(self.remote.path, refresh=True, on_error=self._reconnect_failed)

    def _reconnect_failed(self, exc: BaseException) -> None:
        self.show_error(exc)
        self.conn_status.show_lost()

    def disconnect_server(self) -> None:
        self.conn_status.reset()
        self.remote_browser.close()
        self.remote.reset()
        self._site_name = ""
        self._update_title()
        self._set_state(self.tr("Not connected"))
        self.tls_label.hide()
        self.act_disconnect.setEnabled(False)

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
        self._nav += 1
        token = self._nav

        def listed(canonical: str, entries: List[Entry]) -> None:
            self.remote.show_listing(canonical, entries, current=token == self._nav)
            if on_found is not None:
                on_found()

        self.remote_browser.list(path, refresh, on_listed=listed, on_error=on_error or self.show_error)

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

    def _after_change(self, *folders: str) -> None:
        """Remote content changed: forget those listings and show the current folder afresh."""
        self.remote_browser.invalidate(*folders)
        if self.remote.path:
            self.navigate(self.remote.path, refresh=True)

    # --- transfers (the queue does them) ---------------------------------------------------------
    def request_download(self, items: TransferItems, local_dir: str, start: bool = True) -> None:
        """Download remote ``(path, is_dir, size)`` items into ``local_dir`` through the queue (``start=False``:
        added paused, to be started from the queue)."""
        if not items:
            return
        self.transferRequested.emit("download", items, local_dir)
        self.queue.download(items, local_dir, start=start)

    def request_upload(self, local_paths: List[str], remote_dir: str, start: bool = True) -> None:
        """Upload local files and folders into ``remote_dir`` through the queue."""
        if not local_paths:
            return
        if not self.remote_browser.connected:
            self.show_error_text(self.tr("Not connected. Connect to a server first."))
            return
        self.transferRequested.emit("upload", local_paths, remote_dir)
        self.queue.upload(local_paths, remote_dir, start=start)

    def _download_entry(self, entry: Entry) -> None:
        self.request_download([(self.remote.model.full_path(entry), False, entry.size)], self.local.path)

    def download_selected(self) -> None:
        self.request_download(self.remote.selected_items(), self.local.path)

    def upload_selected(self) -> None:
        if self.remote.path:
            self.request_upload(self.local.selected_paths(), self.remote.path)

    def add_to_queue(self) -> None:
        """The selection of the active pane into the queue, paused: Resume in the queue starts it."""
        if self._active == "remote":
            self.request_download(self.remote.selected_items(), self.local.path, start=False)
        elif self.remote.path:
            self.request_upload(self.local.selected_paths(), self.remote.path, start=False)

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
        for folder in folders:
            self.remote_browser.invalidate(folder)
        if self.remote.path in folders:
            self.navigate(self.remote.path, refresh=True)

    def _totals(self, totals: Any) -> None:
        """The queue's totals (queued count, bytes left, rate) in the status bar."""
        queued = getattr(totals, "queued", 0)
        if not queued:
            self.totals_label.clear()
            return
        text = self.tr("{n} queued, {left} left").format(n=queued, left=human_size(getattr(totals, "bytes_left", 0)))
        rate = getattr(totals, "rate", 0.0)
        if rate:
            text += self.tr(", {rate}/s").format(rate=human_size(int(rate)))
        self.totals_label.setText(text)

    def _mode_changed(self, mode: str) -> None:
        options = self.remote_browser.options
        if options is not None and self.remote_browser.endpoint is not None and options.mode != mode:
            self.connect_to(
                self.remote_browser.endpoint, dataclasses.replace(options, mode=mode), self._site_name, self.remote.path
            )

    def open_local(self) -> None:
        for path in self.local.selected_paths():
            if os.path.isdir(path):
                self.local.set_path(path)
                return
            if not self.local.open_file(path):
                self.show_error_text(self.tr("No application is set up to open {path}.").format(path=path))

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
        dialog.setLabelText(label)
        dialog.setTextValue(value)
        dialog.textValueSelected.connect(chosen)
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

        dialog = PreferencesDialog(self.prefs, self, plain_store())
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.result_prefs))
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
        try:
            settings.save(prefs)
        except (OSError, settings.PreferencesError) as exc:
            self.show_error(exc)
            return
        self.prefs = prefs
        set_log_file(self.log, prefs)
        set_transfer_types(self.queue, prefs, self.store)
        self.conn_watch.set_interval(prefs.keepalive_seconds)
        self.queue.follow_links = prefs.follow_links
        for act in (self.act_hidden_remote, self.act_hidden_local):
            act.setChecked(prefs.show_hidden)
        self._hidden_remote()
        self._hidden_local()

    # --- state, errors, events ----------------------------------------------------------------------
    def _update_title(self) -> None:
        self.setWindowTitle("ftpgui — " + self._site_name if self._site_name else "ftpgui")

    def _set_state(self, text: str) -> None:
        self.state_label.setText(text)

    def show_error(self, exc: BaseException) -> None:
        """A failure in words, in the log and the status bar (never a traceback)."""
        text = describe_error(exc)
        hint = self.conn_status.data_failure(exc)  # a data connection failed: offer the diagnosis
        self.show_error_text(f"{text} {hint}" if hint else text)

    def show_error_text(self, text: str) -> None:
        self.log.add_error(text)
        self.statusBar().showMessage(text, 15000)

    def _events(self, events: List[Event]) -> None:
        self.log.add_events(events)
        self.mode_panel.add_events(events)
        for line in self.conn_status.notices(events):  # why auto mode fell back, and the offer to diagnose
            self.log.add_lines([("status", line)])
            self.statusBar().showMessage(line, 15000)
        browser = self.browser
        for ev in events:
            if browser is None or ev.connection_id != browser.connection_id:
                continue
            if isinstance(ev, TlsEstablished) and ev.channel == "control":
                self.tls_label.setText("🔒 " + ev.version)
                self.tls_label.setToolTip(self.tr("Encrypted: {v}, {c}").format(v=ev.version, c=ev.cipher))
                self.tls_label.show()
            elif isinstance(ev, ControlConnected):  # also after a reconnect
                self.act_disconnect.setEnabled(True)
                self.tls_label.hide()
                self._set_state(self.tr("Connected to {server}").format(server=format_address(ev.remote)))
                self.conn_status.show_connected()
            elif isinstance(ev, ControlClosed) and ev.reason not in ("quit", "closed"):
                self.conn_status.show_lost()  # with Reconnect; any action reconnects too
                self.tls_label.hide()
                # a lost session comes back with the next action (Disconnect ends it); a refused one is over
                self.act_disconnect.setEnabled(ev.reason in ("lost", "reconnecting"))
            elif isinstance(ev, ControlClosed):
                self.act_disconnect.setEnabled(False)

    def _refresh_recent(self) -> None:
        if self.store is not None:
            self.quick.set_recent(self.store.recent())

    # --- layout memory --------------------------------------------------------------------------------
    def _layout_settings(self) -> QSettings:
        return QSettings(paths.config_path(LAYOUT_FILE), QSettings.Format.IniFormat)

    def _splitters(self) -> List[QSplitter]:
        return [self.main_splitter, self.pane_splitter, self.local.splitter, self.remote.splitter]

    def save_layout(self) -> None:
        try:
            paths.make_private_dir(paths.config_dir())  # before QSettings makes it with the umask's mode
        except OSError:
            pass  # QSettings then keeps no layout, silently: not worth an error
        s = self._layout_settings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("state", self.saveState())
        for sp in self._splitters():
            s.setValue(f"splitters/{sp.objectName()}", sp.saveState())
        s.setValue("columns/remote", self.remote.view.horizontalHeader().saveState())
        s.setValue("columns/local", self.local.view.header().saveState())
        s.sync()

    def restore_layout(self) -> None:
        s = self._layout_settings()
        self._first_show = s.value("geometry") is None  # no saved layout: size the dock when first shown
        if self._first_show:
            fit_to_screen(self)
        else:
            self.restoreGeometry(s.value("geometry"))
            self.restoreState(s.value("state"))
        for sp in self._splitters():
            value = s.value(f"splitters/{sp.objectName()}")
            if value is not None:
                sp.restoreState(value)
        remote_cols = s.value("columns/remote")
        if remote_cols is not None:
            self.remote.view.horizontalHeader().restoreState(remote_cols)
        else:
            model = self.remote.model
            fit_columns_once(self.remote.view, lambda: model.rowCount() > 0, model.modelReset)
        self._local_columns = s.value("columns/local")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._first_show:
            # the mode panel is what ftpgui is for: give it room, the panes keep the larger part
            self._first_show = False
            # (its whole width when that fits in 11/20 of the window: nothing of it cut off on a small screen)
            needed = self.mode_panel.minimumSizeHint().width() + self.style().pixelMetric(
                QStyle.PixelMetric.PM_ScrollBarExtent
            )
            width = max(320, self.width() * 9 // 20, min(needed, self.width() * 11 // 20))
            self.resizeDocks([self.mode_dock], [width], Qt.Orientation.Horizontal)
            # once laid out: the queue its five rows and buttons, the log a few lines, the panes the rest
            QTimer.singleShot(
                0,
                lambda: split_main(
                    self.main_splitter, self.log, self.queue_view, self.local.splitter, self.remote.splitter
                ),
            )
        if self._local_columns is not False and self.local.model is not None:
            # the local list has columns only once its model exists (created when first shown)
            if self._local_columns is not None:
                self.local.view.header().restoreState(self._local_columns)
            else:
                local = self.local
                fit_columns_once(
                    local.view,
                    lambda: local.list_proxy.rowCount(local.view.rootIndex()) > 0,
                    local.model.directoryLoaded,
                )
            self._local_columns = False

    def wait_closed(self, seconds: float = 5.0) -> None:
        """At exit: let the connections say QUIT and their threads end (their results come back here)."""
        deadline = time.monotonic() + seconds
        while self.remote_browser.closing and time.monotonic() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def closeEvent(self, event) -> None:
        self.save_layout()
        self.remote_browser.close()
        self.queue.shutdown()
        self.mode_panel.practice.stop_now()
        set_log_file(self.log, None)
        super().closeEvent(event)
