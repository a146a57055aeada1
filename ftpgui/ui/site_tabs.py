"""The site manager's tabs for one site: General (server, logon, TLS), Transfer settings, Comments."""

from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..sites.store import MAX_CONNECTIONS
from .encoding_box import EncodingBox, choice_label
from .transfer_type import TransferTypeBox


class SiteTabs:
    """The form's tabs (a mixin: ``self`` is the :class:`SiteManagerDialog`)."""

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
        page = self.transfer_page = QWidget()
        form = QFormLayout(page)
        self.mode = QComboBox()
        for key, text in (
            ("default", self.tr("Default (from Preferences)")),
            ("passive", self.tr("Passive")),
            ("active", self.tr("Active")),
            ("auto", self.tr("Auto (passive, then active)")),
        ):
            self.mode.addItem(text, key)
        self.encoding = EncodingBox()  # "Auto (UTF-8, else GBK)"… in words (typing auto:gbk was the only way)
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
        # FileZilla's "Use synchronized browsing": the two default folders paired once connected (design note 283)
        self.sync_browsing = QCheckBox(self.tr("Use synchroni&zed browsing"))
        self.sync_browsing.setToolTip(
            self.tr(
                "Once connected, the default local and remote folders move together: entering or leaving a folder "
                "in one pane does the same in the other. Needs both folders."
            )
        )
        self.sync_browsing.toggled.connect(self._form_edited)
        form.addRow("", self.sync_browsing)
        form.addRow(self.tr("Transfer c&onnections:"), self.connections)
        self.transfer_type = TransferTypeBox()  # binary, ASCII or auto by name (issue 20 item 9)
        form.addRow(self.tr("Transfer t&ype:"), self.transfer_type)
        self.transfer_type.currentIndexChanged.connect(self._form_edited)
        self.mode.currentIndexChanged.connect(self._form_edited)
        self.encoding.currentTextChanged.connect(self._form_edited)
        for s in (self.offset_hours, self.offset_minutes, self.connections):
            s.valueChanged.connect(self._form_edited)
        for w in (self.local_dir, self.remote_dir):
            w.textEdited.connect(self._form_edited)
            w.textChanged.connect(self._sync_possible)
        return page

    def _sync_possible(self, *_args) -> None:
        """Synchronized browsing can be chosen only with both default folders (as FileZilla allows it)."""
        both = bool(self.local_dir.text().strip() and self.remote_dir.text().strip())
        self.sync_browsing.setEnabled(both)

    def suggest_encoding(self, site_id: str, value: Optional[str]) -> None:
        """Show ``site_id``'s transfer settings with the encoding ``value`` chosen, as a person would choose it
        (the window's note on names not in the site's encoding); OK or Connect saves it, Cancel does not."""
        self.select("site", site_id)
        if self.current_site() is None:
            return
        self.tabs.setCurrentWidget(self.transfer_page)
        self.encoding.setFocus()
        if value:
            self.encoding.choose(value)
            self._show_status(
                self.tr("“{choice}” is chosen as the encoding: Connect to read the names with it.").format(
                    choice=choice_label(value)
                )
            )

    def _comments_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.comments = QPlainTextEdit()
        self.comments.textChanged.connect(self._form_edited)
        layout.addWidget(self.comments)
        return page
