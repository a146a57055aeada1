"""The site manager: saved sites in folders, their settings, passwords in the keyring, import and export.

The dialog edits a working copy of the store; nothing is final until OK or Connect, and Cancel forgets it
all (deleted sites included). Passwords never touch the GUI thread's time: reading, saving and deleting them
goes through :func:`~ftpgui.transfers.runner.run_blocking`, because a keyring may wait for an unlock prompt.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Dict, List, Optional, Set, Tuple

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..explain import describe_error
from ..sites import exchange, filezilla
from ..sites.passwords import PasswordStore, PasswordUnavailable
from ..sites.store import IMPLICIT_TLS_PORT, MAX_CONNECTIONS, RecentServer, Site, SiteStore, new_id, validate
from ..transfers.runner import run_blocking
from .proxy_fields import ProxyFields, password_key
from .site_model import SiteTreeModel, _basename, _parent_folder
from .transfer_type import TransferTypeBox

ENCODINGS = ("utf-8", "gbk", "gb18030", "big5", "shift_jis", "euc-kr", "latin-1", "cp1252")


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class PasswordPrompt(QDialog):
    """Asks for a password at connect time; can remember it until the app closes (memory only)."""

    def __init__(self, site: Site, can_save: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Password for {site}").format(site=site.name))
        self.setObjectName("passwordPrompt")
        self.setMinimumWidth(340)
        layout = QVBoxLayout(self)
        who = f"{site.user}@{site.host}:{site.port}"
        layout.addWidget(_plain(QLabel(self.tr("Enter the password for {who}:").format(who=who))))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        layout.addWidget(self.password)
        self.remember = QCheckBox(self.tr("Remember until the app closes"))
        layout.addWidget(self.remember)
        self.save = QCheckBox(self.tr("Save in the system keyring"))
        self.can_save = can_save
        self.save.setVisible(can_save)
        layout.addWidget(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class SiteManagerDialog(QDialog):
    """Saved sites in folders; OK saves, Connect saves and asks the main window to connect."""

    connectRequested = Signal(object, object)  # (Site, password: Optional[str])

    def __init__(self, store: SiteStore, passwords: PasswordStore, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Site Manager"))
        self.setObjectName("siteManager")
        self.store = store
        self.passwords = passwords
        self.working = store.copy()
        self._saved_logon: Dict[str, str] = {s.id: s.logon for s in store.sites()}
        self._new_passwords: Dict[str, str] = {}  # typed or imported, written to the keyring on OK/Connect
        self._kept: Dict[str, bool] = {}  # site id -> whether the keyring holds its password (asked off-thread)
        self._copy_password: Dict[str, str] = {}  # duplicate's id -> original's id
        self._current: Optional[str] = None  # the site shown in the form
        self._loading = False
        self._busy = False
        self.keyring_ok: Optional[bool] = None  # unknown until the pool thread answers
        self.keyring_reason = ""
        self.prompt: Optional[PasswordPrompt] = None
        self.file_dialog: Optional[QFileDialog] = None
        self.calls: List[object] = []  # run_blocking calls in flight (tests wait on them)
        self._closed = False  # after OK/Cancel/Connect, late answers from the pool are ignored

        self.model = SiteTreeModel(self.working, self)
        self.model.changed.connect(self._tree_changed)
        self.model.renameRefused.connect(self._show_status)
        self._build()
        self._show_site(None)
        self._fill_recent()
        self.calls.append(run_blocking(self.passwords.status, on_done=self._keyring_checked))

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

        self.new_site_button = button(self.tr("New site"), self.new_site)
        self.new_folder_button = button(self.tr("New folder"), self.new_folder)
        self.rename_button = button(self.tr("Rename"), self.rename)
        self.duplicate_button = button(self.tr("Duplicate"), self.duplicate)
        self.delete_button = button(self.tr("Delete"), self.delete)
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
        self.proxy_fields = ProxyFields(with_default=True)
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

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.name = QLineEdit()
        self.protocol = QComboBox()
        for key, text in (
            ("ftp", self.tr("FTP – use explicit FTPS (AUTH TLS) if available")),
            ("ftpes", self.tr("FTP – require explicit FTPS (AUTH TLS)")),
            ("ftps", self.tr("Implicit FTPS")),
            ("ftp-plain", self.tr("FTP – plain, unencrypted only")),
        ):
            self.protocol.addItem(text, key)
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("ftp.example.com"))
        self.port = QLineEdit()
        self.port.setMaximumWidth(80)
        self.port.setPlaceholderText("21")
        host_row = QHBoxLayout()
        host_row.addWidget(self.host, 1)
        port_label = QLabel(self.tr("Port:"))
        port_label.setBuddy(self.port)
        host_row.addWidget(port_label)
        host_row.addWidget(self.port)
        self.logon = QComboBox()
        for key, text in (
            ("anonymous", self.tr("Anonymous")),
            ("normal", self.tr("Normal")),
            ("ask", self.tr("Ask for password")),
        ):
            self.logon.addItem(text, key)
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("P&rotocol:"), self.protocol)
        host_label = QLabel(self.tr("&Host:"))
        host_label.setBuddy(self.host)
        form.addRow(host_label, host_row)
        form.addRow(self.tr("&Logon type:"), self.logon)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        for w in (self.name, self.host, self.port, self.user):
            w.textEdited.connect(self._form_edited)
        for c in (self.protocol, self.logon):
            c.currentIndexChanged.connect(self._form_edited)
        self.protocol.currentIndexChanged.connect(self._protocol_changed)
        self.password.textEdited.connect(self._password_edited)
        return page

    def _transfer_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.mode = QComboBox()
        for key, text in (
            ("default", self.tr("Default (from Preferences)")),
            ("passive", self.tr("Passive")),
            ("active", self.tr("Active")),
            ("auto", self.tr("Auto (passive, then active)")),
        ):
            self.mode.addItem(text, key)
        self.encoding = QComboBox()
        self.encoding.setEditable(True)
        self.encoding.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.encoding.addItem(self.tr("Auto-detect"), "auto")
        for codec in ENCODINGS:
            self.encoding.addItem(codec, codec)
        self.offset_hours = QSpinBox()
        self.offset_hours.setRange(-24, 24)
        self.offset_hours.setSuffix(self.tr(" h"))
        self.offset_minutes = QSpinBox()
        self.offset_minutes.setRange(-59, 59)
        self.offset_minutes.setSuffix(self.tr(" min"))
        offset_row = QHBoxLayout()
        offset_row.addWidget(self.offset_hours)
        offset_row.addWidget(self.offset_minutes)
        offset_row.addStretch(1)
        self.local_dir = QLineEdit()
        self.remote_dir = QLineEdit()
        self.remote_dir.setPlaceholderText(self.tr("The folder the server starts in"))
        self.local_dir.setPlaceholderText(self.tr("The last folder used"))
        self.connections = QSpinBox()
        self.connections.setRange(1, MAX_CONNECTIONS)
        self.connections.setMaximumWidth(80)
        form.addRow(self.tr("Transfer &mode:"), self.mode)
        form.addRow(self.tr("&Encoding:"), self.encoding)
        offset_label = QLabel(self.tr("Server &time offset:"))
        offset_label.setBuddy(self.offset_hours)
        form.addRow(offset_label, offset_row)
        local_row = QHBoxLayout()
        local_row.addWidget(self.local_dir, 1)
        self.browse_local = QPushButton(self.tr("Browse…"))
        self.browse_local.clicked.connect(self.choose_local_dir)
        local_row.addWidget(self.browse_local)
        local_label = QLabel(self.tr("Default &local folder:"))
        local_label.setBuddy(self.local_dir)
        form.addRow(local_label, local_row)
        form.addRow(self.tr("Default &remote folder:"), self.remote_dir)
        form.addRow(self.tr("Transfer &connections:"), self.connections)
        self.transfer_type = TransferTypeBox()  # binary, ASCII or auto by name (issue 20 item 9)
        form.addRow(self.tr("Transfer t&ype:"), self.transfer_type)
        self.transfer_type.currentIndexChanged.connect(self._form_edited)
        self.mode.currentIndexChanged.connect(self._form_edited)
        self.encoding.currentTextChanged.connect(self._form_edited)
        for s in (self.offset_hours, self.offset_minutes, self.connections):
            s.valueChanged.connect(self._form_edited)
        for w in (self.local_dir, self.remote_dir):
            w.textEdited.connect(self._form_edited)
        return page

    def _comments_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.comments = QPlainTextEdit()
        self.comments.textChanged.connect(self._form_edited)
        layout.addWidget(self.comments)
        return page

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
            found = self.encoding.findData(s.encoding)
            if found >= 0:
                self.encoding.setCurrentIndex(found)
            else:
                self.encoding.setEditText(s.encoding)
            sign = -1 if s.time_offset_minutes < 0 else 1
            self.offset_hours.setValue(sign * (abs(s.time_offset_minutes) // 60))
            self.offset_minutes.setValue(sign * (abs(s.time_offset_minutes) % 60))
            self.local_dir.setText(s.local_dir)
            self.remote_dir.setText(s.remote_dir)
            self.connections.setValue(s.connections)
            self.transfer_type.set_value(s.transfer_type)
            self.comments.setPlainText(s.comments)
            self.proxy_fields.set_value(s.proxy, self._new_passwords.get(password_key(s.id), ""))
        finally:
            self._loading = False
        self._update_logon_widgets()
        self._show_problems()

    def _encoding_value(self) -> str:
        text = self.encoding.currentText().strip()
        data = self.encoding.currentData()
        if data and self.encoding.itemText(self.encoding.currentIndex()) == text:
            return str(data)
        return text or "auto"

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
        site.encoding = self._encoding_value()
        site.transfer_type = self.transfer_type.value()
        site.time_offset_minutes = self.offset_hours.value() * 60 + self.offset_minutes.value()
        site.local_dir = self.local_dir.text().strip()
        site.remote_dir = self.remote_dir.text().strip()
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
        logon = self.logon.currentData()
        self.user.setEnabled(logon != "anonymous")
        can_save = logon == "normal" and self.keyring_ok is not False
        self.password.setEnabled(can_save)
        if self.keyring_ok is False and logon == "normal":
            self.password.setPlaceholderText(self.tr("No usable keyring: you will be asked when you connect"))
        elif logon == "ask":
            self.password.setPlaceholderText(self.tr("Asked for when you connect"))
        elif logon == "anonymous":
            self.password.setPlaceholderText("")
        elif self._keyring_holds(self._current):
            self.password.setPlaceholderText(self.tr("Kept in the system keyring; type to replace it"))
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

    # --- keyring ------------------------------------------------------------------------------------
    def _keyring_holds(self, site_id: Optional[str]) -> bool:
        """Whether the keyring holds a password for this saved site; asked once off the GUI thread (False
        until it answers; the form is updated then)."""
        if not site_id or self.store.get(site_id) is None or self._saved_logon.get(site_id) != "normal":
            return False
        if site_id not in self._kept:
            self._kept[site_id] = False
            self.calls.append(
                run_blocking(
                    self.passwords.get,
                    site_id,
                    on_done=lambda pw, sid=site_id: self._kept_known(sid, pw is not None),
                    on_error=lambda _exc: None,  # a keyring that cannot be read: nothing is said to be kept
                )
            )
        return self._kept[site_id]

    def _kept_known(self, site_id: str, kept: bool) -> None:
        self._kept[site_id] = kept
        if kept and not self._closed and site_id == self._current:
            self._update_logon_widgets()

    def _keyring_checked(self, problem: Optional[PasswordUnavailable]) -> None:
        self.keyring_ok = problem is None
        if problem is not None:
            self._keyring_unavailable(problem)
        self._update_logon_widgets()

    def _keyring_unavailable(self, problem: BaseException) -> None:
        """Say once per run that passwords cannot be saved, and why."""
        reason = problem.text() if isinstance(problem, PasswordUnavailable) else type(problem).__name__
        self.keyring_ok = False
        self.keyring_reason = reason
        self._update_logon_widgets()
        if self.passwords.notice_shown:
            return
        self.passwords.notice_shown = True
        self.notice.setText(
            self.tr(
                "Passwords cannot be saved: {reason}. You will be asked for them when you connect, and can have "
                "them remembered until ftpgui closes."
            ).format(reason=reason)
        )
        self.notice.setVisible(True)

    # --- tree actions -------------------------------------------------------------------------------
    def _unique_name(self, folder: str, base: str) -> str:
        taken = {s.name for s in self.working.sites() if s.folder == folder}
        taken |= {_basename(f) for f in self.working.folders() if _parent_folder(f) == folder}
        name, n = base, 2
        while name in taken:
            name, n = f"{base} {n}", n + 1
        return name

    def new_site(self) -> Site:
        folder = self.model.folder_of(self.tree.currentIndex())
        site = Site(id=new_id(), name=self._unique_name(folder, self.tr("New site")), folder=folder)
        self.working.add(site)
        self.model.rebuild()
        self.select("site", site.id)
        self.tabs.setCurrentIndex(0)
        self.host.setFocus()
        return site

    def new_folder(self) -> str:
        parent = self.model.folder_of(self.tree.currentIndex())
        name = self._unique_name(parent, self.tr("New folder"))
        path = f"{parent}/{name}" if parent else name
        self.working.add_folder(path)
        self.model.rebuild()
        self.select("folder", path)
        self.tree.edit(self.tree.currentIndex())
        return path

    def rename(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.edit(index)

    def duplicate(self) -> Optional[Site]:
        site = self.current_site()
        if site is None:
            return None
        copy = dataclasses.replace(site, id=new_id(), name=self._unique_name(site.folder, site.name))
        self.working.add(copy)
        if site.id in self._new_passwords:
            self._new_passwords[copy.id] = self._new_passwords[site.id]
        elif site.logon == "normal" and self.store.get(site.id) is not None:
            self._copy_password[copy.id] = site.id
        key = password_key(site.id)  # the proxy's password goes with the copy too (typed, or the saved one)
        if key in self._new_passwords:
            self._new_passwords[password_key(copy.id)] = self._new_passwords[key]
        elif "://" in site.proxy and self.store.get(site.id) is not None:
            self._copy_password[password_key(copy.id)] = key
        self.model.rebuild()
        self.select("site", copy.id)
        return copy

    def delete(self) -> None:
        """Delete the selected site or folder (with its contents); final only on OK or Connect."""
        kind, key = self.model.item(self.tree.currentIndex())
        if kind == "site":
            self.working.remove(key)
            gone = [key]
        elif kind == "folder":
            gone = self.working.remove_folder(key)
        else:
            return
        for id in gone:
            self._new_passwords.pop(id, None)
            self._copy_password.pop(id, None)
        self.model.rebuild()
        self.tree.setCurrentIndex(QModelIndex())
        self._show_site(None)

    def _tree_changed(self) -> None:
        if self._current and self.working.get(self._current):
            self.select("site", self._current)
        self._show_site(self._current)

    def _folder_indexes(self, parent: Optional[QModelIndex] = None):
        parent = parent or QModelIndex()
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if self.model.item(index)[0] == "folder":
                yield index
                yield from self._folder_indexes(index)

    def _remember_expanded(self) -> None:
        self._expanded = {self.model.item(i)[1] for i in self._folder_indexes() if self.tree.isExpanded(i)}

    def _restore_expanded(self) -> None:
        for index in self._folder_indexes():
            if self.model.item(index)[1] in self._expanded:
                self.tree.expand(index)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.item(index)[0] == "site":
            self.connect_current()

    # --- recent servers -----------------------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.recent_list.clear()
        for entry in self.store.recent():
            host = f"[{entry.host}]" if ":" in entry.host else entry.host
            text = f"{entry.user}@{host}:{entry.port}" if entry.user else f"{host}:{entry.port}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.recent_list.addItem(item)
        self.save_recent_button.setEnabled(self.recent_list.count() > 0)
        self.recent_box.setVisible(self.recent_list.count() > 0)
        if self.recent_list.count():
            self.recent_list.setCurrentRow(0)

    def save_recent(self) -> Optional[Site]:
        item = self.recent_list.currentItem()
        if item is None:
            return None
        entry: RecentServer = item.data(Qt.ItemDataRole.UserRole)
        site = entry.to_site()
        site.name = self._unique_name("", site.name)
        self.working.add(site)
        self.model.rebuild()
        self.select("site", site.id)
        return site

    # --- import and export --------------------------------------------------------------------------
    def _file_dialog(self, title: str, accept_mode, start: str, name_filter: str, on_chosen) -> QFileDialog:
        """A window-modal file chooser whose answer arrives as a signal (the GUI thread keeps running)."""
        dialog = QFileDialog(self, title)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # no nested native loop to wait on
        dialog.setAcceptMode(accept_mode)
        if name_filter:
            dialog.setNameFilter(name_filter)
            if accept_mode == QFileDialog.AcceptMode.AcceptOpen:
                dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        else:  # a folder
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if start and not name_filter:
            dialog.setDirectory(start)
        elif start:
            dialog.setDirectory(os.path.dirname(start) or start)
            dialog.selectFile(os.path.basename(start))
        dialog.fileSelected.connect(on_chosen)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def choose_local_dir(self) -> QFileDialog:
        return self._file_dialog(
            self.tr("Default local folder"),
            QFileDialog.AcceptMode.AcceptOpen,
            self.local_dir.text() or os.path.expanduser("~"),
            "",
            self._local_dir_chosen,
        )

    def _local_dir_chosen(self, path: str) -> None:
        self.local_dir.setText(path)
        self._form_edited()

    def choose_filezilla_file(self) -> QFileDialog:
        found = filezilla.find_sitemanager() or ""
        return self._file_dialog(
            self.tr("Import FileZilla sites"),
            QFileDialog.AcceptMode.AcceptOpen,
            found,
            self.tr("FileZilla site manager (sitemanager.xml *.xml)"),
            self.import_filezilla,
        )

    def choose_export_file(self) -> QFileDialog:
        return self._file_dialog(
            self.tr("Import an ftpgui export"),
            QFileDialog.AcceptMode.AcceptOpen,
            "",
            self.tr("ftpgui sites (*.json)"),
            self.import_export,
        )

    def choose_export_target(self) -> QFileDialog:
        return self._file_dialog(
            self.tr("Export sites (without passwords)"),
            QFileDialog.AcceptMode.AcceptSave,
            os.path.join(os.path.expanduser("~"), "ftpgui-sites.json"),
            self.tr("ftpgui sites (*.json)"),
            self.export_to,
        )

    def import_filezilla(self, path: str) -> None:
        """Read ``path`` off the GUI thread and add its sites under one new folder."""
        self._show_status(self.tr("Reading {path}…").format(path=path))
        self.calls.append(
            run_blocking(filezilla.import_file, path, on_done=self._filezilla_read, on_error=self._import_failed)
        )

    def _import_failed(self, exc: BaseException) -> None:
        self._show_status(self.tr("Nothing was imported: {reason}").format(reason=describe_error(exc)))

    def _filezilla_read(self, result: filezilla.FileZillaImport) -> None:
        top = self._unique_name("", self.tr("Imported from FileZilla"))
        self.working.add_folder(top)
        for folder in result.folders:
            self.working.add_folder(f"{top}/{folder}")
        for item in result.sites:
            item.site.folder = f"{top}/{item.site.folder}" if item.site.folder else top
            self.working.add(item.site)
            if item.password:
                self._new_passwords[item.site.id] = item.password
        self.model.rebuild()
        self.select("folder", top)
        self.tree.expandRecursively(self.tree.currentIndex())
        passwords = sum(1 for item in result.sites if item.password)
        lines = [
            self.tr("Sites imported: {sites} (passwords for the keyring: {passwords}); skipped: {skipped}.").format(
                sites=len(result.sites), passwords=passwords, skipped=len(result.skipped)
            )
        ]
        for skipped in result.skipped:
            lines.append(self.tr("Skipped “{site}”: {reason}").format(site=skipped.path, reason=skipped.reason.text()))
        for item in result.sites:
            for note in item.notes:
                lines.append(self.tr("“{site}”: {note}").format(site=item.site.path, note=note.text()))
        self._show_status("\n".join(lines))

    def import_export(self, path: str) -> None:
        self.calls.append(
            run_blocking(exchange.read_export, path, on_done=self._export_read, on_error=self._import_failed)
        )

    def _export_read(self, result) -> None:
        sites, folders = result
        for folder in folders:
            self.working.add_folder(folder)
        for site in sites:
            site.name = self._unique_name(site.folder, site.name)
            self.working.add(site)
        self.model.rebuild()
        self._show_status(self.tr("Sites imported: {sites}.").format(sites=len(sites)))

    def export_to(self, path: str) -> None:
        """Write every site (no passwords) to ``path`` off the GUI thread."""
        self.calls.append(
            run_blocking(
                exchange.export_sites,
                path,
                self.working.sites(),
                self.working.folders(),
                on_done=lambda n: self._show_status(
                    self.tr("Sites exported to {path} (without passwords): {sites}.").format(sites=n, path=path)
                ),
                on_error=lambda exc: self._show_status(
                    self.tr("Export failed: {reason}").format(reason=getattr(exc, "strerror", None) or str(exc))
                ),
            )
        )

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
        self.store.assign(sites, self.working.folders())
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
        self._saved_logon = {s.id: s.logon for s in sites}
        if not jobs:
            then()
            return True
        self._set_busy(True, self.tr("Saving passwords in the system keyring…"))
        self.calls.append(
            run_blocking(
                _write_passwords,
                self.passwords,
                jobs,
                on_done=lambda failed: self._passwords_written(failed, jobs, then),
                on_error=lambda exc: self._passwords_written([(j[1], exc) for j in jobs], jobs, then),
            )
        )
        return True

    def _passwords_written(self, failed: List[Tuple[str, BaseException]], jobs, then) -> None:
        self._set_busy(False)
        typed = {site_id: pw for what, site_id, pw in jobs if what == "set"}
        for site_id, problem in failed:
            if site_id in typed:  # the person gave it to us: keep it for this run, in memory only
                self.passwords.remember_for_session(site_id, typed[site_id])
            self._keyring_unavailable(problem)
        self._new_passwords.clear()
        self._copy_password.clear()
        if not self._closed:
            then()

    def save_and_close(self) -> bool:
        """OK: save everything and close."""
        return self._apply(self.accept)

    def connect_current(self) -> bool:
        """Connect: save, get the site's password (off the GUI thread, or ask), emit ``connectRequested``."""
        site = self.current_site()
        if site is None:
            return False
        site_id = site.id
        typed = self._new_passwords.get(site_id)
        return self._apply(lambda: self._fetch_password(site_id, typed))

    def _fetch_password(self, site_id: str, typed: Optional[str]) -> None:
        site = self.store.get(site_id)
        if site is None:
            return
        if site.logon == "anonymous":
            self._connect(site, None)
        elif site.logon == "normal" and typed:
            self._connect(site, typed)
        elif site.logon == "normal":
            self._set_busy(True, self.tr("Reading the password from the system keyring…"))
            self.calls.append(
                run_blocking(
                    self.passwords.get,
                    site_id,
                    on_done=lambda pw: self._password_fetched(site, pw, None),
                    on_error=lambda exc: self._password_fetched(site, None, exc),
                )
            )
        else:
            self.ask_password(site)

    def _password_fetched(self, site: Site, password: Optional[str], exc: Optional[BaseException]) -> None:
        self._set_busy(False, " ")
        if self._closed:
            return
        if exc is not None:
            self._keyring_unavailable(exc)
        if password is not None:
            self._connect(site, password)
        else:
            self.ask_password(site)

    def ask_password(self, site: Site) -> PasswordPrompt:
        """Open the password prompt (not modal to the thread: its answer comes back as a signal)."""
        prompt = PasswordPrompt(site, can_save=site.logon == "normal" and self.keyring_ok is True, parent=self)
        self.prompt = prompt

        def answered(result: int) -> None:
            self.prompt = None
            if result != QDialog.DialogCode.Accepted:
                return
            password = prompt.password.text()
            if prompt.remember.isChecked():
                self.passwords.remember_for_session(site.id, password)
            if prompt.can_save and prompt.save.isChecked():
                self.calls.append(
                    run_blocking(
                        self.passwords.set,
                        site.id,
                        password,
                        on_error=self._keyring_unavailable,
                    )
                )
            self._connect(site, password)

        prompt.finished.connect(answered)
        prompt.open()
        return prompt

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def _connect(self, site: Site, password: Optional[str]) -> None:
        self.connectRequested.emit(dataclasses.replace(site), password)
        self.accept()


def _write_passwords(
    passwords: PasswordStore, jobs: List[Tuple[str, str, Optional[str]]]
) -> List[Tuple[str, Exception]]:
    """On a pool thread: set, copy or delete each password; returns (site id, problem) for each failure."""
    failed: List[Tuple[str, Exception]] = []
    for what, site_id, arg in jobs:
        try:
            if what == "set" and arg is not None:
                passwords.set(site_id, arg)
            elif what == "copy" and arg is not None:
                original = passwords.get(arg)
                if original is not None:
                    passwords.set(site_id, original)
            elif what == "delete":
                passwords.delete(site_id)
        except PasswordUnavailable as exc:
            failed.append((site_id, exc))
    return failed
