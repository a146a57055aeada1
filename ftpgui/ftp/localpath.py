"""Turning names a server sent into local paths without writing outside the folder the person chose.

A name is either refused (it could climb out of the folder, hide a path in it or disguise itself: ``..``,
``a/b``, NUL, control characters — C0, DEL, C1 — and bidi controls, drive letters) or, where it is only
invalid on Windows (``CON``, ``a:b``, a trailing dot), renamed to a close safe name. Callers report both.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

from .errors import QT_TRANSLATE_NOOP, LocalFileError, LocalLink, UnsafePath, worded
from .safetext import CONTROL_OR_BIDI

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_WINDOWS_BAD_CHARS = re.compile(r'[:*?"<>|]')
_DRIVE = re.compile(r"^[A-Za-z]:")
MAX_DEPTH = 64
MAX_ENTRIES = 1_000_000
MAX_FOLDERS = 100_000
# A download is written under a temporary name, renamed when complete. Not ``NAME.part``: a server may list a
# file of that name next to NAME, which would then be overwritten by (or, resumed, glued onto) NAME's bytes.
PART_SUFFIX = ".ftpgui-part"
NAME_MAX = 255  # bytes in one name, on most file systems (ext4, XFS, Btrfs, APFS; NTFS counts 255 UTF-16 units)


def part_name(name: str) -> str:
    """The temporary name a download of ``name`` is written under (a file name or a path).

    ``NAME.ftpgui-part``, unless that passes ``NAME_MAX`` bytes while ``NAME`` itself fits: then the front of
    ``NAME`` that leaves room, ``~``, and a hash of the whole name, before the suffix — the same each time
    (a resume finds it), different for long names that share their front."""
    if len(name) * 4 + len(PART_SUFFIX) <= NAME_MAX:  # (most names: no character takes over 4 bytes)
        return name + PART_SUFFIX
    folder, base = os.path.split(name)
    size = _name_size(base)
    if size + len(PART_SUFFIX) <= NAME_MAX or size > NAME_MAX:  # (a name too long itself fails as it is)
        return name + PART_SUFFIX
    import hashlib  # (a name this long is rare: not loaded with the first window)

    tail = "~" + hashlib.sha256(os.fsencode(base)).hexdigest()[:16] + PART_SUFFIX
    room = NAME_MAX - len(tail)
    front = base[:room]  # (a character is one byte or more)
    while _name_size(front) > room:
        front = front[:-1]
    return os.path.join(folder, front + tail)


def _name_size(name: str) -> int:
    """A name's length as the file system counts it against ``NAME_MAX``: bytes, or UTF-16 units on Windows."""
    if sys.platform == "win32":
        return len(name.encode("utf-16-le", "surrogatepass")) // 2
    return len(os.fsencode(name))


# Why a folder transfer leaves an entry out: ``get -r``/``put -r`` say each as "skipped", the window's queue shows
# each as a skipped item in these words (never left out without one: design note 201)
LINK_TO_FOLDER = QT_TRANSLATE_NOOP("QueueModel", "a symbolic link to a folder on the server; not followed")
MET_BEFORE = QT_TRANSLATE_NOOP("QueueModel", "the same folder as one met before (MLSD unique); not followed")
NOT_FILE_OR_FOLDER = QT_TRANSLATE_NOOP("QueueModel", "not a regular file or folder")
LINK_LEADS_OUT = QT_TRANSLATE_NOOP("QueueModel", "a symbolic link leading out of the folder; not followed")
LINK_TO_NOTHING = QT_TRANSLATE_NOOP("QueueModel", "a symbolic link to a folder or to nothing; not followed")


@dataclass
class SafetyReport:
    """What a recursive transfer skipped or renamed, and why."""

    skipped: List[Tuple[str, str]] = field(default_factory=list)  # (remote path, reason)
    renamed: List[Tuple[str, str]] = field(default_factory=list)  # (remote path, local name)

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append((path, reason))


def safe_name(name: str, *, windows: Optional[bool] = None) -> str:
    """The local file name for a server's ``name``; raises UnsafePath when it must be refused.

    ``windows`` applies Windows' extra rules (default: on Windows only); the result may then differ from
    ``name``, and the caller should report the rename.
    """
    if windows is None:
        windows = sys.platform == "win32"
    check_listed(name)
    if "\\" in name:
        raise _unsafe(name, _SEPARATOR)
    if "\0" in name:
        raise _unsafe(name, QT_TRANSLATE_NOOP("engine", "Unsafe name {name!r}: the name contains a NUL byte"))
    if CONTROL_OR_BIDI.search(name):  # C0, DEL, C1, and bidi controls ("\u202egpj.exe" shows as exe.jpg)
        raise _unsafe(name, QT_TRANSLATE_NOOP("engine", "Unsafe name {name!r}: the name contains a control character"))
    if _DRIVE.match(name):
        raise _unsafe(name, QT_TRANSLATE_NOOP("engine", "Unsafe name {name!r}: the name starts with a drive letter"))
    if not windows:
        return name
    safe = _WINDOWS_BAD_CHARS.sub("_", name)
    safe = safe.rstrip(" .") or "_"
    stem = safe.split(".", 1)[0].rstrip(" ").upper()
    if stem in _WINDOWS_RESERVED:
        safe = "_" + safe
    return safe


