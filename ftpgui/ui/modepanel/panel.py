"""``ModePanel``: the dockable widget: mode selector, connection picker, the picture and its timeline.

The main window feeds it every engine event (``add_event``, on the GUI thread); the panel keeps a
bounded scene per connection and shows the one the person picked. Feeding is O(1) and repaints are
coalesced by a timer, so the panel never slows a transfer.
"""

from __future__ import annotations

import time
from typing import Callable, Dict, Optional, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMenu,
    QScrollArea,
    QSlider,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ftpgui.ftp.events import Event
from ftpgui.ftp.session import MODES

from . import connections as cl
from . import export as exporter
from . import narration as nr
from . import scene as sc
from . import whatif as wi
from .diagnosebar import DiagnoseBar, DiagnosisMixin
from .flow import FlowLayout
from .ladder import Ladder
from .practicebar import PracticeBar
from .view import HEIGHT, WIDTH, ModeView
from .whatifbar import WhatIfBar

translate = QCoreApplication.translate
SPEEDS = (0.5, 1.0, 2.0, 4.0)
REFRESH_MS = 200  # at most 5 timeline refreshes a second, however fast events arrive
CATCH_UP = 3  # live: when more steps than this are waiting, jump to the newest
STIR_MS = 100  # the motion and the ladder look at new events at most ten times a second


