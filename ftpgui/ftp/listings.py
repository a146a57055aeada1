"""Listings of ``FtpSession``: LIST, MLSD and NLST over a data connection, read by the parsers (a mixin)."""

from __future__ import annotations

import contextlib
import re
import time
from datetime import datetime
from typing import Any, Iterator, List, Optional, Sequence, Set

from . import datachannel as dc
from .commands import RemotePath
from .errors import Cancelled, FtpError, ProtocolError, ReplyError
from .listing import Entry, parse_list, parse_mlsd, utc_offset
from .listing_mlsd import parse_mlsd_line

# what LIST (and NLST) may read as a pattern in its argument, folders too: pure-ftpd's glob takes * ? [ { and a
# backslash that quotes; proftpd's * ? [. vsftpd, and MLSD, CWD, SIZE, MDTM on all three, take a path as it is
PATTERN = re.compile(rb"[*?[{\\]")
SPLIT = re.compile(rb"[*?[{\\ \t]")  # and a space or tab: pure-ftpd's LIST reads ``/pub/s p`` as /pub/s and p


class ListingMixin:
    """A folder's listing: the bytes of LIST/MLSD/NLST, and its entries (MLSD where offered, else LIST)."""

    pace: Optional[dc.Pace] = None  # the speed limit (``FtpSession.pace``)

    def list_raw(
        self, path: Optional[RemotePath] = None, command: str = "LIST", *, folder: bool = False, spaces: bool = False
    ) -> bytes:
        """The raw bytes of LIST, MLSD or NLST (each over a data connection). ``folder``: ``path`` is a folder,
        listed from inside it where LIST would read its path as a pattern (``_listed_at``; with ``spaces``, or
        as several paths)."""
        with self._listed_at(path, spaces) if folder else contextlib.nullcontext(path) as arg:
            return bytes(self._listing_bytes(arg, command))

    def reads_as_pattern(self, path: RemotePath, *, spaces: bool = False) -> bool:
        """Whether LIST may read ``path`` as a pattern (``PATTERN``): pure-ftpd and proftpd list another folder
        for ``LIST /pub/f[x]`` (/pub/fx), or what ``LIST /pub/d [1]*?`` matches, or nothing. With ``spaces``,
        or as several paths (``SPLIT``): pure-ftpd's ``LIST /pub/s p`` lists /pub/s (``listdir`` over LIST: a
        server without MLSD may be one that splits; a path with a space costs it two commands more, CWD and back,
        design note 235)."""
        raw = path if isinstance(path, bytes) else self.names.encode(path)
        return (SPLIT if spaces else PATTERN).search(raw) is not None

    @contextlib.contextmanager
    def _listed_at(self, path: Optional[RemotePath], spaces: bool = False) -> Iterator[Optional[RemotePath]]:
        """The argument a LIST of the folder ``path`` takes: ``path`` itself (no command more), or None inside
        the folder (``inside``: CWD there, and back after) when LIST would read ``path`` as a pattern (or, with
        ``spaces``, as several paths). On a server that answers no PWD too (``inside``: an absolute path is
        entered and stayed in; a relative one is refused, ``NoWayBack`` — never listed by its path, design note
        236)."""
        if not path or not self.reads_as_pattern(path, spaces=spaces):
            yield path
            return
        with self.inside(path):
            yield None

    def _listing_bytes(self, path: Optional[RemotePath], command: str) -> bytearray:
        """What ``list_raw`` reads, in the buffer it was received into: the parsers read it as it is (no
        copy of a listing that may be tens of megabytes)."""
        out = bytearray()
        if path and path[:1] in ("-", b"-"):  # vsftpd and pure-ftpd read "LIST -x" as ls options (a folder
            path = "./" + path if isinstance(path, str) else b"./" + path  # named "-x": the login folder's
            # listing instead, and a tree walk that never ends - found by QA)
        line = command + (f" {self._arg(path)}" if path else "")
        self._transfer(
            line,
            run=lambda sock, progress: dc.receive(
                sock,
                out.extend,
                self._waker,
                self.options.timeout,
                progress,
                limit=self.options.listing_limit,
                deadline=time.monotonic() + self.options.listing_timeout,  # from the first byte's wait
                pace=self.pace,
            ),
        )
        return out

    def listdir(
        self,
        path: Optional[RemotePath] = None,
        *,
        now: Optional[datetime] = None,
        unparsed: Optional[List[bytes]] = None,
    ) -> Sequence[Entry]:
        """Entries of a directory: MLSD where the server offers it, else LIST (``LIST -a`` with
        ``list_hidden``). Names are decoded with the session's encoding and keep their raw bytes. A
        ``Listing`` (a sequence that makes each ``Entry`` when read: a large folder stays small).
        ``unparsed``: gets the lines no format reads (what they name is not among the entries: a walk that
        copies the folder says so - it left out a file of a size past 2⁶⁴ or below zero without a word)."""
        # (RFC 3659 names the feature MLST; some servers list only MLSD, which they do implement)
        if ("MLST" in self.features or "MLSD" in self.features) and not self._no_mlsd:
            try:
                return parse_mlsd(self._listing_bytes(path, "MLSD"), self.names.decode, unparsed)
            except ReplyError as exc:
                if exc.code not in (500, 502, 504):
                    raise
                self._no_mlsd = True  # offered in FEAT but not implemented: LIST from now on
        entered = False
        try:
            with self._listed_at(path, spaces=True) as arg:  # (LIST alone: a server that splits at spaces too)
                entered = arg is None and path is not None
                listing = self._list(arg, now, unparsed)
        except ReplyError as exc:
            if path is None or entered or not exc.command.startswith("CWD"):
                raise
            return self._file_line(path, exc, now)  # (a path LIST reads as a pattern, that CWD cannot enter)
        if arg and (len(listing) == 0 or (len(listing) == 1 and self._own_line(arg, listing[0]))):
            self._check_folder(arg)  # (a folder entered needs no such check)
        return listing

    def listdir_or_file(
        self, path: Optional[RemotePath] = None, *, unparsed: Optional[List[bytes]] = None
    ) -> Sequence[Entry]:
        """``ls``: ``listdir``, or the file ``path``'s one entry where the server refuses its MLSD (pure-ftpd and
        proftpd: "550 … is not a directory"; vsftpd's LIST of a file's path lists it already): MLST's facts of
        that one path, one command (``_file_entry``), or where no MLST is offered, LIST of the path taken only as
        that file's own line (``_file_line``: never what a pattern matches, note 212). A path that is no file
        keeps the MLSD's refusal, in the server's words (design note 226)."""
        try:
            return self.listdir(path, unparsed=unparsed)
        except ReplyError as exc:
            if not path or exc.temporary or not exc.command.startswith("MLSD"):
                raise
            if "MLST" not in self.features:
                return self._file_line(path, exc, None)
            return [self._file_entry(path, exc)]

    def _file_entry(self, path: RemotePath, refused: ReplyError) -> Entry:
        """MLST's entry of the file (or link) ``path``, under the name asked (the reply's pathname is the
        server's to write); ``refused`` where MLST is refused or unreadable, or says a folder."""
        line, entry = self._mlst_line(path), None
        if line is not None:
            with contextlib.suppress(ProtocolError):  # (a line MLSD's parser does not read: no entry)
                entry = parse_mlsd_line(line.encode(self._encoding.codec, "surrogateescape"), self.names.decode)
        if entry is None or entry.type == "dir":
            raise refused
        raw = (path if isinstance(path, bytes) else self.names.encode(path)).rstrip(b"/").rsplit(b"/", 1)[-1]
        return entry._replace(name=self.names.decode(raw), raw_name=raw)

    def _list(
        self, path: Optional[RemotePath], now: Optional[datetime], unparsed: Optional[List[bytes]]
    ) -> Sequence[Entry]:
        """``LIST`` (``LIST -a`` with ``list_hidden``) of ``path``, parsed."""
        data = None
        if self.options.list_hidden and not self._no_list_a:
            try:
                data = self._listing_bytes(path, "LIST -a")
            except ReplyError as exc:
                if exc.code < 500:
                    raise
                data = self._listing_bytes(path, "LIST")
                self._no_list_a = True  # refused -a, but a plain LIST works: do not ask again
        if data is None:
            data = self._listing_bytes(path, "LIST")
        tz = utc_offset(self.options.server_time_offset)
        return parse_list(data, now=now, tz=tz, decode=self.names.decode, unparsed=unparsed)

    def _file_line(self, path: RemotePath, refused: ReplyError, now: Optional[datetime]) -> Sequence[Entry]:
        """``ls`` of a file that CWD cannot enter (or whose MLSD is refused): its own line alone, else the refusal
        (``refused``) — the path is a folder gone or locked, or no file. LIST of the path, taken only as that
        file's own line; where LIST reads the path as a pattern or as several paths (``c[1].txt``: c1.txt on
        proftpd; ``s p/a.txt``: /pub/s's on pure-ftpd), the line of that name in its folder's listing instead
        (``listdir``: from inside the folder where LIST would misread its path too)."""
        raw = path if isinstance(path, bytes) else self.names.encode(path)
        if not self.reads_as_pattern(raw, spaces=True):
            listing = self._list(path, now, None)
            if own_file_line(raw, listing):
                return listing
            raise refused
        folder, slash, name = raw.rstrip(b"/").rpartition(b"/")
        try:
            listing = self.listdir(folder or slash or None, now=now)
        except ReplyError:
            raise refused from None
        # (the name itself: a line listing "other/a b.txt" names another file, never this one — note 247)
        own = [entry for entry in listing if entry.type != "dir" and entry.wire_name == name]
        if len(own) != 1:
            raise refused
        return own

    def folder_unique(self, path: Optional[RemotePath] = None) -> Optional[str]:
        """MLST's ``unique`` fact of the folder ``path`` (None: the working folder) where the server lists with
        MLSD and answers MLST, else None: the one folder of a tree walk that no listing of the walk names."""
        if "MLST" not in self.features or self._no_mlsd:
            return None
        line = self._mlst_line(path)
        for fact in (line or "").partition(" ")[0].split(";"):
            key, eq, value = fact.partition("=")
            if eq and key.lower() == "unique" and value:
                return value
        return None

    def _mlst_line(self, path: Optional[RemotePath]) -> Optional[str]:
        """MLST's one line of facts and pathname of ``path`` (None: the working folder), without the space it
        starts with (RFC 3659 7.2); None where MLST is refused or gives no such line."""
        try:
            reply = self.command("MLST" + (f" {self._arg(path)}" if path else ""))
        except (ReplyError, ProtocolError):
            return None
        return next((line[1:] for line in reply.split("\n")[1:] if line[:1] == " "), None)

    def _own_line(self, path: RemotePath, entry: Entry) -> bool:
        """Whether ``entry`` may be the folder ``path``'s own line (``ls -d``'s): a folder of its last name. A
        file's line is a file's listing (``ls pub/file.txt``), no folder's."""
        raw = path if isinstance(path, bytes) else self.names.encode(path)
        name = self.names.decode(raw.rstrip(b"/").rsplit(b"/", 1)[-1])
        return entry.type == "dir" and entry.name == name

    def _check_folder(self, path: RemotePath) -> None:
        """After a LIST of ``path`` that could be a folder's or no folder's: enter it (and go back), so a
        folder that is missing or cannot be read fails in the server's words. vsftpd answers 226 to LIST of
        a missing folder with nothing, and of an unreadable one with that folder's own line (``ls -d``): a
        tree copy of it said nothing and exited 0, without its files (found by QA)."""
        try:
            self._where()
        except (ReplyError, ProtocolError):
            return  # (no PWD: nowhere known to come back to - the listing is taken as it came)
        with self.inside(path):  # (a ReplyError, in the server's words, where it cannot be entered)
            pass


