"""What ``ftpgui-cli`` prints: listings, the diagnosis, tree reports, JSON and the progress line.

Everything that came from a server (names, facts, replies, error messages quoting them) goes through
:func:`ftpgui.ftp.safetext.shown` on its way to a terminal and through :func:`json_text` into JSON, so no
server can send escape sequences, C1 controls or bidi overrides to the terminal.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from datetime import timezone
from typing import TYPE_CHECKING, Callable, Deque, Dict, Iterable, Iterator, Optional, Sequence, TextIO, Tuple

from .explain import CLI, explain_finding, explain_result
from .ftp.events import (
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
    ReplyReceived,
    TlsEstablished,
    TlsNotUsed,
    TransferProgress,
    TransferStopped,
)
from .ftp.listing_base import Entry
from .ftp.mirror import MirrorResult
from .ftp.safetext import dated, format_address, json_safe, shown, shown_cut, undecoded
from .ratewindow import RATE_WINDOW, Sample, windowed_rate

if TYPE_CHECKING:  # (the diagnosis is loaded by the command that diagnoses, not by a transfer)
    from .ftp.diagnose import Diagnosis, Finding

_JSON_BATCH = 1000  # entries per write: few calls into the stream, little text held at a time
_ENTRY_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one object a line: the C encoder (no indent)


_WIDTH = 60  # the progress line's, padded: a shorter one drawn over a longer one leaves none of it


class Progress:
    """One line on a terminal: bytes, rate and ETA, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, total: Optional[int] = None, clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self._clock = clock
        self.enabled = stream.isatty()
        self.total = total
        self._lock = threading.Lock()
        self._current: Dict[int, int] = {}  # connection id → bytes of its current transfer
        self._finished = 0
        self._start = clock()
        self._last_draw = 0.0
        self._samples: Deque[Sample] = deque([(self._start, 0)])  # (time, bytes) from the start, a window's worth
        self.drawn = False  # a line is on the terminal, not ended: what comes next clears it or starts a new line

    def __call__(self, event: Event) -> None:
        if isinstance(event, TransferProgress):
            with self._lock:
                self._current[event.connection_id] = event.done
        elif isinstance(event, DataClosed):
            with self._lock:
                self._finished += self._current.pop(event.connection_id, 0)
        else:
            return
        self.draw()

    def draw(self, final: bool = False) -> None:
        if not self.enabled:
            return
        now = self._clock()
        if not final and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        with self._lock:
            done = self._finished + sum(self._current.values())
        if self.total:  # (a file tried again after its connection dropped moved some of its bytes twice)
            done = min(done, self.total)
        # said only once a whole window from the start is measured: a speed limit lets a burst through first
        # (the first line said "49.1 MiB/s  ETA 0:00" from a 100 KB/s server; design note 330)
        measured = windowed_rate(self._samples, now, done, RATE_WINDOW)
        rate = measured[1] if measured else 0.0
        text = f"{size_text(done)}"
        if self.total:
            text += f" / {size_text(self.total)} ({100 * done / self.total:.0f}%)"
        text += f"  {size_text(rate)}/s" if rate > 0 else "  --/s"
        if self.total and rate > 0 and done < self.total:
            left = (self.total - done) / rate
            text += f"  ETA {int(left // 60)}:{int(left % 60):02d}"
        self.stream.write("\r" + shown(text).ljust(_WIDTH))
        if final:
            self.stream.write("\n")
        self.drawn = not final
        self.stream.flush()

    def clear(self) -> None:
        """The line drawn, wiped (not ended): what is printed next starts at the line's start, as if it never
        was — ``ls``'s listing, whose own bytes it counted (the first row read "602 B  5.2 KiB/s  drwxr-xr-x…")."""
        if not self.drawn:
            return
        self.stream.write("\r" + " " * _WIDTH + "\r")
        self.stream.flush()
        self.drawn = False