class ModePanel(cl.PickerMixin, DiagnosisMixin, exporter.ExportMixin, QWidget):
    """Shows how the control and data connections of a picked connection are set up, step by step."""

    modeChanged = Signal(str)
    _export_failed = Signal(str, str)  # path, reason: from the export's worker thread

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("ModePanel")
        self.scene = sc.Scene()
        self._selected: Optional[int] = None
        self.connections = cl.ConnectionList()  # roles, names, order and the follow rule
        self._shown: Optional[sc.Step] = None  # the step object the view was last given
        self._position = 0
        self._playing = True
        self._live = True
        self._dirty = False
        self._shows_pause: Optional[bool] = None

        self.mode_box = QComboBox()
        for mode in MODES:
            self.mode_box.addItem(mode, mode)
        self.mode_box.currentIndexChanged.connect(self._on_mode_index)
        self.mode_label = mode_label = QLabel()
        mode_label.setBuddy(self.mode_box)

        self.connection_box = QComboBox()
        self.connection_box.currentIndexChanged.connect(self._on_connection_index)
        # long names are elided rather than widening the panel; the row wraps (FlowLayout) in a narrow dock
        self.connection_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.connection_box.setMinimumContentsLength(12)
        self.connection_label = conn_label = QLabel()
        conn_label.setBuddy(self.connection_box)
        self.follow_box = QComboBox()
        for follow in cl.FOLLOWS:
            self.follow_box.addItem(follow, follow)
        self.follow_box.currentIndexChanged.connect(self._on_follow_index)
        self.follow_label = follow_label = QLabel()
        follow_label.setBuddy(self.follow_box)

        top = FlowLayout()
        top.addWidget(mode_label)
        top.addWidget(self.mode_box)
        top.addSpacing(12)
        top.addWidget(conn_label)
        top.addWidget(self.connection_box, 1)
        top.addWidget(follow_label)
        top.addWidget(self.follow_box)

        self.view = ModeView()
        self.view.animationFinished.connect(self._on_animation_finished)

        style = self.style()
        self.back_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward), self.step_back)
        self.play_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), self.toggle_play)
        self.forward_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), self.step_forward
        )
        self.live_button = QToolButton()
        self.live_button.setCheckable(True)
        self.live_button.setChecked(True)
        self.live_button.toggled.connect(self.set_live)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self._on_slider)

        self.speed_box = QComboBox()
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.currentIndexChanged.connect(self._on_speed)

        self.export_button = QToolButton()
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_actions = [
            menu.addAction("png", lambda: self._ask_export("png")),
            menu.addAction("svg", lambda: self._ask_export("svg")),
            menu.addAction("txt", lambda: self._ask_export("txt")),
        ]
        self.export_button.setMenu(menu)

        self.whatif = WhatIfBar()  # what-if firewalls: imagined on the exchange shown, no traffic sent
        self.whatif.changed.connect(self._apply_walls)

        bottom = FlowLayout()
        for w in (self.back_button, self.play_button, self.forward_button, self.live_button):
            bottom.addWidget(w)
        bottom.addWidget(self.slider, 1)
        bottom.addWidget(self.speed_box)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        self.ladder = Ladder()  # the whole exchange as a sequence diagram, in a tab beside the picture
        self.ladder.stepClicked.connect(self._on_ladder_step)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.view, "")
        self.tabs.addTab(self.ladder, "")
        layout.addWidget(self.tabs)  # as tall as the picture needs at this width; the room to spare is below
        layout.addLayout(bottom)
        layout.addWidget(self.whatif)
        self.diagnosis = DiagnoseBar()
        self.diagnosis.recorded.connect(self._on_diagnosis_events)
        self.diagnosis.finished.connect(self._on_diagnosis)
        self.diagnosis.useMode.connect(self._use_mode)
        self.diagnosis.extras = self.diagnosis_pictures  # the support bundle's picture and ladder SVGs
        layout.addWidget(self.diagnosis)
        self.practice = PracticeBar()  # .started(host, port, user, password): the main window connects to it
        self.practice.started.connect(self._on_practice_started)
        self.practice.stopped.connect(self._on_practice_stopped)
        self.practice.switched.connect(self._on_practice_switched)
        self.practice.tryRequested.connect(lambda: self.practice.try_exchange(self.mode()))
        self.practice.exchangeStarted.connect(self._pick_practice)
        self.practice.exchangeEvent.connect(self.add_event)
        self._export_failed.connect(self._on_export_failed, Qt.ConnectionType.QueuedConnection)
        layout.addWidget(self.practice)
        # the spare height goes under the last row, not to the picture: the what-if table opens into it (and
        # then the panel grows and scrolls), so nothing above the table, its buttons included, ever moves
        layout.addStretch(1)
        self._diagnosis_ids: Dict[str, int] = {}
        self._pick_next: Optional[int] = None
        self._target_is_practice = False
        self._target_options = None  # the options the diagnosis target was given (the practice adapts them)

        for key, slot in (
            (Qt.Key.Key_Space, self.toggle_play),
            (Qt.Key.Key_Left, self.step_back),
            (Qt.Key.Key_Right, self.step_forward),
            (Qt.Key.Key_Home, self.go_first),
            (Qt.Key.Key_End, self.go_live),
        ):
            sc_ = QShortcut(QKeySequence(key), self.view)
            sc_.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc_.activated.connect(slot)

        self._stirred = False
        self._stir = QTimer(self)  # new events on the picked connection: motion and ladder look (10 Hz)
        self._stir.setSingleShot(True)
        self._stir.setInterval(STIR_MS)
        self._stir.timeout.connect(self._on_stir)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh)
        self.retranslate()

    def _button(self, icon, slot: Callable[[], None]) -> QToolButton:
        b = QToolButton()
        b.setIcon(icon)
        b.clicked.connect(slot)
        return b

    def retranslate(self) -> None:
        """Set every word of the panel in the installed language (again after a language change)."""
        self.setAccessibleName(translate("ModePanel", "Active and passive mode panel"))
        for i, mode in enumerate(MODES):
            self.mode_box.setItemText(i, nr.mode_name(mode))
        self.mode_box.setAccessibleName(translate("ModePanel", "Data connection mode"))
        self.mode_box.setToolTip(
            translate(
                "ModePanel",
                "Passive: the client dials the server's data port. Active: the server dials the client's. "
                "Auto: passive first, active if passive fails.",
            )
        )
        self.mode_label.setText(translate("ModePanel", "&Mode:"))
        self.connection_label.setText(translate("ModePanel", "&Connection:"))
        self.connection_box.setAccessibleName(translate("ModePanel", "Connection to show"))
        self.follow_label.setText(translate("ModePanel", "Fo&llow:"))
        for i, follow in enumerate(cl.FOLLOWS):
            self.follow_box.setItemText(i, cl.follow_name(follow))
        self.follow_box.setAccessibleName(translate("ModePanel", "Which connection the panel follows"))
        self.follow_box.setToolTip(
            translate(
                "ModePanel",
                "Latest activity: the connection that most recently opened a data connection or failed to. "
                "Browsing: the connection the file list uses. Transfers: the queue's connections. Picking a "
                "connection pins it.",
            )
        )
        for button, name in (
            (self.back_button, translate("ModePanel", "Previous step")),
            (self.forward_button, translate("ModePanel", "Next step")),
        ):
            button.setToolTip(name)
            button.setAccessibleName(name)
        self.live_button.setText(translate("ModePanel", "Live"))
        self.live_button.setAccessibleName(translate("ModePanel", "Follow the live connection"))
        self.live_button.setToolTip(translate("ModePanel", "Follow the newest steps as they happen"))
        self.slider.setAccessibleName(translate("ModePanel", "Timeline"))
        self.speed_box.setAccessibleName(translate("ModePanel", "Speed"))
        self.speed_box.setToolTip(translate("ModePanel", "Animation speed"))
        self.export_button.setText(translate("ModePanel", "E&xport"))  # Alt+E is the Edit menu
        self.export_button.setAccessibleName(translate("ModePanel", "Export the exchange"))
        for action, text in zip(
            self.export_actions,
            (
                translate("ModePanel", "Picture as PNG…"),
                translate("ModePanel", "Picture as SVG…"),
                translate("ModePanel", "Transcript as text…"),
            ),
            strict=True,
        ):
            action.setText(text)
        self.view.setAccessibleName(nr.labels()["picture"])
        self.tabs.setTabText(0, translate("ModePanel", "Picture"))
        self.tabs.setTabText(1, translate("ModePanel", "Ladder"))
        self.ladder.setAccessibleName(translate("ModePanel", "Every command, reply and connection, in time order"))
        self._shows_pause = None  # the play button's words too
        self._update_buttons()
        if self.scene.connections:
            self._sync_connections()
        self.view.update()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(int(WIDTH) + 12, int(HEIGHT) + 80)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        area = self.parentWidget().parentWidget() if self.parentWidget() is not None else None
        if isinstance(area, QScrollArea) and area.widget() is self:
            # in a scroll area (the dock's): its vertical bar always shown, so the panel's width (and with it
            # the picture's height and the rows' wrapping) stays the same when the what-if table makes it scroll
            area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    # --- the public API ---------------------------------------------------------------------------
    @Slot(object)
    def add_event(self, event: Event) -> None:
        """Feed one engine event of any connection (call on the GUI thread)."""
        if cl.watched(event):
            conn, changed = self._add_watched(event)
        else:  # replies, data connected/closed, progress: the most frequent events, on the shortest path
            conn, changed, new = self.scene.feed(event)
            if new:
                self._new_connection(conn)
        if conn is not None and conn.connection_id == self._selected and not self._stirred:  # coalesced
            self._stirred = True
            self._stir.start()
        if changed and not self._dirty and conn.connection_id == self._selected:
            self._dirty = True
            if not self._refresh_timer.isActive():
                self._refresh_timer.start()

    @Slot(list)
    def add_events(self, events: Sequence[Event]) -> None:
        """Feed a batch of engine events (cheaper than one signal per event when they come fast)."""
        for event in events:
            self.add_event(event)

    def set_mode(self, mode: str) -> None:
        """Show ``mode`` (passive, active or auto) as selected, without emitting ``modeChanged``."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode_box.blockSignals(True)
        self.mode_box.setCurrentIndex(MODES.index(mode))
        self.mode_box.blockSignals(False)

    def mode(self) -> str:
        return self.mode_box.currentData()

    def clear(self) -> None:
        """Forget every connection and step."""
        self.scene.clear()
        self.connections.forget()
        self._selected = None
        self._position = 0
        self._sync_connections()
        self.view.show_step(None, 0, animate=False)
        self._sync_ladder()
        self._update_buttons()

    @property
    def connection(self) -> Optional[sc.ConnectionScene]:
        return self.scene.connections.get(self._selected) if self._selected is not None else None

    @property
    def position(self) -> int:
        """The serial of the step shown."""
        return self._position

    def current_step(self) -> Optional[sc.Step]:
        conn = self.connection
        return conn.step(self._position) if conn is not None else None

    def narration(self) -> str:
        """The sentence under the picture (the what-if sentence while firewalls are imagined)."""
        return self.view.accessibleDescription()

    # --- timeline ---------------------------------------------------------------------------------
    def go_to(self, serial: int, animate: bool = False) -> None:
        conn = self.connection
        if conn is None or not conn.steps:
            return
        self._position = max(conn.first_serial, min(conn.last_serial, serial))
        self._shown = conn.step(self._position)
        self.view.show_step(conn, self._position, animate)
        self._sync_ladder()
        self.slider.blockSignals(True)
        self.slider.setRange(conn.first_serial, conn.last_serial)
        self.slider.setValue(self._position)
        self.slider.blockSignals(False)
        self._update_buttons()
        self._highlight_table()

    def step_forward(self) -> None:
        self._stop_following()
        self.go_to(self._position + 1, animate=True)

    def step_back(self) -> None:
        self._stop_following()
        self.go_to(self._position - 1, animate=True)

    def go_first(self) -> None:
        self._stop_following()
        conn = self.connection
        if conn is not None:
            self.go_to(conn.first_serial, animate=True)

    def go_live(self) -> None:
        self.live_button.setChecked(True)

    def toggle_play(self) -> None:
        self._playing = not self._playing
        if self._playing:
            conn = self.connection
            if conn is not None and self._position >= conn.last_serial and not self._live:
                self.go_to(conn.first_serial, animate=True)  # replay from the start
            elif not self.view.animating:
                self._advance()
        else:
            self.set_live(False)
            self.view.finish_animation()
        self._update_buttons()

    def set_live(self, live: bool) -> None:
        self._live = live
        self.live_button.blockSignals(True)
        self.live_button.setChecked(live)
        self.live_button.blockSignals(False)
        if live:
            self._playing = True
            self._refresh()
        self._update_buttons()

    def set_speed(self, speed: float) -> None:
        self.view.duration_ms = int(900 / speed)
        i = self.speed_box.findData(speed)
        if i >= 0 and i != self.speed_box.currentIndex():
            self.speed_box.setCurrentIndex(i)

    def _stop_following(self) -> None:
        self._playing = False
        self.set_live(False)

    def _advance(self) -> None:
        """Animate the next step, or in live mode jump ahead when far behind."""
        conn = self.connection
        if conn is None or not conn.steps:
            return
        last = self._live_limit(conn) if self._live else conn.last_serial
        if self._position < conn.first_serial:
            self.go_to(conn.first_serial, animate=True)
        elif self._position < last:
            behind = last - self._position
            target = last if self._live and behind > CATCH_UP else self._position + 1
            step = conn.step(target)
            if self._live and step is not None and step.exchange is not None and step.exchange.more:
                # a run of alike data connections (a tree of small files): each is the one before it again.
                # Live shows the newest as a still, a few times a second, instead of animating every one
                self.go_to(last, animate=False)
                return
            self.go_to(target, animate=True)
        elif self.current_step() is None:
            self.go_to(conn.last_serial, animate=False)  # the step shown was folded away
        else:
            if not self._live:
                self._playing = False
            self._update_buttons()

    def _live_limit(self, conn: sc.ConnectionScene) -> int:
        """How far live mode may go now; when steps are held back, look again once they have settled."""
        settled = conn.settled_serial(time.monotonic())
        if settled < conn.last_serial and not self._refresh_timer.isActive():
            self._refresh_timer.start(int(sc.FOLD_WAIT * 1000) + 10)
        last, before = conn.step(settled), conn.step(settled - 1)
        if last is not None and last.kind == sc.CONTROL_CLOSED and before is not None and before.kind == sc.FAILED:
            return settled - 1  # an attempt that failed and ended the session: Live ends on the failure
        return settled

    def _on_animation_finished(self) -> None:
        if self._playing:
            self._advance()

    def _refresh(self) -> None:
        """Catch up with the events that arrived since the last refresh (timer-driven, 5/s at most)."""
        self._refresh_timer.setInterval(REFRESH_MS)
        self._dirty = False
        conn = self.connection
        if conn is None:
            return
        self.slider.blockSignals(True)
        self.slider.setRange(conn.first_serial, conn.last_serial)
        self.slider.setValue(self._position)
        self.slider.blockSignals(False)
        if self._live and self._playing and not self.view.animating:
            self._advance()
        step = self.current_step()
        if step is not None and step is not self._shown and not self.view.animating:
            self.go_to(self._position)  # a fold put the newest data connection where the run's last one was
        elif step is not None and self.view.frame.serial == self._position:
            self.view.update()  # numbers filled in by a later event (DataChannelPlanned, a fold)
        self._update_buttons()

    def _update_buttons(self) -> None:
        conn = self.connection
        has = conn is not None and bool(conn.steps)
        self.back_button.setEnabled(has and self._position > conn.first_serial)
        self.forward_button.setEnabled(has and self._position < conn.last_serial)
        self.slider.setEnabled(has)
        self.play_button.setEnabled(has)
        playing = self._playing and has
        if playing != self._shows_pause:
            self._shows_pause = playing
            icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
            self.play_button.setIcon(self.style().standardIcon(icon))
            name = translate("ModePanel", "Pause") if playing else translate("ModePanel", "Play")
            self.play_button.setToolTip(name)
            self.play_button.setAccessibleName(name)

    # --- what-if firewalls ---------------------------------------------------------------------------
    def set_firewalls(self, walls: wi.Firewalls) -> None:
        """Imagine ``walls`` on the exchange shown; the picture stops the arrow they would stop."""
        self.whatif.set_firewalls(walls)
        self._apply_walls(walls)

    def firewalls(self) -> wi.Firewalls:
        return self.view.frame.walls

    def _apply_walls(self, walls: wi.Firewalls) -> None:
        self.view.set_walls(walls)
        self._highlight_table()
        self._sync_ladder()

    # --- the ladder ---------------------------------------------------------------------------------
    def _sync_ladder(self) -> None:
        """The ladder shows the picked connection with the step shown highlighted; in Live it follows."""
        self.ladder.show_connection(self.connection, self._position, self.view.frame.walls, self._live)

    def _on_stir(self) -> None:
        self._stirred = False
        self.view.note_activity()  # bytes moving, a connect attempt: the picture's motion starts or stops
        self.ladder.changed()  # rebuilt a little later, and only while it is shown

    def _on_ladder_step(self, serial: int) -> None:
        """A click on an arrow of the ladder: that step in the picture and the narration."""
        self._stop_following()
        self.go_to(serial, animate=True)

    def _highlight_table(self) -> None:
        """The table is linked to the picture: the mode of the exchange shown stands out."""
        conn, step = self.connection, self.current_step()
        ex = step.exchange if step is not None else None
        if ex is None and conn is not None:
            exchanges = conn.exchanges()
            ex = exchanges[-1] if exchanges else None
        self.whatif.highlight(ex.mode if ex is not None else None)

    # --- pickers ----------------------------------------------------------------------------------
    def _on_mode_index(self, index: int) -> None:
        self.modeChanged.emit(MODES[index])

    def _on_slider(self, value: int) -> None:
        self._stop_following()
        self.go_to(value, animate=False)

    def _on_speed(self, index: int) -> None:
        self.set_speed(self.speed_box.itemData(index))
