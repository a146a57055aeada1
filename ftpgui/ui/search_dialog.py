"""Edit ▸ Search Remote Files…: find entries below a folder by name, size and date, as they are found.

The search runs on a connection of its own (a new session to the same server, with the browsing session's
login and options), so browsing goes on meanwhile. Its walk (:func:`ftpgui.search.search_tree`) hands each
folder's hits over at once; a timer on the GUI thread adds them to the list in batches, ten times a second.
Stop cancels the listing in progress. Lines of a listing that no format reads are said when the walk ends:
in the status (how many, in which folder), its tooltip and the window's log (which lines). Download sends the
selected results to the queue; Delete removes them from the server (on the search's connection) after asking.
Both send each result's path as the server listed it (``Hit.wire``), as the window's own actions do (design
note 141). Results that would read the same (a legacy server's UTF-8 and GBK bytes for one name, or for one
folder) are marked as the remote pane marks its names: the name (or folder) in italics, its tooltip naming the
codec it was read in and its bytes (note 166).
"""

from __future__ import annotations

import collections
import dataclasses
import posixpath
from typing import Any, Deque, Dict, List, Optional, Tuple

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..explain import describe_error
from ..filters import FilterError
from ..ftp import Cancelled
from ..ftp.localpath import MAX_DEPTH
from ..ftp.safetext import shown
from ..search import Hit, SearchReport, search_tree
from ..transfers.model import human_size
from ..transfers.worker import Connection
from ..words import tidy
from . import remote_names as notes
from .anywhere_label import AnywhereLabel
from .dialogs import ask, fitted_name
from .filters_dialog import RuleForm
from .modepanel.connections import SEARCH
from .name_hint import NOT_SEARCHED, unread_words
from .remote_browser import remove_tree, retire
from .remote_model import download_item, shown_time
from .window_fit import SIZE_SAMPLE

DRAIN_MS = 100  # results cross from the search's thread about ten times a second
MAX_RESULTS = 50_000  # rows shown; the walk goes on counting beyond
HitRole = Qt.ItemDataRole.UserRole + 1


class _Shared:
    """What the search's thread hands over: lists of hits, and how far it has got."""

    def __init__(self) -> None:
        self.hits: Deque[List[Hit]] = collections.deque()
        self.folders = 0
        self.entries = 0
        self.codecs: Tuple[str, ...] = ("utf-8",)  # the codecs the search's session reads names in, in order

    def progress(self, report: SearchReport) -> None:
        self.folders, self.entries = report.folders, report.entries


class _HitItem(QTreeWidgetItem):
    """A result row that sorts by what its cells mean: names without regard to case, folders then names, sizes
    as numbers (folders first), times as times — Qt's own compares the shown text ("9 B" after "10 KiB")."""

    def __init__(self, texts: List[str], keys: tuple):
        super().__init__(texts)
        self.keys = keys

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else 0
        mine, theirs = self.keys, getattr(other, "keys", None)
        if theirs is None or not 0 <= column < len(mine):
            return super().__lt__(other)
        return (mine[column], mine[0]) < (theirs[column], theirs[0])