def size_text(n: float) -> str:
    """``n`` bytes as B, KiB, MiB or GiB."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"


def json_text(doc: object, indent: Optional[int] = 1) -> str:
    """JSON with names readable; controls (C0 and C1), bidi characters and bytes no codec could decode
    (lone surrogates) as ``\\uXXXX`` escapes, which a JSON reader turns back into the same text."""
    return json_safe(json.dumps(doc, ensure_ascii=False, indent=indent))


def unread_names_warning(entries: Sequence[Entry], encoding: str) -> str:
    """A line for stderr when names in a listing are not in the session's encoding and none was chosen for
    them (the session reads UTF-8 alone: UTF-8 or plain ``auto``): how many, and the code page they look like,
    with the option that reads them (the window says it in a note above the remote files; design notes 144,
    149, 265). "" otherwise."""
    from .ftp.nameguess import guess_codec
    from .ftp.names import NameCodec, codec_value, parse_encoding, setting_that_reads

    choice = parse_encoding(encoding)
    if NameCodec.for_session(choice, server_utf8=False).decoders != ("utf-8",):
        return ""  # a code page was chosen: what it cannot read is no question of choosing one
    raws = [e.wire_name for e in entries if undecoded(e.name)]
    if not raws:
        return ""
    line = f"ftpgui-cli: {len(raws)} name(s) here are not UTF-8 (the bytes it cannot read are shown as \\xNN)"
    codec = guess_codec(raws[:500])
    if codec is not None:
        name = codec_value(codec)  # as --encoding is written in the help ("latin-1", not Python's "iso8859-1")
        line += f"; they read as {name}: try --encoding {setting_that_reads(name, encoding)}"
    return line + "\n"


def listing_order(entries: Sequence[Entry]) -> Iterator[Entry]:
    """Folders first, then by name. Only indices are sorted, by the names themselves (no key tuples, no
    copy of the entries): a million entries cost a list of names and one of indices."""
    names = [e.name for e in entries]
    order = sorted(range(len(names)), key=names.__getitem__)
    del names
    for want_dirs in (True, False):
        for i in order:
            e = entries[i]
            if (e.type == "dir") is want_dirs:
                yield e


def write_entries_json(out: TextIO, entries: Iterable[Entry]) -> None:
    """A JSON array of the entries (``Entry.to_json``), an object a line, written as it goes: the text of a
    few entries at a time, never the whole document."""
    encode = _ENTRY_ENCODER.encode
    batch = []
    opened = False
    for e in entries:
        batch.append(encode(e.to_json()))
        if len(batch) >= _JSON_BATCH:
            out.write(json_safe((",\n" if opened else "[\n") + ",\n".join(batch)))
            opened, batch = True, []
    if batch:
        out.write(json_safe((",\n" if opened else "[\n") + ",\n".join(batch)))
        opened = True
    out.write("\n]\n" if opened else "[]\n")


def write_entries_text(out: TextIO, entries: Iterable[Entry]) -> None:
    """``ls`` without ``--json``: permissions, size, time (UTC) and name, one entry a line."""
    for e in entries:
        size = "" if e.size is None else str(e.size)
        when = dated(e.modified.astimezone(timezone.utc), "%Y-%m-%d %H:%M") if e.modified else ""
        name = e.name + (f" -> {e.target}" if e.target else "") + ("/" if e.type == "dir" else "")
        out.write(f"{shown(e.permissions or e.type):<11} {size:>12}  {when:<16}  {shown(name)}\n")


def diagnosis_doc(d: Diagnosis, explanations: Optional[Dict[str, str]] = None, shown_in: str = CLI) -> dict:
    """The diagnosis as a JSON document (``diagnose --json``, the support bundle: ``shown_in``, as for
    ``explain_result``)."""
    explanations = explanations or {m: explain_result(r, shown_in=shown_in) for m, r in d.modes.items()}
    doc = {
        "server": {"host": d.server[0], "port": d.server[1]},
        "control": {k: list(v) for k, v in d.control.items()},
        "modes": {m: r.to_json(explanations[m]) for m, r in d.modes.items()},
        "probes": {c: r.to_json(explain_result(r, _other_works(d, r.mode), shown_in)) for c, r in d.probes.items()},
        "findings": [f.to_json(finding_text(f)) for f in d.findings],
        "recommended": d.recommended,
    }
    if d.plain_passive is not None:  # passive in clear, tried because TLS passive timed out
        doc["plain_passive"] = d.plain_passive.to_json(explain_result(d.plain_passive, shown_in=shown_in))
    return doc


def write_diagnosis_json(
    out: TextIO,
    d: Diagnosis,
    explanations: Dict[str, str],
    fixes: Optional[list] = None,
    shown_in: str = CLI,
) -> None:
    doc = diagnosis_doc(d, explanations, shown_in)
    if fixes is not None:
        doc["fixes"] = [f.to_json() for f in fixes]
    out.write(json_text(doc) + "\n")


def write_diagnosis_text(out: TextIO, d: Diagnosis, explanations: Dict[str, str]) -> None:
    local, remote = d.control["local"], d.control["remote"]
    lines = [f"Control connection: {format_address(local)} -> {format_address(remote)}"]
    for mode, r in d.modes.items():
        verdict = "works" if r.ok else f"fails at {r.stage} ({r.cause})"
        lines.append(f"{mode:<8} {verdict}")
        if r.command:
            lines.append(f"         {r.command}  ->  {r.reply or '(no reply)'}")
        if r.advertised and r.dialled and mode == "passive":
            lines.append(
                f"         {advertised_words(r.command or '', r.advertised)}, dialled {format_address(r.dialled)}"
            )
        if r.data:
            dialer = "we dialled the server" if r.data["dialer"] == "client" else "the server dialled us"
            ends = f"{format_address(r.data['local'])} <-> {format_address(r.data['remote'])}"
            lines.append(f"         data {ends} ({dialer})")
        lines.append(f"         {explanations[mode]}")
    lines.append("Probes:  " + ", ".join(f"{c} {'works' if r.ok else 'fails'}" for c, r in d.probes.items()))
    lines.extend(f"Note:    {finding_text(finding)}" for finding in d.findings)
    if d.plain_passive is not None:
        plain = "works" if d.plain_passive.ok else f"fails at {d.plain_passive.stage} ({d.plain_passive.cause})"
        lines.append(f"Passive without TLS (compared): {plain}")
    lines.append(f"Recommended: {d.recommended or 'neither mode works'}")
    out.write("".join(shown(line) + "\n" for line in lines))


def advertised_words(command: str, advertised: Tuple[str, int]) -> str:
    """What a data command's reply (or our PORT/EPRT) named: an EPSV reply names only a port (RFC 2428), on
    the control connection's address — never said as an address the server advertised."""
    if command.split(" ", 1)[0].upper() == "EPSV":
        return f"reply named port {advertised[1]} (on the control connection's address)"
    return f"advertised {format_address(advertised)}"


