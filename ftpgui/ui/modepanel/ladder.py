"""The ladder: the whole exchange of one connection as a sequence diagram, beside the picture.

Two lifelines, Client and Server; every command and reply an arrow in time order; every TCP connection
drawn from the dialling side's port to the listening side's; TLS handshakes, closes, and failures ending at
a wall (a real one, from the failure's cause, or one imagined in *What if*). A run of alike data connections
is one row that expands. Built from the connection's transcript (the scene's events), painted row by row:
only the rows in view are painted, and the rows (``ladderrows``) are rebuilt only while the ladder is shown.
A row's words wrap into as many lines as its room needs (``ladderlines``), the row as tall as its lines, its
arrow at its foot; the hosts' addresses over the lifelines wrap too (``ladderpaint`` lays out and paints them).
The layout is made when the rows or the width change, never while painting.

This module has the tab (``Ladder``, a scroll area); its canvas (``ladderview.LadderView``) and what builds,
lays out and paints the rows load when the ladder is first given a connection or shown — not with the first
window, whose ladder tab is not shown. Their names are importable from here too, as before.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QScrollArea, QWidget

if TYPE_CHECKING:
    from . import scene as sc
    from . import whatif as wi
    from .ladderrows import Row
    from .ladderview import LadderView

# the names of the ladder's parts, importable from here (``ld.ROW_H``, ``ld.build_rows``), and their modules
PARTS = {
    "ladderlines": ("MAX_LINES", "RowLayout"),
    "ladderpaint": ("HEADER_H", "ROW_H", "LadderPainter", "Laid", "export_height", "lay_out", "paint_ladder"),
    "ladderrows": ("CLOSE", "FAIL", "GROUP", "MESSAGE", "NOTE", "TCP", "TLS", "Row", "build_rows"),
    "ladderview": ("BOTTOM", "LadderView"),
}
__all__ = ["Ladder"]


def __getattr__(name: str) -> Any:
    for module, names in PARTS.items():
        if name in names:
            return getattr(importlib.import_module(f"{__package__}.{module}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Ladder(QScrollArea):
    """The ladder tab: scrolls, follows the newest row in live mode, and says which step was clicked."""

    stepClicked = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._canvas: Optional[LadderView] = None  # (made when first needed: ``canvas``)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap, never scroll sideways
        self.follow = True
        self._dirty = True
        self._later = QTimer(self)  # events come in bursts: rebuild at most about three times a second
        self._later.setSingleShot(True)
        self._later.setInterval(300)  # a rebuild of 2,000 events costs about 6 ms
        self._later.timeout.connect(self._catch_up)

    @property
    def canvas(self) -> LadderView:
        """The rows' widget, scrolled: made (with the ladder's modules) when first asked for."""
        if self._canvas is None:
            from .ladderview import LadderView

            canvas = self._canvas = LadderView()
            canvas.stepClicked.connect(self.stepClicked)
            self.setWidget(canvas)
        return self._canvas

    def show_connection(self, conn: Optional[sc.ConnectionScene], at: int, walls: wi.Firewalls, follow: bool) -> None:
        """Show ``conn`` with step ``at`` highlighted; with ``follow``, keep the newest rows in view.
        Cheap while hidden: the rows are rebuilt when the tab is shown."""
        canvas = self.canvas
        if conn is not canvas.conn:
            canvas.expanded.clear()
        canvas.conn, canvas.at, canvas.walls, self.follow = conn, at, walls, follow
        if not self.isVisible():
            self._dirty = True
            return
        self._catch_up()
        if not follow:
            from .ladderpaint import ROW_H

            i = canvas.highlighted()
            if i is not None:
                height = canvas.layout_of(i).height
                self.ensureVisible(0, int(canvas.row_top(i) + height / 2), 0, int(height / 2 + ROW_H))

    def changed(self) -> None:
        """New events on the connection shown: rebuild soon (only while the ladder is shown)."""
        if not self.isVisible():
            self._dirty = True
        elif not self._later.isActive():
            self._later.start()

    def rows_for_export(self) -> Optional[Tuple[sc.ConnectionScene, List[Row], int]]:
        """The connection, its rows (groups as the person left them) and the step shown, for an export."""
        canvas = self.canvas
        if canvas.conn is None or not canvas.conn.steps:
            return None
        from .ladderrows import build_rows

        return canvas.conn, build_rows(canvas.conn, canvas.expanded, canvas.walls, interactive=False), canvas.at

    def _catch_up(self) -> None:
        self._dirty = False
        canvas = self.canvas
        canvas.rebuild()
        self._fit()

    def _fit(self) -> None:
        """The rows laid out for the viewport's width, the canvas as tall as they are now (so the scroll range
        is right), and in Live the newest rows in view."""
        canvas = self.canvas
        canvas.fit(self.viewport().width())
        canvas.resize(self.viewport().width(), canvas.minimumHeight())
        canvas.update()
        if self.follow:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.isVisible() and not self._dirty:
            self._fit()  # a narrower dock: rows take more lines, and Live keeps the newest in view

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._catch_up()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # the rows' words are made when they are built
            self._dirty = True
            if self.isVisible():
                self.canvas.rebuild(force=True)
        super().changeEvent(event)
