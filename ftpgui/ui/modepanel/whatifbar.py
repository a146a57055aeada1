"""The mode panel's what-if row: imagine a client or server firewall, and the table of which mode survives.

The row only says which firewalls to imagine (``changed``); the picture draws their effect on the real
exchange shown. The table is computed from the same rule that stops the arrow (``whatif.blocked``).
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import narration as nr
from . import whatif as wi

translate = QCoreApplication.translate
MODES = ("passive", "active")


class WhatIfBar(QWidget):
    """What if: [Client firewall] [Server firewall] [Passive range open], then the table when any is on."""

    changed = Signal(object)  # the Firewalls to imagine

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.client_button = QToolButton()
        self.server_button = QToolButton()
        self.range_button = QToolButton()
        for b in (self.client_button, self.server_button, self.range_button):
            b.setCheckable(True)
            b.toggled.connect(self._on_toggled)
        self.range_button.setEnabled(False)
        self.label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.label)
        for b in (self.client_button, self.server_button, self.range_button):
            row.addWidget(b)
        row.addStretch(1)
        self.table = QTableWidget(len(wi.SCENARIOS), len(MODES))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setCornerButtonEnabled(False)
        self.table.setVisible(False)
        works = wi.table()
        for r, (name, _walls) in enumerate(wi.SCENARIOS):
            for c, mode in enumerate(MODES):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, works[mode][name])
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self._mode: Optional[str] = None
        self.retranslate()

    def firewalls(self) -> wi.Firewalls:
        server = self.server_button.isChecked()
        return wi.Firewalls(
            client=self.client_button.isChecked(),
            server=server,
            passive_range_open=server and self.range_button.isChecked(),
        )

    def set_firewalls(self, walls: wi.Firewalls) -> None:
        """Show ``walls`` as chosen, without emitting ``changed``."""
        for button, on in (
            (self.client_button, walls.client),
            (self.server_button, walls.server),
            (self.range_button, walls.passive_range_open),
        ):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)
        self._sync()

    def highlight(self, mode: Optional[str]) -> None:
        """Make the cell of ``mode`` under the imagined firewalls stand out (linked to the picture)."""
        self._mode = mode
        self._sync()

    def _on_toggled(self) -> None:
        self._sync()
        self.changed.emit(self.firewalls())

    def _sync(self) -> None:
        walls = self.firewalls()
        self.range_button.setEnabled(walls.server)
        self.table.setVisible(walls.any)
        row_now = next((i for i, (_, w) in enumerate(wi.SCENARIOS) if w == walls), -1)
        col_now = MODES.index(self._mode) if self._mode in MODES else -1
        for r in range(self.table.rowCount()):
            for c in range(len(MODES)):
                item = self.table.item(r, c)
                font = item.font()
                font.setBold(r == row_now and c == col_now)
                item.setFont(font)
        if row_now >= 0:
            self.table.scrollToItem(self.table.item(row_now, 0))

    def retranslate(self) -> None:
        self.label.setText(translate("ModePanel", "What if:"))
        for button, text, tip in (
            (
                self.client_button,
                translate("ModePanel", "Client firewall"),
                translate("ModePanel", "Imagine a firewall on this computer's side (no traffic is sent)"),
            ),
            (
                self.server_button,
                translate("ModePanel", "Server firewall"),
                translate("ModePanel", "Imagine a firewall at the server that admits only port 21"),
            ),
            (
                self.range_button,
                translate("ModePanel", "Passive range open"),
                translate("ModePanel", "Imagine the server's firewall admits its passive port range"),
            ),
        ):
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
        self.table.setAccessibleName(translate("ModePanel", "Which mode survives which firewall"))
        self.table.setHorizontalHeaderLabels([nr.mode_name(m) for m in MODES])
        self.table.setVerticalHeaderLabels([nr.scenario_name(name) for name, _ in wi.SCENARIOS])
        for r in range(self.table.rowCount()):
            for c in range(len(MODES)):
                item = self.table.item(r, c)
                item.setText(nr.works(item.data(Qt.ItemDataRole.UserRole)))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
