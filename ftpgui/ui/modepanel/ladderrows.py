"""The ladder's rows: one per event of a connection's transcript, alike data connections grouped.

Pure Python on the scene (``ladderpaint.py`` paints them): what each row says, which way its arrow goes, the
ports at its ends (the dialling side's, then the listening side's), the wall a failure stops at, and the
timeline step a click on it selects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

from PySide6.QtCore import QCoreApplication

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
    ModeFallback,
    ReplyReceived,
    TlsEstablished,
)
from ftpgui.ftp.safetext import mask_command, shown

from . import controldial
from . import failedarrow as fa
from . import narration as nr
from . import scene as sc
from . import whatif as wi
from .picture import FIREWALL_SIDE

translate = QCoreApplication.translate

# row kinds
MESSAGE, TCP, TLS, CLOSE, FAIL, NOTE, GROUP = "message", "tcp", "tls", "close", "fail", "note", "group"


@dataclass
class Row:
    """One line of the ladder."""

    kind: str
    label: str
    to_server: bool = True  # the arrow's direction
    channel: str = "control"  # "control" or "data": its colour
    from_port: str = ""
    to_port: str = ""
    serial: Optional[int] = None  # the timeline step a click selects
    primary: bool = False  # this row's event made that step (it is highlighted with it)
    wall: str = ""  # "client" or "server": the arrow stops at a wall there
    seen: bool = True  # False: a connection not seen to arrive (a 425 to PORT/EPRT), drawn dashed
    refused: bool = False  # a failed row's connect was refused: no wall, stopped short of the port (note 446)
    neutral: bool = False  # drawn in the muted colour: a port the server named, not known to listen (note 482)
    group: int = 0  # GROUP rows: the key to expand or collapse
    exchange: Optional[sc.Exchange] = None


def build_rows(
    conn: Optional[sc.ConnectionScene], expanded: Set[int], walls: wi.Firewalls, interactive: bool = True
) -> List[Row]:
    """The ladder's rows for ``conn``: alike data connections after the first of a run collapsed unless
    their group key is in ``expanded``; with imagined ``walls``, the data connections they would stop.
    ``interactive``: the rows are for the widget (a group row says a click shows or hides it), not an export."""
    if conn is None:
        return []
    live: Dict[Tuple[int, str], int] = {}  # (exchange, kind) → serial, for steps folded away since
    for step in conn.steps:
        live.setdefault((id(step.exchange), step.kind), step.serial)
    segments: List[Tuple[Optional[sc.Exchange], List[Row]]] = []
    for event, (step, primary, part_of) in zip(conn.transcript, conn.transcript_steps, strict=True):
        row = _row(event, step, walls, conn.dialling)
        if row is None:
            continue
        row.primary = primary
        row.serial = _resolve(conn, step, live)
        if segments and segments[-1][0] is part_of:
            segments[-1][1].append(row)
        else:
            segments.append((part_of, [row]))
    rows: List[Row] = []
    i = 0
    while i < len(segments):
        ex = segments[i][0]
        run = [i]  # this data connection and the alike ones after it, control talk in between allowed
        if ex is not None:
            k = i + 1
            while True:
                m = k
                while m < len(segments) and segments[m][0] is None:
                    m += 1
                if m < len(segments) and segments[m][0].shape() == ex.shape():
                    run.append(m)
                    k = m + 1
                else:
                    break
        if len(run) == 1:
            rows.extend(segments[i][1])
            i += 1
            continue
        for _, seg in segments[i : run[1]]:  # the first of the run, and the talk after it
            rows.extend(seg)
        key = id(segments[run[1]][0])
        expanded_now = key in expanded
        rows.append(Row(GROUP, _group_label(len(run) - 1, expanded_now, interactive), group=key))
        if expanded_now:
            for _, seg in segments[run[1] : run[-1] + 1]:
                rows.extend(seg)
        i = run[-1] + 1  # the talk after the last of the run stays in view
    return rows


def _resolve(conn: sc.ConnectionScene, step: Optional[sc.Step], live: Dict[Tuple[int, str], int]) -> Optional[int]:
    """The serial of ``step`` on the timeline now: itself, or its kind in the run it was folded into."""
    if step is None:
        return None
    if conn.step(step.serial) is step:
        return step.serial
    ex = step.exchange
    head = ex.folded_into if ex is not None else None
    while head is not None and head.folded_into is not None:  # folded again into a newer one
        head = head.folded_into
    if head is not None:
        return live.get((id(head), step.kind))
    return None


def _group_label(count: int, expanded: bool, interactive: bool = True) -> str:
    """The row standing for a run of alike data connections; an export's says no "click" (nothing to click)."""
    if not interactive:
        if count == 1:  # each its own sentence: languages say "1 connection" and "2 connections" differently
            if expanded:
                return translate("ModePanel", "1 more data connection like the one above:")
            return translate("ModePanel", "1 more data connection like the one above (not drawn)")
        if expanded:
            text = translate("ModePanel", "{count} more data connections like the one above:")
        else:
            text = translate("ModePanel", "{count} more data connections like the one above (not drawn)")
        return text.format(count=nr.number(count))
    if count == 1:
        if expanded:
            return translate("ModePanel", "▾ 1 more data connection like the one above (click to hide)")
        return translate("ModePanel", "▸ 1 more data connection like the one above (click to show)")
    if expanded:
        return translate("ModePanel", "▾ {count} more data connections like the one above (click to hide)").format(
            count=nr.number(count)
        )
    return translate("ModePanel", "▸ {count} more data connections like the one above (click to show)").format(
        count=nr.number(count)
    )


