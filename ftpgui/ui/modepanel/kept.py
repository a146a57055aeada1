"""Connections whose scene is kept where their events are made: the queue's transfer connections.

A transfer connection — a process (``transfers.procconn``) or a thread (``transfers.worker``) — feeds every
event to a ``ConnectionScene`` of its own. The panel then applies, of such a connection's events, only what it
needs while it does not show it — what names it, opens or closes it, or moves the follow rule
(``ModePanel.add_events``) — and when it shows it, asks for that scene and applies every event from there on.
The scene arrives between the events before and after it, so nothing is applied twice or missed. A closed
connection's last scene comes by itself and is unpacked only if the person looks at it.

During a 2,000-file tree with four transfer connections this takes the panel's feeding on the GUI thread
from every one of ~18,000 events to a quarter of them (issue 16 item 3; ``bench_queue.py --only panel``).
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Set

from PySide6.QtCore import QTimer

RECORD_WAIT_MS = 3000  # a scene asked for and not come by then (its process ended?): show what the panel has


class KeptScenes:
    """Which connections keep their scene elsewhere, and which of them the panel has a whole scene of."""

    def __init__(self, panel: Any) -> None:
        self.panel = panel
        self.owners: Dict[int, Any] = {}  # connection id → its connection object, until it has closed
        self.synced: Set[int] = set()  # whole here: fed every event since its scene came (the one shown)
        self.awaiting: Dict[int, int] = {}  # asked for and not come yet → the number of that request
        self.stored: Dict[int, bytes] = {}  # a closed connection's last scene, unpacked when it is shown
        self._asked = 0

    def learn(self, cid: int) -> None:
        """A connection's first event: note whether it keeps its own scene."""
        if cid in self.owners:
            return
        owner = self.panel.connections.owner(cid)
        if owner is None or not getattr(owner, "keeps_record", False):
            return
        self.owners[cid] = owner
        owner.recorded.connect(self.panel._on_recorded)  # (gone with the panel, whichever ends first)
        owner.recordLost.connect(self.panel._on_record_lost)
        if cid == self.panel._selected:
            self._want(cid)

    def shown(self, old: Optional[int], new: Optional[int]) -> None:
        """The panel shows ``new`` instead of ``old``."""
        if old in self.owners:
            self.synced.discard(old)  # from now on only what names, opens or closes it is applied here
            self.awaiting.pop(old, None)
        if new is not None and new not in self.synced and (new in self.owners or new in self.stored):
            self._want(new)

    def _want(self, cid: int) -> None:
        data = self.stored.pop(cid, None)
        if data is not None:
            self._apply(cid, data)
        elif cid in self.owners and self._ask(self.owners[cid]):
            self._asked += 1
            number = self.awaiting[cid] = self._asked
            QTimer.singleShot(RECORD_WAIT_MS, self.panel, lambda: self._late(cid, number))
        else:  # its process has ended without leaving its scene
            self.lost(cid)

    @staticmethod
    def _ask(owner: Any) -> bool:
        try:
            return owner.request_record()
        except RuntimeError:  # the queue has deleted the closed connection (its last scene never came)
            return False

    def _late(self, cid: int, number: int) -> None:
        """The scene asked for (request ``number``) has not come: show what the panel has meanwhile (the
        scene is still applied if it comes)."""
        if self.awaiting.get(cid) == number:
            del self.awaiting[cid]
            self.panel._record_applied(cid)

    def arrived(self, cid: int, data: bytes, final: bool) -> None:
        """A transfer connection's scene of ``cid`` (``final``: it has closed, nothing follows). It holds every
        event before it and none after, so whenever it comes for the connection shown and not yet whole
        here, applying it and then every event after it makes it whole."""
        self.awaiting.pop(cid, None)
        if final:
            self._release(cid)  # it is ending
        if cid == self.panel._selected and cid not in self.synced:
            self._apply(cid, data)
        elif final and cid not in self.synced and cid in self.panel.scene.connections:
            known = self.panel.scene.connections
            for gone in [c for c in self.stored if c not in known]:  # (forgotten meanwhile)
                del self.stored[gone]
            self.stored[cid] = data  # a closed connection not shown: kept packed until someone looks

    def lost(self, cid: int) -> None:
        """The process of ``cid`` ended without leaving its scene (killed; a new one, if the queue starts one,
        keeps none): a connection not whole here starts again from nothing rather than show a scene that
        missed events; from now on it is fed every event, as a thread's connection is."""
        if cid not in self.owners and cid not in self.awaiting and cid not in self.stored:
            return
        self._release(cid)
        self.awaiting.pop(cid, None)
        self.stored.pop(cid, None)
        if cid in self.synced:
            self.synced.discard(cid)  # whole here already: it goes on as it is
            return
        connections = self.panel.scene.connections
        if cid in connections:
            from .scene import ConnectionScene

            connections[cid] = ConnectionScene(cid)
        self.panel._record_applied(cid)

    def _release(self, cid: int) -> None:
        owner = self.owners.pop(cid, None)
        if owner is None:
            return
        for signal, slot in ((owner.recorded, self.panel._on_recorded), (owner.recordLost, self.panel._on_record_lost)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # (already gone)
                pass

    def _apply(self, cid: int, data: bytes) -> None:
        connections = self.panel.scene.connections
        if cid not in connections:
            return  # forgotten meanwhile
        import pickle

        from .scene import ConnectionScene

        try:
            scene = pickle.loads(data)  # (from the app's own transfer connection, never from a server)
        except Exception:
            scene = None
        if not isinstance(scene, ConnectionScene) or scene.connection_id != cid:
            self.lost(cid)  # (it could not keep it)
            return
        connections[cid] = scene
        self.synced.add(cid)
        self.panel._record_applied(cid)

    def forget(self, cid: int) -> None:
        """``cid`` is no longer in the panel (an old closed connection, dropped from its list)."""
        self._release(cid)
        self.synced.discard(cid)
        self.awaiting.pop(cid, None)
        self.stored.pop(cid, None)

    def clear(self) -> None:
        for cid in list(self.owners):
            self._release(cid)
        self.synced.clear()
        self.awaiting.clear()
        self.stored.clear()
