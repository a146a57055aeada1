"""The preferences dialog: edits a :class:`~ftpgui.settings.Preferences` and refuses values it cannot use."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..settings import EXISTS_CHOICES, MAX_CONNECTIONS, MODES, Preferences, PreferencesError


class PreferencesDialog(QDialog):
    """Transfer mode, active-mode ports and address, connections, timeout, language, existing files, hidden files."""

    def __init__(self, prefs: Preferences, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.result_prefs: Optional[Preferences] = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
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
        self.external.setPlaceholderText(self.tr("this computer's address as the server sees it (behind NAT)"))
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

        self.language = QComboBox()
        self.language.addItem(self.tr("As the system"), "")
        # a language is named in itself, not translated
        self.language.addItem("English", "en")
        self.language.addItem("中文（简体）", "zh_CN")
        idx = self.language.findData(prefs.language)
        self.language.setCurrentIndex(max(idx, 0))
        form.addRow(self.tr("Language (after a restart):"), self.language)

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

        self.show_hidden = QCheckBox(self.tr("Show hidden files"))
        self.show_hidden.setChecked(prefs.show_hidden)
        form.addRow("", self.show_hidden)
        self.follow_links = QCheckBox(self.tr("Upload files that symbolic links in a folder point to (inside it only)"))
        self.follow_links.setChecked(prefs.follow_links)
        form.addRow("", self.follow_links)
        layout.addLayout(form)

        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _enable_ports(self, on: bool) -> None:
        self.port_low.setEnabled(on)
        self.port_high.setEnabled(on)

    def preferences(self) -> Preferences:
        """The values as entered (not yet validated)."""
        return Preferences(
            default_mode=self.mode.currentData(),
            active_port_range=(self.port_low.value(), self.port_high.value()) if self.limit_ports.isChecked() else None,
            active_external_address=self.external.text().strip(),
            transfer_connections=self.connections.value(),
            timeout=float(self.timeout.value()),
            language=self.language.currentData(),
            exists_default=self.exists.currentData(),
            show_hidden=self.show_hidden.isChecked(),
            follow_links=self.follow_links.isChecked(),
        )

    def accept(self) -> None:
        prefs = self.preferences()
        try:
            prefs.validate()
        except PreferencesError as exc:
            self.error.setText(exc.text())
            self.error.show()
            return
        self.result_prefs = prefs
        super().accept()