def _row(event, step: Optional[sc.Step], walls: wi.Firewalls, dialling: Optional[sc.Dial] = None) -> Optional[Row]:
    """The row for one event (None: nothing to draw, e.g. progress); ``dialling``: the connect attempt in flight."""
    if isinstance(event, CommandSent):
        return Row(MESSAGE, shown(mask_command(event.text)), True)
    if isinstance(event, ReplyReceived):
        text = shown(event.lines[-1]) if event.lines else str(event.code)
        if event.unasked:  # (a stray reply, the answer of no command: note 426)
            text = f"{nr.unasked_words()} {text}"
        return Row(MESSAGE, text, False)
    if isinstance(event, ControlConnected):
        return Row(
            TCP, translate("ModePanel", "TCP connection (control)"), True, "control", _p(event.local), _p(event.remote)
        )
    if isinstance(event, DataConnected):
        by_client = event.dialer == "client"
        row = Row(
            TCP,
            translate("ModePanel", "TCP connection (data)"),
            by_client,
            "data",
            _p(event.local if by_client else event.remote),
            _p(event.remote if by_client else event.local),
        )
        ex = step.exchange if step is not None else None
        block = wi.blocked(ex, walls) if ex is not None and walls.any else None
        if block is not None:  # what-if: this connection would stop at the imagined wall
            row.kind, row.wall = FAIL, block.wall
            row.label = translate("ModePanel", "what if: stopped by the {wall}").format(
                wall=nr.labels()["client_wall" if block.wall == "client" else "server_wall"]
            )
        return row
    if isinstance(event, TlsEstablished):
        label = translate("ModePanel", "TLS handshake: {version}").format(version=event.version)
        return Row(TLS, label, True, event.channel)
    if isinstance(event, DataChannelPlanned):
        after = step.exchange if step is not None and step.kind == sc.REPLY else None
        if after is not None and event.mode == after.mode == "active" and (step.code or 0) >= 400:
            return None  # EPRT refused, PORT next: the same port, listened on already (its row is there)
        listener_is_server = event.mode == "passive"
        ex = step.exchange if step is not None else None
        arrow = fa.failed_arrow(ex) if listener_is_server and ex is not None else None
        # our connect to the port the server named failed (refused: nothing may listen there): the row says the
        # server named it, in a neutral colour, never that it listens (design note 482)
        unknown = arrow is not None and arrow.dialer == "client"
        if listener_is_server and event.elsewhere:  # a 227's other host: not dialled
            if unknown:
                label = translate(
                    "ModePanel", "the server named port {port}; the client dials {target}, not {advertised} it named"
                )
            else:
                label = translate(
                    "ModePanel", "listens on port {port}; the client dials {target}, not {advertised} the reply named"
                )
            label = label.format(port=event.target[1], target=event.target[0], advertised=event.advertised[0])
        elif unknown:
            label = translate("ModePanel", "the server named port {port}").format(port=event.target[1])
        else:
            label = translate("ModePanel", "listens on port {port}").format(port=event.target[1])
        return Row(NOTE, label, not listener_is_server, "data", neutral=unknown)
    if isinstance(event, DataClosed):
        if event.bytes == 1:
            label = translate("ModePanel", "data connection closed: 1 byte")
        else:
            label = translate("ModePanel", "data connection closed: {bytes} bytes").format(bytes=nr.number(event.bytes))
        return Row(CLOSE, label, True, "data")
    if isinstance(event, ControlClosed):
        label = translate("ModePanel", "control connection closed ({reason})").format(
            reason=nr.close_reason(event.reason)
        )
        return Row(CLOSE, label, True, "control")
    if isinstance(event, DataFailed):
        ex = step.exchange if step is not None else None
        own = ex is not None and ex.failure is not None and ex.failure[:2] == (event.stage, event.cause)
        arrow = fa.failed_arrow(ex) if own else None
        if arrow is not None:  # (the arrow, as the picture draws it: whether it was seen, its wall, its port)
            to_port = "" if arrow.seen else arrow.port  # (nothing arrived at this port; none dialled from)
            return Row(
                FAIL,
                arrow.row,
                arrow.dialer == "client",
                "data",
                "",
                to_port,
                wall=arrow.wall,
                seen=arrow.seen,
                refused=arrow.refused,
            )
        label = translate("ModePanel", "no data connection: {cause}").format(cause=nr.cause_name(event.cause))
        if event.stage not in ("connect", "accept"):
            return Row(NOTE, label, True, "data")
        by_client = ex is None or ex.mode == "passive"
        return Row(FAIL, label, by_client, "data", wall=FIREWALL_SIDE.get(event.cause, ""))
    if isinstance(event, ControlConnecting):  # drawn while it waits; then its TCP connection or its failure
        if step is None or step.dial is None or step.dial is not dialling:
            return None
        label = translate("ModePanel", "connecting to port {port}…").format(port=event.remote[1])
        return Row(NOTE, label, True, "control")
    if isinstance(event, ControlConnectFailed):
        dial = step.dial if step is not None and step.dial is not None else None
        label = controldial.lane_label(step, None) if dial is not None else event.cause
        label = translate("ModePanel", "no control connection: {why}").format(why=label)
        wall = "server" if event.cause == "timeout" else ""  # dropped in front of the server: a wall there
        return Row(FAIL, label, True, "control", "", str(event.remote[1]), wall=wall)
    if isinstance(event, ModeFallback):
        return Row(NOTE, nr.fallback_title(event.from_mode, event.to_mode), True, "control")
    return None


def _p(addr) -> str:
    return str(addr[1]) if addr else "?"
