"""The mode panel's connection list: each connection's role and name, and which one the panel follows.

The panel hears every connection's events; this module decides which of them it shows without being
asked. The browsing connection is shown as soon as it speaks (a quick connect, a site, a reconnect, a mode
change that re-lists, the practice server), and the *Follow* choice decides what happens when the queue's
connections start moving files: the latest activity (whichever connection most recently opened a data
connection or failed to), the browsing connection, the transfers, or a pinned connection.

Roles come from the main window's objects (``watch``): the remote browser's connection is "Browsing", the
queue's connections are "Transfer N". No Qt widgets here; the words go through ``tr()``.

The list stays short: of the closed connections only the ``CLOSED_KEPT`` that closed last are kept (and the one
shown, and the last diagnosis's attempts, which its export draws); closed ones whose names would read the same
say when they closed ("Browsing — alice@127.0.0.1:2121 (closed 14:02:31)") — design note 163. Live ones whose
names would read the same (two server tabs on one server) say their tab ("… (tab 2)", "… (tab closed)"), and
where that is the same too, the local port of their control connection ("… (tab 2, local port 51234)") — note 166.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Collection, Dict, List, Optional, Tuple

from PySide6.QtCore import QCoreApplication

from ftpgui import ftp  # (the events by name, loaded with the first one: design notes 229, 470)
from ftpgui.ftp.safetext import format_address

if TYPE_CHECKING:
    from ftpgui.ftp.events import Event

    from . import scene as sc

translate = QCoreApplication.translate

BROWSING, TRANSFER, DIAGNOSIS, PRACTICE = "browsing", "transfer", "diagnosis", "practice"
SEARCH = "search"  # the search dialog's own connection (its listings are followed like a transfer's)
LATEST, FOLLOW_BROWSING, FOLLOW_TRANSFERS, PINNED = "latest", "browsing", "transfers", "pinned"
FOLLOWS = (LATEST, FOLLOW_BROWSING, FOLLOW_TRANSFERS, PINNED)
DWELL = 2.0  # seconds: "latest activity" stays on a connection moving files this long before it switches
CLOSED_KEPT = 5  # closed connections kept in the list (and the panel), the last to close; older ones are dropped
_NAMING_VERBS = ("EPSV", "PASV", "EPRT", "PORT", "USER")  # the commands the follow rule and the names look at


@cache
def kinds() -> Tuple[frozenset, frozenset]:
    """The events that can open a data connection (or fail one), (re)connect, close or name a connection: only
    these go through the follow rule; and of those, the ones that can only open a data connection or name a
    connection, never change whether it is open: on a known connection they are applied first, and only what
    opened one or names one (USER) goes on through the follow rule (ModePanel.add_events). Made with the first
    event, not at import: the first window is built without the engine's events (design note 229)."""
    from ftpgui.ftp import events as ev

    opening = frozenset({ev.CommandSent, ev.DataChannelPlanned})
    closing = {ev.DataFailed, ev.ControlConnecting, ev.ControlConnectFailed, ev.ControlConnected, ev.ControlClosed}
    return opening | closing, opening


def watched(event: Event) -> bool:
    """Whether ``event`` goes through the follow rule (most commands and every reply do not)."""
    from ftpgui.ftp.events import CommandSent

    kind = type(event)
    return kind in kinds()[0] and (kind is not CommandSent or event.text[:4].upper() in _NAMING_VERBS)


_ORDER = {BROWSING: 0, TRANSFER: 1, SEARCH: 2, PRACTICE: 2, DIAGNOSIS: 3, None: 4}


@dataclass
class Role:
    """What a connection is for: ``kind`` (browsing, transfer, diagnosis, practice or None) and the words
    that go with it (the transfer's number, the diagnosed mode's name)."""

    kind: Optional[str] = None
    number: int = 0
    detail: str = ""
    user: str = ""
    host: str = ""  # as the person typed it (a name, not only the address the socket reached)
    port: int = 0
    owner: Any = None  # the RemoteBrowser of the server tab it is for (browsing, a tab's search), if known


