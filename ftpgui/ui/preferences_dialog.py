"""The preferences dialog: edits a :class:`~ftpgui.settings.Preferences` and refuses values it cannot use; also
lists the servers always allowed plain FTP and the certificates trusted, and forgets the ones removed there
when OK is pressed."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..explain import describe_error
from ..ftp.transfertype import TYPES
from ..settings import (
    CONNECT_CHOICES,
    EXISTS_CHOICES,
    MAX_CONNECTIONS,
    MAX_KEEPALIVE,
    MAX_LOG_MIB,
    MODES,
    QUICK_TLS_CHOICES,
    Preferences,
    PreferencesError,
    editor_lines,
    editor_table,
)
from ..sites.plain import PlainStore, describe
from ..sites.trust import TrustStore
from .proxy_fields import NONE, ProxyFields


class PreferencesDialog(QDialog):
    """Transfer mode, active-mode ports and address, connections, timeout, language, existing files, hidden
    files, quick connect's encryption, the servers always allowed plain FTP (from ``plain``) and the
    certificates trusted (from ``trusted``)."""

    def __init__(
        self,
        prefs: Preferences,
        parent: Optional[QWidget] = None,
        plain: Optional[PlainStore] = None,
        trusted: Optional[TrustStore] = None,
    ):
        super().__init__(parent)
        self.plain = plain
        self.trusted = trusted
        self.setWindowTitle(self.tr("Preferences"))
        self.result_prefs: Optional[Preferences] = None
        self.proxy_password: Optional[str] = None  # typed on OK (None: untouched)
        layout = QVBoxLayout(self)
        # three pages, as FileZilla's settings have pages: in one column the dialog was 749 px tall (773 in
        # Chinese), more than a 1366×768 screen shows under a title bar
        self.pages = QTabWidget()
        layout.addWidget(self.pages)
        # one form a page: its fields start at one x (forms stacked on a page each sized their own label column)
        connection, transfers, interface, security = (
            self._page(name)
            for name in (self.tr("Connection"), self.tr("Transfers"), self.tr("Interface"), self.tr("Security"))
        )
        form = connection
        mode_names = {"passive": self.tr("Passive"), "active": self.tr("Active"), "auto": self.tr("Auto")}
        self.mode = QComboBox()
        for m in MODES:
            self.mode.addItem(mode_names[m], m)
        self.mode.setCurrentIndex(MODES.index(prefs.default_mode))
        form.addRow(self.tr("Default transfer mode:"), self.mode)

        self.limit_ports = QCheckBox(self.tr("Limit the local ports active mode listens on:"))
        self.port_low, self.port_high = QSpinBox(), QSpinBox()
        for spin in (self.port_low, self.port_high):
            spin.setRange(1024, 65535)
        low, high = prefs.active_port_range or (50000, 51000)
        self.port_low.setValue(low)
        self.port_high.setValue(high)
        self.limit_ports.setChecked(prefs.active_port_range is not None)
        ports = QHBoxLayout()
        ports.addWidget(self.port_low)
        ports.addWidget(QLabel("–"))
        ports.addWidget(self.port_high)
        form.addRow(self.limit_ports, ports)
        self.limit_ports.toggled.connect(self._enable_ports)
        self._enable_ports(self.limit_ports.isChecked())

        self.external = QLineEdit(prefs.active_external_address)
        self.external.setPlaceholderText(self.tr("your address as the server sees it"))  # (whole: note 361)
        self.external.setToolTip(
            self.tr("This computer's address as the server sees it (behind NAT: the router's public address).")
            + " "
            + self.tr(
                "The address PORT/EPRT names instead of this computer's own. Behind NAT it works only if the "
                "router also forwards the active port range (above) to this computer, or its FTP helper opens it."
            )
        )
        form.addRow(self.tr("External address for active mode:"), self.external)

        self.connections = QSpinBox()
        self.connections.setRange(1, MAX_CONNECTIONS)
        self.connections.setValue(prefs.transfer_connections)
        form.addRow(self.tr("Transfer connections:"), self.connections)

        self.timeout = QSpinBox()
        self.timeout.setRange(1, 600)
        self.timeout.setSuffix(self.tr(" s"))
        self.timeout.setValue(int(prefs.timeout))
        form.addRow(self.tr("Timeout:"), self.timeout)

        # keep-alive (issue 20 item 6)
        self.keepalive = QSpinBox()
        self.keepalive.setObjectName("keepalive")
        self.keepalive.setRange(0, MAX_KEEPALIVE)
        self.keepalive.setSuffix(self.tr(" s"))
        self.keepalive.setSpecialValueText(self.tr("Off"))
        self.keepalive.setValue(prefs.keepalive_seconds)
        self.keepalive.setToolTip(self.tr("Send NOOP on an idle connection so that the server keeps it open"))
        form.addRow(self.tr("Keep-alive when idle:"), self.keepalive)
        form = interface

        self.language = QComboBox()
        self.language.addItem(self.tr("As the system"), "")
        # a language is named in itself, not translated
        self.language.addItem("English", "en")
        self.language.addItem("中文（简体）", "zh_CN")
        idx = self.language.findData(prefs.language)
        self.language.setCurrentIndex(max(idx, 0))
        form.addRow(self.tr("Language (after a restart):"), self.language)
        self.show_hidden = QCheckBox(self.tr("Show hidden files"))
        self.show_hidden.setChecked(prefs.show_hidden)
        form.addRow("", self.show_hidden)
        self.confirm_drag_move = QCheckBox(self.tr("Ask before moving remote files dragged onto a remote folder"))
        self.confirm_drag_move.setObjectName("confirmDragMove")
        self.confirm_drag_move.setChecked(prefs.confirm_drag_move)  # (off: that question's "Don't ask again")
        form.addRow("", self.confirm_drag_move)
        connect_names = {  # (the "Break current connection?" question's answers: design note 439)
            "ask": self.tr("Ask each time"),
            "new_tab": self.tr("Connect in a new tab"),
            "this_tab": self.tr("End that connection and connect in the same tab"),
        }
        self.connect_while_connected = QComboBox()
        self.connect_while_connected.setObjectName("connectWhileConnected")
        for choice in CONNECT_CHOICES:
            self.connect_while_connected.addItem(connect_names[choice], choice)
        self.connect_while_connected.setCurrentIndex(CONNECT_CHOICES.index(prefs.connect_while_connected))
        form.addRow(self.tr("Connecting while the tab is connected:"), self.connect_while_connected)
        form = transfers

        exists_names = {
            "ask": self.tr("Ask each time"),
            "overwrite": self.tr("Overwrite"),
            "newer": self.tr("Overwrite if the source is newer"),
            "resume": self.tr("Resume"),
            "rename": self.tr("Keep both (rename the new one)"),
            "skip": self.tr("Skip"),
        }
        self.exists = QComboBox()
        for choice in EXISTS_CHOICES:
            self.exists.addItem(exists_names[choice], choice)
        self.exists.setCurrentIndex(EXISTS_CHOICES.index(prefs.exists_default))
        form.addRow(self.tr("When the target file exists:"), self.exists)
        self.follow_links = QCheckBox(self.tr("Upload files that symbolic links in a folder point to (inside it only)"))
        self.follow_links.setChecked(prefs.follow_links)
        form.addRow("", self.follow_links)
        form = security  # (the connection's page was full: the trusted certificates found no room there)

        tls_names = {
            "auto": self.tr("FTP over TLS if available (ask before plain FTP)"),
            "require": self.tr("Require explicit FTP over TLS"),
            "off": self.tr("Plain FTP (insecure)"),
        }
        self.quick_tls = QComboBox()
        for choice in QUICK_TLS_CHOICES:
            self.quick_tls.addItem(tls_names[choice], choice)
        self.quick_tls.setCurrentIndex(QUICK_TLS_CHOICES.index(prefs.quick_connect_tls))
        form.addRow(self.tr("Quick connect to a host or ftp:// address:"), self.quick_tls)
        self._build_plain_list(security)
        self._build_trusted_list(security)
        form = connection
        self.proxy = ProxyFields(with_default=False, compact=True)
        self.proxy.set_value(prefs.proxy or NONE)
        form.addRow(self.tr("Proxy (unless a site names its own):"), self.proxy)
        self._build_log_and_type(transfers, interface, prefs)
        self._build_editing(interface, prefs)

        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for field in self.findChildren(QLineEdit):  # a long text shown from its start, not its end (note 362)
            field.setCursorPosition(0)
        self._given = self._as_shown()  # what the fields said before the person changed any (``take_saved``)

    def _as_shown(self) -> Optional[Preferences]:
        try:
            return self.preferences()
        except PreferencesError:  # (an editors-by-extension entry being typed)
            return None

    def _fields(self) -> Dict[str, Callable[[Any], None]]:
        """Each preference the dialog shows, and how a value is put in its field."""

        def combo(box: QComboBox) -> Callable[[Any], None]:
            return lambda value: box.setCurrentIndex(max(box.findData(value), 0))

        def ports(value: Optional[Tuple[int, int]]) -> None:
            self.limit_ports.setChecked(value is not None)
            if value is not None:
                self.port_low.setValue(value[0])
                self.port_high.setValue(value[1])

        return {
            "default_mode": combo(self.mode),
            "active_port_range": ports,
            "active_external_address": self.external.setText,
            "transfer_connections": self.connections.setValue,
            "timeout": lambda value: self.timeout.setValue(int(value)),
            "keepalive_seconds": self.keepalive.setValue,
            "language": combo(self.language),
            "show_hidden": self.show_hidden.setChecked,
            "confirm_drag_move": self.confirm_drag_move.setChecked,
            "exists_default": combo(self.exists),
            "follow_links": self.follow_links.setChecked,
            "quick_connect_tls": combo(self.quick_tls),
            "connect_while_connected": combo(self.connect_while_connected),
            "proxy": lambda value: self.proxy.set_value(value or NONE),
            "transfer_type": combo(self.transfer_type),
            "ascii_extensions": self.ascii_extensions.setText,
            "log_to_file": self.log_to_file.setChecked,
            "log_file_limit_mib": self.log_limit.setValue,
            "editor_command": self.editor.setText,
            "editor_by_extension": lambda value: self.editors.setText(editor_lines(value)),
            "upload_edited_without_asking": self.upload_edited.setChecked,
        }

    def take_saved(self, saved: Preferences) -> None:
        """Another main window saved ``saved`` while this dialog is open: every field the person has not changed
        here shows the value saved; a field changed here keeps the person's (their OK saves it). OK wrote the
        values the dialog was opened with over the newer ones (note 418)."""
        given, now = self._given, self._as_shown()
        if given is None:
            return
        taken = []
        for name, put in self._fields().items():
            if now is None and name == "editor_by_extension":
                continue  # (being typed: the person's)
            if now is not None and getattr(now, name) != getattr(given, name):
                continue  # changed here
            if getattr(saved, name) != getattr(given, name):
                put(getattr(saved, name))
                taken.append(name)
        shown = self._as_shown()
        if shown is not None:
            for name in taken:  # (as the field reads it back: what "not changed" compares with from now on)
                setattr(given, name, getattr(shown, name))

    def _page(self, title: str) -> QFormLayout:
        page = QWidget()
        self.pages.addTab(page, title)
        form = QFormLayout(page)
        form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # (the room left below)
        return form

    def _build_log_and_type(self, transfers: QFormLayout, interface: QFormLayout, prefs: Preferences) -> None:
        """The transfer type (binary, ASCII, auto by extension) on the transfers' page, and the log file with its
        size limit on the interface's."""
        form = transfers
        type_names = {
            "binary": self.tr("Binary (bytes exactly as they are)"),
            "ascii": self.tr("ASCII (line ends converted)"),
            "auto": self.tr("Auto: ASCII for the extensions below, binary otherwise"),
        }
        self.transfer_type = QComboBox()
        for choice in TYPES:
            self.transfer_type.addItem(type_names[choice], choice)
        self.transfer_type.setCurrentIndex(TYPES.index(prefs.transfer_type))
        form.addRow(self.tr("Transfer type:"), self.transfer_type)
        self.ascii_extensions = QLineEdit(prefs.ascii_extensions)
        form.addRow(self.tr("Text file extensions (auto):"), self.ascii_extensions)
        form = interface
        self.log_to_file = QCheckBox(self.tr("Also write the message log to a file (passwords masked)"))
        self.log_to_file.setChecked(prefs.log_to_file)
        form.addRow("", self.log_to_file)
        self.log_limit = QSpinBox()
        self.log_limit.setRange(1, MAX_LOG_MIB)
        self.log_limit.setSuffix(" MiB")  # a unit: the same in every language
        self.log_limit.setValue(prefs.log_file_limit_mib)
        form.addRow(self.tr("Log file size limit (then one older file is kept):"), self.log_limit)

    def _log_and_type_into(self, prefs: Preferences) -> Preferences:
        prefs.transfer_type = self.transfer_type.currentData()
        prefs.ascii_extensions = " ".join(self.ascii_extensions.text().split())
        prefs.log_to_file = self.log_to_file.isChecked()
        prefs.log_file_limit_mib = self.log_limit.value()
        return prefs

    def _build_editing(self, form: QFormLayout, prefs: Preferences) -> None:
        """The editor View and Edit open a remote file's copy with, per extension too, and the upload question."""
        percent_f = self.tr("The file's path is added at the end, or where %f is.")
        self.editor = QLineEdit(prefs.editor_command)
        self.editor.setObjectName("editorCommand")
        self.editor.setPlaceholderText(self.tr("the system's default application"))
        self.editor.setToolTip(percent_f)
        form.addRow(self.tr("Editor for View and Edit:"), self.editor)
        self.editors = QLineEdit(editor_lines(prefs.editor_by_extension))
        self.editors.setObjectName("editorsByExtension")
        self.editors.setPlaceholderText(".txt = gedit; .py .md = code -w %f")  # an example: commands, not words
        self.editors.setToolTip(self.tr("Entries like “.txt = gedit”, separated by semicolons.") + " " + percent_f)
        form.addRow(self.tr("Editors by extension:"), self.editors)
        self.upload_edited = QCheckBox(self.tr("Upload an edited file when it is saved, without asking"))
        self.upload_edited.setChecked(prefs.upload_edited_without_asking)
        form.addRow("", self.upload_edited)

    def _editing_into(self, prefs: Preferences) -> Preferences:
        prefs.editor_command = self.editor.text().strip()
        prefs.editor_by_extension = editor_table(self.editors.text())  # PreferencesError names a bad entry
        prefs.upload_edited_without_asking = self.upload_edited.isChecked()
        return prefs

    def _build_plain_list(self, form: QFormLayout) -> None:
        """The servers always allowed plain FTP, each removable (forgotten when OK is pressed)."""
        self.removed_plain: List[Tuple[str, int]] = []
        self.plain_list = QListWidget()
        self.plain_list.setAccessibleName(self.tr("Servers always allowed plain FTP"))
        for host, port in _listed(self.plain_list, self.plain.servers if self.plain is not None else None):
            item = QListWidgetItem(describe(host, port))
            item.setData(Qt.ItemDataRole.UserRole, (host, port))
            self.plain_list.addItem(item)
        self.plain_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.remove_plain = QPushButton(self.tr("&Remove"))
        self.remove_plain.clicked.connect(self._remove_plain)
        self.plain_list.currentRowChanged.connect(lambda row: self.remove_plain.setEnabled(row >= 0))
        title = QLabel(self.tr("Servers always allowed plain FTP (asked about no more):"))
        _list_rows(form, title, self.plain_list, self.remove_plain)

    def _remove_plain(self) -> None:
        item = self.plain_list.takeItem(self.plain_list.currentRow())
        if item is not None:
            self.removed_plain.append(item.data(Qt.ItemDataRole.UserRole))

    def _build_trusted_list(self, form: QFormLayout) -> None:
        """The certificates trusted (server, SHA-256 fingerprint), each removable: forgotten when OK is pressed,
        and the next connection to that server asks about its certificate again."""
        self.removed_trusted: List[Tuple[str, str]] = []
        self.trusted_list = QTreeWidget()
        self.trusted_list.setObjectName("trustedCertificates")
        self.trusted_list.setAccessibleName(self.tr("Trusted certificates"))
        self.trusted_list.setHeaderLabels([self.tr("Server"), self.tr("SHA-256 fingerprint")])
        self.trusted_list.setRootIsDecorated(False)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for address, fingerprint in _listed(self.trusted_list, self.trusted.entries if self.trusted else None):
            item = QTreeWidgetItem([address, fingerprint])
            item.setFont(1, fixed)
            item.setToolTip(1, fingerprint)
            item.setData(0, Qt.ItemDataRole.UserRole, (address, fingerprint))
            self.trusted_list.addTopLevelItem(item)
        self.trusted_list.header().setStretchLastSection(False)  # the whole fingerprint, scrolled to: never elided
        for column in (0, 1):
            self.trusted_list.resizeColumnToContents(column)
        self.trusted_list.setMaximumHeight(self.fontMetrics().height() * 8)
        self.forget_trusted = QPushButton(self.tr("&Forget"))
        self.forget_trusted.setObjectName("forgetCertificate")
        self.forget_trusted.clicked.connect(self._forget_trusted)
        self.trusted_list.currentItemChanged.connect(lambda item, _: self.forget_trusted.setEnabled(item is not None))
        title = QLabel(self.tr("Certificates trusted (a forgotten one is asked about again):"))
        _list_rows(form, title, self.trusted_list, self.forget_trusted)

    def _forget_trusted(self) -> None:
        item = self.trusted_list.currentItem()
        if item is not None:
            self.trusted_list.takeTopLevelItem(self.trusted_list.indexOfTopLevelItem(item))
            self.removed_trusted.append(item.data(0, Qt.ItemDataRole.UserRole))

    def _enable_ports(self, on: bool) -> None:
        self.port_low.setEnabled(on)
        self.port_high.setEnabled(on)

    def preferences(self) -> Preferences:
        """The values as entered (not yet validated; a bad editors-by-extension entry raises PreferencesError)."""
        prefs = Preferences(
            default_mode=self.mode.currentData(),
            active_port_range=(self.port_low.value(), self.port_high.value()) if self.limit_ports.isChecked() else None,
            active_external_address=self.external.text().strip(),
            transfer_connections=self.connections.value(),
            timeout=float(self.timeout.value()),
            language=self.language.currentData(),
            exists_default=self.exists.currentData(),
            show_hidden=self.show_hidden.isChecked(),
            confirm_drag_move=self.confirm_drag_move.isChecked(),
            quick_connect_tls=self.quick_tls.currentData(),
            connect_while_connected=self.connect_while_connected.currentData(),
            follow_links=self.follow_links.isChecked(),
            keepalive_seconds=self.keepalive.value(),
            proxy="" if self.proxy.value() == NONE else self.proxy.value(),
        )
        return self._editing_into(self._log_and_type_into(prefs))

    def accept(self) -> None:
        try:
            prefs = self.preferences()
            prefs.validate()
        except PreferencesError as exc:
            self.error.setText(exc.text())
            self.error.show()
            return
        try:
            for host, port in self.removed_plain:
                if self.plain is not None:
                    self.plain.remove(host, port)
            self.removed_plain = []
            for address, fingerprint in self.removed_trusted:
                if self.trusted is not None:
                    self.trusted.forget(address, fingerprint)
            self.removed_trusted = []
        except ValueError as exc:  # PlainStoreError, TrustStoreError: the file could not be written
            self.error.setText(describe_error(exc))
            self.error.show()
            return
        self.proxy_password = self.proxy.typed_password()  # the main window puts it in the keyring
        self.result_prefs = prefs
        super().accept()


def _list_rows(form: QFormLayout, title: QLabel, view: QWidget, button: QPushButton) -> None:
    """A list's title and the list across the page's form, its button beside it (enabled once a row is chosen)."""
    button.setEnabled(False)
    row = QHBoxLayout()
    row.addWidget(view, 1)
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    form.addRow(title)
    form.addRow(row)


def _listed(view: QWidget, read: Optional[Callable[[], list]]) -> list:
    """What a store lists (``read``: None for no store); an unreadable file is said in the list's tooltip, and
    the list stays empty."""
    try:
        return read() if read is not None else []
    except ValueError as exc:
        view.setToolTip(describe_error(exc))
        return []