def _other_works(d: Diagnosis, mode: str) -> bool:
    """Whether the other mode works: a probe's advice comes from its real result, as a mode's does."""
    return d.active.ok if mode == "passive" else d.passive.ok


def finding_text(finding: Finding) -> str:
    """The sentence for a finding of the diagnosis (a wrong PASV address…)."""
    advertised = finding.advertised[0] if finding.advertised else ""
    return explain_finding(finding.code, advertised=advertised, reached=finding.reached or "", coped=finding.coped)


# The events of the exchange with the server, as ``exchange_line`` tells them (``ftpgui-cli -v``, a bundle's
# transcript): the control connection, each command and reply, TLS, and each data connection.
EXCHANGE = (
    ControlConnecting,
    ControlConnected,
    ControlConnectFailed,
    ControlClosed,
    CommandSent,
    ReplyReceived,
    TlsEstablished,
    DataChannelPlanned,
    DataConnected,
    DataFailed,
    DataClosed,
    ModeFallback,
)
# a bundle's transcript: the exchange, and what the client decided on its own (plain FTP, a transfer it stopped);
# never the progress counts (a raw event name, "+ 0.118s TransferProgress", in each probe: design note 324)
TRANSCRIBED = (*EXCHANGE, TlsNotUsed, TransferStopped)


def exchange_line(event: Event, start: float) -> str:
    """One event of the exchange as a line of text (a reply of several lines: a line each), timed in seconds
    from ``start`` (events carry monotonic times); English, for a transcript. What the server said (replies,
    names in commands, failure details) goes through ``shown``, as in the window's ladder and transcript: a
    bundle's transcript.txt, and ``-v`` on a terminal, get no control, bidi or line-breaking character."""
    t = f"+{event.at - start:7.3f}s"
    if isinstance(event, ReplyReceived):
        said = "< (not asked for, ignored) " if event.unasked else "< "  # (a stray reply: note 426)
        return "\n".join(f"{t} {said}{shown(line)}" for line in event.lines)
    return f"{t} {shown(_exchange_words(event))}"


