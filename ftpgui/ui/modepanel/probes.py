"""The panel's side of a diagnosis' connections: each probe is shown as it runs, and the result when it ends.

*Diagnose this server* probes EPSV, PASV, EPRT and PORT, each on its own fresh connection. While it runs, the
panel shows each probe from its first event, live — the connection the person is using then is the probe —
and the others' activity is listed, not shown (``ConnectionList.diagnosing``; a pick in the list or a Follow
choice ends that). When it ends, the attempt that failed (else the passive one) is shown at its failure and
stays: bytes still moving on a transfer do not take the panel from it; the next data connection, a reconnect
or the person's pick does, as Follow says (design note 450).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication

from . import labelwords as lw
from .connections import DIAGNOSIS

translate = QCoreApplication.translate


def probe_words(command: str, in_clear: bool = False) -> str:
    """A probe's mode and command, as its connection's name says them: "Passive, EPSV", "Active, PORT",
    "Passive, EPSV, without TLS" (not in brackets: those end a name with its state, which a narrow picker cuts
    first — ``namebox``)."""
    mode = lw.mode_name("passive" if command in ("EPSV", "PASV") else "active")
    if in_clear:
        return translate("ModePanel", "{mode}, {command}, without TLS").format(mode=mode, command=command)
    return translate("ModePanel", "{mode}, {command}").format(mode=mode, command=command) if command else mode


def trying_words(command: str, in_clear: bool) -> str:
    """What the diagnosis bar says while a probe runs (design note 490; it said "Trying passive mode, then active
    mode…" throughout, and nothing of the comparison without TLS)."""
    if in_clear:
        words = translate("ModePanel", "Trying passive mode ({command}) again without TLS, to compare…")
    elif command in ("EPSV", "PASV"):
        words = translate("ModePanel", "Trying passive mode ({command})…")
    else:
        words = translate("ModePanel", "Trying active mode ({command})…")
    return words.format(command=command)


class Heard:
    """The probes' events from the diagnosis' thread to the GUI thread a batch at a time, where each event was a
    queued signal of its own: ``put`` says when the GUI thread is to be told (the batch was empty), ``take``
    gives the batch as runs of one probe's events, in order (design note 490)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list = []

    def put(self, event, probe: tuple) -> bool:
        with self._lock:
            self._items.append((event, probe))
            return len(self._items) == 1

    def take(self) -> list:
        """[(probe, [events])]: ``probe`` (its command, whether without TLS) as ``put`` was told it."""
        with self._lock:
            items, self._items = self._items, []
        runs: list = []
        for event, probe in items:
            if runs and runs[-1][0] == probe:
                runs[-1][1].append(event)
            else:
                runs.append((probe, [event]))
        return runs


class ProbesMixin:
    """Mixed into ``ModePanel`` (which owns ``scene``, ``connections``, ``_diagnosis_ids``, ``_pick_next`` and
    ``_streamed``: the running diagnosis' connections → their events as they came)."""

    def _on_diagnosis_running(self, running: bool) -> None:
        """A diagnosis started (its probes hold the panel) or ended (what Follow says holds again)."""
        self.connections.diagnosing = running
        if running:
            self._streamed = {}
        elif self._pick_next in self._streamed:
            self._pick_next = None  # (the next probe to show: none now)

    def _on_probe_events(self, events: list, command: str, in_clear: bool, current: bool) -> None:
        """Events of a probe as they happen: its connection is named by its probe at its first event and, while
        the probes hold the panel, shown then — from its start, live (``_new_connection``)."""
        for event in events:
            cid = event.connection_id
            if cid not in self.scene.connections and self.connections.roles.get(cid) is None:
                self.connections.set_role(cid, DIAGNOSIS, probe_words(command, in_clear))
                if current and self.connections.diagnosing:
                    self._pick_next = cid
            if current:
                self._streamed.setdefault(cid, []).append(event)
        self.add_events(events)

    def _on_diagnosis_events(self, events: list, mode: str) -> None:
        """The result's attempt of ``mode`` (one of the probes): its events, fed as they came while it ran, are
        fed again only where the diagnosis changed them since (a cause the plain comparison sharpened)."""
        if not events:
            return
        cid = events[0].connection_id
        self._diagnosis_ids[mode] = cid
        streamed = self._streamed.pop(cid, None)
        if cid in self.scene.connections and streamed is not None:
            if streamed == events:
                return
            del self.scene.connections[cid]  # drawn again from the diagnosis' own events
        elif self.connections.roles.get(cid) is None:
            self.connections.set_role(cid, DIAGNOSIS, lw.mode_name(mode))
        self.add_events(events)
        self._sync_connections()

    def _on_diagnosis(self, found) -> None:
        """Show the attempt that failed (its arrow stopped where it failed), else the passive one. A pin stays
        on the connection the person pinned: its next activity brings the panel back (design note 381)."""
        if found is None:
            return
        for mode, cid in self._diagnosis_ids.items():  # each attempt's picture knows what the other mode did
            if cid in self.scene.connections:
                self.scene.connections[cid].other_mode.update({m: r.ok for m, r in found.modes.items() if m != mode})
        failing = next((m for m, r in found.modes.items() if not r.ok), "passive")
        cid = self._diagnosis_ids.get(failing)
        if cid is None or cid not in self.scene.connections:
            return
        self._stop_following()
        self.select_connection(cid, pin=False)
        conn = self.connection
        from .model import FAILED  # (loaded with the attempts' scenes)

        failed = next((s for s in conn.steps if s.kind == FAILED), None)
        self.go_to(failed.serial if failed is not None else conn.last_serial, animate=True)
