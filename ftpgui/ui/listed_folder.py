"""A remote folder as the file list reads it: the engine's entries with the columns every row needs made once.

``ListedFolder`` keeps the folder as the engine made it (a ``Listing``: about 50 bytes an entry, each ``Entry``
made when read) and adds its names, their sort keys and which are folders, made on the connection's thread
(``remote_browser.list_folder``) so the window's thread neither makes every ``Entry`` nor keeps them all; the
``remote_model`` shows it.
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Sequence, Set, Tuple, Union, overload

from ..ftp import Entry
from ..ftp.safetext import UNDECODED, UnreadLines

UNDECODED_KEPT = 50  # names not readable in the session's encoding, kept to guess which one would read them
READABLE_KEPT = 20  # names beyond ASCII that read, of each kind (UTF-8, not): kept to say what a change changes
READABLE_LOOKS = 500  # of which so many at most are tried as UTF-8 (a try per name would slow a big listing)


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


class ListedFolder(Sequence[Entry]):
    """A folder's entries (the engine's ``Listing``, or any sequence of ``Entry``) with the columns the pane
    reads for every entry made once: ``names``, their sort keys ``keys`` (casefolded; the name itself where
    that is the same, so the common lower-case name is kept once) and ``dirs`` (1 for a folder). Made where
    the folder was listed, so the window's thread neither makes every ``Entry`` nor keeps them all."""

    __slots__ = (
        "alike",
        "codecs",
        "dirs",
        "entries",
        "keys",
        "names",
        "readable",
        "undecoded",
        "unread",
        "wire",
    )

    def __init__(self, entries: Sequence[Entry], codecs: Tuple[str, ...] = ("utf-8",)):
        names: List[str] = []
        keys: List[str] = []
        dirs = bytearray()
        undecoded: List[bytes] = []
        utf8: List[bytes] = []  # (a few names beyond ASCII that read: valid UTF-8, and read in another codec)
        other: List[bytes] = []
        utf8_only = codecs == ("utf-8",)  # (then a name that reads is UTF-8)
        looks = 0 if utf8_only else READABLE_LOOKS
        seen: Set[str] = set()
        alike: Set[str] = set()

        def every_kind_full() -> bool:
            """No name further on would be kept: the names not read, and those that read (as far as looked)."""
            if len(undecoded) < UNDECODED_KEPT:
                return False
            if utf8_only:
                return len(utf8) >= READABLE_KEPT
            return not looks or (len(utf8) >= READABLE_KEPT and len(other) >= READABLE_KEPT)

        still_looking = True  # for names to keep; once every kind is full, an entry only gets its columns
        add_name, add_key, add_dir = names.append, keys.append, dirs.append
        for e in entries:  # (each Entry of a Listing is made here and dropped at once)
            name = e.name
            add_name(name)
            key = name.casefold()
            add_key(name if key == name else key)
            add_dir(e.type == "dir")
            if not name.isascii():  # (ASCII is ASCII in every codec offered: only such names can read alike)
                if name in seen:
                    alike.add(name)
                else:
                    seen.add(name)
                if not still_looking:
                    continue  # (no search)
                if UNDECODED.search(name):
                    if len(undecoded) < UNDECODED_KEPT:
                        undecoded.append(e.wire_name)
                        still_looking = not every_kind_full()
                elif utf8_only:
                    if len(utf8) < READABLE_KEPT:
                        utf8.append(e.wire_name)
                        still_looking = not every_kind_full()
                elif looks:
                    looks -= 1
                    raw = e.wire_name
                    kept = other if _not_utf8(raw) else utf8
                    if len(kept) < READABLE_KEPT:
                        kept.append(raw)
                    still_looking = not every_kind_full()
        self.entries, self.names, self.keys, self.dirs = entries, names, keys, dirs
        self.wire: Optional[bytes] = None  # the folder's path as the server wrote it (``list_folder`` sets it)
        self.codecs = codecs  # the codecs the session reads names in, in order (which one read a name: said
        # where two names read the same)
        # the bytes of (the first few) names the session's encoding could not read: the window says so
        self.undecoded = undecoded
        # the bytes of a few names beyond ASCII that read, valid UTF-8 ones and others: the window's note says
        # which of them another encoding would read otherwise
        self.readable = utf8 + other
        # the names two entries or more read as (a legacy server's UTF-8 and GBK bytes for one text): the pane
        # tells their rows apart; found here, off the window's thread (a set of 100,000 names takes it 15 ms)
        self.alike = frozenset(alike)
        # the lines of the listing no format read (``list_folder`` sets them), or None
        self.unread: Optional[UnreadLines] = None

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Entry, Sequence[Entry]]:
        return self.entries[index]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ListedFolder):
            other = other.entries
        return self.entries == other

    __hash__ = None  # type: ignore[assignment]

    def dir_names(self) -> List[str]:
        """The names of the folders in it, in the listing's order."""
        names = self.names
        return [names[i] for i, d in enumerate(self.dirs) if d]

    def __repr__(self) -> str:
        return f"ListedFolder({self.entries!r})"


def listed(entries: Sequence[Entry]) -> ListedFolder:
    return entries if isinstance(entries, ListedFolder) else ListedFolder(entries)
