"""The message log: what was said to the server and what it answered, as plain text in distinct colours.

The lines are kept and painted by ``log_lines`` (a bounded model behind a table of fixed-height rows); this
module says what each of the engine's events means in words and when lines join the log."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any, Callable, Iterable, List, Optional, Tuple

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QWidget

from .. import ftp, paths
from ..explain import engine_sentence, explain_cause, os_words, then_cause
from ..ftp.safetext import format_address, shown_lines
from ..logfile import MIB, LogFile
from .log_lines import MAX_LINES, LineView
from .modepanel.labelwords import close_reason

if TYPE_CHECKING:
    from ..ftp.events import ControlConnected, Event

SOON_MS = 100  # the transfers' lines (``soon``) join the log at most this much later, many batches in one edit
KINDS = ("status", "command", "reply", "error", "unasked")  # unasked: a reply no command asked for (note 426)
_SECRET = re.compile(r"^(PASS|ACCT)\s+.*$", re.IGNORECASE)
# a password in an address (ftp://user:password@host) wherever it appears in a line: masked too
_URL_SECRET = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s/@:]*:)[^\s/]*@", re.IGNORECASE)


_SECRET_VERBS = ("PASS", "ACCT")


def _clean(text: str) -> str:
    """Server text made safe to show, secrets masked: control, bidi and line-separator characters (they
    could fake lines or reverse text) shown as visible escapes such as ``\x1b`` or ``\u202e``. Only our
    own multi-line messages keep their line breaks (a reply line never holds one). (Each pattern runs only
    where it can match: a line of a transfer's log holds neither an address with a password nor PASS.)"""
    safe = shown_lines(text)
    if "://" in safe:
        safe = _URL_SECRET.sub(lambda m: m.group(1) + "****@", safe)
    if safe[:4].upper() in _SECRET_VERBS:
        safe = _SECRET.sub(lambda m: m.group(1) + " ****", safe)
    return safe


def kind_colours(palette: QPalette) -> dict:
    """One readable colour per kind, chosen for the palette's lightness (light and dark themes)."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    text = palette.color(QPalette.ColorRole.Text)
    if dark:
        return {
            "status": text,
            "command": QColor("#8ab4f8"),
            "reply": QColor("#81c995"),
            "error": QColor("#f28b82"),
            "unasked": QColor("#fdd663"),
        }
    return {
        "status": text,
        "command": QColor("#1a47a8"),
        "reply": QColor("#146c2e"),
        "error": QColor("#b3261e"),
        "unasked": QColor("#8a5a00"),
    }


# Questions whose "550 no such file" is an answer, not a failure: asked before an upload or to compare times
EXPECTED_NO = frozenset({"SIZE", "MDTM"})


def proxy_words(ev: ControlConnected) -> dict:
    hop = ev.proxy
    user = f"{hop.user}@" if hop.user else ""
    proxy = f"{hop.kind}://{user}{format_address(hop.address)}"
    return {"remote": format_address(ev.remote), "local": format_address(ev.local), "proxy": proxy}


class MessageLog(LineView):
    """Read-only, copyable, bounded (``MAX_LINES``); server text is shown as plain text, never interpreted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # lines held back (``soon``), with their time and their connection's tag
        self._pending: List[Tuple[List[Tuple[str, str]], str, str]] = []
        self._soon = QTimer(self, singleShot=True, interval=SOON_MS)
        self._soon.timeout.connect(self.flush)
        self._labels = {
            "status": self.tr("Status:"),
            "command": self.tr("Command:"),
            "reply": self.tr("Response:"),
            "error": self.tr("Error:"),
            "unasked": self.tr("Response (not asked for, ignored):"),
        }
        self.setObjectName("messageLog")
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._planned: dict = {}  # connection id → its data connection's DataChannelPlanned, to explain a failure
        self._modes: dict = {}  # (connection id, mode) → whether its last data connection in that mode was made
        self._asked: dict = {}  # connection id → verb of its last command, to tell an expected "no" from an error
        self._aborting: set = set()  # connection ids that sent ABOR and had no 2xx (or 5xx) since: a 426 is asked for
        self._unsaid: set = set()  # event classes that make no line (``describe``): progress, a data close…
        self.file: Optional[LogFile] = None  # the log file (a preference): gets each new line as shown
        # a transfer connection's name ("Transfer 2", as the mode panel calls it), or "" for none: its lines
        # say which connection they are from (the main window sets it; see ``add_events``)
        self.tag_of: Optional[Callable[[int], str]] = None
        self._update_formats()

    def _update_formats(self) -> None:
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.Bold)
        self.lines_model.recolour(kind_colours(self.palette()), bold)

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.PaletteChange:
            self._update_formats()  # the lines already shown take the new palette's colours too
        elif kind == QEvent.Type.FontChange:
            self._update_formats()
            self._remeasure()
        super().changeEvent(event)

    @property
    def max_lines(self) -> int:
        return self.lines_model.max_lines

    @max_lines.setter
    def max_lines(self, lines: int) -> None:
        self.lines_model.max_lines = lines

    @property
    def lines(self) -> List[Tuple[str, str]]:
        """(kind, text) of the lines in the log, newest last — those held back (``soon``) too."""
        self.flush()
        return [(kind, text) for kind, text, _ in self.lines_model.rows]

    def toPlainText(self) -> str:
        """The log as shown (time, label, text), a line each — the lines held back (``soon``) too."""
        self.flush()
        return self.lines_model.text()

    def colour_of(self, kind: str) -> QColor:
        return self.lines_model.colours[kind]

    # --- adding lines ----------------------------------------------------------------------------
    def add_lines(self, lines: Iterable[Tuple[str, str]], *, soon: bool = False, tag: str = "") -> None:
        """Append ``(kind, text)`` lines in one insert; keeps the view at the bottom if it was there.

        ``soon``: within ``SOON_MS``, with whatever else comes meanwhile — for the transfer connections, whose
        events arrive a batch per connection about ten times a second: one insert and one repaint for all of
        them (lines added without ``soon`` put the held-back ones in first, so the order stays the order of
        arrival; so do reading ``lines`` or the text, closing a tab or the window and changing the log file).
        ``tag``: the connection the lines come from, shown before their text (not part of ``lines``)."""
        cleaned = [(k, _clean(t)) for k, t in lines]
        if not cleaned:
            return
        stamp = time.strftime("%H:%M:%S")
        tag = f"[{tag}] " if tag else ""
        if soon:
            self._pending.append((cleaned, stamp, tag))
            if not self._soon.isActive():
                self._soon.start()
            return
        self.flush()
        self._append(self._rows(cleaned, stamp, tag))

    def clear_all(self) -> None:
        """Empty the log shown, the lines held back too (they were said before the person cleared it)."""
        self.flush()
        super().clear_all()

    def flush(self) -> None:
        """Put the lines held back (``soon``) in the log now, in order, in one insert."""
        if not self._pending:
            return
        self._soon.stop()
        pending, self._pending = self._pending, []
        rows: List[Tuple[str, str, str]] = []
        for lines, stamp, tag in pending:
            rows += self._rows(lines, stamp, tag)
        self._append(rows)

    def _rows(self, lines: List[Tuple[str, str]], stamp: str, tag: str = "") -> List[Tuple[str, str, str]]:
        """(kind, text, the line as shown: its time, its label, its connection's tag and the text)."""
        labels = self._labels
        return [(kind, text, f"{stamp}  {labels[kind]:<10} {tag}{text}") for kind, text in lines]

    def _append(self, rows: List[Tuple[str, str, str]]) -> None:
        if self.file is not None:
            self.file.write([row[2] for row in rows])
        self._add_rows(rows)

    def add_error(self, text: str) -> None:
        self.add_lines([("error", text)])

    def add_events(self, events: Iterable[Event], *, soon: bool = False, server: str = "") -> None:
        """The engine's events as log lines (progress is left to the queue and the status bar); ``soon``: as
        ``add_lines``. With ``tag_of``, each connection's lines carry its tag (the transfer connections' lines
        interleave: a person tells them apart, as the mode panel names them); ``server``: the tag names it too,
        first (the connection is to a server other than this log's tab browses: design note 484)."""
        tag_of = self.tag_of

        def tag(cid: Optional[int]) -> str:
            said = tag_of(cid) if tag_of is not None and cid is not None else ""  # type: ignore[arg-type]
            return f"{server} {said}" if server and said else server or said

        run: List[Tuple[str, str]] = []
        cid: Optional[int] = None
        for ev in events:
            lines = self.describe(ev)
            if not lines:
                continue
            if ev.connection_id != cid and run:
                self.add_lines(run, soon=soon, tag=tag(cid))
                run = []
            cid = ev.connection_id
            run.extend(lines)
        self.add_lines(run, soon=soon, tag=tag(cid) if run else "")

    def describe(self, ev: Event) -> List[Tuple[str, str]]:
        e = ftp  # the events by name (design note 229: not loaded with the first window; note 470)

        if ev.__class__ in self._unsaid:  # (most of a transfer's events: no walk through every kind below)
            return []
        if isinstance(ev, e.CommandSent):
            verb = self._asked[ev.connection_id] = ev.text.split(" ", 1)[0].upper()
            if verb == "ABOR":
                self._aborting.add(ev.connection_id)
            return [("command", ev.text)]
        if isinstance(ev, e.ReplyReceived):
            if ev.unasked:  # (the server's stray reply: passed over, the answer of no command)
                return [("unasked", line) for line in ev.lines]
            cid = ev.connection_id
            if cid in self._aborting:  # 426 (the transfer stopped, as asked), then ABOR's own 2xx
                if ev.code == 426:
                    return [("reply", line) for line in ev.lines]
                if ev.code < 300 or ev.code >= 500:
                    self._aborting.discard(cid)
            expected = ev.code == 550 and self._asked.get(cid) in EXPECTED_NO
            kind = "error" if ev.code >= 400 and not expected else "reply"
            return [(kind, line) for line in ev.lines]
        if isinstance(ev, e.ControlConnected):
            if ev.proxy is not None:  # (the proxy's user shows; its password is in no event)
                said = self.tr("Connected to {remote} through the proxy {proxy} (from {local})")
                return [("status", said.format(**proxy_words(ev)))]
            return [
                (
                    "status",
                    self.tr("Connected to {remote} (from {local})").format(
                        remote=format_address(ev.remote), local=format_address(ev.local)
                    ),
                )
            ]
        if isinstance(ev, e.ControlConnecting):
            return [("status", self.tr("Connecting to {remote}…").format(remote=format_address(ev.remote)))]
        if isinstance(ev, e.ControlConnectFailed):  # (each address tried; the last failure also ends in an error)
            words = os_words(OSError(ev.errno, ev.detail)) if ev.errno is not None else None
            if ev.cause == "timeout":
                words = self.tr("no answer within the timeout")
            return [
                (
                    "status",
                    self.tr("Connection attempt to {remote} failed: {reason}").format(
                        remote=format_address(ev.remote), reason=words or ev.detail
                    ),
                )
            ]
        if isinstance(ev, e.ControlClosed):
            # (in the mode panel's words for it: one list of the engine's reasons, each said in both languages)
            reason = close_reason(ev.reason)
            return [("status", self.tr("Connection closed ({reason})").format(reason=reason))]
        if isinstance(ev, e.TlsEstablished):
            return [
                (
                    "status",
                    self.tr("TLS on the {channel} connection: {version}, {cipher}").format(
                        channel=self._word(ev.channel), version=ev.version, cipher=ev.cipher
                    ),
                )
            ]
        if isinstance(ev, e.DataChannelPlanned):
            self._planned[ev.connection_id] = ev
            if ev.mode == "passive" and ev.elsewhere:  # a 227 naming another host (note 259)
                said = self.tr(
                    "Passive mode: the server's reply named {advertised}, which is not the address the server is "
                    "reached at; data connection to {target} instead (a 227's other host is never dialled)."
                )
                return [("status", said.format(advertised=ev.advertised[0], target=format_address(ev.target)))]
            return [
                (
                    "status",
                    self.tr("Passive mode: data connection to {target}").format(target=format_address(ev.target))
                    if ev.mode == "passive"
                    else self.tr("Active mode: waiting for the server on {target}").format(
                        target=format_address(ev.target)
                    ),
                )
            ]
        if isinstance(ev, e.DataConnected):
            plan = self._planned.get(ev.connection_id)
            if plan is not None:
                self._modes[(ev.connection_id, plan.mode)] = True
            return [
                (
                    "status",
                    self.tr("Data connection {local} ↔ {remote}").format(
                        local=format_address(ev.local), remote=format_address(ev.remote)
                    ),
                )
            ]
        if isinstance(ev, e.DataFailed):
            return [("error", self._data_failed(ev))]
        if isinstance(ev, e.ModeFallback):
            return [
                (
                    "status",
                    self.tr("Switched from {a} to {b} mode for this session.").format(
                        a=self._word(ev.from_mode), b=self._word(ev.to_mode)
                    ),
                )
            ]
        if isinstance(ev, e.ResumeUnchecked):  # (a write-only upload folder: resumed as before, said so; note 474)
            said = self.tr(
                "Could not check that {remote} on the server is the start of {path}: the server would not send it "
                "back ({reply}). Resumed from byte {offset} without the check."
            )
            return [("status", said.format(remote=ev.remote, path=ev.path, reply=ev.reply, offset=ev.offset))]
        self._unsaid.add(ev.__class__)  # (which kinds make a line depends on the class alone)
        return []

    def _data_failed(self, ev: Any) -> str:
        """A data connection's failure and its cause; what the other mode did on this connection, when it was
        tried (auto mode's PORT refused after a failed PASV said "Use passive mode": design note 293)."""
        cid = ev.connection_id
        plan = self._planned.pop(cid, None)  # (a failure at the command comes before its own plan: none)
        mode = ev.mode or (plan.mode if plan is not None else "passive")
        named = None  # (a passive connect to the control peer where the 227 named another host: note 295)
        if plan is not None and plan.mode == mode == "passive" and ev.stage == "connect" and plan.elsewhere:
            named = plan.advertised[0]
        self._modes[(cid, mode)] = False
        other = self._modes.get((cid, "active" if mode == "passive" else "passive"))
        said = engine_sentence(ev.template, dict(ev.values)) if ev.template else ev.detail  # (note 256)
        # the one line that says it: the failed command's error adds only the offer to diagnose (note 289)
        return then_cause(said, explain_cause(mode, ev.cause, other, ev.stage, named=named))

    def _word(self, code: str) -> str:
        """The engine's code words (a channel, a mode) in the person's language; others as they are. (Why a
        connection closed: ``close_reason``.)"""
        words = {
            "control": self.tr("control"),
            "data": self.tr("data"),
            "passive": self.tr("passive"),
            "active": self.tr("active"),
        }
        return words.get(code, code)


__all__ = ["KINDS", "MAX_LINES", "MessageLog", "kind_colours"]


def set_log_file(log: MessageLog, prefs: Any) -> None:
    """Start, change or stop ``log``'s file as the preferences say (``None``: stop, e.g. on closing)."""
    log.flush()  # (what it holds back goes to the file it was meant for)
    wanted = prefs is not None and prefs.log_to_file
    limit = prefs.log_file_limit_mib * MIB if wanted else 0
    folder = paths.log_dir() if wanted else ""
    old = log.file
    if old is not None and wanted and (old.folder, old.limit) == (folder, limit):
        return
    log.file = None
    if old is not None:
        old.close()
    if wanted:
        log.file = LogFile(folder, limit)
