"""The site manager: saved sites in folders, their settings, passwords in the keyring, import and export.

The dialog edits a working copy of the store; nothing is final until OK or Connect, and Cancel forgets it
all (deleted sites included). Passwords never touch the GUI thread's time: reading, saving and deleting them
goes through :func:`~ftpgui.transfers.runner.run_blocking`, because a keyring may wait for an unlock prompt.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..sites.passwords import PasswordStore
from ..sites.store import IMPLICIT_TLS_PORT, MAX_CONNECTIONS, Site, SiteStore, validate
from ..transfers.runner import run_blocking
from .proxy_fields import ProxyFields, password_key
from .site_import_export import SiteImportExport
from .site_model import SiteTreeModel
from .site_passwords import SitePasswords, _plain, _write_passwords
from .site_tabs import SiteTabs
from .site_tree_actions import SiteTreeActions


class SiteManagerDialog(SiteTabs, SitePasswords, SiteTreeActions, SiteImportExport, QDialog):
    """Saved sites in folders; OK saves, Connect saves and asks the main window to connect."""

    connectRequested = Signal(object, object)  # (Site, password: None — anonymous, or the window asks for it)

    def __init__(
        self,
        store: SiteStore,
        passwords: PasswordStore,
        parent=None,
        leftovers=None,
        default_proxy: Callable[[], Any] = lambda: None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Site Manager"))
        self.setObjectName("siteManager")
        self.store = store
        self.passwords = passwords
        self.working = store.copy()
        self._saved_logon: Dict[str, str] = {s.id: s.logon for s in store.sites()}
        self._new_passwords: Dict[str, str] = {}  # typed or imported, written to the keyring on OK/Connect
        self._imported_passwords: Set[str] = set()  # the sites whose password in it was imported
        self._kept: Dict[str, bool] = {}  # site id -> whether the keyring holds its password (asked off-thread)
        self._copy_password: Dict[str, str] = {}  # duplicate's id -> original's id
        self._gone: Dict[str, str] = {}  # saved sites deleted (id → name): their passwords go with the other writes
        self.leftovers = leftovers  # the window's KeyringLeftovers: entries the keyring refused to delete
        self.default_proxy = default_proxy  # the preferences' proxy (its URL) now, for the sites set to "default"
        self._current: Optional[str] = None  # the site shown in the form
        self.prompt: Optional[QMessageBox] = None  # the question open now (Delete's: tests and keyboard)
        self._loading = False
        self._busy = False
        self.keyring_ok: Optional[bool] = None  # unknown until the pool thread answers
        self.keyring_reason = ""
        self.file_dialog: Optional[QFileDialog] = None
        self.calls: List[object] = []  # run_blocking calls in flight (tests wait on them)
        self._closed = False  # after OK/Cancel/Connect, late answers from the pool are ignored
        self._refusal = ""  # the tree's last refusal shown (a rename's): gone on the next action that works

        self.model = SiteTreeModel(self.working, self)
        self.model.changed.connect(self._tree_changed)
        self.model.renameRefused.connect(self._refuse)
        self._build()
        self._show_site(None)
        self._fill_recent()
        self.calls.append(run_blocking(self.passwords.status, on_done=self._keyring_checked))
        self._retry_leftovers()

    # --- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)  # only our MIME type is accepted
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setAccessibleName(self.tr("Saved sites"))
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.doubleClicked.connect(self._double_clicked)
        self._expanded: Set[str] = set()
        self.model.modelAboutToBeReset.connect(self._remember_expanded)
        self.model.modelReset.connect(self._restore_expanded)
        self.tree.expandAll()

        def button(text: str, slot) -> QPushButton:
            b = QPushButton(text)
            b.clicked.connect(slot)
            return b

        # Alt letters no field label of any of the tabs has, nor Connect (note 458)
        self.new_site_button = button(self.tr("New &site"), self.new_site)
        self.new_folder_button = button(self.tr("New &folder"), self.new_folder)
        self.rename_button = button(self.tr("Ren&ame"), self.rename)
        self.duplicate_button = button(self.tr("Du&plicate"), self.duplicate)
        self.delete_button = button(self.tr("&Delete"), self.delete)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, keys, slot in (
            (self.tr("New site"), QKeySequence.StandardKey.New, self.new_site),
            (self.tr("New folder"), None, self.new_folder),
            (self.tr("Rename"), QKeySequence(Qt.Key.Key_F2), self.rename),
            (self.tr("Duplicate"), None, self.duplicate),
            (self.tr("Delete"), QKeySequence.StandardKey.Delete, self.delete),
        ):
            action = QAction(text, self.tree)
            if keys is not None:
                action.setShortcut(keys)
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.tree.addAction(action)
        self.import_button = QPushButton(self.tr("Import…"))
        menu = QMenu(self.import_button)
        menu.addAction(self.tr("From FileZilla…"), self.choose_filezilla_file)
        menu.addAction(self.tr("From an ftpgui export…"), self.choose_export_file)
        self.import_button.setMenu(menu)
        self.export_button = button(self.tr("Export…"), self.choose_export_target)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_plain(QLabel(self.tr("Sites:"))))
        left_layout.addWidget(self.tree, 1)
        grid = QHBoxLayout()
        for b in (self.new_site_button, self.new_folder_button):
            grid.addWidget(b)
        left_layout.addLayout(grid)
        grid = QHBoxLayout()
        for b in (self.rename_button, self.duplicate_button, self.delete_button):
            grid.addWidget(b)
        left_layout.addLayout(grid)
        grid = QHBoxLayout()
        for b in (self.import_button, self.export_button):
            grid.addWidget(b)
        left_layout.addLayout(grid)
        self.recent_box = recent_box = QGroupBox(self.tr("Recent servers"))
        recent_layout = QVBoxLayout(recent_box)
        self.recent_list = QListWidget()
        self.recent_list.setMaximumHeight(90)
        self.recent_list.setAccessibleName(self.tr("Recent servers"))
        recent_layout.addWidget(self.recent_list)
        self.save_recent_button = button(self.tr("Save as site"), self.save_recent)
        recent_layout.addWidget(self.save_recent_button)
        left_layout.addWidget(recent_box)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.tabs.addTab(self._transfer_tab(), self.tr("Transfer settings"))
        self.tabs.addTab(self._comments_tab(), self.tr("Comments"))
        self.proxy_fields = ProxyFields(with_default=True, page=True)
        self.proxy_fields.edited.connect(self._form_edited)
        self.tabs.addTab(self.proxy_fields, self.tr("Proxy"))
        self.problems = _plain(QLabel())
        self.problems.setObjectName("problems")
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.setAccessibleName(self.tr("Problems with this site"))
        self.notice = _plain(QLabel())
        self.notice.setObjectName("keyringNotice")
        self.notice.setVisible(False)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setMargin(6)
        self.status = _plain(QLabel())
        self.status.setObjectName("status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.hint = _plain(QLabel(self.tr("Select a site to see its settings, or create one with “New site”.")))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint)
        self.pages.addWidget(self.tabs)
        right_layout.addWidget(self.pages, 1)
        right_layout.addWidget(self.problems)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(self.status)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        self.connect_button = QPushButton(self.tr("&Connect"))
        self.ok_button = QPushButton(self.tr("OK"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.connect_button.setDefault(True)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        for b in (self.connect_button, self.ok_button, self.cancel_button):
            self.buttons.addWidget(b)
        self.connect_button.clicked.connect(self.connect_current)
        self.ok_button.clicked.connect(self.save_and_close)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.buttons)
        self.resize(860, 560)

    # --- the form -----------------------------------------------------------------------------------
    def current_site(self) -> Optional[Site]:
        return self.working.get(self._current) if self._current else None

    def select(self, kind: str, key: str) -> None:
        index = self.model.index_of(kind, key)
        if index.isValid():
            parent = index.parent()
            while parent.isValid():
                self.tree.expand(parent)
                parent = parent.parent()
            self.tree.setCurrentIndex(index)

    def _current_changed(self, current: QModelIndex, _previous: Optional[QModelIndex] = None) -> None:
        kind, key = self.model.item(current)
        self._show_site(key if kind == "site" else None)

    def _show_site(self, site_id: Optional[str]) -> None:
        self._current = site_id
        site = self.current_site()
        self.pages.setCurrentWidget(self.tabs if site is not None else self.hint)
        self.connect_button.setEnabled(site is not None)
        self.duplicate_button.setEnabled(site is not None)
        index = self.tree.currentIndex()
        self.rename_button.setEnabled(index.isValid())
        self.delete_button.setEnabled(index.isValid())
        self._loading = True
        try:
            s = site or Site(id="", name="")
            self.name.setText(s.name)
            self.protocol.setCurrentIndex(max(0, self.protocol.findData(s.protocol)))
            self.host.setText(s.host)
            self.port.setText(str(s.port) if site else "")
            self.logon.setCurrentIndex(max(0, self.logon.findData(s.logon)))
            self.user.setText(s.user)
            self.password.setText(self._new_passwords.get(s.id, ""))
            self.mode.setCurrentIndex(max(0, self.mode.findData(s.mode)))
            self.encoding.set_value(s.encoding)
            sign = -1 if s.time_offset_minutes < 0 else 1
            self.offset_hours.setValue(sign * (abs(s.time_offset_minutes) // 60))
            self.offset_minutes.setValue(sign * (abs(s.time_offset_minutes) % 60))
            self.local_dir.setText(s.local_dir)
            self.remote_dir.setText(s.remote_dir)
            self.sync_browsing.setChecked(s.sync_browsing)
            self.connections.setValue(s.connections)
            self.transfer_type.set_value(s.transfer_type)
            self.comments.setPlainText(s.comments)
            self.proxy_fields.set_value(s.proxy, self._new_passwords.get(password_key(s.id), ""))
        finally:
            self._loading = False
        self._update_logon_widgets()
        self._show_problems()

    def _form_edited(self, *_args) -> None:
        site = self.current_site()
        if self._loading or site is None:
            return
        old_name = site.name
        site.name = self.name.text().strip()
        site.protocol = self.protocol.currentData()
        site.host = self.host.text().strip()
        try:
            site.port = int(self.port.text().strip())
        except ValueError:
            site.port = 0  # validation says "port out of range"; the form keeps what was typed
        site.logon = self.logon.currentData()
        site.user = self.user.text().strip()
        site.mode = self.mode.currentData()
        site.encoding = self.encoding.value()
        site.transfer_type = self.transfer_type.value()
        site.time_offset_minutes = self.offset_hours.value() * 60 + self.offset_minutes.value()
        site.local_dir = self.local_dir.text().strip()
        site.remote_dir = self.remote_dir.text().strip()
        site.sync_browsing = self.sync_browsing.isChecked()
        site.connections = self.connections.value()
        site.comments = self.comments.toPlainText()
        site.proxy = self.proxy_fields.value()
        if self.proxy_fields.typed_password() is not None:  # written to the keyring with the site's own
            self._new_passwords[password_key(site.id)] = self.proxy_fields.typed_password()  # type: ignore[assignment]
        if site.name != old_name:
            self.model.site_changed(site.id)
        self._update_logon_widgets()
        self._show_problems()

    def _protocol_changed(self) -> None:
        if self._loading:
            return
        implicit = self.protocol.currentData() == "ftps"
        port = self.port.text().strip()
        if implicit and port in ("", "21"):
            self.port.setText(str(IMPLICIT_TLS_PORT))
        elif not implicit and port == str(IMPLICIT_TLS_PORT):
            self.port.setText("21")
        self._form_edited()

    def _password_edited(self, text: str) -> None:
        if self._current is None:
            return
        if text:
            self._new_passwords[self._current] = text
        else:
            self._new_passwords.pop(self._current, None)

    def _update_logon_widgets(self) -> None:
        if self.keyring_ok is not None:  # (the proxy's password is kept in the same keyring)
            self.proxy_fields.keyring_found(None if self.keyring_ok else self.keyring_reason)
        logon = self.logon.currentData()
        self.user.setEnabled(logon != "anonymous")
        can_save = logon == "normal" and self.keyring_ok is not False
        self.password.setEnabled(can_save)
        remembered = logon != "anonymous" and logon == self._saved_logon.get(self._current or "")
        if remembered and self._remembered_only(self._current):  # (not the keyring's, nor asked: note 395)
            self.password.setPlaceholderText(
                self.tr("Remembered until ftpgui closes; type to save one in the keyring")
                if can_save
                else self.tr("Remembered until ftpgui closes")
            )
        elif self.keyring_ok is False and logon == "normal":
            self.password.setPlaceholderText(self.tr("No usable keyring: you will be asked when you connect"))
        elif logon == "ask":
            self.password.setPlaceholderText(self.tr("Asked for when you connect"))
        elif logon == "anonymous":
            self.password.setPlaceholderText("")
        elif self._keyring_holds(self._current):
            self.password.setPlaceholderText(self.tr("Kept in the system keyring; type to replace it"))
        elif self._copied_from() is not None:  # a duplicate: OK copies the original's saved password
            self.password.setPlaceholderText(
                self.tr("The password of “{site}” will be copied; type to replace it").format(site=self._copied_from())
            )
        else:
            self.password.setPlaceholderText(self.tr("Will be kept in the system keyring"))

    def problem_texts(self, site: Site) -> List[str]:
        """The validation messages for ``site``, in words."""
        words = {
            ("name", "empty"): self.tr("Enter a name for the site."),
            ("name", "slash"): self.tr("A site's name may not contain “/”."),
            ("host", "empty"): self.tr("Enter the server's host name or address."),
            ("host", "space"): self.tr("The host may not contain spaces."),
            ("port", "range"): self.tr("The port must be a number from 1 to 65535."),
            ("user", "empty"): self.tr("Enter a user name, or choose anonymous logon."),
            ("encoding", "unknown"): self.tr("“{codec}” is not an encoding ftpgui knows.").format(codec=site.encoding),
            ("time_offset_minutes", "range"): self.tr("The time offset must be within 24 hours."),
            ("connections", "range"): self.tr("Transfer connections must be from 1 to {max}.").format(
                max=MAX_CONNECTIONS
            ),
            ("proxy", "invalid"): self.proxy_fields.problem(),
        }
        return [words.get(p, self.tr("Invalid value: {field}").format(field=p[0])) for p in validate(site)]

    def _show_problems(self) -> None:
        site = self.current_site()
        self.problems.setText("\n".join(self.problem_texts(site)) if site else "")

    def _show_status(self, text: str) -> None:
        self.status.setText(text)

    # --- OK, Connect --------------------------------------------------------------------------------
    def _check_all(self) -> bool:
        for site in self.working.sites():
            texts = self.problem_texts(site)
            if texts:
                self.select("site", site.id)
                self._show_status(self.tr("“{site}” cannot be saved yet.").format(site=site.path))
                return False
        return True

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        for b in (self.ok_button, self.connect_button):
            b.setEnabled(not busy)
        if text:
            self._show_status(text)

    def _apply(self, then) -> bool:
        """Validate, save the sites file, then write passwords off the GUI thread and call ``then()``."""
        if self._busy or not self._check_all():
            return False
        sites = self.working.sites()
        for site in sites:  # a password remembered for the run is the account's it was typed for (note 378)
            before = self.store.get(site.id)
            if before is not None and self._account(before) != self._account(site):
                self.passwords.forget(site.id)
        names = {s.id: s.path for s in self.store.sites()}  # (the sites gone are kept should the save fail)
        self._gone.update((i, names[i]) for i in self.store.assign(sites, self.working.folders()))
        try:
            self.store.save()
        except OSError as exc:
            self._show_status(self.tr("Could not save the sites: {reason}").format(reason=exc.strerror or exc))
            return False
        jobs: List[Tuple[str, str, Optional[str]]] = []  # (what, site id, password or source id)
        for site in sites:
            if site.logon == "normal" and site.id in self._new_passwords:
                jobs.append(("set", site.id, self._new_passwords[site.id]))
            elif site.logon == "normal" and site.id in self._copy_password:
                jobs.append(("copy", site.id, self._copy_password[site.id]))
            elif site.logon != "normal" and self._saved_logon.get(site.id) == "normal":
                jobs.append(("delete", site.id, None))
            if password_key(site.id) in self._new_passwords:  # the site's proxy password
                jobs.append(("set", password_key(site.id), self._new_passwords[password_key(site.id)]))
            elif password_key(site.id) in self._copy_password:
                jobs.append(("copy", password_key(site.id), self._copy_password[password_key(site.id)]))
        gone = {key: name for site_id, name in self._gone.items() for key in (site_id, password_key(site_id))}
        for site_id in sorted(self._gone):  # deleted sites' passwords: last, after a duplicate copied them
            jobs += [("delete", site_id, None), ("delete", password_key(site_id), None)]
        self._gone.clear()
        self._saved_logon = {s.id: s.logon for s in sites}
        if not jobs:
            then()
            return True
        if all(what == "delete" for what, _id, _arg in jobs):
            self._set_busy(True, self.tr("Deleting passwords from the system keyring…"))
        else:
            self._set_busy(True, self.tr("Saving passwords in the system keyring…"))
        self.calls.append(
            run_blocking(
                _write_passwords,
                self.passwords,
                jobs,
                on_done=lambda failed: self._passwords_written(failed, jobs, then, gone),
                on_error=lambda exc: self._passwords_written([(j[1], exc) for j in jobs], jobs, then, gone),
            )
        )
        return True

    def _passwords_written(self, failed: List[Tuple[str, BaseException]], jobs, then, gone: Dict[str, str]) -> None:
        self._set_busy(False)
        typed = {site_id: pw for what, site_id, pw in jobs if what == "set"}
        for site_id, problem in failed:
            if site_id in typed:  # the person gave it to us: keep it for this run, in memory only
                site = self.store.get(site_id)  # (None: a proxy's password, kept under its own key)
                self.passwords.remember_for_session(site_id, typed[site_id], self._account(site) if site else None)
            self._keyring_unavailable(problem)
        imported = {site_id for what, site_id, _pw in jobs if what == "set"} & self._imported_passwords
        self._imported_passwords.clear()
        refused = {site_id for site_id, _problem in failed if site_id in imported}
        left = [(key, gone[key], problem) for key, problem in failed if key in gone]
        if left and self.leftovers is not None:  # said in the window (this dialog closes), tried again later
            self.leftovers.refused(left)
        self._new_passwords.clear()
        self._copy_password.clear()
        if refused and not self._closed:  # said before the dialog closes: the next OK or Connect closes it
            self._imported_not_saved(len(imported) - len(refused), len(refused), self.keyring_reason)
        elif not self._closed:
            then()

    def save_and_close(self) -> bool:
        """OK: save everything and close."""
        return self._apply(self.accept)

    def connect_current(self) -> bool:
        """Connect: save, get the site's password (off the GUI thread), emit ``connectRequested`` — without a
        password when none is kept: the window asks for it once it has met the server."""
        site = self.current_site()
        if site is None:
            return False
        site_id = site.id
        typed = self._new_passwords.get(site_id)
        return self._apply(lambda: self._fetch_password(site_id, typed))

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def _connect(self, site: Site, password: Optional[str]) -> None:
        self.connectRequested.emit(dataclasses.replace(site), password)
        self.accept()
