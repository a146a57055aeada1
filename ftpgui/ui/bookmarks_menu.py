"""The Bookmarks menu: every site's bookmarks and the current site's, Add Bookmark… (Ctrl+B) for the two
folders shown, Manage Bookmarks… (rename, delete). Choosing one moves both panes there and turns on
synchronized browsing and the comparison when the bookmark says so.

Global bookmarks are kept in ``bookmarks.json`` (:class:`~ftpgui.sites.bookmarks.GlobalBookmarks`), a
site's with the site in ``sites.json``; both are small files written on the GUI thread.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any, List, Optional, Tuple

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..explain import describe_error
from ..ftp.safetext import shown, shown_back
from ..sites.bookmarks import Bookmark, GlobalBookmarks, renamed, unique_name, without

GLOBAL, SITE = "global", "site"
SHORTCUT = "Ctrl+B"
ScopeRole = Qt.ItemDataRole.UserRole + 1
NameRole = Qt.ItemDataRole.UserRole + 2


class BookmarkBook:
    """Where the bookmarks are kept: the global file, and the current site in the site store."""

    def __init__(self, window: Any):
        self.window = window
        self.global_store = GlobalBookmarks()
        self.global_error: Optional[BaseException] = None
        self._loaded = False

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            try:
                self.global_store.load()
            except (OSError, ValueError) as exc:  # kept as it is: never overwritten by an empty list
                self.global_error = exc
                self.window.show_error(exc)

    def site(self) -> Any:
        """The saved site being browsed, as the store holds it (None: quick connect, or no store)."""
        current, store = getattr(self.window, "_site", None), self.window.store
        if current is None or store is None:
            return None
        return store.get(current.id)

    def items(self, scope: str) -> List[Bookmark]:
        if scope == GLOBAL:
            self._load()
            return list(self.global_store.items)
        site = self.site()
        return list(site.bookmarks) if site is not None else []

    def names(self, scope: str) -> List[str]:
        return [b.name for b in self.items(scope)]

    def put(self, scope: str, items: List[Bookmark]) -> bool:
        """Keep ``items`` as the bookmarks of ``scope`` and save; False (and the reason shown) if not."""
        try:
            if scope == GLOBAL:
                self._load()
                if self.global_error is not None:
                    raise self.global_error
                self.global_store.items = list(items)
                self.global_store.save()
            else:
                site = self.site()
                if site is None:
                    return False
                site.bookmarks = list(items)  # a new list: copies of the site share the old one
                current = getattr(self.window, "_site", None)
                if current is not None:
                    current.bookmarks = list(items)
                self.window.store.save()
        except (OSError, ValueError) as exc:
            self.window.show_error(exc)
            return False
        return True


class AddBookmarkDialog(QDialog):
    """Name, the two folders (the ones shown), synchronized browsing, comparison, and for whom."""

    def __init__(self, window: Any, site_name: str):
        super().__init__(window)
        self.setWindowTitle(self.tr("Add Bookmark"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        # the server's folder as the panes show it (a bidi mark or ESC as \u202e, \x1b), read back into it
        self._remote = remote = window.remote.path
        self.name = QLineEdit(os.path.basename(window.local.path.rstrip(os.sep)) or shown(remote) or "", self)
        self.local_dir = QLineEdit(window.local.path, self)
        self.remote_dir = QLineEdit(shown(remote), self)
        for label, field in (
            (self.tr("&Name:"), self.name),
            (self.tr("&Local folder:"), self.local_dir),
            (self.tr("&Remote folder:"), self.remote_dir),
        ):
            form.addRow(label, field)
        layout.addLayout(form)
        self.sync = QCheckBox(self.tr("Browse the two folders s&ynchronized"), self)
        self.sync.setChecked(window.sync_browsing.enabled)
        self.compare = QCheckBox(self.tr("&Compare the two folders"), self)
        self.compare.setChecked(window.comparison.enabled)
        self.for_site = QRadioButton(
            self.tr("For this &site only ({site})").format(site=site_name)
            if site_name
            else self.tr("For this &site only (not browsing a saved site)"),
            self,
        )
        self.for_all = QRadioButton(self.tr("For &every site"), self)
        self.for_site.setEnabled(bool(site_name))
        (self.for_site if site_name else self.for_all).setChecked(True)
        for w in (self.sync, self.compare, self.for_site, self.for_all):
            layout.addWidget(w)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.setMinimumWidth(min(560, max(420, self.sizeHint().width())))

    def bookmark(self) -> Bookmark:
        return Bookmark(
            self.name.text().strip(),
            self.local_dir.text().strip(),
            shown_back(self.remote_dir.text().strip(), self._remote),
            self.sync.isChecked(),
            self.compare.isChecked(),
        )

    def scope(self) -> str:
        return SITE if self.for_site.isChecked() else GLOBAL

    def _check(self) -> None:
        b = self.bookmark()
        problem = ""
        if not b.name:
            problem = self.tr("The bookmark needs a name.")
        elif not b.local_dir and not b.remote_dir:
            problem = self.tr("Give a local folder, a remote folder, or both.")
        elif b.sync and not (b.local_dir and b.remote_dir):
            problem = self.tr("Synchronized browsing needs both a local and a remote folder.")
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()


class ManageBookmarksDialog(QDialog):
    """Every bookmark (every site's, then this site's): rename in place, delete."""

    def __init__(self, book: BookmarkBook, site_name: str, parent: QWidget):
        super().__init__(parent)
        self.book = book
        self.setWindowTitle(self.tr("Manage Bookmarks"))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.itemChanged.connect(self._renamed)
        layout.addWidget(self.list)
        self.details = QLabel(self)  # the current bookmark's folders
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda item, _old: self.details.setText(item.toolTip() if item else ""))
        layout.addWidget(self.details)
        row = QHBoxLayout()
        self.rename_button = QPushButton(self.tr("&Rename"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.rename_button.clicked.connect(self.rename_current)
        self.delete_button.clicked.connect(self.delete_current)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        for b in (self.rename_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.site_name = site_name
        self.fill()
        self.resize(520, 360)

    def fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for scope, title in ((GLOBAL, self.tr("Every site")), (SITE, self.site_name)):
            items = self.book.items(scope)
            if scope == SITE and not title:
                continue
            header = QListWidgetItem(title)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selected, not renamed
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for b in items:
                item = QListWidgetItem(b.name)
                item.setData(ScopeRole, scope)
                item.setData(NameRole, b.name)
                item.setToolTip(describe(b))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)
                self.list.addItem(item)
        self.list.blockSignals(False)
        rows = [i for i in range(self.list.count()) if self.list.item(i).data(ScopeRole)]
        if rows:
            self.list.setCurrentRow(rows[0])  # a bookmark, not a heading
        has = bool(rows)
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def find(self, scope: str, name: str) -> Optional[QListWidgetItem]:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ScopeRole) == scope and item.data(NameRole) == name:
                return item
        return None

    def _renamed(self, item: QListWidgetItem) -> None:
        scope, old, new = item.data(ScopeRole), item.data(NameRole), item.text().strip()
        if not scope or new == old:
            return
        if new:
            others = [n for n in self.book.names(scope) if n != old]
            self.book.put(scope, renamed(self.book.items(scope), old, unique_name(new, others)))
        self.fill()

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(ScopeRole):
            self.list.editItem(item)

    def delete_current(self) -> None:
        item = self.list.currentItem()
        if item is None or not item.data(ScopeRole):
            return
        scope = item.data(ScopeRole)
        self.book.put(scope, without(self.book.items(scope), item.data(NameRole)))
        self.fill()


def describe(b: Bookmark) -> str:
    """A bookmark's folders in words (the menu's and the list's tooltip)."""
    lines = []
    if b.local_dir:
        lines.append(QCoreApplication.translate("BookmarksMenu", "Local: {path}").format(path=shown(b.local_dir)))
    if b.remote_dir:
        lines.append(QCoreApplication.translate("BookmarksMenu", "Remote: {path}").format(path=shown(b.remote_dir)))
    if b.sync:
        lines.append(QCoreApplication.translate("BookmarksMenu", "Browsed synchronized"))
    if b.compare:
        lines.append(QCoreApplication.translate("BookmarksMenu", "Compared"))
    return "\n".join(lines)


