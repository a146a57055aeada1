"""Connections whose scene is kept where their events are made: the queue's transfer processes.

A transfer process (``transfers.procconn``) feeds every event of its connection to a ``ConnectionScene`` of
its own. The panel then applies, of such a connection's events, only what it needs while it does not show
it — what names it, opens or closes it, or moves the follow rule (``ModePanel.add_events``) — and when it
shows it, asks for the process's scene and applies every event from there on. The scene arrives between the
events before and after it, so nothing is applied twice or missed. A closed connection's last scene comes
by itself and is unpacked only if the person looks at it.

During a 2,000-file tree with four transfer connections this takes the panel's feeding on the GUI thread
from every one of ~18,000 events to a quarter of them (issue 16 item 3; ``bench_queue.py --only panel``).
"""

from __future__ import annotations

import pickle
from typing import Any, Dict, Optional, Set

from PySide6.QtCore import QTimer

from . import scene as sc

RECORD_WAIT_MS = 3000  # a scene asked for and not come by then (its process ended): show what the panel has


class KeptScenes:
    """Which connections keep their scene elsewhere, and which of them the panel has a whole scene of."""

    def __init__(self, panel: Any) -> None:
        self.panel = panel
        self.owners: Dict[int, Any] = {}  # connection id → its connection object (request_record, recorded)
        self.synced: Set[int] = set()  # whole here: fed every event since its scene came (the one shown)
        self.awaiting: Set[int] = set()  # asked for, not come yet
        self.stored: Dict[int, bytes] = {}  # a closed connection's last scene, unpacked when it is shown

    def learn(self, cid: int) -> None:
        """A connection's first event: note whether its process keeps its scene."""
        if cid in self.owners:
            return
        owner = self.panel.connections.owner(cid)
        if owner is None or not getattr(owner, "keeps_record", False):
            return
        self.owners[cid] = owner
        owner.recorded.connect(self.panel._on_recorded)  # (gone with the panel, whichever ends first)
        if cid == self.panel._selected:
            self._want(cid)

    def shown(self, old: Optional[int], new: Optional[int]) -> None:
        """The panel shows ``new`` instead of ``old``."""
        if old in self.owners:
            self.synced.discard(old)  # from now on only what names, opens or closes it is applied here
            self.awaiting.discard(old)
        if new in self.owners and new not in self.synced:
            self._want(new)

    def _want(self, cid: int) -> None:
        data = self.stored.pop(cid, None)
        if data is not None:
            self._apply(cid, data)
        elif self._ask(self.owners[cid]):
            self.awaiting.add(cid)
            QTimer.singleShot(RECORD_WAIT_MS, self.panel, lambda: self._late(cid))
        else:  # its process has ended without leaving its scene: what the panel has is all there is
            self.owners.pop(cid, None)

    @staticmethod
    def _ask(owner: Any) -> bool:
        try:
            return owner.request_record()
        except RuntimeError:  # the queue has deleted the closed connection (its last scene never came)
            return False

    def _late(self, cid: int) -> None:
        if cid in self.awaiting:
            self.awaiting.discard(cid)
            self.owners.pop(cid, None)
            self.panel._record_applied(cid)

    def arrived(self, cid: int, data: bytes, final: bool) -> None:
        """A transfer process's scene of ``cid`` (``final``: it has closed)."""
        if cid in self.awaiting:
            self.awaiting.discard(cid)
            self._apply(cid, data)
        elif final and cid in self.owners and cid not in self.synced:
            known = self.panel.scene.connections
            for gone in [c for c in self.stored if c not in known]:  # (forgotten meanwhile)
                del self.stored[gone]
            self.stored[cid] = data  # a closed connection not shown: kept packed until someone looks

    def _apply(self, cid: int, data: bytes) -> None:
        connections = self.panel.scene.connections
        if cid not in connections:
            return  # forgotten meanwhile
        try:
            scene = pickle.loads(data)  # (from the app's own transfer process, never from a server)
        except Exception:
            scene = None
        if isinstance(scene, sc.ConnectionScene) and scene.connection_id == cid:
            connections[cid] = scene
            self.synced.add(cid)
        else:
            self.owners.pop(cid, None)  # unreadable: the panel goes on with what it has, fed every event
        self.panel._record_applied(cid)

    def clear(self) -> None:
        self.synced.clear()
        self.awaiting.clear()
        self.stored.clear()