class SearchDialog(QDialog):
    """Where to search and what for above; the results below, streamed; Download and Delete beside them."""

    def __init__(self, window: Any, folder: str, tab: Any = None, folder_wire: Optional[bytes] = None):
        """``folder_wire``: ``folder`` as the server wrote it (the folder the pane shows), searched while the
        folder field still says ``folder``."""
        super().__init__(window)
        self.window = window
        self.tab = tab if tab is not None else window._tab()  # the server tab whose server is searched
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Search Remote Files"))
        self.conn: Optional[Connection] = None
        self._opened_to: Any = None  # (endpoint, route) of the connection
        self._job: Optional[int] = None
        self._shared = _Shared()
        self._found = 0
        self._alike: Dict[str, List[QTreeWidgetItem]] = {}  # a path not all ASCII → the rows that read as it
        self._alike_font = notes.alike_font()
        self.prompt: Optional[QWidget] = None  # the question open now (tests and keyboard)

        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.folder = QLineEdit(folder, self)
        self._opened = (self.folder.text(), folder_wire)
        top.addRow(self.tr("Search &in:"), self.folder)
        layout.addLayout(top)
        self.form = RuleForm(self, named=False)
        self.form.pattern.setPlaceholderText(self.tr("e.g. *.txt (empty: every name)"))
        layout.addWidget(self.form)
        row = QHBoxLayout()
        self.search_button = QPushButton(self.tr("&Search"), self)
        self.search_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("S&top"), self)
        self.stop_button.setEnabled(False)
        self.status = AnywhereLabel(self)  # (a folder's name wider than the screen: wrapped, not cut)
        row.addWidget(self.search_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        self._status_row = row
        self.results = QTreeWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setHeaderLabels([self.tr("Name"), self.tr("Folder"), self.tr("Size"), self.tr("Modified")])
        header = self.results.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 200)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # (Qt's default is descending)
        metrics = self.results.fontMetrics()
        pad = 3 * metrics.horizontalAdvance("M")  # the cell's margins and the sort arrow
        header.resizeSection(2, max(metrics.horizontalAdvance(SIZE_SAMPLE), header.sectionSizeHint(2)) + pad)
        header.resizeSection(3, max(metrics.horizontalAdvance("2026-12-31 23:59"), header.sectionSizeHint(3)) + pad)
        layout.addWidget(self.results, 1)
        actions = QHBoxLayout()
        self.download_button = QPushButton(self.tr("&Download"), self)
        self.delete_button = QPushButton(self.tr("De&lete…"), self)
        self.close_button = QPushButton(self.tr("&Close"), self)
        actions.addWidget(self.download_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        layout.addLayout(actions)
        self.resize(720, 520)

        self.search_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.download_button.clicked.connect(self.download)
        self.delete_button.clicked.connect(self.delete)
        self.close_button.clicked.connect(self.close)
        self.results.itemSelectionChanged.connect(self._enable)
        self.results.itemActivated.connect(self._show_in_pane)
        self._timer = QTimer(self, interval=DRAIN_MS)
        self._timer.timeout.connect(self._drain)
        self._enable()

    # --- its size -------------------------------------------------------------------------------------
    def minimumSizeHint(self) -> QSize:
        """The layout's minimum, its height with the status's lines as they wrap at that width. Qt leaves a
        wrapped label's height at a width out of a window's minimum, so a long status, the dialog shrunk,
        squeezed the form's fields into each other (design note 196)."""
        layout = self.layout()
        least = layout.totalMinimumSize()
        if not self.status.text():
            return least
        margins, row = layout.contentsMargins(), self._status_row
        buttons = self.search_button.sizeHint().width() + self.stop_button.sizeHint().width() + 2 * row.spacing()
        lines = self.status.heightForWidth(least.width() - margins.left() - margins.right() - buttons)
        height = least.height() + max(0, lines - row.minimumSize().height())
        screen = self.screen()  # (a server's error of a thousand words: no taller than the screen)
        return QSize(least.width(), min(height, screen.availableGeometry().height()) if screen else height)

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # (laid out anew: the status says something else)
            least = self.minimumSizeHint()
            if least != self.minimumSize():
                self.setMinimumSize(least)
        return done

    # --- the connection --------------------------------------------------------------------------------
    def _connection(self) -> Optional[Connection]:
        """The search's own connection to the server being browsed (a new one after a change of server, or of
        its route: one address through another proxy, or over TLS, may be another machine — design note 213)."""
        rb = self.tab.remote_browser
        if rb.endpoint is None or rb.options is None or not rb.connected:
            return None
        if self.conn is not None and self._opened_to != (rb.endpoint, rb.route):
            self._close_connection()
        if self.conn is None:
            self._opened_to = (rb.endpoint, rb.route)
            self.conn = Connection(rb.endpoint, dataclasses.replace(rb.options), name="search", parent=self)
            # the tab's log and the mode panel, as the queue's
            self.conn.eventsArrived.connect(self.window.for_tab(self.tab, self.window._events))
            # "Search — host" (and its tab, where another tab searches the same server)
            self.window.mode_panel.connections.set_role(self.conn.connection_id, SEARCH, owner=rb)
            self.conn.jobDone.connect(self._job_done)
            self.conn.jobFailed.connect(self._job_failed)
        return self.conn

    def _close_connection(self) -> None:
        conn, self.conn = self.conn, None
        self._job = None
        if conn is not None:
            conn.jobDone.disconnect(self._job_done)
            conn.jobFailed.disconnect(self._job_failed)
            retire(conn)

    def _same_server(self) -> bool:
        rb = self.tab.remote_browser
        if self.conn is None or self._opened_to != (rb.endpoint, rb.route):
            self.status.setText(self.tr("The window now browses another server: search again first."))
            return False
        return True

    # --- searching --------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._job is not None and self._job > 0

    def start(self) -> None:
        folder = self.folder.text().strip() or "/"
        try:
            rule = self.form.rule()
            judge = dataclasses.replace(rule, name=self.tr("search")).judge()
        except FilterError as exc:
            self.status.setText(exc.text())
            return
        conn = self._connection()
        if conn is None:
            self.status.setText(self.tr("Not connected. Connect to a server first."))
            return
        if self.running:
            self.stop()
        self.results.clear()
        self.results.setSortingEnabled(False)
        self._found = 0
        self._alike = {}
        self._shared = shared = _Shared()
        stop = conn.stopping
        text, wire = self._opened
        root_wire = wire if folder == text else None

        def walk(session) -> SearchReport:
            shared.codecs = session.names.decoders  # (which one read a name: said where two read the same)
            return search_tree(
                session, folder, judge, shared.hits.append, stop, progress=shared.progress, root_wire=root_wire
            )

        self._job = conn.submit(walk)
        self._timer.start()
        self.status.setToolTip("")
        self.status.setText(self.tr("Searching…"))
        self._enable()

    def stop(self) -> None:
        if self.running and self.conn is not None:
            self.conn.cancel(self._job)

    def _drain(self) -> None:
        shared = self._shared
        rows: List[QTreeWidgetItem] = []
        while shared.hits:
            for hit in shared.hits.popleft():
                self._found += 1
                if self._found <= MAX_RESULTS:
                    rows.append(self._row(hit))
        if rows:
            self.results.addTopLevelItems(rows)
            for item in rows:
                self._note_alike(item)
        if self.running:
            self.status.setText(
                self.tr("Searching… {found} found in {folders} folders").format(
                    found=self._found, folders=shared.folders
                )
            )

    def _row(self, hit: Hit) -> QTreeWidgetItem:
        e = hit.entry
        name, folder = e.name.casefold(), hit.folder.casefold()
        when = e.modified.timestamp() if e.modified else float("-inf")
        item = _HitItem(
            [
                shown(e.name),
                shown(hit.folder),
                "" if hit.is_dir else human_size(e.size),
                shown_time(e),
            ],
            (name, (folder, name), -1 if hit.is_dir or e.size is None else e.size, when),
        )
        item.setData(0, HitRole, hit)
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _note_alike(self, item: QTreeWidgetItem) -> None:
        """A new row: where others read as its path, the rows of that path are marked anew."""
        path = item.data(0, HitRole).path
        if not path.isascii():  # (ASCII is ASCII in every codec offered: only such paths can read alike)
            group = self._alike.setdefault(path, [])
            group.append(item)
            if len(group) > 1:
                self._mark_alike(group)

    def _mark_alike(self, group: List[QTreeWidgetItem]) -> None:
        """Rows whose path reads the same: a name another of its folder's reads as too, and a folder another
        folder reads as too, in italics, their tooltips saying the codec and the bytes (as the remote pane says
        a name's); marks no longer true (a row deleted) go."""
        hits = [item.data(0, HitRole) for item in group]
        codecs = self._shared.codecs
        for item, hit in zip(group, hits, strict=True):
            folder = hit.folder_wire
            marks = (
                (any(h.folder_wire == folder and h.wire != hit.wire for h in hits), notes.alike, (hit.entry,)),
                (any(h.folder_wire != folder for h in hits), notes.folder_alike, (folder, hit.folder)),
            )
            for column, (alike, words, about) in enumerate(marks):
                item.setData(column, Qt.ItemDataRole.FontRole, self._alike_font if alike else None)
                item.setData(column, Qt.ItemDataRole.ToolTipRole, words(*about, codecs) if alike else None)

    def _job_done(self, job: int, report: Any) -> None:
        self._ended(job, report)

    def _job_failed(self, job: int, exc: Any) -> None:
        self._ended(job, exc)

    def _ended(self, job: int, result: Any) -> None:
        """The search's job has ended: its last hits, then what it did (or why it failed) in the status."""
        if job != self._job:
            return  # (a delete's result, or a search given up for a new one)
        self._job = None
        self._timer.stop()
        self._drain()
        self.results.setSortingEnabled(True)
        if isinstance(result, SearchReport):
            text = self.tr("{found} found in {folders} folders.").format(found=self._found, folders=result.folders)
            if result.stopped:
                text += " " + self.tr(result.stopped).format(n=result.limit)
            if result.failed:
                text += " " + self.tr("{n} folders could not be listed.").format(n=len(result.failed))
            if result.unread:
                text += " " + self._unread(result)
            if result.left_out:
                text += " " + self.tr("{n} entries were left out (see the tooltip).").format(n=len(result.left_out))
            tips = [f"{shown(p)}: {why}" for p, why in result.failed[:20]]
            tips += [unread_words(u, NOT_SEARCHED).text() for u in result.unread[:20]]
            tips += [f"{shown(p)}: {self.tr(why).format(n=MAX_DEPTH)}" for p, why in result.left_out[:20]]
            self.status.setToolTip("\n".join(tips))
            if self._found > MAX_RESULTS:
                text += " " + self.tr("The first {n} are shown.").format(n=MAX_RESULTS)
        elif isinstance(result, Cancelled):
            text = self.tr("Stopped: {found} found.").format(found=self._found)
        else:
            text = describe_error(result)
        self.status.setText(tidy(text))  # (sentences joined: no space after a Chinese full stop)
        self._enable()

    def _unread(self, report: SearchReport) -> str:
        """The status's words for the lines no format read (a search that found nothing is not "no matches"
        then); the window's log has each folder's lines."""
        lines = sum(u.count for u in report.unread)
        if self.tab in self.window.tabs:  # (the tab's log: the tab may have been closed meanwhile)
            with self.window.acting(self.tab):
                for unread in report.unread:
                    self.window._lines_unread(unread, NOT_SEARCHED)
        if len(report.unread) == 1:
            said = self.tr("{n} listing line(s) could not be read in {folder}; what they name is not searched.")
            return said.format(n=lines, folder=shown(report.unread[0].folder))
        said = self.tr("{n} listing lines could not be read in {folders} folders; what they name is not searched.")
        return said.format(n=lines, folders=len(report.unread))

    def _enable(self) -> None:
        running = self.running
        self.search_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        chosen = bool(self.results.selectedItems())
        self.download_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen and not running)

    # --- the results -----------------------------------------------------------------------------------
    def selected_hits(self) -> List[Hit]:
        return [i.data(0, HitRole) for i in self.results.selectedItems()]

    def select_names(self, names: List[str]) -> None:
        """Select the results with these names (tests and keyboard helpers)."""
        self.results.clearSelection()
        for row in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(row)
            if item.data(0, HitRole).entry.name in names:
                item.setSelected(True)

    def download(self) -> None:
        hits = self.selected_hits()
        if hits and self._same_server():
            items = [download_item(h.path, h.entry, h.wire) for h in hits]  # (a link: what it leads to, asked)
            with self.window.acting(self.tab):  # into the tab's local folder, from its server
                self.window.request_download(items, self.window.local.path)
            self.status.setText(self.tr("{n} added to the queue.").format(n=len(items)))

    def delete(self) -> None:
        hits = self.selected_hits()
        if not hits or self.running or not self._same_server():
            return
        if len(hits) == 1:
            text = self.tr("Delete {path} from the server?").format(path=fitted_name(hits[0].path))
        else:
            text = self.tr("Delete these {n} items from the server?").format(n=len(hits))
        if any(h.is_dir for h in hits):
            text += "\n" + self.tr("Folders are deleted with everything in them.")
        self.prompt = ask(self, self.tr("Delete"), text, self.tr("&Delete"), lambda: self._delete(hits))
        self.prompt.yes_button.setFocus()

    def _delete(self, hits: List[Hit]) -> None:
        conn = self.conn
        if conn is None:
            return
        items = [(h.wire, h.is_dir) for h in hits]  # (the bytes listed: a name alike names the other file too)

        def delete_all(session) -> List[bytes]:
            gone = []
            for wire, is_dir in items:
                remove_tree(session, wire, is_dir)
                gone.append(wire)
            return gone

        job = conn.submit(delete_all)
        folders = sorted({h.folder for h in hits} | {h.path for h in hits if h.is_dir})

        def finished(done_job: int, result: Any) -> None:
            if done_job != job:
                return
            conn.jobDone.disconnect(finished)
            conn.jobFailed.disconnect(finished)
            if isinstance(result, BaseException):
                self.status.setText(describe_error(result))
            else:
                self._forget(set(result))
                self.status.setText(self.tr("{n} deleted.").format(n=len(result)))
            with self.window.acting(self.tab):
                self.window._after_change(*folders)  # the browsing pane lists those folders afresh

        conn.jobDone.connect(finished)
        conn.jobFailed.connect(finished)

    def _forget(self, wires: set) -> None:
        """The results deleted (the paths' bytes) go from the list, with what was in a folder deleted."""
        for row in range(self.results.topLevelItemCount() - 1, -1, -1):
            hit = self.results.topLevelItem(row).data(0, HitRole)
            wire = hit.wire
            if wire in wires or any(wire.startswith(w.rstrip(b"/") + b"/") for w in wires):
                item = self.results.takeTopLevelItem(row)
                group = self._alike.get(hit.path)
                if group is not None and item in group:
                    group.remove(item)
                    self._mark_alike(group)  # (one left alone reads like no other now)

    def _show_in_pane(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """A result activated: the remote pane shows its folder with it selected."""
        hit: Hit = item.data(0, HitRole)
        if self._same_server():
            name = posixpath.basename(hit.path)
            w, remote = self.window, self.tab.remote
            if self.tab in w.tabs:
                w.tab_bar.setCurrentIndex(w.tabs.index(self.tab))  # the tab searched comes forward
            with w.acting(self.tab):
                w.navigate(hit.folder, on_found=lambda: remote.select([name]))

    def done(self, result: int) -> None:
        """Closed: the walk stops and the connection says QUIT."""
        self._timer.stop()
        self._close_connection()
        super().done(result)
