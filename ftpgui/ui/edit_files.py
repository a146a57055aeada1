"""What View and Edit know of a remote file and its copy (:mod:`.remote_edit` acts on them): the server's
file as last seen, the copy's name and state, the editor's command line, and the upload of a saved copy
back over the server's file, which leaves that file whole whatever cuts the upload off (design note 145).

The functions that take a session run on the connection's thread, never on the GUI thread.
"""

from __future__ import annotations

import os
import posixpath
import secrets
import shlex
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from ..ftp import FtpError, ProtocolError, ReplyError, TransferFailed, UnsafePath
from ..ftp.listing_base import Entry
from ..ftp.localpath import PART_SUFFIX, safe_name
from ..ftp.names import UTF8, NameCodec, RemotePath
from ..ftp.safetext import CONTROL_OR_BIDI, UNDECODED
from .permissions import mode_from_permissions
from .remote_actions import valid_name
from .remote_pane import is_inside

if TYPE_CHECKING:
    from ..ftp.session import FtpSession

# the server's file as last seen: (size, modification time); None when it is not there
Stamp = Optional[Tuple[Optional[int], Optional[datetime]]]
# kinds of file the system's opener runs (or installs) rather than shows: Windows, macOS, Linux desktops
RUN_BY_THE_SYSTEM = frozenset(
    ".exe .com .bat .cmd .scr .pif .msi .msp .msc .cpl .hta .js .jse .vbs .vbe .wsf .wsh .ps1 .lnk .url .reg .jar "
    ".appref-ms .application .scf .inf .command .tool .terminal .app .pkg .mpkg .workflow .desktop .sh .run "
    ".appimage".split()
)


def _folder_and_name(path: RemotePath) -> Tuple[RemotePath, RemotePath]:
    folder, name = posixpath.split(path)
    return folder or ("/" if isinstance(path, str) else b"/"), name


def _listed(session: FtpSession, path: RemotePath) -> Dict[RemotePath, Entry]:
    """``{name: entry}`` of ``path``'s folder, each by the kind of name ``path`` has (its bytes, or text)."""
    folder, _name = _folder_and_name(path)
    wire = isinstance(path, bytes)
    return {(entry.wire_name if wire else entry.name): entry for entry in session.listdir(folder)}


def remote_stamp(session: FtpSession, path: RemotePath) -> Stamp:
    """On the connection's thread: the size and modification time of ``path`` (SIZE and MDTM; a listing of
    its folder for what the server does not answer), or None when there is no such file. ``path`` may be the
    bytes the server listed it with."""
    size = session.known_size(path)
    try:
        when: Optional[datetime] = session.mdtm(path)
    except (ReplyError, ProtocolError):
        when = None
    if size is not None and when is not None:
        return size, when
    entry = _listed(session, path).get(_folder_and_name(path)[1])
    if entry is not None:
        return (size if size is not None else entry.size), (when or entry.modified)
    return None if size is None else (size, when)


READABLE = 100  # bytes of the file's own name, at most, in its temporary name (which adds 21 to them)


def temporary_name(path: RemotePath, names: NameCodec = UTF8) -> RemotePath:
    """A name for an edited copy on the server before it takes ``path``'s place, beside it, new for each upload:
    ``NAME.HEX.ftpgui-part``, NAME with its dots as underscores and cut to ``READABLE`` bytes, HEX eight random
    hex digits (``x.php`` -> ``x_php.5f3a09c1.ftpgui-part``). None of the file's extensions is one of the
    temporary file's, which a web server would read as the file's type (Apache's mod_mime reads every one), and
    no one guesses its address while it is there (design note 154). Not hidden (no leading dot): a LIST without
    ``-a`` must show it (``_keeps_what_the_file_had``), and a person must see one left there. ``path`` may be
    the server's bytes: ``names`` (the session's codec) says where a long one may be cut."""
    folder, name = posixpath.split(path)
    tag = "." + secrets.token_hex(4) + PART_SUFFIX
    if isinstance(name, bytes):
        return posixpath.join(folder, _front(name.replace(b".", b"_"), names.decoders) + tag.encode("ascii"))
    front = _front(name.replace(".", "_").encode("utf-8", "surrogateescape"), ("utf-8",))
    return posixpath.join(folder, front.decode("utf-8", "surrogateescape") + tag)