_SEPARATOR = QT_TRANSLATE_NOOP("engine", "Unsafe name {name!r}: the name contains a path separator")


def check_listed(name: str) -> None:
    """Raises UnsafePath, in ``safe_name``'s words (its first checks), when ``name`` — as a folder's listing gave
    it — names no entry of that folder: empty, ``.`` or ``..``, or holding a "/". Joined to the folder's path,
    such a name is another path (``sub/x``, ``../x``, ``/etc/x``): a command for it acts on another file, and a
    download of it is saved under another name. The window refuses every action on such a row with it; ``get
    -r`` (through ``safe_name``) fails such an entry in the same words."""
    if not name:
        raise _unsafe(name, QT_TRANSLATE_NOOP("engine", "Unsafe name {name!r}: the name is empty"))
    if name in (".", ".."):
        raise _unsafe(name, QT_TRANSLATE_NOOP("engine", "Unsafe name {name!r}: the name refers to a directory itself"))
    if "/" in name:
        raise _unsafe(name, _SEPARATOR)


def names_no_entry(name: str) -> bool:
    """``check_listed`` refuses ``name``: listed in a folder, it names no entry of it (a "/" in it, "." or "..")."""
    try:
        check_listed(name)
    except UnsafePath:
        return True
    return False


def refused_name(name: str) -> bool:
    """``safe_name`` refuses ``name``: no local file may have it, under any name rules."""
    try:
        safe_name(name, windows=False)
    except UnsafePath:
        return True
    return False


def join_inside(root: str, *names: str) -> str:
    """``root``/names…, refusing any result that resolves outside ``root`` (symlinks included): a link already
    in the folder that leads out of it is said as such (``LINK_LEADS_OUT_HERE``), never written through."""
    real_root = os.path.realpath(root)
    # made plain: a folder's own ``relpath``, ".", left "tree/./name" in the queue's rows and the CLI's lines (design
    # note 399); what is checked below is the path returned, so nothing plainer than it is ever written to
    path = os.path.normpath(os.path.join(real_root, *names))
    real = os.path.realpath(path)
    if os.path.commonpath([real_root, real]) != real_root:
        raise _link_out(root, real_root, names) or _unsafe(
            os.path.join(*names) if names else "",
            QT_TRANSLATE_NOOP("engine", "Unsafe name {name!r}: the path leads outside the target folder"),
        )
    return path


# A local symbolic link, already in the folder a download writes to, where a file or folder of it goes, that
# leads out of the folder: the server's name is fine, the link is what stops it (it was said as "Unsafe name
# './ok.txt': the path leads outside the target folder", found by QA: design note 301)
LINK_LEADS_OUT_HERE = QT_TRANSLATE_NOOP(
    "engine",
    "{name!r} in {folder} is a symbolic link to a place outside that folder; ftpgui does not write through "
    "links. Remove or rename the link, then try again.",
)


def _link_out(root: str, real_root: str, names: Tuple[str, ...]) -> Optional[LocalLink]:
    """The refusal of ``root``/``names`` when a link on the way, already there, leads out of ``root``: its
    name and the folder it is in (``root`` as given, then the names before it), or None when no link does."""
    parts = [p for p in os.path.join(*names).split(os.sep) if p not in ("", os.curdir)] if names else []
    for i, part in enumerate(parts):
        here = os.path.join(real_root, *parts[: i + 1])
        if os.path.islink(here) and os.path.commonpath([real_root, os.path.realpath(here)]) != real_root:
            folder = os.path.join(root, *parts[:i])
            words = {"name": part, "folder": folder}
            return worded(LocalLink, LINK_LEADS_OUT_HERE, _init=words, **words)
    return None


def join_name(root: str, folder: str, name: str) -> str:
    """``folder``/``name``, refused as ``join_inside`` refuses it, for a ``name`` that passed ``safe_name`` and a
    ``folder`` that is ``root`` or that ``join_inside(root, …)`` gave. Such a path can only lead outside when
    the name is a symbolic link, so one ``lstat`` replaces resolving the whole path again (a download of
    many files checks each one)."""
    path = os.path.join(folder, name)
    if os.path.islink(path):
        return join_inside(root, os.path.relpath(folder, root), name)
    return path


def _unsafe(name: str, template: str) -> UnsafePath:
    """UnsafePath worded by ``template`` ("Unsafe name {name!r}: <reason>"), so it can be translated."""
    return UnsafePath(name, template.split(": ", 1)[1], template)


