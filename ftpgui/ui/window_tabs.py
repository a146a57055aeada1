"""Several servers at once (issue 20 item 5): the main window's server tabs — a mixin of :class:`MainWindow`.

Each :class:`~ftpgui.ui.server_tab.ServerTab` has its own browsing connection, message log, panes, path
history and status; the transfer queue and the mode panel are shared. The window's attributes named in
``server_tab.PER_TAB`` (``remote_browser``, ``log``, ``local``, ``remote``, ``_site_name``, …) forward to the
*acting* tab, so every method of the window works on one tab without knowing about tabs:

- the acting tab is the current (shown) one, except while a tab's own callback runs: its RemoteBrowser
  delivers every result, error and event inside :meth:`WindowTabs.acting` for its tab (the GUI thread runs
  one callback at a time, so setting and restoring it around the callback is safe). A listing that arrives
  for tab A while tab B is shown lands in A's pane;
- what is shared shows the current tab: the window title, the quick-connect bar, Disconnect, the status
  bar's connection part (each tab has its own, shown while the tab is current), the queue's "server being
  browsed"; a background tab's status-bar message is prefixed with its tab's name;
- a question a background tab asks (a certificate, plain FTP) brings its tab to the front first, so the
  answer acts on the tab it is about.
"""

from __future__ import annotations

import contextlib
from typing import Any, Callable, Iterator, List, Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from ..ftp.safetext import shown_lines
from .close_tab_question import IN_PROGRESS, CutReport, follow, question_lines, set_text
from .message_log import set_log_file
from .modepanel.connections import PINNED
from .remote_browser import stamp
from .server_tab import PER_TAB, ServerTab
from .server_tab_bar import ServerTabBar