def _front(raw: bytes, codecs: Tuple[str, ...]) -> bytes:
    """``raw``'s first ``READABLE`` bytes at most, never a part of a character: in the first of ``codecs`` that
    reads all of ``raw`` (no character takes more than 4 bytes), else UTF-8's (no continuation byte first)."""
    if len(raw) <= READABLE:
        return raw
    for codec in codecs:
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        for end in range(READABLE, READABLE - 4, -1):
            try:
                raw[:end].decode(codec)
            except UnicodeDecodeError:
                continue
            return raw[:end]
        break
    end = READABLE
    while end > 0 and 0x80 <= raw[end] < 0xC0:
        end -= 1
    return raw[:end]


def _keeps_what_the_file_had(session: FtpSession, path: RemotePath, temp: RemotePath, new_file: bool) -> bool:
    """Whether ``temp``, renamed over ``path``, leaves it as it was but for its bytes: the same owner and
    group where the listing shows them, and the same permissions (set with SITE CHMOD when they differ).
    A server that lists neither keeps nothing this could compare. ``new_file``: ``path`` is not expected
    to be there (nothing to keep); else a file the listing does not show is not known."""
    entries = _listed(session, path)
    old, new = entries.get(_folder_and_name(path)[1]), entries.get(_folder_and_name(temp)[1])
    if old is None or new is None:
        return old is None and new is not None and new_file
    if (old.owner and new.owner and old.owner != new.owner) or (old.group and new.group and old.group != new.group):
        return False
    mode = mode_from_permissions(old.permissions)
    if mode is not None and mode != mode_from_permissions(new.permissions):
        try:
            session.chmod(mode, temp)
        except ReplyError:
            return False
    return True


# how far an edited copy's upload has come (``PutBack.stage``)
BEGUN = ""  # nothing written yet (the link check)
TEMPORARY = "temporary"  # to the temporary name: the server's file is as it was
IN_PLACE = "in place"  # over the server's file itself: that file is incomplete until it ends
RENAMING = "renaming"  # RNTO sent, its reply not read: the server's file is the old one or the new
DONE = "done"  # the server's file is the new one (renamed, or written whole)


@dataclass(eq=False)
class PutBack:
    """One upload of an edited copy as it goes: each field is set by one assignment on the connection's thread
    (:func:`put_back`) and read on the GUI thread, which says from it what stopping the upload would leave,
    and what it did leave once the connection has ended."""

    target: str = ""  # the server's file it writes (its path as shown)
    wire: Optional[RemotePath] = None  # what names that file to the server
    state: Optional[Tuple[int, int]] = None  # the copy's size and time as uploaded
    part_shown: str = ""  # the temporary file's path as said to the person ("": straight to the file)
    connection: Any = None  # the connection it runs on
    stage: str = BEGUN
    part: bool = False  # the temporary file may be on the server
    settled: bool = False  # (the GUI thread's) what it left has been said
    part_wire: Optional[RemotePath] = None  # what names the temporary file to the server (``choose_part``)

    def choose_part(self, names: NameCodec) -> None:
        """Choose the temporary name this upload goes through (:func:`temporary_name`), once: each use of it —
        STOR, RNFR, DELE, the log, the copies' record — reads it from here. ``names``: the session's codec."""
        self.part_wire = temporary_name(self.wire if self.wire is not None else self.target, names)
        name = posixpath.basename(self.part_wire)
        shown = names.show(name) if isinstance(name, bytes) else name
        self.part_shown = posixpath.join(posixpath.dirname(self.target), shown)