def _exchange_words(event: Event) -> str:
    """An event other than a reply in words, as it came (``exchange_line`` escapes it)."""
    if isinstance(event, ControlConnected):
        via = f" via {event.proxy.kind} proxy {format_address(event.proxy.address)}" if event.proxy else ""
        return f"control {format_address(event.local)} -> {format_address(event.remote)}{via}"
    if isinstance(event, ControlConnecting):
        return f"connecting to {format_address(event.remote)}"
    if isinstance(event, ControlConnectFailed):
        return f"connecting to {format_address(event.remote)} failed ({event.cause}): {event.detail}"
    if isinstance(event, ControlClosed):
        return f"control connection closed ({event.reason})"
    if isinstance(event, CommandSent):
        return f"> {event.text}"
    if isinstance(event, TlsEstablished):
        return f"TLS {event.channel} {event.version} {event.cipher} reused={event.session_reused}"
    if isinstance(event, DataChannelPlanned):
        where = f"{advertised_words(event.command, event.advertised)}, target {format_address(event.target)}"
        return f"data {event.command} {where}"
    if isinstance(event, DataConnected):
        return f"data connected {format_address(event.local)} <-> {format_address(event.remote)} ({event.dialer})"
    if isinstance(event, DataFailed):
        return f"data failed at {event.stage} ({event.cause}): {event.detail}"
    if isinstance(event, DataClosed):
        return f"data closed after {event.bytes} bytes"
    if isinstance(event, ModeFallback):
        return f"switched from {event.from_mode} to {event.to_mode} mode ({event.cause})"
    if isinstance(event, TlsNotUsed):
        return f"TLS not used ({'not offered' if event.reason == 'not-offered' else event.reason})"
    if isinstance(event, TransferStopped):
        return f"the client stops the transfer: {event.detail}"
    return type(event).__name__  # (none of ``TRANSCRIBED``: a test finds each of those in words)


def of_total(done: int, total: Optional[int]) -> str:
    """``done`` bytes said with the whole file's, when known: "293.0 KiB of 1.0 MiB (28%)"."""
    if not total:
        return size_text(done)
    return f"{size_text(done)} of {size_text(total)} ({100 * done // total}%)"


def acknowledged_text(acknowledged: int, total: int, ascii: bool, of: str = "") -> str:
    """How much of an upload cut off the server had acknowledged (``FtpSession.upload_cut``), ``of`` after it:
    "293.0 KiB of 1.0 MiB (28%)", "none", a text upload's bytes on the wire "12.0 KiB, sent as text," (they are
    not the file's: design note 400)."""
    if not acknowledged:
        return f"none{of}"
    if ascii:
        return f"{size_text(acknowledged)}{of}, sent as text,"
    return f"{of_total(acknowledged, total)}{of}"


def write_tree_report(err: TextIO, result: MirrorResult) -> None:
    """What ``get -r``/``put -r`` skipped, renamed, tried again and failed, one line each, each with the CLI's
    name as every line it writes on stderr (these had none: design note 384); a failed download that left bytes
    in its temporary file says where they are kept."""
    for path, reason in result.report.skipped:  # (a name longer than any a file system holds, cut: note 297)
        err.write(f"ftpgui-cli: skipped {shown_cut(path)}: {shown_cut(reason)}\n")
    for path, name in result.report.renamed:
        err.write(f"ftpgui-cli: renamed {shown_cut(path)} to {shown_cut(name)}\n")
    for path, message in result.retried:
        err.write(f"ftpgui-cli: tried again {shown_cut(path)} after: {shown_cut(message)}\n")
    parts = {label: (part, size) for label, part, size in result.parts}
    cut = {label: rest for label, *rest in result.cut}
    for path, message in result.failed:
        part, size = parts.get(path, ("", 0))
        kept = f" ({size_text(size)} kept in {part})" if part else ""
        if path in cut:  # an upload cut off: how far it went (design note 401)
            remote, acknowledged, total, ascii = cut[path]
            sent = acknowledged_text(acknowledged, total, ascii, " of it" if not acknowledged else "")
            kept = f" ({sent} had been acknowledged by the server: it may keep {remote} incomplete)"
        err.write(f"ftpgui-cli: failed {shown_cut(path)}: {shown_cut(message + kept)}\n")