class _PerTab:
    """A window attribute that is the acting tab's."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, window: Any, owner: Any = None) -> Any:
        if window is None:
            return self
        return getattr(window._tab(), self.name)

    def __set__(self, window: Any, value: Any) -> None:
        setattr(window._tab(), self.name, value)


class WindowTabs:
    """The window's server tabs (a mixin: ``self`` is the :class:`MainWindow`)."""

    tabs: List[ServerTab]

    # --- which tab ------------------------------------------------------------------------------------
    def _init_tabs(self) -> None:
        """The tab bar, the stacks that show the current tab's log and panes, and the first tab."""
        self.tabs = []
        self._acting: Optional[ServerTab] = None
        self._error_shown: Optional[tuple] = None  # (tab, text, stamp): the error shown (``status_message``)
        self.tab_bar = ServerTabBar()  # (where tabs are many: their user names go first, then the middle: note 436)
        self.tab_bar.setObjectName("serverTabs")
        self.tab_bar.setTabsClosable(True)
        self.tab_bar.setDocumentMode(True)
        self.tab_bar.setExpanding(False)
        self.tab_bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+Tab moves between tabs
        self.tab_bar.hide()  # as in FileZilla: shown once there are two tabs
        self.log_stack = QStackedWidget()
        self.log_stack.setObjectName("logStack")
        self.pane_stack = QStackedWidget()
        self.pane_stack.setObjectName("paneStack")
        self.log_area = QWidget()  # the tab bar over the current tab's log (the tab holds log and panes)
        column = QVBoxLayout(self.log_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.tab_bar)
        column.addWidget(self.log_stack)
        self._add_tab()

    @property
    def current_tab(self) -> ServerTab:
        index = self.tab_bar.currentIndex()
        return self.tabs[index if 0 <= index < len(self.tabs) else 0]

    def _tab(self) -> ServerTab:
        """The tab the window's methods work on now: the acting one, else the current one."""
        return self._acting or self.current_tab

    @contextlib.contextmanager
    def acting(self, tab: ServerTab) -> Iterator[ServerTab]:
        """Within: the window's per-tab attributes are ``tab``'s (its callbacks run inside this)."""
        previous, self._acting = self._acting, tab
        try:
            yield tab
        finally:
            self._acting = previous

    def for_tab(self, tab: ServerTab, fn: Callable) -> Callable:
        """``fn`` acting for ``tab`` (for the signals of its widgets and connection)."""

        def run(*args: Any) -> Any:
            with self.acting(tab):
                return fn(*args)

        return run

    def _is_current(self) -> bool:
        return self._tab() is self.current_tab

    @property
    def prompt(self) -> Optional[QWidget]:
        """The dialog or question open right now (for keyboard and tests)."""
        return getattr(self, "_prompt", None)

    @prompt.setter
    def prompt(self, dialog: Optional[QWidget]) -> None:
        # a background tab's question: its tab comes to the front, so the answer acts on it
        tab = getattr(self, "_acting", None)
        if dialog is not None and tab is not None and tab in self.tabs and tab is not self.current_tab:
            self.tab_bar.setCurrentIndex(self.tabs.index(tab))
        self._prompt = dialog

    # --- opening and closing --------------------------------------------------------------------------
    def _add_tab(self) -> ServerTab:
        tab = ServerTab(self, self.statusBar())
        tab.remote_browser.context = lambda: self.acting(tab)
        self.tabs.append(tab)
        self.log_stack.addWidget(tab.log)
        self.pane_stack.addWidget(tab.pane_splitter)
        self.statusBar().addPermanentWidget(tab.status_box)
        tab.status_box.setVisible(len(self.tabs) == 1)
        self.mode_panel.watch_browser(tab.remote_browser)
        self.tab_bar.addTab(tab.title())
        return tab

    def new_tab(self) -> ServerTab:
        """Ctrl+T: a tab not connected yet, its local pane in the current tab's folder, laid out like it."""
        current = self.current_tab
        tab = self._add_tab()
        for mine, theirs in (
            (tab.pane_splitter, current.pane_splitter),
            (tab.local.splitter, current.local.splitter),
            (tab.remote.splitter, current.remote.splitter),
        ):
            mine.restoreState(theirs.saveState())
        tab.remote.view.horizontalHeader().restoreState(current.remote.view.horizontalHeader().saveState())
        tab.local.set_path(current.local.path)
        tab.log.file = current.log.file  # one log file for the window
        for mine, theirs in ((tab.remote.view, current.remote.view), (tab.local.view, current.local.view)):
            mine.addActions(theirs.actions())  # the same context menus
        self._install_pane_menus(tab.remote.view, tab.local.view)
        self._wire_tab(tab)
        self.tab_bar.setCurrentIndex(len(self.tabs) - 1)
        for side in ("local", "remote"):  # columns fitted to each folder, as in the current tab, until resized
            fitter = current.fitters.get(side)
            if fitter is not None and fitter.active:
                self._fit_columns(tab, side)
        self.quick.host.setFocus()
        return tab

    def open_address(self, url: str) -> None:
        """An ``ftp://`` address the app was started with, or another start passed on (design note 435): a quick
        connect to it, in a new tab unless the current one has nothing connected or connecting."""
        if self.current_tab.busy():  # (as a Connect decides whether to ask: note 461)
            self.new_tab()
        for field in (self.quick.port, self.quick.user, self.quick.password):
            field.clear()
        self.quick.host.setText(url)
        self.quick.submit()

    def close_tab(self, index: Optional[int] = None) -> None:
        """Ctrl+W, or a tab's close button. The last tab is never closed (Close Tab is off then). Transfers
        still in progress for the tab's server: the person says whether to cancel them, keep them, or not close."""
        tab = self.current_tab if index is None else self.tabs[index]
        if len(self.tabs) < 2:
            return
        again = lambda: self.close_tab(self.tabs.index(tab)) if tab in self.tabs else None  # noqa: E731
        if self.editing is not None and self.editing.hold(tab, again, False):
            return  # an edited file's upload runs on its connection: wait for it first, or not
        pending = self.transfers_of(tab)
        edits = self.editing.closing_lines(tab) if self.editing is not None else []
        if not pending and not edits:
            self._remove_tab(tab)
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close tab"))
        # (it follows the queue while open: the uploads a cancel cuts off are those under way now, note 471)
        set_text(box, question_lines(self, tab, edits, False))
        box.cancel_button = box.keep_button = None
        if pending:
            box.cancel_button = box.addButton(self.tr("Cancel the transfers"), QMessageBox.ButtonRole.DestructiveRole)
            box.keep_button = box.addButton(self.tr("Keep them running"), QMessageBox.ButtonRole.AcceptRole)
        else:
            box.keep_button = box.addButton(self.tr("Close Tab"), QMessageBox.ButtonRole.AcceptRole)
        box.stay_button = box.addButton(self.tr("Don't close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(box.stay_button)
        box.setEscapeButton(box.stay_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if self.prompt is box:
                self.prompt = None
            clicked = box.clickedButton()
            if tab not in self.tabs or clicked is None or clicked not in (box.cancel_button, box.keep_button):
                return
            if clicked is box.cancel_button:  # (what it cut off is said once it has taken effect: note 471)
                ids = [item.id for item in self.transfers_of(tab)]
                self.queue.cancel(ids)
                CutReport(self, tab.title(), ids)
            self._remove_tab(tab)

        box.finished.connect(answered)
        if pending:
            follow(self, box, tab, edits)
        if tab is not self.current_tab:
            self.tab_bar.setCurrentIndex(self.tabs.index(tab))
        self.prompt = box
        box.open()

    def transfers_of(self, tab: ServerTab) -> List[Any]:
        """The queue's items still to do for ``tab``'s server — none when another tab browses it too."""
        server = tab.queue_server
        if server is None:
            return []
        if any(t is not tab and t.queue_server is not None and t.queue_server.key == server.key for t in self.tabs):
            return []
        return [item for item in self.queue.model.items() if item.server == server.key and item.state in IN_PROGRESS]

    def _remove_tab(self, tab: ServerTab) -> None:
        index = self.tabs.index(tab)
        self.mode_panel.watch_browser(tab.remote_browser, False)
        self.tabs.remove(tab)
        self.tab_bar.removeTab(index)  # the current tab changes now (to a tab still in the list)
        tab.log.flush()  # (its transfers' last lines, to the log file too)
        self.log_stack.removeWidget(tab.log)
        self.pane_stack.removeWidget(tab.pane_splitter)
        self.statusBar().removeWidget(tab.status_box)
        self.filtering.tab_closed(tab)  # its search, on its server
        if tab.remote.isAncestorOf(self.welcome):  # the window's welcome box, never deleted with a tab
            self._welcome_to(self.current_tab)
        tab.close()
        # its connections still ending (QUIT) outlive its browser: the mode panel hears them close, as it hears
        # its search's (``_events``), rather than listing them open for good
        for conn in tab.remote_browser.closing:
            conn.eventsArrived.disconnect(tab.remote_browser.eventsArrived)
            conn.eventsArrived.connect(self.mode_panel.add_events)
        tab.deleteLater()
        self._tab_changed(self.tab_bar.currentIndex())

    def next_tab(self, step: int = 1) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tab, round."""
        if len(self.tabs) > 1:
            self.tab_bar.setCurrentIndex((self.tab_bar.currentIndex() + step) % len(self.tabs))

    # --- what the current tab shows in the shared parts ------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        if not 0 <= index < len(self.tabs) or not hasattr(self, "act_close_tab"):
            return
        tab = self.tabs[index]
        self._welcome_to(tab)
        self.log_stack.setCurrentWidget(tab.log)
        self.pane_stack.setCurrentWidget(tab.pane_splitter)
        for other in self.tabs:
            other.status_box.setVisible(other is tab)
        self.tab_bar.setVisible(len(self.tabs) > 1)  # as in FileZilla: one server, no tab bar
        self.act_close_tab.setEnabled(len(self.tabs) > 1)
        self.act_next_tab.setEnabled(len(self.tabs) > 1)
        self.act_prev_tab.setEnabled(len(self.tabs) > 1)
        self.act_disconnect.setEnabled(tab.can_disconnect)
        if tab.quick_fields is not None:
            self.quick.show_connection(*tab.quick_fields)
        else:
            self.quick.clear_connection()
        browser = tab.remote_browser
        self.mode_panel.connections.shown_browser = browser  # (Follow: Browsing follows this tab's)
        self.queue.use_server(tab.queue_server if browser.connected else None)  # (a tab disconnected: none)
        endpoint, options = browser.endpoint, browser.options
        if browser.connected and endpoint is not None and options is not None:
            self._chosen_mode = None  # (picked for a tab with nothing connected: not this tab's to reconnect in)
            self.show_mode(endpoint, options, tab._site)
            self.mode_panel.set_diagnose_target(
                endpoint.host, endpoint.port, endpoint.user, endpoint.password, options, tab._site
            )
            panel, cid = self.mode_panel, browser.connection.connection_id
            if panel.follow() != PINNED and cid in panel.scene.connections:
                panel.select_connection(cid, pin=False)  # the panel shows the tab's browsing connection
        elif browser.looking and options is not None and endpoint is not None:
            self.show_mode(endpoint, options, tab._site)  # meeting its server: a pick meets it again in that mode
            self.mode_panel.set_diagnose_target(None)  # (no password yet: nothing to diagnose)
        else:
            self.mode_panel.set_diagnose_target(None)
            self.show_next_mode()  # (the box: what the next connection from this tab will use)
        self._hidden_remote()  # the View menu's choices hold for every tab
        self._hidden_local()
        self.comparison.tab_shown()  # the View menu's Compare and Synchronized Browsing say this tab's
        self.sync_browsing.tab_shown()
        if hasattr(self, "filtering"):
            self.filtering.tab_shown()
        self._update_title()

    def _update_title(self) -> None:
        """The window's title follows the current tab; every tab's words and tooltip are brought up to date."""
        name = self.current_tab._site_name
        self.setWindowTitle("ftpgui — " + name if name else "ftpgui")
        for i, tab in enumerate(self.tabs):
            self.tab_bar.setTabText(i, tab.title())
            self.tab_bar.setTabData(i, tab.short_title())  # (the words where the tab is short of room)
            self.tab_bar.setTabToolTip(i, tab.tooltip())

    def _follow_site_names(self, *_: object) -> None:
        """After the site manager: a tab browsing a saved site that was renamed there takes the new name, and so
        does the window's title (they kept the old one)."""
        for tab in self.tabs if self.store is not None else []:
            site = tab._site
            saved = self.store.get(site.id) if site is not None else None
            if saved is not None and saved.name != site.name and tab._site_name == site.name:
                site.name = tab._site_name = saved.name
        self._update_title()

    def _set_can_disconnect(self, enabled: bool) -> None:
        tab = self._tab()
        tab.can_disconnect = enabled
        if tab is self.current_tab:
            self.act_disconnect.setEnabled(enabled)

    def _show_quick(self, host: str, port: int, user: str, scheme: str) -> None:
        """The quick-connect bar names the tab's server (at once when the tab is shown)."""
        tab = self._tab()
        tab.quick_fields = (host, port, user, scheme)
        if tab is self.current_tab:
            self.quick.show_connection(host, port, user, scheme)

    def status_message(self, text: str, error: bool = False) -> None:
        """A message in the status bar; a background tab's says which tab it is from. An ``error`` goes as
        soon as something of its tab asked for after it succeeds (``succeeded``, ``say_connected``)."""
        tab = self._tab()
        if tab is not self.current_tab:
            text = self.tr("{tab}: {text}").format(tab=tab.title(), text=text)
        text = shown_lines(text)  # (a name's ESC, bidi mark or byte as an escape)
        self.statusBar().showMessage(text, 15000)
        self._error_shown = (tab, text, stamp()) if error else None

    def say_connected(self, server: str) -> None:
        """The acting tab is connected to ``server`` (logged in, or back after a reconnect): said in its state,
        and an error of its still in the status bar goes at once (found by QA: "Could not connect" stayed 15 s
        beside "Connected" after a successful reconnect)."""
        self._set_state(self.tr("Connected to {server}").format(server=server))
        self.succeeded(stamp())

    def succeeded(self, asked: int) -> None:
        """Something the acting tab asked for at ``asked`` (``remote_browser.stamp``) went well: an error of its
        shown before that is stale, and goes from the status bar (design note 239)."""
        shown = self._error_shown
        if shown is not None and shown[0] is self._tab() and asked > shown[2]:
            self._error_shown = None
            if self.statusBar().currentMessage() == shown[1]:
                self.statusBar().clearMessage()

    def _bind_queue(self) -> None:
        """New queue items belong to the acting tab's server (and folder transfers skip what its filters hide)."""
        self.queue.use_server(self._tab().queue_server)
        if hasattr(self, "filtering"):
            self.filtering.bind_server()

    def _transfer_events(self, events: List[Any]) -> None:
        """The queue's events go to the log of the tab browsing their server (the current one if several or none
        do). In the log of a tab that browses another server (the tab of theirs closed, disconnected, or on
        another server now) their lines name their server ("[alice@host:21 Transfer 3]"): they are not that
        tab's transfer connections' (design note 484)."""
        tab, server = self.current_tab, ""
        if events:
            cid = events[0].connection_id  # (a batch is one connection's)
            conns = self.queue.connections() + self.queue.closing  # (those closing still say QUIT)
            endpoint = next((c.endpoint for c in conns if c.connection_id == cid), None)
            if endpoint is not None and not self._browses(tab, endpoint):
                browsing = next((t for t in self.tabs if self._browses(t, endpoint)), None)
                tab, server = (browsing, "") if browsing is not None else (tab, str(endpoint))
        with self.acting(tab):
            self._events(events, soon=True, server=server)

    @staticmethod
    def _browses(tab: ServerTab, endpoint: Any) -> bool:
        mine = tab.remote_browser.endpoint
        return mine is not None and (mine.host, mine.port, mine.user) == (endpoint.host, endpoint.port, endpoint.user)

    def _set_log_file(self, prefs: Any) -> None:
        """The log file (a preference) is one for the window: every tab's log writes to it."""
        for tab in self.tabs:  # (each tab's held-back transfer lines, to the file they came under)
            tab.log.flush()
        log = self.current_tab.log
        set_log_file(log, prefs)
        for tab in self.tabs:
            tab.log.file = log.file

    def _build_tab_actions(self) -> None:
        """New Tab (Ctrl+T), Close Tab (Ctrl+W), Next and Previous Tab (Ctrl+Tab, Ctrl+Shift+Tab)."""
        a = self._action
        self.act_new_tab = a("newTab", self.tr("New &Tab"), self.new_tab, "Ctrl+T")
        self.act_close_tab = a("closeTab", self.tr("&Close Tab"), self.close_tab, "Ctrl+W")
        self.act_next_tab = a("nextTab", self.tr("Ne&xt Tab"), self.next_tab, "Ctrl+Tab")
        self.act_next_tab.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
        self.act_prev_tab = a("previousTab", self.tr("Pre&vious Tab"), lambda: self.next_tab(-1), "Ctrl+Shift+Tab")
        self.act_prev_tab.setShortcuts(
            [QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+Shift+Backtab"), QKeySequence("Ctrl+PgUp")]
        )
        for act in (self.act_close_tab, self.act_next_tab, self.act_prev_tab):
            act.setEnabled(False)  # one tab
        self.tab_bar.currentChanged.connect(self._tab_changed)
        self.tab_bar.tabCloseRequested.connect(self.close_tab)


for _name in PER_TAB:
    setattr(WindowTabs, _name, _PerTab(_name))