def _plain_file(session: FtpSession, path: RemotePath) -> bool:
    """On the connection's thread: whether ``LIST path`` shows a plain file of one name — never a link, which a
    rename would replace with a file, nor a file with hard links (a link count over 1 in LIST's second column),
    whose other names a rename would leave with the old bytes. A folder's listing may not say: pyftpdlib's MLSD
    gives a link its target's type (RFC 3659 leaves links out), while LIST of the one name shows ``l…`` on
    proftpd, pure-ftpd, vsftpd and pyftpdlib, and each of them shows the link count. False when it cannot tell:
    LIST refused, or no line with the name, or several; a line without a size (bare names); permissions that
    are not a file's. (proftpd with ``ShowSymlinks off`` shows a link as its target in LIST and MLSD alike:
    nothing over FTP tells it.) A line without a link count (other formats) says nothing of hard links. No line
    for the name: the folder's LIST is read for it (a server may read the name as a pattern). A folder whose path
    LIST reads as a pattern or as several paths (``reads_as_pattern``; a space, on pure-ftpd) is listed from
    inside it alone: the name's LIST, or the folder's, may show another folder's file (``f[x]/a.txt``: fx's,
    ``s p/a.txt``: that of /pub/s)."""
    from ..ftp.listing import link_counts, parse_list  # (the parsers load after the first window: not at start)

    raw = path if isinstance(path, bytes) else session.names.encode(path)
    name = _folder_and_name(raw)[1]
    folder = _folder_and_name(path)[0]
    lines: list = []
    # the name, else its folder: pure-ftpd reads LIST's argument as a pattern (``a[1].txt`` finds nothing)
    listings = [lambda: session.list_raw(folder, folder=True, spaces=True)]
    if not session.reads_as_pattern(folder, spaces=True):
        listings.insert(0, lambda: session.list_raw(path))
    for listing in listings:
        try:
            data = listing()
        except (ReplyError, TransferFailed, ProtocolError):
            return False
        lines = [e for e in parse_list(data) if e.wire_name.rsplit(b"/", 1)[-1] == name]  # (proftpd: whole path)
        if lines:
            break
    if len(lines) != 1:
        return False
    entry = lines[0]
    if not (entry.type == "file" and entry.size is not None and (entry.permissions or "-")[:1] == "-"):
        return False
    return all(count <= 1 for listed, count in link_counts(data).items() if listed.rsplit(b"/", 1)[-1] == name)


def _remove_part(session: FtpSession, temp: RemotePath, put: PutBack) -> None:
    """Delete the temporary file while the connection is there (a lost one is not dialled again for it)."""
    if not session.connected:
        return
    try:
        session.delete(temp)
    except FtpError:
        return
    put.part = False


def _in_place(session: FtpSession, local: str, path: RemotePath, put: PutBack) -> bool:
    put.stage = IN_PLACE
    session.upload(local, path)
    put.stage = DONE
    return False


def put_back(
    session: FtpSession,
    local: str,
    path: RemotePath,
    straight: bool,
    new_file: bool = False,
    put: Optional[PutBack] = None,
) -> bool:
    """On the connection's thread: upload the copy ``local`` over ``path`` so that the server holds the old
    file or the new one at every moment, never a part: to :func:`temporary_name` first, renamed over
    ``path`` (RNFR/RNTO) once whole. True when it went so. It goes ``straight`` to ``path`` (False returned)
    when asked, or when that way would change more than the file's bytes or cannot be had: ``path`` is a
    link or has hard links, or LIST cannot tell (``_plain_file``), the temporary file cannot be made (a folder
    the login may not write in, a name too long), the server would give it another owner, group or permissions
    (``_keeps_what_the_file_had``), or it refuses the rename (no RNFR/RNTO, or no rename over a file that
    exists); the temporary file is removed then. ``new_file``: ``path`` is a name not taken (nothing of a
    file there to keep). ``put`` (a :class:`PutBack`) follows how far it came; an upload that fails or is
    cancelled removes the temporary file when the connection is still there to do it. The temporary name is
    ``put``'s when it has one (``PutBack.choose_part``), else chosen here."""
    put = put if put is not None else PutBack(wire=path)
    if straight or not (new_file or _plain_file(session, path)):
        return _in_place(session, local, path, put)
    if put.part_wire is None:  # (none chosen before the upload was begun)
        put.choose_part(session.names)
    temp = put.part_wire
    put.stage, put.part = TEMPORARY, True
    try:
        return _through(session, local, path, temp, new_file, put)
    except FtpError:
        if put.part:
            _remove_part(session, temp, put)
        raise


