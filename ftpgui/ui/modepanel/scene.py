"""The mode panel's scene model: what the picture shows, built only from the engine's events.

Pure Python, no Qt, so it is tested without widgets and costs almost nothing per event. Each connection
(``connection_id``) gets a ``ConnectionScene`` with its two ends, a bounded timeline of ``Step``s and the
``Exchange`` (one data connection) each step belongs to. Every address and port comes from an event;
the scene never computes a port from anything else. A fast run of data connections that look alike is
folded into one: the newest stands for the run, with its own ports, bytes and duration, and counts the
earlier ones ("the 1,998 before it went the same way"), so a 2,000-file transfer keeps a short timeline and
Live always shows the newest data connection. What a step and an exchange are is in ``model``, the timeline
they go on and its folding in ``timeline``; this module decodes the events into them.
"""

from __future__ import annotations

from collections import deque
from typing import Deque, Dict, List, Optional, Tuple

from ftpgui.ftp.events import (
    CommandSent,
    ControlClosed,
    ControlConnected,
    ControlConnectFailed,
    ControlConnecting,
    DataChannelPlanned,
    DataClosed,
    DataConnected,
    DataFailed,
    Event,
    ModeFallback,
    ProxyHop,
    ReplyReceived,
    TlsEstablished,
    TransferProgress,
    TransferStopped,
)
from ftpgui.ftp.safetext import mask_command, shown
from ftpgui.ratewindow import windowed_rate

from .model import (  # the model's names, importable from here as before the split
    CLOSED,
    CONNECTIONS_KEPT,
    CONTROL,
    CONTROL_CLOSED,
    CONTROL_DIAL,
    CONTROL_FAILED,
    DIAL,
    EARLY_REPORTS,
    EARLY_SPAN,
    FAILED,
    FALLBACK,
    FOLD_WAIT,
    PLANNING_VERBS,
    RATE_WINDOW,
    REPLY,
    REQUEST,
    STEPS_KEPT,
    TLS,
    TRANSCRIPT_KEPT,
    TRANSFER,
    TRANSFER_VERBS,
    UPLOAD_VERBS,
    Address,
    Dial,
    Exchange,
    Step,
    named_port,
    show_address,
)
from .timeline import Timeline

__all__ = [
    "CLOSED",
    "CONNECTIONS_KEPT",
    "CONTROL",
    "CONTROL_CLOSED",
    "CONTROL_DIAL",
    "CONTROL_FAILED",
    "DIAL",
    "FAILED",
    "FALLBACK",
    "FOLD_WAIT",
    "PLANNING_VERBS",
    "RATE_WINDOW",
    "REPLY",
    "REQUEST",
    "STEPS_KEPT",
    "TLS",
    "TRANSCRIPT_KEPT",
    "TRANSFER",
    "TRANSFER_VERBS",
    "UPLOAD_VERBS",
    "Address",
    "ConnectionScene",
    "Dial",
    "Exchange",
    "Scene",
    "Step",
    "named_port",
    "show_address",
]


def _so_far(samples: Deque[Tuple[float, int]], at: float, done: int) -> float:
    """Before a whole window is measured (a short transfer said no rate at all, note 340): the average so far,
    once the reports span ``EARLY_SPAN`` and are at least ``EARLY_REPORTS`` (0.0 before). The samples start at
    the data connection's start until a window is measured; the lower of the averages since then and since the
    first report, so neither a speed limit's burst at the start (its saved tenth: 1.2x the limit at 0.5 s) nor
    an upload's first acknowledgements coming in a lump (1.25x) is said as the rate."""
    if len(samples) <= EARLY_REPORTS or at - samples[1][0] < EARLY_SPAN:
        return 0.0
    return min((done - d0) / (at - t0) for t0, d0 in (samples[0], samples[1]))