unsafe = _unsafe
OUTSIDE = QT_TRANSLATE_NOOP("engine", "Unsafe name {name!r}: the path leads outside the target folder")
# (the messages of ``localfs``: here, so the README's lupdate command finds them)
LINK_ON_THE_WAY = QT_TRANSLATE_NOOP(
    "engine", "Unsafe name {name!r}: a folder on the way is a symbolic link or not a folder (it may have been swapped)"
)
# a plain file where a folder of the transfer goes (a local file "sub" when the folder "sub" is downloaded): no
# attack, nothing swapped — said as it is (it was said as the link above, found by QA)
FILE_IN_THE_WAY = QT_TRANSLATE_NOOP("engine", "{name!r} is a file here, not a folder, so the folder cannot be made.")
FILE_NOT_FOLDER = QT_TRANSLATE_NOOP("engine", "{name!r} is a file here, not a folder.")
CHOSEN_GONE = QT_TRANSLATE_NOOP(
    "engine", "The folder chosen for this download, {path}, is no longer there: it is not made again."
)


def folder_error(path: str, exc: OSError, create: bool = False) -> LocalFileError:
    """A folder that could not be opened or (``create``, where none is) made, in words. The folder named is the
    one that failed, in full: ``exc``'s own (``localfs.Folder.open`` names it so) when it has one, else ``path``
    — a folder download into a read-only folder said only "Read-only file system: sub" (design note 186)."""
    failed = exc.filename if isinstance(exc.filename, str) and os.path.isabs(exc.filename) else path
    made = create and not os.path.isdir(failed)
    return worded(
        LocalFileError,
        QT_TRANSLATE_NOOP("engine", "Could not create the folder {path}: {reason}")
        if made
        else QT_TRANSLATE_NOOP("engine", "Could not open the folder {path}: {reason}"),
        path=failed,
        reason=exc.strerror or exc,
    )


def collides(existing: Iterable[str], name: str) -> bool:
    """True when ``name`` equals an existing name ignoring case (as on Windows and macOS); for one question.
    Asking many of the same names: keep a ``FoldedNames``."""
    return name in FoldedNames(existing)


_FOLDS: Dict[int, bool] = {}  # a file system (``st_dev``) → whether it takes names differing in case for one


def folds_case(folder: str, windows: Optional[bool] = None) -> bool:
    """Whether two names in ``folder`` that differ only in case are one name: always under Windows' name rules
    (``windows``, as ``safe_name`` takes it: a target asked to follow them is read where the two are one file),
    else as the file system ``folder`` is on takes them (NTFS and APFS as usually set up fold them; on Linux a
    FAT, NTFS or SMB mount) — asked of the disk, once per file system: a probe file is made there and looked up
    in upper case. Where that cannot be done, the platform's usual answer (yes on Windows and macOS). On a file
    system that keeps both names, folding them lost files: ``Case`` and ``case`` from a server, one of them
    skipped (found by QA; Linux kernel trees hold such pairs). The one question for every transfer that writes
    local names (the CLI's tree, the queue's folder listing, its "the target exists" check)."""
    if windows:
        return True
    usual = sys.platform in ("win32", "darwin")
    try:
        dev = os.stat(folder).st_dev
    except OSError:
        return usual
    known = _FOLDS.get(dev)
    if known is None:
        known = _probe_case(folder)
        if known is None:  # (no probe could be made here: the usual answer, not kept for the file system)
            return usual
        _FOLDS[dev] = known
    return known


def _probe_case(folder: str) -> Optional[bool]:
    """Whether a new file's name in upper case finds it (a random name: nothing else has it); None when no
    probe can be made (a read-only folder, a full disk)."""
    probe = os.path.join(folder, f".ftpgui-case-{os.urandom(4).hex()}")
    try:
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600))
    except OSError:
        return None
    try:
        folder_part, name = os.path.split(probe)
        return os.path.lexists(os.path.join(folder_part, name.upper()))  # (SMB may give the two other inodes)
    finally:
        try:
            os.unlink(probe)
        except OSError:
            pass


# A name as a case-insensitive file system may compare it: ``casefold`` — wider than NTFS's own table ("Straße"
# and "STRASSE" meet here), on purpose: a pair taken for two that the disk takes for one would have the second
# download overwrite the first; the other way, the second is only asked about. (The method itself: no call of
# ours around it for each of a folder's names.)
fold = str.casefold


class FoldedNames:
    """Names as the file system sees them: ``name in names`` is ``collides``, in constant time (a folder of
    100,000 entries would otherwise compare each name with every earlier one). ``folded``: the file system
    takes names that differ only in case for one (``folds_case``); else names collide only when equal."""

    def __init__(self, names: Iterable[str] = (), folded: bool = True):
        self._key = fold if folded else str
        self._folded: Dict[str, str] = {}
        for n in names:
            self.add(n)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._key(name) in self._folded

    def add(self, name: str) -> None:
        self._folded.setdefault(self._key(name), name)

    def get(self, name: str) -> Optional[str]:
        """The first name given that is ``name`` ignoring case (perhaps ``name`` itself), or None."""
        return self._folded.get(self._key(name))