def follow_name(follow: str, showing: str = "") -> str:
    """The *Follow* choices' words; ``showing``: under a pin, what is shown instead of the pinned connection —
    "diagnosis" (a diagnosis' attempt: it does not take the pin) or "other" —, so the box says what the panel
    shows (design note 389)."""
    if follow == PINNED and showing:
        if showing == DIAGNOSIS:
            return translate("ModePanel", "Pinned (diagnosis shown)")
        return translate("ModePanel", "Pinned (another shown)")
    return {
        LATEST: translate("ModePanel", "Latest activity"),
        FOLLOW_BROWSING: translate("ModePanel", "Browsing"),
        FOLLOW_TRANSFERS: translate("ModePanel", "Transfers"),
        PINNED: translate("ModePanel", "This connection (pinned)"),
    }[follow]


class ConnectionList:
    """Roles and names of the panel's connections, their order in the picker, and the follow rule."""

    def __init__(self) -> None:
        self.roles: Dict[int, Role] = {}
        self.follow = LATEST
        # the connection the person pinned (Follow: This connection): a diagnosis may show its attempts meanwhile,
        # and the pinned one's next activity brings the panel back to it (design note 381)
        self.pinned: Optional[int] = None
        # a diagnosis runs and its probes hold the panel: the others' activity is listed, not shown (note 450)
        self.diagnosing = False
        self._browsers: List[Any] = []  # the main window's RemoteBrowsers, one a tab (.connection browses)
        # the RemoteBrowser of the server tab shown (None: any): "Follow: Browsing" follows its connection only
        self.shown_browser: Any = None
        self._queue: Any = None  # its TransferQueue (.connections() are the transfer connections)
        self._transfers = 0
        self._active_at: Dict[int, float] = {}  # connection → when it last opened a data connection
        self._moving_at: Dict[int, float] = {}  # connection → when bytes last moved on it (TransferProgress)
        self._dialled_at: Dict[int, float] = {}  # connection → when it last dialled its server (ControlConnecting)
        self._users: Dict[int, str] = {}  # connection → the user name its USER command gave
        self._closed_at: Dict[int, float] = {}  # connection → when it closed (or failed to connect), as time.time()

    def watch(self, browser: Any = None, queue: Any = None) -> None:
        """Read roles from ``browser`` (``.connection``; a list of them for a window with several server
        tabs) and ``queue`` (``.connections()``)."""
        browsers = browser if isinstance(browser, (list, tuple)) else [browser] if browser is not None else []
        self._browsers, self._queue = list(browsers), queue

    def add_browser(self, browser: Any) -> None:
        """One more browsing connection's owner (a new server tab)."""
        if browser not in self._browsers:
            self._browsers.append(browser)

    def remove_browser(self, browser: Any) -> None:
        """A closed tab's browser (the names already given stay: its connection shows as closed)."""
        if browser in self._browsers:
            self._browsers.remove(browser)

    def set_role(self, cid: int, kind: Optional[str], detail: str = "", owner: Any = None) -> None:
        """``owner``: the RemoteBrowser of the server tab the connection is for (its name can say the tab)."""
        role = self.roles.setdefault(cid, Role())
        role.kind, role.detail, role.owner = kind, detail, owner

    def role(self, cid: int) -> Role:
        """The role of ``cid``, looked up from the watched objects the first time it is seen."""
        role = self.roles.get(cid)
        if role is None:
            role = self.roles[cid] = self._look_up(cid)
        return role

    def _look_up(self, cid: int) -> Role:
        for browser in self._browsers:
            browsing = getattr(browser, "connection", None)
            if browsing is not None and browsing.connection_id == cid:
                return self._from_endpoint(Role(BROWSING, owner=browser), browsing)
        conn = self.owner(cid)
        if conn is not None:
            self._transfers += 1
            return self._from_endpoint(Role(TRANSFER, self._transfers), conn)
        return Role()

    def owner(self, cid: int) -> Any:
        """The queue's connection object of ``cid`` (None: not one of the queue's, or closed and gone)."""
        if self._queue is not None:
            for conn in self._queue.connections():
                if conn.connection_id == cid:
                    return conn
        return None

    @staticmethod
    def _from_endpoint(role: Role, conn: Any) -> Role:
        endpoint = getattr(conn, "endpoint", None)
        if endpoint is not None:
            role.user, role.host, role.port = endpoint.user, endpoint.host, endpoint.port
        return role

    def forget(self) -> None:
        """After ``clear()``: the numbering of transfers starts again."""
        self.roles.clear()
        self._active_at.clear()
        self._moving_at.clear()
        self._dialled_at.clear()
        self._users.clear()
        self._closed_at.clear()
        self._transfers = 0
        self.pinned = None

    def drop(self, cid: int) -> None:
        """``cid`` has left the list (an old closed connection): what was known of it goes too."""
        for known in (self.roles, self._active_at, self._moving_at, self._dialled_at, self._users, self._closed_at):
            known.pop(cid, None)

    # --- closed connections: how many are kept, and when each closed ---------------------------------
    def dialled(self, cid: int, at: float) -> None:
        """``cid`` dialled its server at ``at`` (its ``ControlConnecting``: a connect or a reconnect)."""
        self._dialled_at[cid] = at

    def ended(self, cid: int, at: float) -> None:
        """``cid`` closed, or its connect attempt failed, at ``at`` (the event's ``time.monotonic()``)."""
        self._closed_at[cid] = time.time() - (time.monotonic() - at)

    def closing_order(self, cid: int, conn: sc.ConnectionScene) -> float:
        """When ``cid`` closed, to order the closed ones (its last event's time when the close was not heard)."""
        wall = self._closed_at.get(cid)
        return wall if wall is not None else time.time() - (time.monotonic() - conn.last_at)

    def to_drop(self, connections: Dict[int, sc.ConnectionScene], keep: Collection[Optional[int]]) -> List[int]:
        """The closed connections beyond the ``CLOSED_KEPT`` that closed last, but those in ``keep``."""
        closed = [cid for cid, conn in connections.items() if _closed(conn)]
        if len(closed) <= CLOSED_KEPT:
            return []
        closed.sort(key=lambda cid: (self.closing_order(cid, connections[cid]), cid), reverse=True)
        return [cid for cid in closed[CLOSED_KEPT:] if cid not in keep]

    def active_at(self, cid: int) -> Optional[float]:
        """When ``cid`` last opened a data connection (``event.at``), as the follow rule knows it: for every
        connection, shown or not (the scene of one not shown may be kept by its transfer process)."""
        return self._active_at.get(cid)

    def moving_at(self, cid: int) -> Optional[float]:
        """When bytes last moved on ``cid`` (``event.at`` of its newest ``TransferProgress``), shown or not."""
        return self._moving_at.get(cid)

    # --- naming and order ----------------------------------------------------------------------------
    def names(self, connections: Dict[int, sc.ConnectionScene], order: List[int]) -> List[str]:
        """The names of ``order``'s connections, in the list, each told apart from the others that would read
        the same: a closed one by when it closed, then by its connection's number too; a live one by its server
        tab, then by the local port of its control connection too."""
        names = [self.name(connections[cid]) for cid in order]
        for told in (1, 2):
            same = Counter(names)
            for i, cid in enumerate(order):
                if same[names[i]] > 1:
                    names[i] = self.name(connections[cid], told)
        return names

    def _when(self, cid: int, conn: sc.ConnectionScene) -> str:
        return time.strftime("%H:%M:%S", time.localtime(self.closing_order(cid, conn)))

    def name(self, conn: sc.ConnectionScene, told: int = 0) -> str:
        """ "Browsing — user@host:port", "Transfer 2 — user@host:port", "… (closed)"; ``told`` apart from names that
        read the same by nothing (0), by one thing (1: when a closed one closed, a live one's tab) or two (2: and
        a closed one's number, a live one's local port)."""
        role = self.role(conn.connection_id)
        host = format_address((role.host, role.port)) if role.host else ""
        if not host and conn.server is not None:
            host = format_address(conn.server)
        who = role.user or self._users.get(conn.connection_id, "")
        where = f"{who}@{host}" if who and host else host  # who, and where: for every role (note 252)
        if role.kind == BROWSING:
            text = translate("ModePanel", "Browsing — {where}").format(where=where)
        elif role.kind == TRANSFER:
            text = translate("ModePanel", "Transfer {number} — {where}").format(number=role.number, where=where)
        elif role.kind == DIAGNOSIS:
            text = translate("ModePanel", "Diagnosis: {mode} — {where}").format(mode=role.detail, where=where)
        elif role.kind == PRACTICE:
            text = translate("ModePanel", "Practice — {where}").format(where=where)
        elif role.kind == SEARCH:
            text = translate("ModePanel", "Search — {where}").format(where=where)
        else:
            text = translate("ModePanel", "Connection {number} — {where}").format(
                number=conn.connection_id, where=where or "?"
            )
        if _closed(conn):
            when = self._when(conn.connection_id, conn) if told else ""
            from .model import CONTROL_FAILED  # (loaded with the first scene)

            said = _ended(conn.steps[-1].kind == CONTROL_FAILED, told)
            return said.format(name=text, time=when, number=conn.connection_id)
        which = self._which(conn, role, told)
        if conn.dialling is not None:
            if which:
                return translate("ModePanel", "{name} ({which}, connecting…)").format(name=text, which=which)
            return translate("ModePanel", "{name} (connecting…)").format(name=text)
        return translate("ModePanel", "{name} ({which})").format(name=text, which=which) if which else text

    def _which(self, conn: sc.ConnectionScene, role: Role, told: int) -> str:
        """What tells a live connection apart (``told``: 0 nothing, 1 its tab, 2 its tab and local port): "tab 2",
        "tab closed" (its tab was closed, its connection still open), "local port 51234"; "" for nothing."""
        parts = []
        if told and role.owner is not None:
            tab = next((i for i, browser in enumerate(self._browsers, 1) if browser is role.owner), 0)
            if not tab:
                parts.append(translate("ModePanel", "tab closed"))
            elif len(self._browsers) > 1:  # (one tab: the window shows no tabs to name)
                parts.append(translate("ModePanel", "tab {tab}").format(tab=tab))
        if told == 2:
            if conn.client is not None:
                parts.append(translate("ModePanel", "local port {port}").format(port=conn.client[1]))
            else:  # (not connected yet: no port of its own)
                parts.append(translate("ModePanel", "connection {number}").format(number=conn.connection_id))
        if len(parts) == 2:
            return translate("ModePanel", "{first}, {second}").format(first=parts[0], second=parts[1])
        return parts[0] if parts else ""

    def ordered(self, connections: Dict[int, sc.ConnectionScene]) -> List[int]:
        """Live connections first (browsing, transfers by number, the rest), then the closed ones, newest first."""

        def key(cid: int) -> Tuple:
            conn, role = connections[cid], self.role(cid)
            if not _closed(conn):
                return (0, _ORDER.get(role.kind, 4), role.number, cid)
            return (1, -cid)

        return sorted(connections, key=key)

    def learn(self, event: Event) -> bool:
        """Note what a connection's events say about its name (the user of USER); True when it changed."""
        if isinstance(event, ftp.CommandSent) and event.text[:5].upper() == "USER ":
            user = event.text[5:].strip()
            if self._users.get(event.connection_id) != user:
                self._users[event.connection_id] = user
                return True
        return False

    # --- following ---------------------------------------------------------------------------------
    def to_follow(
        self, event: Event, conn: sc.ConnectionScene, opened: bool, shown: Optional[sc.ConnectionScene]
    ) -> bool:
        """Whether the panel should now show ``conn``, which ``event`` was just applied to, instead of
        ``shown``; ``opened``: the event started a data connection (a new EPSV/PASV/EPRT/PORT exchange). While a
        diagnosis runs (``diagnosing``), none: the panel shows its probes (design note 450)."""
        ControlConnected, ControlConnectFailed = ftp.ControlConnected, ftp.ControlConnectFailed  # (note 470)
        ControlConnecting, DataFailed = ftp.ControlConnecting, ftp.DataFailed

        cid = conn.connection_id
        selected = shown.connection_id if shown is not None else None
        if self.diagnosing or cid == selected or self.follow == PINNED:
            if opened:
                self._active_at[cid] = event.at
            # pinned, and a diagnosis' attempt shown meanwhile: what the pinned one does brings the panel back
            back = opened or isinstance(event, (DataFailed, ControlConnecting, ControlConnectFailed))
            return not self.diagnosing and self.follow == PINNED and cid == self.pinned and cid != selected and back
        kind = self.role(cid).kind
        # Follow: Browsing is the browsing of the tab shown, never another tab's (design note 303)
        mine = self.follow != FOLLOW_BROWSING or self.browses_tab_shown(cid)
        if kind == BROWSING and isinstance(event, (ControlConnecting, ControlConnected)):
            return mine  # the connection the person browses with is (re)connecting: show it at once
        failed = isinstance(event, (DataFailed, ControlConnectFailed))  # (a failure is shown, whichever it is)
        if not (opened or failed):
            return False
        if opened:
            self._active_at[cid] = event.at
        if self.follow == FOLLOW_BROWSING:
            return mine
        if self.follow == FOLLOW_TRANSFERS:
            return kind == TRANSFER and (failed or not self._busy(shown, event.at, TRANSFER))
        if kind in (DIAGNOSIS, PRACTICE):
            return False  # those are shown by their own buttons
        if kind == TRANSFER and shown is not None and self.role(shown.connection_id).kind == BROWSING:
            return True  # files the person just sent for: a listing a moment ago does not hold them off
        return failed or not self._busy(shown, event.at, None)

    def newer(self, shown: sc.ConnectionScene, connections: Dict[int, sc.ConnectionScene]) -> Optional[int]:
        """``shown`` just closed: under Latest activity (or Transfers) the connection that opened a data connection
        after ``shown`` last did — activity the dwell held off while ``shown`` was busy —, an open one first, then
        the newest; None: nothing newer, ``shown`` stays (a download just finished is not left for an older
        listing). QA: a mode change during a download listed in active mode on the new browsing connection while
        the panel stayed on the finished transfer, closed (design note 382). ``shown``'s dial counts as its
        activity too: an attempt that ended before any data connection (a question about its certificate or about
        plain FTP, a greeting that never ended) is not left for an older connection's listing (design note 411)."""
        if self.follow not in (LATEST, FOLLOW_TRANSFERS) or self.diagnosing:
            return None
        mine = shown.connection_id
        since = max(self._active_at.get(mine, -1e9), self._dialled_at.get(mine, -1e9))
        later = [
            cid
            for cid in connections
            if cid != shown.connection_id
            and self._active_at.get(cid, -1e9) > since
            and self.role(cid).kind not in (DIAGNOSIS, PRACTICE)
            and (self.follow != FOLLOW_TRANSFERS or self.role(cid).kind == TRANSFER)
        ]
        if not later:
            return None
        return max(later, key=lambda cid: (connections[cid].open, self._active_at[cid], cid))

    def under_way(
        self,
        shown: Optional[sc.ConnectionScene],
        connections: Dict[int, sc.ConnectionScene],
        now: float,
        unfed: Collection[int] = (),
    ) -> Tuple[Optional[int], Optional[float]]:
        """Latest activity (or Transfers), with the connection shown open: (the connection to show now — its data
        connection is under way now, begun or moving bytes after ``shown`` last was, while ``shown`` has gone
        quiet —, when to look again — ``shown``'s dwell ends then —); (None, None): nothing under way elsewhere.
        ``unfed``: connections whose scene is kept by their process, not fed here (their data connection under way
        is not known here: only their bytes moving). QA: an idle open connection held the panel until its next
        event while another's data connection, held off by the dwell, was under way (design note 392)."""
        if self.follow not in (LATEST, FOLLOW_TRANSFERS) or shown is None or not shown.open or self.diagnosing:
            return None, None
        mine = shown.connection_id
        quiet_since = max(self._active_at.get(mine, -1e9), self._moving_at.get(mine, -1e9))
        going = [
            cid
            for cid, conn in connections.items()
            if cid != mine
            and conn.open
            and self._last(cid) > quiet_since
            and ((conn.current is not None and cid not in unfed) or now - self._moving_at.get(cid, -1e9) < DWELL)
            and self.role(cid).kind not in (DIAGNOSIS, PRACTICE)
            and (self.follow != FOLLOW_TRANSFERS or self.role(cid).kind == TRANSFER)
        ]
        if not going:
            return None, None
        if self._lively(shown, now):
            return None, quiet_since + DWELL
        return max(going, key=lambda cid: (self._last(cid), cid)), None

    def _last(self, cid: int) -> float:
        """When ``cid`` last opened a data connection or moved bytes."""
        return max(self._active_at.get(cid, -1e9), self._moving_at.get(cid, -1e9))

    def browses_tab_shown(self, cid: int) -> bool:
        """``cid`` is a browsing connection of the server tab shown (of any tab while none is said)."""
        role = self.role(cid)
        return role.kind == BROWSING and (self.shown_browser is None or role.owner is self.shown_browser)

    def _busy(self, shown: Optional[sc.ConnectionScene], now: float, kind: Optional[str]) -> bool:
        """The connection shown is open and opened a data connection within ``DWELL`` seconds (so "latest
        activity" does not flicker between two transfer connections taking turns)."""
        if shown is None or not shown.open:
            return False
        if kind is not None and self.role(shown.connection_id).kind != kind:
            return False
        return now - self._active_at.get(shown.connection_id, -1e9) < DWELL

    def moved(self, event: Event, shown: Optional[sc.ConnectionScene]) -> bool:
        """Bytes moved on ``event``'s connection (a ``TransferProgress``, of any connection, shown or not):
        whether the panel should now show it instead of ``shown`` — when ``shown`` has gone quiet (no data
        connection opened and no byte moved on it for ``DWELL`` seconds, or it is closed). So a listing on
        the browsing connection is shown while it happens, and then the panel comes back to the transfer still
        moving bytes rather than sit on an idle connection (QA of note 179)."""
        cid = event.connection_id
        self._moving_at[cid] = event.at
        if (shown is not None and cid == shown.connection_id) or self.follow in (PINNED, FOLLOW_BROWSING):
            return False
        if self.diagnosing or (shown is not None and self.role(shown.connection_id).kind == DIAGNOSIS):
            return False  # a diagnosis' probe, or its result shown: new activity takes the panel, not bytes
        kind = self.role(cid).kind
        if kind in (DIAGNOSIS, PRACTICE) or (self.follow == FOLLOW_TRANSFERS and kind != TRANSFER):
            return False
        return not self._lively(shown, event.at)

    def _lively(self, shown: Optional[sc.ConnectionScene], now: float) -> bool:
        """``shown`` is open and opened a data connection, or moved bytes, within ``DWELL`` seconds."""
        if shown is None or not shown.open:
            return False
        cid = shown.connection_id
        last = max(self._active_at.get(cid, -1e9), self._moving_at.get(cid, -1e9))
        return now - last < DWELL

    def pick(self, connections: Dict[int, sc.ConnectionScene]) -> Optional[int]:
        """The connection the follow choice shows now (None: keep the one shown)."""
        wanted = {FOLLOW_BROWSING: (BROWSING,), FOLLOW_TRANSFERS: (TRANSFER,)}
        kinds = wanted.get(self.follow, (BROWSING, TRANSFER, None))
        candidates = [cid for cid in connections if self.role(cid).kind in kinds]
        if self.follow == FOLLOW_BROWSING:  # the tab shown's, not the newest browsing of any tab
            candidates = [cid for cid in candidates if self.browses_tab_shown(cid)]
        if not candidates:
            return None

        # the most recently active (a data connection opened, bytes moved); then an open one; then the newest
        def key(c: int) -> Tuple:
            return (max(self._active_at.get(c, -1e9), self._moving_at.get(c, -1e9)), connections[c].open, c)

        return max(candidates, key=key)


def _ended(failed: bool, told: int) -> str:
    """The name of a connection that closed (``failed``: whose connect failed), ``told`` apart by nothing (0),
    by when it ended (1), or by that and its number (2)."""
    if failed:
        return (
            translate("ModePanel", "{name} (could not connect)"),
            translate("ModePanel", "{name} (could not connect at {time})"),
            translate("ModePanel", "{name} (could not connect at {time}, connection {number})"),
        )[told]
    return (
        translate("ModePanel", "{name} (closed)"),
        translate("ModePanel", "{name} (closed {time})"),
        translate("ModePanel", "{name} (closed {time}, connection {number})"),
    )[told]


def _closed(conn: sc.ConnectionScene) -> bool:
    """Closed, or its connect attempt failed (not one that has not spoken yet, nor one dialling)."""
    return not conn.open and conn.dialling is None and bool(conn.steps)
