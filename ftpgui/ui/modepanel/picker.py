"""The mode panel's connection picker and its Follow choice: what the panel does with the follow rule's word.

The rule itself — which connection the panel shows without being asked — and the connections' names are in
``connections``; this mixin feeds the watched events through it, shows the connection it picks, and fills the
picker. Bytes moving on a connection not shown (``_bytes_moved``) bring the panel to it once the one shown has
gone quiet (note 179).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Tuple

from PySide6.QtCore import QCoreApplication, QTimer

from ftpgui import ftp  # (the events by name, loaded with the first one: design notes 229, 470)

from . import labelwords as lw
from . import record_of
from .connections import BROWSING, DIAGNOSIS, FOLLOWS, LATEST, PINNED, PRACTICE, follow_name

translate = QCoreApplication.translate
DWELL_SLACK_MS = 20  # looked at again a little after the dwell's end (the shown connection quiet by then)

if TYPE_CHECKING:
    from ftpgui.ftp.events import Event

    from . import scene as sc


class PickerMixin:
    """The panel's connection picker and Follow choice (mixed into ``ModePanel``, which owns the widgets:
    ``connection_box``, ``follow_box``, ``connections``, ``scene``, ``_selected``, ``_position``)."""

    _unpinned_follow = LATEST  # the Follow choice before the person pinned a connection (a new server's)
    _dwell_timer_made = None
    _dwell_end = 0.0  # when the dwell the timer waits out ends, on the events' clock (``time.monotonic()``)

    @property
    def _dwell_timer(self) -> QTimer:
        """Runs out when the dwell that held another connection's activity off ends (``_look_again``)."""
        timer = self._dwell_timer_made
        if timer is None:
            timer = self._dwell_timer_made = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._look_again(self._dwell_end))
        return timer

    def _add_watched(self, event: Event) -> Tuple[sc.ConnectionScene, bool]:
        """An event that may open a data connection, fail one, (re)connect, close or name a connection: feed
        it, then let the follow rule decide whether the panel moves to its connection."""
        from ftpgui.ftp.events import ControlClosed, ControlConnectFailed, ControlConnecting

        connections = self.scene.connections
        before = connections.get(event.connection_id)
        state = (before.open, before.dialling is None) if before is not None else None
        opened = before.data_connections if before is not None else 0
        conn, changed, new = self.scene.feed(event)
        if new:
            self.kept.learn(conn.connection_id)
        if isinstance(event, ControlConnecting):  # (its dial: activity, ``ConnectionList.newer``)
            self.connections.dialled(conn.connection_id, event.at)
        elif isinstance(event, (ControlClosed, ControlConnectFailed)):
            self.connections.ended(conn.connection_id, event.at)
        self._follow_rule(event, conn, new, conn.data_connections > opened, state)
        return conn, changed

    def _follow_rule(self, event: Event, conn: sc.ConnectionScene, new: bool, opened: bool, state) -> None:
        """After ``event`` was applied to ``conn``: show it, if the follow rule says so, or name it anew.
        ``opened``: the event started a data connection; ``state``: (open, not dialling) before it."""
        ControlClosed = ftp.ControlClosed  # (no import statement a call: design note 470)

        cid = conn.connection_id
        shown = self.scene.connections.get(self._selected)
        if new and cid == self._pick_next:
            self._new_connection(conn)
        elif self.connections.to_follow(event, conn, opened, shown):
            self._show(cid)
        elif cid == self._selected and type(event) is ControlClosed and self._show_newer(conn):
            pass  # the one shown closed: newer activity the dwell held off is shown now
        else:
            if new or (conn.open, conn.dialling is None) != state or self.connections.learn(event):
                self._sync_connections()  # a new name, or "(closed)" and its place in the list
            if opened and cid != self._selected:
                self._look_again(event.at)  # held off by the dwell: shown at its end if still under way (note 392)

    def _look_again(self, now: float) -> None:
        """The dwell held a connection's activity off (``now``: the event's time): at the dwell's end show the
        connection whose data connection is under way then, if the one shown has gone quiet (design note 392)."""
        shown = self.scene.connections.get(self._selected)
        unfed = self.kept.owners.keys() - self.kept.synced
        cid, at = self.connections.under_way(shown, self.scene.connections, now, unfed)
        if cid is not None:
            self._show(cid)
        elif at is not None:
            wait = max(0, int((at - now) * 1000)) + DWELL_SLACK_MS
            timer = self._dwell_timer
            if not timer.isActive() or timer.remainingTime() > wait:
                self._dwell_end = at  # (the events' clock: looked at again as of then)
                timer.start(wait)

    def _show_newer(self, closed: sc.ConnectionScene) -> bool:
        """``closed``, shown, just closed: show the connection with newer activity, if any (design note 382)."""
        later = self.connections.newer(closed, self.scene.connections)
        if later is not None:
            self._show(later)
        return later is not None

    def _bytes_moved(self, event: Event) -> bool:
        """A ``TransferProgress`` of any connection (before it is applied): show its connection when the follow
        rule says so (the one shown has gone quiet); True when the panel moved to it."""
        cid = event.connection_id
        if cid not in self.scene.connections:
            return False
        if self.connections.moved(event, self.scene.connections.get(self._selected)):
            self._show(cid)
            return True
        if cid != self._selected and not self._dwell_timer.isActive():
            self._look_again(event.at)  # (bytes held off by the dwell: looked at again at its end)
        return False

    def _new_connection(self, conn: sc.ConnectionScene) -> None:
        """A connection's first event: the practice exchange, or a diagnosis' probe while it runs, is shown at
        once; any other is listed."""
        if conn.connection_id == self._pick_next:
            if self.connections.role(conn.connection_id).kind != DIAGNOSIS:
                self.connections.set_role(conn.connection_id, PRACTICE)
            self._show(conn.connection_id)
        else:
            self._sync_connections()

    def watch(self, browser, queue) -> None:
        """Name connections by role: ``browser.connection`` browses (``browser`` may be a list: one
        RemoteBrowser a server tab), ``queue.connections()`` transfer files (the main window's TransferQueue)."""
        self.connections.watch(browser, queue)
        if queue is not None and hasattr(queue, "recorder"):
            queue.recorder = record_of  # its transfer processes keep their scenes (``kept``)

    def watch_browser(self, browser, watched: bool = True) -> None:
        """A server tab's browser opened (``watched``) or closed: its connection is named "Browsing"."""
        if watched:
            self.connections.add_browser(browser)
        else:
            self.connections.remove_browser(browser)
        self._sync_connections()  # (the tabs' numbers in the names: a tab closed moves those after it)

    def set_follow(self, follow: str) -> None:
        """Follow the latest activity, the browsing connection, the transfers, or (pinned) the one shown."""
        self.follow_box.setCurrentIndex(FOLLOWS.index(follow))

    def follow(self) -> str:
        return self.connections.follow

    def select_connection(self, connection_id: int, pin: bool = True) -> None:
        """Show ``connection_id``; ``pin`` keeps it shown whatever the other connections do."""
        if connection_id not in self.scene.connections:
            raise KeyError(f"no connection {connection_id} in the panel")
        if pin:
            self.set_follow(PINNED)
            self.connections.pinned = connection_id
        self._show(connection_id, live=False)

    def follow_new_server(self) -> None:
        """The person connects (quick connect, a recent server, a site, the practice server): the panel goes to
        the new browsing connection at its first event. A pin ends — it was on a connection of the server the
        window leaves (or on what a diagnosis showed) —, and Follow is what it was before the pin (QA: the panel
        stayed on a closed diagnosis connection to the server left, design note 381). A diagnosis running holds the
        panel no more: its next probes are listed, not shown (note 450)."""
        self.connections.diagnosing = False
        if self.connections.follow == PINNED:
            self.set_follow(self._unpinned_follow)

    def _show(self, cid: int, live: bool = True) -> None:
        """Show connection ``cid`` (picked by the follow rule, or by the program): its newest step, live."""
        if cid != self._selected:
            self._select(cid)
            conn = self.connection
            # a connection seen from its start plays from its first step; one joined late, from its newest
            self._position = max(0, conn.last_serial - 1) if conn is not None and len(conn.steps) > 1 else 0
            self._shown = None
            # a step still moving is the connection shown before: not a moment more under this one's name
            self.view.finish_animation()
        self._sync_connections()
        if live:
            self.set_live(True)
        elif self.connection is not None:
            self.go_to(self.connection.last_serial)

    def _sync_connections(self) -> None:
        scene = self._scene  # (none before the first event: no connection to list, and no scene made for that)
        connections = scene.connections if scene is not None else {}
        self._drop_closed(connections)
        box = self.connection_box
        box.blockSignals(True)
        box.clear()
        order = self.connections.ordered(connections)
        for cid, name in zip(order, self.connections.names(connections, order), strict=True):
            box.addItem(name, cid)
        if self._selected not in connections:
            self._select(order[0] if order else None)
            self._position = 0
        if self._selected is not None:
            box.set_current(box.findData(self._selected))
        box.blockSignals(False)
        if self._selected is not None and self._position == 0:
            self._refresh()
        self._update_shown_mode()
        self._sync_follow_words()

    def _sync_follow_words(self) -> None:
        """Under a pin, the Follow box says what is shown: the pinned connection ("This connection (pinned)"), or
        a diagnosis' attempt shown meanwhile ("Pinned (diagnosis shown)"), which does not take the pin (QA: it
        said "This connection (pinned)" over the diagnosis' attempt — design note 389)."""
        pinned, selected = self.connections.pinned, self._selected
        showing = ""
        if self.connections.follow == PINNED and pinned is not None and selected is not None and selected != pinned:
            showing = DIAGNOSIS if self.connections.role(selected).kind == DIAGNOSIS else "other"
        text = follow_name(PINNED, showing)
        index = FOLLOWS.index(PINNED)
        if self.follow_box.itemText(index) != text:
            self.follow_box.setItemText(index, text)

    def _update_shown_mode(self) -> None:
        """The Mode box and its note are about the browsing connection of the tab shown, or with nothing
        connected there, the next connection. Any other connection shown in the picker (a transfer, a closed
        one, another tab's, a diagnosis's) has its own mode said beside the picker — the mode of its newest data
        connection, the one the picture shows last — as has the tab's own when it differs from the box
        (Auto in the box, passive used). Nothing is said before a connection's first data connection (design
        note 368; QA: "Transfer 4" in active mode beside "Passive (the default)")."""
        conn = self.connection
        mode = None
        if conn is not None:
            mode = next((s.exchange.mode for s in reversed(conn.steps) if s.exchange is not None), None)
        about = conn is not None and not self._mode_is_next and conn.open and self._is_shown_browsing(conn)
        said = mode is not None and not (about and mode == self.mode())
        if said:
            self.shown_mode.setText(translate("ModePanel", "This connection: {mode}").format(mode=lw.mode_word(mode)))
        self.shown_mode.setVisible(said)

    def _is_shown_browsing(self, conn: sc.ConnectionScene) -> bool:
        """``conn`` is the browsing connection of the server tab shown (the one the Mode box is about)."""
        role = self.connections.role(conn.connection_id)
        shown = self.connections.shown_browser
        return role.kind == BROWSING and (shown is None or role.owner is shown)

    def _drop_closed(self, connections: Dict[int, sc.ConnectionScene]) -> None:
        """Forget the closed connections beyond the last ``CLOSED_KEPT`` to close: never the one shown (or
        about to be), nor the last diagnosis's attempts (its export draws them)."""
        keep = {self._selected, self._pick_next, self.connections.pinned, *self._diagnosis_ids.values()}
        for cid in self.connections.to_drop(connections, keep):
            del connections[cid]
            self.connections.drop(cid)
            self.kept.forget(cid)

    def _on_connection_index(self, index: int) -> None:
        """The person picked a connection: it stays shown (pinned) until they choose what to follow."""
        cid = self.connection_box.itemData(index)
        if cid is None or cid == self._selected:
            return
        self.connections.diagnosing = False  # (a diagnosis' next probe is not shown over the person's pick)
        self.set_follow(PINNED)
        self.connections.pinned = cid
        self._select(cid)
        conn = self.connection
        self.go_to(conn.last_serial if conn is not None else 0, animate=False)
        self._update_shown_mode()
        self._sync_follow_words()

    def _on_follow_index(self, index: int) -> None:
        follow = self.follow_box.itemData(index)
        self.connections.follow = follow
        self.connections.diagnosing = False  # (Follow chosen: a diagnosis' next probe is not shown over it)
        if follow == PINNED:
            self.connections.pinned = self._selected  # (a connection picked: that one, ``_on_connection_index``)
            self._sync_follow_words()
            return
        self.connections.pinned = None
        self._sync_follow_words()
        self._unpinned_follow = follow
        cid = self.connections.pick(self.scene.connections)  # what that choice shows now
        if cid is not None:
            self._show(cid)