class ConnectionScene(Timeline):
    """Everything the panel knows about one connection, fed one event at a time: each event's steps go on its
    timeline (``Timeline``)."""

    def __init__(self, connection_id: int) -> None:
        super().__init__()
        self.connection_id = connection_id
        self.client: Optional[Address] = None
        self.server: Optional[Address] = None
        self.proxy: Optional[ProxyHop] = None  # the proxy between client and server (ControlConnected)
        self.open = False
        self.transcript: Deque[Event] = deque(maxlen=TRANSCRIPT_KEPT)
        # beside each transcript event, for the ladder: the step it made (or the one before it), whether it made
        # it, and the data connection it is part of (None: control-connection talk between data connections)
        self.transcript_steps: Deque[Tuple[Optional[Step], bool, Optional[Exchange]]] = deque(maxlen=TRANSCRIPT_KEPT)
        self.data_connections = 0
        self.last_at = 0.0
        self.tls = ""  # the control connection's TLS version, while it is encrypted
        # what a mode did on another connection (a diagnosis tries each mode on one of its own): mode → worked;
        # the narration's advice about the other mode reads it when this connection never tried that mode
        self.other_mode: Dict[str, bool] = {}
        self.dialling: Optional[Dial] = None  # the control connection's connect attempt in flight
        # an upload the client stopped (ABOR), and one whose file's SIZE was just asked: the server's size is its
        self._stopped_upload: Optional[Exchange] = None
        self._sizing: Optional[Exchange] = None
        self._tls_spans: List[list] = []  # [first serial, last serial or -1 while open, version]: encrypted

    # --- feeding --------------------------------------------------------------------------------
    def feed(self, event: Event) -> bool:
        """Apply one event; True when the timeline changed (so the picture may need a repaint)."""
        if type(event) is TransferProgress:  # many a second: no transcript line, no step
            return self._progress(event)
        handler = _HANDLERS.get(type(event))
        if handler is None:
            return False
        self.last_at = event.at
        self.transcript.append(event)  # formatted only when someone reads the transcript
        before = self._last_step
        changed = handler(self, event)
        step = self._last_step
        if step is not before:  # the event made a step (every step is a new object)
            self.transcript_steps.append((step, True, step.exchange))
        else:
            self.transcript_steps.append((step, False, self._current))
        return changed

    def _progress(self, event: TransferProgress) -> bool:
        ex = self._current
        if ex is None or ex.local is None:
            return False
        first = ex.done is None  # the first bytes: the narration turns from "will come" to "are coming"
        ex.done, ex.total = event.done, event.total
        samples = ex.samples
        if not samples and ex.connected_at is not None:  # measured from the data connection's start
            samples.append((ex.connected_at, ex.offset))
        measured = windowed_rate(samples, event.at, event.done, RATE_WINDOW)
        if measured is not None:
            # said only once a whole window is measured (ratewindow.py): a speed limit lets a burst through at
            # the start, and two reports 0.1 s apart said 2.4x the limit
            ex.rate, ex.rate_said = measured
            ex.rate_so_far = 0.0 if ex.rate_said else _so_far(samples, event.at, event.done)
        return first

    def _tls(self, event: TlsEstablished) -> bool:
        if event.channel == "data":
            if self._current is not None:
                self._current.tls = event.version
            return False
        if self.tls:  # reported again (a certificate accepted later): the step is already there
            return False
        self.tls = event.version
        changed = self._add(TLS, None, reason=event.version)
        self._tls_spans.append([self._serial, -1, event.version])
        del self._tls_spans[:-STEPS_KEPT]  # a span per reconnect, never more than the steps kept
        return changed

    def encrypted_at(self, serial: int) -> str:
        """The control connection's TLS version at step ``serial``, or "" when it was not encrypted then."""
        for first, last, version in self._tls_spans:
            if first <= serial and (last < 0 or serial <= last):
                return version or "TLS"
        return ""

    def _connected(self, event: DataConnected) -> bool:
        ex = self._current
        if ex is None:
            return False
        ex.local, ex.remote, ex.dialer = event.local, event.remote, event.dialer
        ex.connected_at = event.at
        ex.proxy = event.proxy or ex.proxy
        # active mode: the server connected as soon as it had PORT/EPRT, before the transfer command (note 322)
        ex.early = ex.mode == "active" and not ex.transfer_line
        return self._add(DIAL, ex)

    def _failed(self, event: DataFailed) -> bool:
        ex = self._current
        if ex is None:
            return False
        ex.failure = (event.stage, event.cause, event.detail)
        ex.failed_how = event.how
        changed = self._add(FAILED, ex)
        if ex.local is None:  # never connected: no DataClosed follows
            self._finish(ex)
        return changed

    def _stopped(self, event: TransferStopped) -> bool:
        """The client is to stop the transfer under way for its own reason: its ABOR is no cancel."""
        ex = self._current
        if ex is not None and ex.transfer_line:
            ex.stopped_by = event
        return False

    def _fallback(self, event: ModeFallback) -> bool:
        return self._add(FALLBACK, None, fallback=(event.from_mode, event.to_mode, event.cause))

    def _control_dial(self, event: ControlConnecting) -> bool:
        self.dialling = Dial(event.remote, event.timeout, event.at)
        if self.server is None:
            self.server = event.remote  # (the connection's name in the list, before it is up)
        return self._add(CONTROL_DIAL, None, dial=self.dialling)

    def _control_failed(self, event: ControlConnectFailed) -> bool:
        dial = self.dialling
        if dial is None or dial.remote != event.remote:  # (never without its ControlConnecting from the engine)
            dial = Dial(event.remote, None, event.at)
        dial.cause, dial.detail, dial.errno = event.cause, event.detail, event.errno
        self.dialling = None
        return self._add(CONTROL_FAILED, None, dial=dial)

    def _control_up(self, event: ControlConnected) -> bool:
        last = self.steps[-1] if self.steps else None
        if last is not None and last.kind == CONTROL_DIAL and last.dial is self.dialling:
            self.steps.pop()  # the attempt succeeded: the connection's own step (its arrow dialled) stands for it
            self._serial -= 1
        self.dialling = None
        self.client, self.server, self.open = event.local, event.remote, True
        self.proxy = event.proxy
        self._current = None
        self.tls = ""
        self._last_done = None
        return self._add(CONTROL, None)

    def _control_down(self, event: ControlClosed) -> bool:
        self.open = False
        self._current = None
        changed = self._add(CONTROL_CLOSED, None, reason=event.reason)
        if self._tls_spans and self._tls_spans[-1][1] < 0:
            self._tls_spans[-1][1] = self._serial - 1  # the close itself is drawn without a lock
        self.tls = ""
        return changed

    def _command(self, event: CommandSent) -> bool:
        closing, self._closing = self._closing, None
        text = shown(mask_command(event.text))  # the engine masks already; the panel must never rely on it
        verb = text.split(" ", 1)[0].upper()
        mode = PLANNING_VERBS.get(verb)
        ex = self._current
        if verb in ("ABOR", "REST"):
            self._mark(ex, closing, verb, text)
            return False
        stopped, self._sizing = self._stopped_upload, None
        if verb == "SIZE" and stopped is not None and text[5:] == stopped.transfer_line[5:]:
            self._sizing = stopped  # the size of the file a stopped upload left (the queue asks it)
        if mode is not None:
            self._stopped_upload = None  # (another data connection: a later SIZE is not about it)
            if ex is not None and ex.planned and not ex.steps and ex.mode == mode:
                # active mode: the client listens first, then names the port (its plan came before: note 322)
                ex.command, ex.command_line = verb, text
                return self._add(REQUEST, ex, line=text)
            if (
                ex is not None
                and ex.local is None
                and not ex.transfer_line
                and ex.reply_code is not None
                and ex.reply_code >= 400
            ):
                # EPSV refused, PASV next (or EPRT → PORT, on the port listened on already): the same data
                # connection, another command
                ex.refused.append((ex.command, ex.reply_code, ex.reply_text))
                ex.command, ex.command_line, ex.mode = verb, text, mode
                if ex.planned and mode == "active":  # the port named again, in the other command's form
                    ex.argument = text.split(" ", 1)[1] if " " in text else ""
                ex.reply_code, ex.reply_text = None, ""
                return self._add(REQUEST, ex, line=text)
            self.data_connections += 1
            self._current = Exchange(self.data_connections, mode, verb, text)
            self._current_started = event.at
            return self._add(REQUEST, self._current, line=text)
        if verb in TRANSFER_VERBS and ex is not None and ex.planned and not ex.transfer_line:
            ex.transfer_line = text
            if ex.mode == "active" and ex.local is None:
                ex.dial_from = event.at  # the server dials once it has the transfer command
            return self._add(TRANSFER, ex)
        return False

    def _mark(self, ex: Optional[Exchange], closing: Optional[Exchange], verb: str, text: str) -> None:
        """ABOR: the transfer under way (or the one that just closed) was stopped by the client; REST before the
        transfer command: it starts from that byte. Either makes it unlike the data connections before it."""
        if verb == "REST":
            if ex is not None and not ex.transfer_line:
                arg = text[5:].strip()
                ex.offset = int(arg) if arg.isdigit() else 0
            return
        stopped = ex if ex is not None and ex.transfer_line else closing
        if stopped is None or not stopped.transfer_line:
            return
        stopped.aborted = True
        if stopped.upload:
            self._stopped_upload = stopped
        if stopped is self._last_done:  # (closed before its ABOR: the next data connection is not folded into it)
            self._last_shape = ()

    def _reply(self, event: ReplyReceived) -> bool:
        if event.unasked:  # a stray reply: the answer of no command (its transcript line says so: note 426)
            return False
        ex = self._current
        if ex is None:
            sized, self._sizing = self._sizing, None
            if sized is not None and event.code == 213 and event.lines and event.lines[-1][4:].strip().isdigit():
                sized.server_size = int(event.lines[-1][4:].strip())  # what the server kept of a stopped upload
                return True
            closing, self._closing = self._closing, None
            if closing is not None and closing.transfer_line and event.code >= 200:
                closing.final_code, closing.final_text = event.code, shown(event.lines[-1]) if event.lines else ""
                if event.code >= 400 and closing is self._last_done:  # (a 426 after the close: it failed)
                    closing.ended_after_fold = closing.more > 0  # the run before it went through
                    self._last_shape = ()  # and the next data connection is not folded into it
            return False
        if ex.reply_code is None:
            ex.reply_code, ex.reply_text = event.code, shown(event.lines[-1]) if event.lines else str(event.code)
            return self._add(REPLY, ex, line=ex.command_line, code=ex.reply_code, text=ex.reply_text)
        if ex.transfer_line and event.code >= 200:
            ex.final_code, ex.final_text = event.code, shown(event.lines[-1]) if event.lines else ""
        return False

    def _planned(self, event: DataChannelPlanned) -> bool:
        ex = self._current
        if replanned(ex, event):  # EPRT refused: PORT names the same port (the command's line says it)
            return False
        if ex is None or ex.planned:
            self.data_connections += 1
            ex = self._current = Exchange(self.data_connections, event.mode, event.command, event.command)
            self._current_started = event.at
        ex.mode, ex.command, ex.argument = event.mode, event.command, event.argument
        ex.advertised, ex.target, ex.planned = event.advertised, event.target, True
        ex.timeout = event.timeout
        ex.proxy = event.proxy
        if event.mode == "passive":
            ex.dial_from = event.at  # the client dials as soon as it knows the port
        return True  # fills in the numbers of the request/reply steps already on the timeline

    def _closed(self, event: DataClosed) -> bool:
        ex = self._current
        if ex is None:
            return False
        ex.bytes, ex.seconds = event.bytes, event.seconds
        self._add(CLOSED, ex)
        return self._finish(ex) or True

    # --- crossing to another process (a transfer process keeps its connection's scene: procconn) -----
    def __getstate__(self) -> dict:
        """Its state, the exchanges it holds listed first, newest first: each older one names the newer one it
        was folded into (``folded_into``), and pickled oldest first that chain of a few hundred would recurse
        as deep as it is long."""
        held: Dict[int, Exchange] = {}

        def hold(ex: Optional[Exchange]) -> None:
            while ex is not None and id(ex) not in held:
                held[id(ex)] = ex
                ex = ex.folded_into

        for step in self.steps:
            hold(step.exchange)
        for step, _made, ex in self.transcript_steps:
            hold(ex)
            if step is not None:
                hold(step.exchange)
        for ex in (self._current, self._closing, self._last_done):
            hold(ex)
        state = {"_held": sorted(held.values(), key=lambda ex: -ex.number)}
        state.update(self.__dict__)
        return state

    def __setstate__(self, state: dict) -> None:
        state.pop("_held", None)
        self.__dict__.update(state)


