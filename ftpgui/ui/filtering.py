"""The filters in the main window: the strip under each pane, View ▸ Filters…, Ctrl+F, and the transfer filter.

``WindowFilters(window)`` adds itself to a built :class:`~ftpgui.ui.main_window.MainWindow`. The filters on
are those on for all sites and those the saved site being browsed has switched on (``Site.filters``); they
apply to the local and the remote list, and — when "filter for transfers" is ticked — to folder transfers
the queue lists from then on. Each pane's strip says how many entries of its folder are hidden.
"""

from __future__ import annotations

import functools
from typing import Any, Dict, List, Optional

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from .. import filters as filtering
from ..filters import FilterError, Filters, FilterSet
from .quick_filter import FilterBar

COUNT_DELAY_MS = 100  # the local model reports files in bursts: count once they settle


class WindowFilters(QObject):
    """Loads ``filters.json``, filters both panes and the queue's folder walk, and opens the dialogs."""

    def __init__(self, window: Any):
        super().__init__(window)
        self.window = window
        self.filters = Filters()
        try:
            self.filters = filtering.load()
        except (FilterError, OSError) as exc:
            window.show_error_text(exc.text() if isinstance(exc, FilterError) else str(exc))
        self.searches: Dict[Any, Any] = {}  # each tab's Search dialog (on that tab's server)
        for tab in window.tabs:
            self.wire_tab(tab)
        self._skipped_seen = len(window.queue.skipped)
        window.queue.idle.connect(self._say_skipped)

        a = window._action
        self.act_quick = a("quickFilter", self.tr("&Quick Filter"), self.focus_quick, "Ctrl+F")
        self.act_filters = a("filters", self.tr("&Filters…"), self.open_dialog)
        self.act_search = a("searchRemote", self.tr("&Search Remote Files…"), self.open_search, "Ctrl+Shift+F")
        self.dialog: Optional[Any] = None
        self.add_to_menus(window.edit_menu, window.view_menu)
        window.installEventFilter(self)  # the window closes: so do the searches and their connections
        self.apply_all()

    def wire_tab(self, tab: Any) -> None:
        """A server tab's strips under its panes, each filtering that tab's lists (the window's ``_wire_tab``)."""
        on = functools.partial(self.window.for_tab, tab)
        local, remote = tab.local, tab.remote
        tab.local_filter_bar = FilterBar(local.view, local)
        tab.local_filter_bar.setObjectName("localFilterBar")
        local.layout().addWidget(tab.local_filter_bar)
        tab.remote_filter_bar = FilterBar(remote.view, remote)
        tab.remote_filter_bar.setObjectName("remoteFilterBar")
        remote.layout().addWidget(tab.remote_filter_bar)
        for bar in (tab.local_filter_bar, tab.remote_filter_bar):
            # Tab goes from a list to the box under it: the boxes, made last, came right after Connect
            QWidget.setTabOrder(bar.list_view, bar.edit)
            QWidget.setTabOrder(bar.edit, bar.filters_button)
            bar.changed.connect(on(lambda _text: self.apply()))
            bar.filtersWanted.connect(self.open_dialog)
        tab.filter_rules = FilterSet()
        tab.count_timer = QTimer(tab, singleShot=True, interval=COUNT_DELAY_MS)
        tab.count_timer.timeout.connect(on(self.show_counts))
        remote.model.modelReset.connect(on(self.show_counts))
        local.pathChanged.connect(on(lambda _p: tab.count_timer.start()))
        for signal in (local.folderLoaded, local.listChanged):  # (from whichever model the pane has)
            signal.connect(on(lambda *_a: tab.count_timer.start()))
        tab.remote_browser.eventsArrived.connect(on(self._browser_events))
        with self.window.acting(tab):
            if hasattr(self, "dialog"):  # a tab opened later: filtered like the others from the start
                self.apply()

    def tab_shown(self) -> None:
        """Another tab came forward: folder transfers queued from now on skip what its site's filters hide."""
        self.window.queue.skip = self.transfer_rules()

    def tab_closed(self, tab: Any) -> None:
        search = self.searches.pop(tab, None)
        if search is not None:
            search.close()

    # the acting tab's (see :mod:`.window_tabs`)
    local_bar = property(lambda self: self.window._tab().local_filter_bar)
    remote_bar = property(lambda self: self.window._tab().remote_filter_bar)
    search = property(lambda self: self.searches.get(self.window._tab()))

    @property
    def rules(self) -> FilterSet:
        return self.window._tab().filter_rules

    @rules.setter
    def rules(self, value: FilterSet) -> None:
        self.window._tab().filter_rules = value

    def add_to_menus(self, edit_menu: Any, view_menu: Any) -> None:
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_search)
        view_menu.addSeparator()
        view_menu.addAction(self.act_quick)
        view_menu.addAction(self.act_filters)

    # --- what is on ----------------------------------------------------------------------------------
    def site(self) -> Any:
        """The saved site being browsed (None for quick connect or no connection)."""
        return getattr(self.window, "_site", None) if self.window.remote_browser.connected else None

    def site_names(self) -> List[str]:
        site = self.site()
        return filtering.site_names(getattr(site, "filters", "") or "") if site is not None else []

    def apply(self) -> None:
        """Filter both panes with the filters on and the quick filter boxes; set the queue's transfer filter."""
        self.rules = self.filters.active(self.site_names())
        rules = self.rules or None
        w = self.window
        w.local.set_filters(rules, filtering.quick_judge(self.local_bar.text()))
        w.remote.model.set_filters(rules, filtering.quick_judge(self.remote_bar.text()))
        if w._is_current():  # the queue's folder transfers: the current tab's site's filters
            w.queue.skip = self.transfer_rules()
        self.bind_server()
        self.show_counts()

    def transfer_rules(self) -> Optional[FilterSet]:
        """What the acting tab's folder transfers leave out (None: nothing)."""
        return (self.rules or None) if self.filters.for_transfers else None

    def bind_server(self) -> None:
        """The queue's items of the acting tab's server are filtered by that tab's site's filters."""
        server = self.window._tab().queue_server
        if server is not None:
            self.window.queue.skip_by_server[server.key] = self.transfer_rules()

    def apply_all(self) -> None:
        """:meth:`apply` in every tab (the filters changed); the current tab's last, for the queue."""
        w = self.window
        for tab in sorted(w.tabs, key=lambda t: t is w.current_tab):
            with w.acting(tab):
                self.apply()

    def show_counts(self) -> None:
        names = ", ".join(self.rules.names())
        self.local_bar.show_counts(*self.window.local.hidden_counts(), names=names)
        model = self.window.remote.model
        self.remote_bar.show_counts(model.hidden_by_rules, model.hidden_by_quick, names=names)

    def _browser_events(self, events: list) -> None:
        """A new login (a site, or quick connect): the filters of that site apply from now on."""
        from ..ftp.events import ControlConnected  # (not with the first window: design note 229)

        conn = self.window.remote_browser.connection
        if conn is not None and any(
            isinstance(e, ControlConnected) and e.connection_id == conn.connection_id for e in events
        ):
            self.apply()

    def _say_skipped(self) -> None:
        """The queue is idle: say in the log how many entries the transfer filter left out meanwhile."""
        skipped = self.window.queue.skipped
        new = skipped[self._skipped_seen :] if self._skipped_seen <= len(skipped) else skipped
        self._skipped_seen = len(skipped)
        if not new:
            return
        from ..transfers.jobcontext import FILTERED  # (loaded with the jobs that skip)

        left_out = [p for p, why in new if why == FILTERED]
        if left_out:
            self.window.log.add_lines(
                [("status", self.tr("Filters left {n} entries out of the folder transfers.").format(n=len(left_out)))]
            )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            for search in list(self.searches.values()):
                search.close()
        return super().eventFilter(obj, event)

    # --- Ctrl+F, the dialogs -----------------------------------------------------------------------
    def focus_quick(self) -> None:
        (self.remote_bar if self.window._active == "remote" else self.local_bar).focus()

    def open_dialog(self) -> None:
        from .filters_dialog import FiltersDialog

        site = self.site()
        dialog = FiltersDialog(self.filters, getattr(site, "name", "") if site else "", self.site_names(), self.window)
        dialog.accepted.connect(lambda: self._save(dialog.result_filters, dialog.result_site))
        self.dialog = dialog
        self.window._open_prompt(dialog)

    def _save(self, result: Optional[Filters], site_on: Optional[List[str]]) -> None:
        if result is None:
            return
        try:
            filtering.save(result)
        except (OSError, FilterError) as exc:
            self.window.show_error(exc)
            return
        self.filters = result
        site = self.site()
        store = self.window.store
        if site is not None and site_on is not None:
            text = "\n".join(site_on)
            saved = store.get(site.id) if store is not None else None
            changed = saved is not None and saved.filters != text
            site.filters = text
            if changed:
                saved.filters = text
                try:
                    store.update(saved)
                    store.save()
                except (OSError, ValueError) as exc:
                    self.window.show_error(exc)
        self.apply_all()

    def open_search(self) -> None:
        from .search_dialog import SearchDialog

        w = self.window
        if not w.remote_browser.connected or w.remote_browser.endpoint is None:
            w.show_error_text(self.tr("Not connected. Connect to a server first."))
            return
        search = self.search  # the current tab's: it searches that tab's server
        if search is not None and search.isVisible():
            search.raise_()
            search.activateWindow()
            return
        self.searches[w._tab()] = search = SearchDialog(
            w, w.remote.path or "/", w._tab(), w.remote.model.folder_wire if w.remote.path else None
        )
        search.show()