def own_file_line(path: bytes, listing: Sequence[Entry]) -> bool:
    """Whether ``listing`` (a LIST of ``path``) is that file's own line alone, no folder's: one entry, not a
    folder, of the path's last name — a file's listing (vsftpd: ``LIST /pub/a.txt``), not what a pattern matched
    (``c[1].txt``: ``c1.txt``) nor a folder's own line (``ls -d``)."""
    if len(listing) != 1 or listing[0].type == "dir":
        return False
    return listing[0].wire_name.rsplit(b"/", 1)[-1] == path.rstrip(b"/").rsplit(b"/", 1)[-1]


class FoldersMet:
    """The MLSD ``unique`` facts of the folders a tree walk has entered, the folder it started at among them: a
    link back to that folder (``/data/loop -> /data``, which an MLSD lists as a folder with the target's
    ``unique``) is a folder met before, not followed once (design note 204). The start folder's is asked (MLST)
    once, when the walk first meets a folder with a ``unique``: a server without them is asked nothing."""

    def __init__(self, session: Any, start: Optional[RemotePath]) -> None:
        self._session, self._start = session, start
        self._asked = False
        self._seen: Set[str] = set()

    def met_before(self, unique: str) -> bool:
        """Whether the folder whose ``unique`` this is was met already; else it counts as met from now on."""
        if not self._asked:
            self._asked = True
            own = start_unique(self._session, self._start)
            if own:
                self._seen.add(own)
        if unique in self._seen:
            return True
        self._seen.add(unique)
        return False


def start_unique(session: Any, start: Optional[RemotePath]) -> Optional[str]:
    """``folder_unique`` of a walk's start folder, None where it cannot be had (a lost connection too: the walk's
    next listing says that in its own words)."""
    try:
        return session.folder_unique(start or None)
    except Cancelled:
        raise
    except FtpError:
        return None
