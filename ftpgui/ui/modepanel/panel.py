"""``ModePanel``: the dockable widget: mode selector, connection picker, the picture and its timeline.

The main window feeds it every engine event (``add_event``, on the GUI thread); the panel keeps a
bounded scene per connection and shows the one the person picked. Feeding is O(1) and repaints are
coalesced by a timer, so the panel never slows a transfer.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Dict, Optional, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ftpgui.ftp.control import format_address
from ftpgui.ftp.events import Event
from ftpgui.ftp.session import MODES

from . import export as exporter
from . import narration as nr
from . import scene as sc
from . import whatif as wi
from .diagnosebar import DiagnoseBar, Target
from .practicebar import PracticeBar
from .view import HEIGHT, WIDTH, Frame, ModeView
from .whatifbar import WhatIfBar

translate = QCoreApplication.translate
SPEEDS = (0.5, 1.0, 2.0, 4.0)
REFRESH_MS = 200  # at most 5 timeline refreshes a second, however fast events arrive
CATCH_UP = 3  # live: when more steps than this are waiting, jump to the newest


class ModePanel(QWidget):
    """Shows how the control and data connections of a picked connection are set up, step by step."""

    modeChanged = Signal(str)
    _export_failed = Signal(str, str)  # path, reason: from the export's worker thread

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("ModePanel")
        self.scene = sc.Scene()
        self._selected: Optional[int] = None
        self._labels: Dict[int, str] = {}
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
        self.connection_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.connection_label = conn_label = QLabel()
        conn_label.setBuddy(self.connection_box)

        top = QHBoxLayout()
        top.addWidget(mode_label)
        top.addWidget(self.mode_box)
        top.addSpacing(12)
        top.addWidget(conn_label)
        top.addWidget(self.connection_box, 1)

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

        bottom = QHBoxLayout()
        for w in (self.back_button, self.play_button, self.forward_button, self.live_button):
            bottom.addWidget(w)
        bottom.addWidget(self.slider, 1)
        bottom.addWidget(self.speed_box)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.whatif)
        self.diagnosis = DiagnoseBar()
        self.diagnosis.recorded.connect(self._on_diagnosis_events)
        self.diagnosis.finished.connect(self._on_diagnosis)
        self.diagnosis.useMode.connect(self._use_mode)
        layout.addWidget(self.diagnosis)
        self.practice = PracticeBar()  # .started(host, port, user, password): the main window connects to it
        self.practice.started.connect(self._on_practice_started)
        self.practice.stopped.connect(self._on_practice_stopped)
        self.practice.tryRequested.connect(lambda: self.practice.try_exchange(self.mode()))
        self.practice.exchangeStarted.connect(self._pick_practice)
        self.practice.exchangeEvent.connect(self.add_event)
        self._export_failed.connect(self._on_export_failed, Qt.ConnectionType.QueuedConnection)
        layout.addWidget(self.practice)
        self._diagnosis_ids: Dict[str, int] = {}
        self._pick_next: Optional[int] = None
        self._target_is_practice = False

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

    # --- the public API ---------------------------------------------------------------------------
    @Slot(object)
    def add_event(self, event: Event) -> None:
        """Feed one engine event of any connection (call on the GUI thread)."""
        conn, changed, new = self.scene.feed(event)
        if new and conn.connection_id == self._pick_next:
            self._labels[conn.connection_id] = translate("ModePanel", "Practice")
            self._selected = conn.connection_id
            self._position = 0
            self.set_live(True)
        if new:
            self._sync_connections()
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

    def set_connection_label(self, connection_id: int, label: str) -> None:
        """Name a connection in the picker ("Browsing", "Transfer 2")."""
        self._labels[connection_id] = label
        self._sync_connections()

    def select_connection(self, connection_id: int) -> None:
        i = self.connection_box.findData(connection_id)
        if i < 0:
            raise KeyError(f"no connection {connection_id} in the panel")
        self.connection_box.setCurrentIndex(i)

    def clear(self) -> None:
        """Forget every connection and step."""
        self.scene.clear()
        self._selected = None
        self._position = 0
        self._sync_connections()
        self.view.show_step(None, 0, animate=False)
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
        self.view.show_step(conn, self._position, animate)
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
        elif self.current_step() is not None and self.view.frame.serial == self._position:
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

    # --- diagnosis ---------------------------------------------------------------------------------
    def set_diagnose_target(
        self, host: Optional[str], port: int = 21, user: str = "anonymous", password: str = "", options=None
    ) -> None:
        """The server "Diagnose this server" tries (None: none). The password stays in memory only."""
        self.diagnosis.set_target(Target(host, port, user, password, options) if host else None)
        self._target_is_practice = False

    def _on_diagnosis_events(self, events: list, mode: str) -> None:
        self.add_events(events)
        if events:
            cid = events[0].connection_id
            self._diagnosis_ids[mode] = cid
            self.set_connection_label(cid, translate("ModePanel", "Diagnosis: {mode}").format(mode=nr.mode_name(mode)))

    def _on_diagnosis(self, found) -> None:
        """Show the attempt that failed (its arrow stopped where it failed), else the passive one."""
        if found is None:
            return
        failing = next((m for m, r in found.modes.items() if not r.ok), "passive")
        cid = self._diagnosis_ids.get(failing)
        if cid is None or cid not in self.scene.connections:
            return
        self._stop_following()
        self.select_connection(cid)
        conn = self.connection
        failed = next((s for s in conn.steps if s.kind == sc.FAILED), None)
        self.go_to(failed.serial if failed is not None else conn.last_serial, animate=True)

    def _use_mode(self, mode: str) -> None:
        self.set_mode(mode)
        self.modeChanged.emit(mode)

    def _on_practice_started(self, host: str, port: int, user: str, password: str) -> None:
        if self.diagnosis.target is None:  # nothing else to diagnose: the practice server is the target
            self.set_diagnose_target(host, port, user, password)
            self._target_is_practice = True

    def _pick_practice(self, connection_id: int) -> None:
        """The practice exchange is starting: show it as soon as it speaks."""
        self._pick_next = connection_id

    def _on_practice_stopped(self) -> None:
        if self._target_is_practice:
            self.set_diagnose_target(None)

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

    def _highlight_table(self) -> None:
        """The table is linked to the picture: the mode of the exchange shown stands out."""
        conn, step = self.connection, self.current_step()
        ex = step.exchange if step is not None else None
        if ex is None and conn is not None:
            exchanges = conn.exchanges()
            ex = exchanges[-1] if exchanges else None
        self.whatif.highlight(ex.mode if ex is not None else None)

    # --- pickers ----------------------------------------------------------------------------------
    def _sync_connections(self) -> None:
        box = self.connection_box
        box.blockSignals(True)
        box.clear()
        for cid, conn in sorted(self.scene.connections.items()):
            label = self._labels.get(cid) or translate("ModePanel", "Connection {number}").format(number=cid)
            if conn.server is not None:
                label += f" ({format_address(conn.server)})"
            box.addItem(label, cid)
        if self._selected not in self.scene.connections:
            self._selected = next(iter(sorted(self.scene.connections)), None)
            self._position = 0
        if self._selected is not None:
            box.setCurrentIndex(box.findData(self._selected))
        box.blockSignals(False)
        if self._selected is not None and self._position == 0:
            self._refresh()

    def _on_connection_index(self, index: int) -> None:
        cid = self.connection_box.itemData(index)
        if cid is None or cid == self._selected:
            return
        self._selected = cid
        conn = self.connection
        self.go_to(conn.last_serial if conn is not None else 0, animate=False)

    def _on_mode_index(self, index: int) -> None:
        self.modeChanged.emit(MODES[index])

    def _on_slider(self, value: int) -> None:
        self._stop_following()
        self.go_to(value, animate=False)

    def _on_speed(self, index: int) -> None:
        self.set_speed(self.speed_box.itemData(index))

    # --- export -----------------------------------------------------------------------------------
    def _ask_export(self, kind: str) -> None:
        filters = {
            "png": translate("ModePanel", "PNG image (*.png)"),
            "svg": translate("ModePanel", "SVG drawing (*.svg)"),
            "txt": translate("ModePanel", "Text (*.txt)"),
        }
        path, _ = QFileDialog.getSaveFileName(
            self, translate("ModePanel", "Export"), exporter.suggested_path(kind), filters[kind]
        )
        if not path:
            return
        exporter.remember_folder(path)
        data = self._render(kind)  # painting stays on the GUI thread; writing the bytes does not
        report = self._export_failed.emit

        def work() -> None:
            try:
                exporter.write_atomically(path, data)
            except OSError as exc:
                report(path, str(exc.strerror or exc))

        threading.Thread(target=work, name="ftpgui-export", daemon=True).start()

    def _on_export_failed(self, path: str, reason: str) -> None:
        QMessageBox.warning(
            self,
            translate("ModePanel", "Export"),
            translate("ModePanel", "Could not write {path}: {reason}").format(path=path, reason=reason),
        )

    def _frame(self) -> Frame:
        return Frame(self.connection, self._position, 1.0, self.view.frame.walls)

    def _render(self, kind: str) -> bytes:
        if kind == "png":
            return exporter.render_png(self._frame(), self.palette(), self.font())
        if kind == "svg":
            return exporter.render_svg(self._frame(), self.palette(), self.font(), self.narration())
        return self.transcript().encode("utf-8")

    def export_png(self, path: str) -> None:
        """The picture at the step shown, as a PNG at twice the logical size."""
        exporter.write_atomically(path, self._render("png"))

    def export_svg(self, path: str) -> None:
        """The picture at the step shown, as SVG."""
        exporter.write_atomically(path, self._render("svg"))

    def export_transcript(self, path: str) -> None:
        """Commands and replies (passwords masked) and the narrated steps, as UTF-8 text."""
        exporter.write_atomically(path, self._render("txt"))

    def transcript(self) -> str:
        """Commands and replies of the picked connection (passwords masked), then the narrated steps."""
        conn = self.connection
        if conn is None:
            return ""
        lines = [conn.transcript_text().rstrip("\n"), "", translate("ModePanel", "Steps:")]
        for step in conn.steps:
            lines.append(f"{step.serial}. {nr.narrate(conn, step)}")
        return "\n".join(lines) + "\n"