def replanned(ex: Optional[Exchange], event: DataChannelPlanned) -> bool:
    """Active mode's plan again, for the same listener, after the server refused the command naming it (EPRT
    refused, PORT next): the data connection planned already, not a new one."""
    return (
        event.mode == "active"
        and ex is not None
        and ex.planned
        and ex.mode == "active"
        and ex.local is None
        and ex.target == event.target
        and ex.reply_code is not None
        and ex.reply_code >= 400
    )


_HANDLERS = {
    CommandSent: ConnectionScene._command,
    ReplyReceived: ConnectionScene._reply,
    DataChannelPlanned: ConnectionScene._planned,
    DataConnected: ConnectionScene._connected,
    DataClosed: ConnectionScene._closed,
    DataFailed: ConnectionScene._failed,
    TransferStopped: ConnectionScene._stopped,
    ModeFallback: ConnectionScene._fallback,
    ControlConnected: ConnectionScene._control_up,
    ControlConnecting: ConnectionScene._control_dial,
    ControlConnectFailed: ConnectionScene._control_failed,
    ControlClosed: ConnectionScene._control_down,
    TlsEstablished: ConnectionScene._tls,
}


class Scene:
    """All connections the panel has heard of, by ``connection_id``, the most recent kept."""

    def __init__(self) -> None:
        self.connections: Dict[int, ConnectionScene] = {}

    def feed(self, event: Event) -> Tuple[ConnectionScene, bool, bool]:
        """Apply ``event``; returns (its connection, timeline changed, connection is new)."""
        conn = self.connections.get(event.connection_id)
        new = conn is None
        if conn is None:
            conn = self.connections[event.connection_id] = ConnectionScene(event.connection_id)
        changed = conn.feed(event)
        if new and len(self.connections) > CONNECTIONS_KEPT:
            self._forget_one(keep=conn)
        return conn, changed, new

    def _forget_one(self, keep: ConnectionScene) -> None:
        others = [c for c in self.connections.values() if c is not keep]
        oldest = min(others, key=lambda c: (c.open, c.last_at))  # closed ones first
        del self.connections[oldest.connection_id]

    def clear(self) -> None:
        self.connections.clear()
