"""The filters in the main window: the strip under each pane, View ▸ Filters…, Ctrl+F, and the transfer filter.

``WindowFilters(window)`` adds itself to a built :class:`~ftpgui.ui.main_window.MainWindow`. The filters on
are those on for all sites and those the saved site being browsed has switched on (``Site.filters``); they
apply to the local and the remote list, and — when "filter for transfers" is ticked — to folder transfers
the queue lists from then on. Each pane's strip says how many entries of its folder are hidden.
"""

from __future__ import annotations

from typing import Any, List, Optional

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFileSystemModel

from .. import filters as filtering
from ..filters import FilterError, Filters, FilterSet
from ..ftp import ControlConnected
from ..transfers.jobs import FILTERED
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
        self.rules: FilterSet = FilterSet()
        local, remote = window.local, window.remote
        self.local_bar = FilterBar(local.view, local)
        self.local_bar.setObjectName("localFilterBar")
        local.layout().addWidget(self.local_bar)
        self.remote_bar = FilterBar(remote.view, remote)
        self.remote_bar.setObjectName("remoteFilterBar")
        remote.layout().addWidget(self.remote_bar)
        for bar in (self.local_bar, self.remote_bar):
            bar.changed.connect(lambda _text: self.apply())
            bar.filtersWanted.connect(self.open_dialog)
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.show_counts)
        remote.model.modelReset.connect(self.show_counts)
        local.pathChanged.connect(lambda _p: self._count_timer.start())
        local.list_proxy.sourceModelChanged.connect(self._watch_local)
        self._watch_local()
        window.remote_browser.eventsArrived.connect(self._browser_events)
        self._skipped_seen = len(window.queue.skipped)
        window.queue.idle.connect(self._say_skipped)

        a = window._action
        self.act_quick = a("quickFilter", self.tr("&Quick Filter"), self.focus_quick, "Ctrl+F")
        self.act_filters = a("filters", self.tr("&Filters…"), self.open_dialog)
        self.act_search = a("searchRemote", self.tr("&Search Remote Files…"), self.open_search, "Ctrl+Shift+F")
        self.dialog: Optional[Any] = None
        self.search: Optional[Any] = None
        self.add_to_menus(window.edit_menu, window.view_menu)
        window.installEventFilter(self)  # the window closes: so does the search and its connection
        self.apply()

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
        w.queue.skip = rules if self.filters.for_transfers else None
        self.show_counts()

    def show_counts(self) -> None:
        names = ", ".join(self.rules.names())
        self.local_bar.show_counts(*self.window.local.hidden_counts(), names=names)
        model = self.window.remote.model
        self.remote_bar.show_counts(model.hidden_by_rules, model.hidden_by_quick, names=names)

    def _watch_local(self) -> None:
        model = self.window.local.list_proxy.sourceModel()
        if isinstance(model, QFileSystemModel):
            for signal in (model.directoryLoaded, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                signal.connect(lambda *_a: self._count_timer.start())

    def _browser_events(self, events: list) -> None:
        """A new login (a site, or quick connect): the filters of that site apply from now on."""
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
        left_out = [p for p, why in new if why == FILTERED]
        if left_out:
            self.window.log.add_lines(
                [("status", self.tr("Filters left {n} entries out of the folder transfers.").format(n=len(left_out)))]
            )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close and self.search is not None:
            self.search.close()
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
        self.apply()

    def open_search(self) -> None:
        from .search_dialog import SearchDialog

        w = self.window
        if not w.remote_browser.connected or w.remote_browser.endpoint is None:
            w.show_error_text(self.tr("Not connected. Connect to a server first."))
            return
        if self.search is not None and self.search.isVisible():
            self.search.raise_()
            self.search.activateWindow()
            return
        self.search = SearchDialog(w, w.remote.path or "/")
        self.search.show()
