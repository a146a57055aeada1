"""The main window's layout: the panes, log, queue and mode-panel dock, the first-run welcome box, and the
layout remembered between runs (geometry, docks, splitters, columns) — a mixin of :class:`MainWindow`."""

from __future__ import annotations

from typing import Any, Dict, List

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from . import column_menu
from .queue_view import QueueView
from .remote_model import DraggedEntries
from .window_fit import (
    EvenSplit,
    first_dock_width,
    fit_columns_until_resized,
    fit_to_screen,
    from_a_bigger_screen,
    header_of,
    most_dock_width,
    screen_room,
    split_main,
)

LAYOUT_FILE = "window.ini"
SIDES = ("remote", "local")


class WindowLayout:
    """Builds and remembers the window's layout (a mixin: ``self`` is the :class:`MainWindow`)."""

    @staticmethod
    def _scrollable(widget: QWidget, name: str = "") -> QScrollArea:
        """``widget`` in a scroll area, so its minimum size never sets the window's (small screens). The area
        is no Tab stop: a scroll area takes the focus by default, and Tab landed on it, showing nothing, on the
        way into the queue and into the mode panel (its widgets, reached by Tab, are still scrolled into view)."""
        area = QScrollArea()
        area.setObjectName(name)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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

    def _welcome_to(self, tab: Any) -> None:
        """The welcome box above ``tab``'s remote list (the tab shown). It is the window's, not a tab's: it lived
        in the first tab, and closing that tab deleted it — every later login then stopped at hiding it, "Logging
        in…" for good (design note 302). Shown or hidden as it was."""
        if self.welcome.parentWidget() is tab.remote:
            return
        hidden = self.welcome.isHidden()
        tab.remote.layout().insertWidget(1, self.welcome)
        self.welcome.setHidden(hidden)
        self._tree_under_welcome()

    def _tree_under_welcome(self) -> None:
        """While the welcome box shows in a tab's remote pane (not connected yet: the remote folder tree is
        empty), that pane's tree is hidden and the box has its room: at 1024×640 in Chinese its three lines,
        an empty tree and the list left the queue's buttons half their height (note 415)."""
        shown = not self.welcome.isHidden()
        for tab in getattr(self, "tabs", ()):
            tab.remote.tree_view.setHidden(shown and tab.remote.isAncestorOf(self.welcome))

    def _remote_need(self) -> int:
        """The least height of the remote pane shown, the welcome box's words wrapped at its width (a pane's
        least height counts the box's one line)."""
        need = self.remote.minimumSizeHint().height()
        if not self.welcome.isHidden() and self.remote.isAncestorOf(self.welcome):
            box = self.welcome
            need += max(box.heightForWidth(box.width()) - box.minimumSizeHint().height(), 0)
        return need

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "welcome", None) and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._tree_under_welcome()
        return super().eventFilter(watched, event)

    def _welcome_if_no_sites(self, *_: object) -> None:
        """The first-run welcome says "No saved sites yet": gone once the site manager has saved one, even
        when that site's connection then fails (it stayed up, false, until a connection succeeded)."""
        if self.store is not None and self.store.sites():
            self.welcome.hide()

    def open_new_site(self) -> None:
        """The site manager with a new, empty site selected."""
        dialog = self._make_site_manager()
        if dialog is None:
            return
        dialog.new_site()
        self._open_prompt(dialog)

    # --- layout ---------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self._hidden_columns: Dict[str, List[int]] = {}  # side → the columns the person hid (``restore_layout``)
        self.welcome = self._build_welcome()
        self.welcome.installEventFilter(self)  # (shown, hidden: the remote tree under it, ``_tree_under_welcome``)
        self._welcome_to(self.current_tab)  # (it goes with the tab shown: ``_tab_changed``)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.setObjectName("mainSplitter")
        # the server tabs (window_tabs): their bar over the current tab's log, then its panes
        self.main_splitter.addWidget(self.log_area)
        self.main_splitter.addWidget(self.pane_stack)
        self.queue_view = QueueView(self.queue, self)
        self.queue.noted.connect(self._queue_noted)  # (window_transfers)
        self._dropped = DraggedEntries()  # the remote entries dragged over the queue
        self.queue_view.drop_plan = self.queue_drop  # the panes' entries dropped on the queue (window_transfers)
        self.main_splitter.addWidget(self._scrollable(self.queue_view, "queueScroll"))
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setStretchFactor(1, 4)
        self.main_splitter.setStretchFactor(2, 1)
        self.main_splitter.setSizes([120, 420, 120])
        self.setCentralWidget(self.main_splitter)
        self.mode_dock = QDockWidget(self.tr("Connection modes"), self)
        self.mode_dock.setObjectName("modeDock")
        self.mode_dock.setWidget(self._scrollable(self.mode_panel, "modeScroll"))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.mode_dock)
        self._dock_sized = False  # (``restore_layout``: True when a width was saved)
        self.mode_dock.visibilityChanged.connect(self._dock_shown)
        self.connect_bar = QToolBar(self.tr("Quick connect"), self)
        self.connect_bar.setObjectName("quickConnectBar")
        self.connect_bar.addWidget(self.quick)

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
        s.setValue("screen", screen_room(self))  # (a smaller screen next time: the window fitted to it)
        s.setValue("state", self.saveState())
        for sp in self._splitters():
            s.setValue(f"splitters/{sp.objectName()}", sp.saveState())
        # a list's widths are kept only once the person set one by hand: widths fitted to the last folder
        # shown, kept, were taken for the person's at the next start and never fitted again (names cut off -
        # found by hand); the fitter of a list restored from here is None (those widths are the person's)
        fitters = self._tab().fitters
        for side, header in (("remote", self.remote.view.horizontalHeader()), ("local", self.local.view.header())):
            fitter = fitters.get(side)
            if fitter is not None and fitter.active:
                s.remove(f"columns/{side}")
            elif side == "remote" or self.local.model is not None:  # (no local columns before its model)
                s.setValue(f"columns/{side}", header.saveState())
            # the columns the person hid (``column_menu``, note 434), whether or not the widths are kept
            s.setValue(f"columns/{side}-hidden", column_menu.as_text(self.hidden_columns(side)))
        for group, columns in self.queue_view.columns.items():  # (the same for each tab of the queue)
            if columns.active:
                s.remove(f"columns/queue-{group}")
            else:
                s.setValue(f"columns/queue-{group}", columns.table.horizontalHeader().saveState())
        if self.local.path:
            s.setValue("local/folder", self.local.path)  # where the local pane opens next time, as in FileZilla
        s.sync()

    def restore_layout(self) -> None:
        s = self._layout_settings()
        self._first_show = s.value("geometry") is None  # no saved layout: size the dock when first shown
        self._dock_sized = not self._first_show  # (its width saved: kept, within ``most_dock_width``)
        if self._first_show:
            fit_to_screen(self)
        else:
            if from_a_bigger_screen(s.value("screen"), self):
                fit_to_screen(self)  # (the dock then no wider than ``most_dock_width``: ``_size_dock``)
            else:
                self.restoreGeometry(s.value("geometry"))
            self.restoreState(s.value("state"))
        for sp in self._splitters():
            value = s.value(f"splitters/{sp.objectName()}")
            if value is not None:
                sp.restoreState(value)
        self._hidden_columns = {side: column_menu.from_text(s.value(f"columns/{side}-hidden")) for side in SIDES}
        remote_cols = s.value("columns/remote")
        if remote_cols is not None:
            self.remote.view.horizontalHeader().restoreState(remote_cols)
        else:
            self._fit_columns(self._tab(), "remote")
        column_menu.hide(self.remote.view.horizontalHeader(), self.hidden_columns("remote"))
        self._local_columns = s.value("columns/local")
        for group, columns in self.queue_view.columns.items():
            value = s.value(f"columns/queue-{group}")
            if value is not None and columns.table.horizontalHeader().restoreState(value):
                columns.stop()  # the person's widths, as they left them
        folder = s.value("local/folder")
        if isinstance(folder, str) and folder:
            self.local.set_path(folder)  # (a folder gone since: the pane stays at home)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.mode_dock.isFloating():  # (restored floating: mapped behind the window under openbox, note 264)
            QTimer.singleShot(0, self._raise_floating_dock)
        self._size_dock()  # (a layout restored: again once laid out, ``_dock_shown``)
        QTimer.singleShot(0, self, self._size_dock)
        if self._first_show:
            self._first_show = False
            EvenSplit(self.pane_splitter)  # the local and remote panes alike (a saved layout: as saved)
            # once laid out: the queue its five rows and buttons, the log a few lines, the panes the rest
            QTimer.singleShot(
                0,
                lambda: split_main(
                    self.main_splitter,
                    self.log,
                    self.queue_view,
                    self.local.splitter,
                    self.remote.splitter,
                    panes_need=self._remote_need(),
                ),
            )
        if self._local_columns is not False and self.local.model is not None:
            # the local list has columns only once its model exists (created when first shown)
            if self._local_columns is not None:
                self.local.view.header().restoreState(self._local_columns)
            else:
                self._fit_columns(self._tab(), "local")
            column_menu.hide(self.local.view.header(), self.hidden_columns("local"))
            self._local_columns = False

    def _dock_shown(self, shown: bool) -> None:
        """The mode-panel dock shown (View → Connection modes, Diagnose This Server, a layout restored): its
        width checked once laid out (Qt gave a dock never sized its size hint, ~610 px)."""
        if shown:
            QTimer.singleShot(0, self, self._size_dock)

    def _size_dock(self) -> None:
        """The docked mode panel's width (note 408): ``first_dock_width`` the first time it is shown, after that
        (the person's, a restored layout's) at most ``most_dock_width``, so the panes and the queue keep a
        usable width on a smaller screen. Before, it took 9/20 of the window (614 px at 1366, 455 at 1024,
        the queue's buttons cut off) and, shown from the menu, its size hint."""
        dock = self.mode_dock
        if not self.isVisible() or dock.isHidden() or dock.isFloating():
            return
        if self._dock_sized:
            width = min(dock.width(), most_dock_width(self.width()))
            if width == dock.width():
                return
        else:
            width = first_dock_width(self.width())
            self._dock_sized = True
        self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def _raise_floating_dock(self) -> None:
        """The floating mode panel above the window, once the window is shown: a restored one came up behind it
        while View → Connection modes was ticked (found by QA, design note 264)."""
        if self.mode_dock.isFloating() and self.mode_dock.isVisible():
            self.mode_dock.raise_()

    def hidden_columns(self, side: str) -> List[int]:
        """The columns the person hid in ``side``'s ("local", "remote") lists (``column_menu``)."""
        return self._hidden_columns.get(side, [])

    def choose_column(self, side: str, column: int, shown: bool) -> None:
        """``column`` of ``side``'s lists shown or hidden, in every tab (the columns' menu, note 434); the lists
        still fitted to their folders fitted again to the columns shown."""
        hidden = set(self.hidden_columns(side))
        if shown:
            hidden.discard(column)
        else:
            hidden.add(column)
        self._hidden_columns = {**self._hidden_columns, side: sorted(hidden)}
        for tab in self.tabs:
            view = tab.remote.view if side == "remote" else tab.local.view
            column_menu.hide(header_of(view), hidden)
            fitter = tab.fitters.get(side)
            if fitter is not None and fitter.active:
                fitter.fit()

    def _install_column_menus(self, remote_header: Any, local_header: Any) -> None:
        """A tab's lists' column titles: right-clicked, the columns' menu; the columns hidden kept hidden as its
        local list gets its model (``column_menu.keep_hidden``)."""
        for side, header in (("remote", remote_header), ("local", local_header)):
            column_menu.install(header, lambda column, shown, side=side: self.choose_column(side, column, shown))
            column_menu.keep_hidden(header, lambda side=side: self.hidden_columns(side))

    def _fit_columns(self, tab: Any, side: str) -> None:
        """Fit ``tab``'s ``side`` ("local" or "remote") list's columns to each folder it shows, until the person
        sets a width there by hand (each tab's lists on their own)."""
        if side == "remote":
            model = tab.remote.model
            fitter = fit_columns_until_resized(tab.remote.view, lambda: model.rowCount() > 0, model.modelReset)
        else:
            local = tab.local
            fitter = fit_columns_until_resized(
                local.view,
                lambda: local.list_proxy.rowCount(local.view.rootIndex()) > 0,
                local.folderLoaded,
                local.pathChanged,
            )
        tab.fitters[side] = fitter