class BookmarksMenu(QObject):
    """The menu bar's Bookmarks menu and what its commands do."""

    def __init__(self, window: Any, menu_bar: Any):
        super().__init__(window)
        self.window = window
        self.book = BookmarkBook(window)
        self.menu: QMenu = menu_bar.addMenu(self.tr("&Bookmarks"))
        self.menu.setObjectName("bookmarksMenu")
        self.menu.aboutToShow.connect(self.rebuild)
        self.act_add = QAction(self.tr("&Add Bookmark…"), window)
        self.act_add.setObjectName("addBookmark")
        self.act_add.setShortcut(QKeySequence(SHORTCUT))
        self.act_add.triggered.connect(lambda _c=False: self.add())
        self.act_manage = QAction(self.tr("&Manage Bookmarks…"), window)
        self.act_manage.setObjectName("manageBookmarks")
        self.act_manage.triggered.connect(lambda _c=False: self.manage())
        window.addAction(self.act_add)
        self.menu.addActions([self.act_add, self.act_manage])  # the bookmarks are read when it opens

    def site_name(self) -> str:
        site = self.book.site()
        return site.name if site is not None else ""

    def rebuild(self) -> None:
        """The menu's bookmarks as they are now (a site may have been connected to since)."""
        m = self.menu
        m.clear()
        m.addAction(self.act_add)
        m.addAction(self.act_manage)
        for scope, title in ((GLOBAL, ""), (SITE, self.site_name())):
            items = self.book.items(scope)
            if not items:
                continue
            m.addSeparator()
            if title:
                header = m.addAction(title)
                header.setEnabled(False)
            for b in items:
                act = m.addAction(b.name.replace("&", "&&"))
                act.setToolTip(describe(b))
                act.setData((scope, b.name))
                act.triggered.connect(lambda _c=False, bm=b: self.go(bm))
        m.setToolTipsVisible(True)

    def entries(self) -> List[Tuple[str, str]]:
        """``(scope, name)`` of the bookmarks in the menu, in its order (tests, keyboard helpers)."""
        self.rebuild()
        return [a.data() for a in self.menu.actions() if isinstance(a.data(), tuple)]

    # --- commands -----------------------------------------------------------------------------------
    def add(self) -> None:
        w = self.window
        dialog = AddBookmarkDialog(w, self.site_name())

        def accepted() -> None:
            scope = dialog.scope()
            b = dialog.bookmark()
            items = self.book.items(scope)
            b = dataclasses.replace(b, name=unique_name(b.name, [x.name for x in items]))
            if self.book.put(scope, [*items, b]):
                text = self.tr("Bookmark {name} added.").format(name=b.name)
                w.log.add_lines([("status", text)])
                w.statusBar().showMessage(text, 15000)

        dialog.accepted.connect(accepted)
        w._open_prompt(dialog)

    def manage(self) -> None:
        self.window._open_prompt(ManageBookmarksDialog(self.book, self.site_name(), self.window))

    def go(self, b: Bookmark) -> None:
        """Both panes to the bookmark's folders; synchronized browsing and the comparison as it says — the two
        folders paired once both panes show them (never a folder that is not there: each move would then be
        followed to a counterpart of nothing)."""
        w = self.window
        sync = w.sync_browsing
        connected = w.remote_browser.connected
        pair = b.sync and connected
        if b.local_dir and not os.path.isdir(os.path.expanduser(b.local_dir)):  # (~ as the local pane reads it)
            w.show_error_text(self.tr("The bookmark's local folder {path} does not exist.").format(path=b.local_dir))
            pair = False
        elif b.local_dir:
            with sync.quiet():
                w.local.set_path(b.local_dir)
        if sync.enabled:
            sync.stop()  # the old pair means nothing in the bookmark's folders
        paired = lambda: sync.start(w.local.path, w.remote.path) if pair else None  # noqa: E731
        if b.remote_dir and not connected:
            w.show_error_text(
                self.tr(
                    "Not connected: the bookmark's remote folder {path} is opened once connected to a server."
                ).format(path=shown(b.remote_dir))
            )
        elif b.remote_dir and b.remote_dir != w.remote.path:

            def failed(exc: BaseException) -> None:
                w.show_error_text(
                    self.tr("The bookmark's remote folder {path} could not be opened: {reason}").format(
                        path=shown(b.remote_dir), reason=describe_error(exc)
                    )
                )

            w.navigate(b.remote_dir, on_error=failed, on_found=paired)  # (its tab acting, as the listing lands)
        else:
            paired()
        if b.compare:
            w.comparison.set_enabled(True)
