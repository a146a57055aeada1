"""The mode panel's what-if row: imagine a client or server firewall, and the table of which mode survives.

The row only says which firewalls to imagine (``changed``); the picture draws their effect on the real
exchange shown. The table is computed from the same rule that stops the arrow (``whatif.blocked``); it is made
(with the words of its rows) when first shown or asked for, not with the first window, which shows the buttons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import labelwords as lw
from .flow import FlowLayout

if TYPE_CHECKING:
    from . import whatif as wi

translate = QCoreApplication.translate
MODES = ("passive", "active")
ROW_TITLES_MIN = 110  # px: the narrowest a row title gets


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
        row = FlowLayout()  # wraps into rows in a narrow dock
        row.addWidget(self.label)
        for b in (self.client_button, self.server_button, self.range_button):
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self._table: Optional[QTableWidget] = None  # (made when first needed: ``table``)
        self._mode: Optional[str] = None
        self.retranslate()

    @property
    def table(self) -> QTableWidget:
        """Which mode survives which firewall: made, hidden, when first asked for (a firewall imagined)."""
        if self._table is None:
            from . import whatif as wi

            table = self._table = QTableWidget(len(wi.SCENARIOS), len(MODES))
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            rows = table.verticalHeader()
            # the row titles wrap rather than squeezing "works"/"blocked" in a narrow dock (_fit_rows)
            rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            rows.setDefaultAlignment(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
            )
            table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            table.setCornerButtonEnabled(False)
            table.setVisible(False)
            works = wi.table()
            for r, (name, _walls) in enumerate(wi.SCENARIOS):
                for c, mode in enumerate(MODES):
                    item = QTableWidgetItem()
                    item.setData(Qt.ItemDataRole.UserRole, works[mode][name])
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    table.setItem(r, c, item)
            self.layout().addWidget(table)
            QWidget.setTabOrder(self.range_button, table)  # (Tab: from the buttons to it, as when made first)
            self._name_table()
        return self._table

    def firewalls(self) -> wi.Firewalls:
        from .whatif import Firewalls

        server = self.server_button.isChecked()
        return Firewalls(
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
        if self._table is None and not walls.any:
            return  # (no table yet, and none to show)
        from .whatif import SCENARIOS

        table = self.table
        table.setVisible(walls.any)
        row_now = next((i for i, (_, w) in enumerate(SCENARIOS) if w == walls), -1)
        col_now = MODES.index(self._mode) if self._mode in MODES else -1
        for r in range(table.rowCount()):
            for c in range(len(MODES)):
                item = table.item(r, c)
                font = item.font()
                font.setBold(r == row_now and c == col_now)
                item.setFont(font)
        if row_now >= 0:
            table.scrollToItem(table.item(row_now, 0))

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
                translate(  # (its control port: 21, or 2121, whichever the server listens on)
                    "ModePanel",
                    "Imagine a firewall at the server that admits only its control port (no traffic is sent)",
                ),
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
        if self._table is not None:
            self._name_table()

    def _name_table(self) -> None:
        """The table's words, in the installed language, and its rows fitted to them."""
        from . import whatif as wi
        from . import whatifwords as ww

        table = self._table
        table.setAccessibleName(translate("ModePanel", "Which mode survives which firewall"))
        table.setHorizontalHeaderLabels([lw.mode_name(m) for m in MODES])
        table.setVerticalHeaderLabels([ww.scenario_name(name) for name, _ in wi.SCENARIOS])
        for r in range(table.rowCount()):
            for c in range(len(MODES)):
                item = table.item(r, c)
                item.setText(ww.works(item.data(Qt.ItemDataRole.UserRole)))
        self._fit_rows()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._table is not None:
            self._fit_rows()

    def _fit_rows(self) -> None:
        """Row titles at most a third of the table wide (wrapped), each row as tall as its title needs."""
        rows = self.table.verticalHeader()
        fm = rows.fontMetrics()
        pad = 2 * rows.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 4
        titles = [self.table.verticalHeaderItem(r).text() for r in range(self.table.rowCount())]
        widest = max((fm.horizontalAdvance(t) for t in titles), default=0) + pad
        width = max(60, min(widest, self.width() // 3 if self.width() > 3 * ROW_TITLES_MIN else ROW_TITLES_MIN))
        rows.setFixedWidth(width)
        flags = int(Qt.TextFlag.TextWordWrap)
        for r, title in enumerate(titles):
            needed = fm.boundingRect(QRect(0, 0, width - pad, 10_000), flags, title).height() + pad
            rows.resizeSection(r, max(needed, fm.height() + pad))
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(rows.length() + self.table.horizontalHeader().sizeHint().height() + frame)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