def _through(session: FtpSession, local: str, path: RemotePath, temp: RemotePath, new_file: bool, put: PutBack) -> bool:
    try:
        session.upload(local, temp)
    except ReplyError as exc:  # STOR refused (what fails later is a TransferFailed): nothing written
        put.part = False
        if exc.temporary:
            raise
        return _in_place(session, local, path, put)
    try:
        if _keeps_what_the_file_had(session, path, temp, new_file):
            session.rename(temp, path, lambda: setattr(put, "stage", RENAMING))
            put.stage, put.part = DONE, False
            return True
    except ReplyError:
        put.stage = TEMPORARY  # (refused: nothing was renamed)
    _in_place(session, local, path, put)
    _remove_part(session, temp, put)
    return False


def copy_name(name: str) -> str:
    """The local copy's name for a remote ``name``: the name itself where the editor can be given it and show
    it. Qt's strings (the editor's arguments, the file watcher) hold no lone surrogates — a name in a codec the
    session does not read keeps its bytes as those — so they, control and bidi characters become ``_``; a name
    no system may have (``..``, Windows' ``CON``) is made safe, or ``file`` with its extension."""
    text = CONTROL_OR_BIDI.sub("_", UNDECODED.sub("_", name))
    try:
        return safe_name(text)
    except UnsafePath:
        ext = os.path.splitext(text)[1]
        return "file" + (ext if valid_name(ext) and "\\" not in ext else "")


def command_line(command: str, path: str) -> List[str]:
    """The editor's program and arguments: ``path`` where ``%f`` is, else after the rest."""
    args = shlex.split(command)
    if any("%f" in a for a in args):
        return [a.replace("%f", path) for a in args]
    return [*args, path]


def local_state(path: str) -> Optional[Tuple[int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


@dataclass(eq=False)
class EditedFile:
    """One remote file opened for editing, and where its copy is."""

    server: str  # where it came from, as said to the person: user@host:port (and the proxy it went through)
    route: str  # the browsing session's ``route`` it came by: uploaded only by a session of the same route
    remote: str
    local: str
    stamp: Stamp  # the server's file when it was opened (or last uploaded)
    seen: Optional[Tuple[int, int]]  # the copy's size and time when last looked at
    tab: object = None  # the server tab it was opened in: uploaded on that tab's browsing connection
    changed: bool = False  # saved in the editor and not uploaded yet
    busy: bool = False  # a question open or an upload running
    again: bool = False  # saved once more while busy
    asking: bool = False  # its "Upload?" question is open: a save meanwhile is the change it asks about
    wire: Optional[bytes] = None  # ``remote`` as the server listed it, sent instead of the text when known
    straight: bool = False  # uploaded over the server's file itself, not through a temporary name (put_back)
    uploading: bool = False  # its upload runs now
    put: Optional[PutBack] = None  # how far its last upload came
    job: Any = None  # (browser, job id) of the check or upload running for it, until its result comes

    @property
    def sent(self) -> RemotePath:
        """What names the file to the server: its bytes as listed, else its path."""
        return self.wire if self.wire is not None else self.remote

    def moved(self, old: str, new: str, old_wire: Optional[bytes], new_wire: Optional[bytes]) -> bool:
        """``old`` (the bytes ``old_wire`` sent for it, None: its text) is ``new`` now (``new_wire``): when it
        is this file or a folder holding it, the file's path and bytes follow (True). Its size and time as last
        seen stay: a rename keeps them."""
        if not is_inside(self.remote, old):
            return False
        self.remote = new + self.remote[len(old.rstrip("/")) :]
        wire, known = self.wire, old_wire is not None and new_wire is not None
        inside = known and wire is not None and (wire == old_wire or wire.startswith(old_wire.rstrip(b"/") + b"/"))
        self.wire = new_wire + wire[len(old_wire) :] if inside else None  # (else the text is sent)
        return True
