"""``ModePanel``: the dockable widget: mode selector, connection picker, the picture and its timeline.

The main window feeds it every engine event (``add_event``, on the GUI thread); the panel keeps a
bounded scene per connection and shows the one the person picked. Feeding is O(1) and repaints are
coalesced by a timer, so the panel never slows a transfer. Its widgets are built, and their words set, in
``panelcontrols``; this module has the state, the events and the timeline.

The first window builds the panel before any connection has spoken: the scene (``scene``, made when first
asked for) and what draws, narrates, imagines and exports an exchange are imported with the first engine event
the panel is fed, or when the person first opens the Ladder, What if or Export (``ftpgui.ui.later`` imports
them once the window is up, a module at a time).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Dict, Optional, Sequence

from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QStyle,
    QWidget,
)

from ftpgui import ftp  # (the events by name, loaded with the first one: design notes 229, 470)
from ftpgui.ftp.options import MODES

from . import connections as cl
from .diagnosebar import DiagnosisMixin
from .exportmenu import ExportMixin
from .kept import KeptScenes
from .panelcontrols import PanelControls
from .picker import PickerMixin
from .probes import ProbesMixin

if TYPE_CHECKING:
    from ftpgui.ftp.events import Event

    from . import scene as sc
    from . import whatif as wi

translate = QCoreApplication.translate
REFRESH_MS = 200  # at most 5 timeline refreshes a second, however fast events arrive
CATCH_UP = 3  # live: when more steps than this are waiting, jump to the newest
STIR_MS = 100  # the motion and the ladder look at new events at most ten times a second


class ModePanel(PanelControls, PickerMixin, DiagnosisMixin, ProbesMixin, ExportMixin, QWidget):
    """Shows how the control and data connections of a picked connection are set up, step by step."""

    modeChanged = Signal(str)  # the person picked a mode in the box
    useRecommended = Signal(str)  # the diagnosis' "Use … for this site" (or "… for this connection")
    _export_failed = Signal(str, str)  # path, reason: from the export's worker thread

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("ModePanel")
        self._scene: Optional[sc.Scene] = None  # (made when first asked for: ``scene``)
        self._selected: Optional[int] = None
        self.connections = cl.ConnectionList()  # roles, names, order and the follow rule
        self.kept = KeptScenes(self)  # the connections that keep their own scene (the queue's)
        self._shown: Optional[sc.Step] = None  # the step object the view was last given
        self._position = 0
        self._playing = True
        self._live = True
        self._dirty = False
        self._shows_pause: Optional[bool] = None

        self._build_controls()
        self._diagnosis_ids: Dict[str, int] = {}
        self._pick_next: Optional[int] = None
        self._streamed: Dict[int, list] = {}  # the running diagnosis' connections → their events (``probes``)
        self._target_is_practice = False
        self._target_options = None  # the options the diagnosis target was given (the practice adapts them)

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

    @property
    def scene(self) -> sc.Scene:
        """Every connection's scene: made, with the scene's module, when first asked for (the first event)."""
        scene = self._scene
        if scene is None:
            from .scene import Scene

            scene = self._scene = Scene()
        return scene

    # --- the public API ---------------------------------------------------------------------------
    @Slot(object)
    def add_event(self, event: Event) -> None:
        """Feed one engine event of any connection (call on the GUI thread)."""
        from ftpgui.ftp.events import TransferProgress  # (not with the first window: design note 229)

        if type(event) is TransferProgress:
            self._bytes_moved(event)  # (bytes moving on a connection not shown may bring the panel to it)
        if cl.watched(event):
            conn, changed = self._add_watched(event)
            self._attempt_replaced(conn)
        else:  # replies, data connected/closed, progress: the most frequent events, on the shortest path
            conn, changed, new = self.scene.feed(event)
            if new:
                self.kept.learn(conn.connection_id)
                self._new_connection(conn)
        if conn is not None and conn.connection_id == self._selected and not self._stirred:  # coalesced
            self._stirred = True
            self._stir.start()
        if changed and not self._dirty and conn.connection_id == self._selected:
            self._dirty = True
            if not self._refresh_timer.isActive():
                self._refresh_timer.start()

    def _attempt_replaced(self, conn: sc.ConnectionScene) -> None:
        """The connect attempt shown succeeded, and the connection's own step took its place (``_control_up``):
        shown at once, not at the next refresh — the attempt's words ("waits up to 30 s for an answer") were no
        longer true, and that step is in the timeline no more (design note 290)."""
        from .model import CONTROL_DIAL

        shown = self._shown
        if shown is None or shown.kind != CONTROL_DIAL or conn.connection_id != self._selected:
            return
        if conn.step(self._position) is not shown:
            self.go_to(self._position)

    @Slot(list)
    def add_events(self, events: Sequence[Event]) -> None:
        """Feed a batch of engine events (cheaper than one signal per event when they come fast).

        The same as ``add_event`` for each, on a shorter path for the many events of a known connection that
        the follow rule does not read (replies, data connected and closed): they go straight to their
        connection's scene, and the picked connection's timers are started once for the run of them. A
        command or a planned data connection is applied first too, and goes on through the follow rule only
        when it opened a data connection (or names the connection: USER).

        Of a connection whose scene its transfer process keeps (``kept``) and that is not shown, only what
        names it, (re)connects, closes or fails it goes on the full path, and a planned data connection
        only through the follow rule: its scene comes from the process when it is shown."""
        command, planned, progress = ftp.CommandSent, ftp.DataChannelPlanned, ftp.TransferProgress  # (note 470)

        connections = self.scene.connections
        watched, opening = cl.kinds()
        kept, synced = self.kept.owners, self.kept.synced
        selected = self._selected
        stir = dirty = False  # the picked connection had events / its timeline changed, not yet acted on
        for event in events:
            cid = event.connection_id
            conn = connections.get(cid)
            kind = type(event)
            if kind is progress and conn is not None:  # bytes moving: the follow rule may show their connection
                if cid != selected and (stir or dirty):
                    self._picked_changed(stir, dirty)
                    stir = dirty = False
                if self._bytes_moved(event):
                    selected = self._selected
            if conn is not None and cid in kept and cid not in synced:  # its scene is kept by its process
                full = (kind in watched and kind not in opening) or (
                    kind is command and event.text[:5].upper() == "USER "
                )
                if full or kind is planned:
                    if stir or dirty:
                        self._picked_changed(stir, dirty)
                        stir = dirty = False
                    if full:
                        self.add_event(event)
                    else:  # it opened a data connection: the follow rule may show it
                        self._follow_rule(event, conn, False, True, (conn.open, conn.dialling is None))
                    selected = self._selected
                continue
            if conn is None or (kind in watched and kind not in opening):
                if stir or dirty:
                    self._picked_changed(stir, dirty)
                    stir = dirty = False
                self.add_event(event)  # the follow rule, a new connection: the full path
                selected = self._selected
                continue
            if kind in opening:  # a command, a data connection planned: the follow rule if it opened one
                before = conn.data_connections
                changed = conn.feed(event)
                opened = conn.data_connections != before
                if opened or (kind is command and event.text[:5].upper() == "USER "):
                    if stir or dirty:
                        self._picked_changed(stir, dirty)
                        stir = dirty = False
                    state = (conn.open, conn.dialling is None)  # (neither event changes it)
                    self._follow_rule(event, conn, False, opened, state)
                    selected = self._selected
            else:  # replies, data connected and closed, progress: the most frequent events
                changed = conn.feed(event)
            if conn.connection_id == selected:
                stir = True
                if changed:
                    dirty = True
        if stir or dirty:
            self._picked_changed(stir, dirty)

    def _picked_changed(self, stir: bool, changed: bool) -> None:
        """The picked connection had events (``stir``) and its timeline ``changed``: as ``add_event`` does."""
        if stir and not self._stirred:
            self._stirred = True
            self._stir.start()
        if changed and not self._dirty:
            self._dirty = True
            if not self._refresh_timer.isActive():
                self._refresh_timer.start()

    def set_mode(self, mode: str) -> None:
        """Show ``mode`` (passive, active or auto) as selected, without emitting ``modeChanged``."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode_box.blockSignals(True)
        self.mode_box.setCurrentIndex(MODES.index(mode))
        self.mode_box.blockSignals(False)
        self._update_shown_mode()

    def mode(self) -> str:
        return self.mode_box.currentData()

    def clear(self) -> None:
        """Forget every connection and step."""
        self.scene.clear()
        self.connections.forget()
        self.kept.clear()
        self._select(None)
        self._position = 0
        self._sync_connections()
        self.view.show_step(None, 0, animate=False)
        self._sync_ladder()
        self._update_buttons()

    @property
    def connection(self) -> Optional[sc.ConnectionScene]:
        """The picked connection's scene (None while it is on its way from the process that keeps it)."""
        cid = self._selected
        if cid is None or cid in self.kept.awaiting:
            return None
        return self.scene.connections.get(cid)

    def _select(self, cid: Optional[int]) -> None:
        """Pick ``cid`` (a connection whose scene a process keeps: ask for it)."""
        old, self._selected = self._selected, cid
        if cid != old:
            self.kept.shown(old, cid)
            if cid is not None and self.connection is None:  # on its way: no other connection's step meanwhile
                self._position, self._shown = 0, None
                self.view.show_step(None, 0, False)  # ("Waiting for a connection's events…")
                self._sync_ladder()

    @Slot(int, bytes, bool)
    def _on_recorded(self, cid: int, data: bytes, final: bool) -> None:
        self.kept.arrived(cid, data, final)

    @Slot(int)
    def _on_record_lost(self, cid: int) -> None:
        self.kept.lost(cid)

    def _record_applied(self, cid: int) -> None:
        """The scene of ``cid`` came from the process that keeps it (or will not): show it as ``_show`` does."""
        if cid != self._selected:
            return
        conn = self.connection
        self._position = max(0, conn.last_serial - 1) if conn is not None and len(conn.steps) > 1 else 0
        self._shown = None
        self._sync_connections()
        if conn is not None and conn.steps:
            self.go_to(self._position)  # (ends what the picture was doing)
        self.set_live(self._live)
        if not self._live and conn is not None:
            self.go_to(conn.last_serial)

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
            if self._live and step is not None and step.exchange is not None and conn.in_run(step.exchange):
                # a run of alike data connections (a tree of small files): each is the one before it again.
                # Live shows the newest as a still, a few times a second, instead of animating every one (the
                # one still being set up too: animating it for 0.9 s, five times a second, is 25 repaints a
                # second of a picture that says nothing new)
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
        from . import scene as sc

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
            # numbers filled in by a later event (DataChannelPlanned, a fold), the first bytes of a transfer:
            # the words under the picture too
            self.view.refresh_words()
        self._update_buttons()
        self._update_shown_mode()  # (a new data connection: its mode)

    def _update_buttons(self) -> None:
        conn = self.connection
        has = conn is not None and bool(conn.steps)
        self.back_button.setEnabled(has and self._position > conn.first_serial)
        self.forward_button.setEnabled(has and self._position < conn.last_serial)
        self.slider.setEnabled(has)
        self.play_button.setEnabled(has)
        self.export_button.setEnabled(has)  # (with nothing shown it wrote an empty transcript, a "waiting" picture)
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
        self._update_shown_mode()

    def _on_slider(self, value: int) -> None:
        self._stop_following()
        self.go_to(value, animate=False)

    def _on_speed(self, index: int) -> None:
        self.set_speed(self.speed_box.itemData(index))
