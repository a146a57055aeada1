"""What a rename or a move would replace: the entry of the target folder that a new name stands for.

RNTO onto a name that exists replaces that file, unasked, on most servers (the Unix daemons call rename(2):
vsftpd, proftpd, pure-ftpd, pyftpdlib): the file that had the name is gone. So the client looks in the
target folder's listing first. A name is the bytes the server listed (two names in different codecs may
read the same, and only one of them is the file a RNTO names); on a server that takes names differing only
in case for one (Windows, whose FTP servers say so in their greeting, or list folders DOS-style), an entry
whose name is the new one ignoring case is in the way too — except the entry being renamed itself: renaming
``a.txt`` to ``A.TXT`` there is a plain rename.
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .listing_base import Entry
from .localpath import fold

# greetings of FTP servers that run on Windows (IIS's own: "220 Microsoft FTP Service"); their file systems
# (NTFS, FAT) take names differing only in case for one. A greeting is the server's text: what it can do here
# is make a question be asked that was not needed, never keep one from being asked.
_WINDOWS_GREETING = re.compile(
    r"Microsoft FTP|Windows|FileZilla Server|Serv-U|WFTPD|War-FTPD|Gene6|Titan FTP|Cerberus|CompleteFTP", re.I
)
_GREETING_READ = 2000  # characters of the greeting looked at (a server may send a long one)


def in_the_way(
    entries: Iterable[Entry], wanted: Sequence[Tuple[str, bytes]], welcome: str = "", renamed: Optional[bytes] = None
) -> List[Optional[Entry]]:
    """For each new name in ``wanted`` — (the name as text, the bytes RNTO sends for it) — the entry of
    ``entries`` (the target folder's listing) that the RNTO would replace, or None. An entry listed with the
    same bytes is in the way; on a server that folds case, an entry whose name is the same ignoring case too
    (when none has the same bytes). The server folds case when its greeting (``welcome``) names a Windows
    server, or when the folder is listed DOS-style (no entry with Unix permissions or MLSD facts) — unless the
    folder lists two names that differ only in case: that server keeps them apart. ``renamed``: the bytes of
    the entry being renamed in this folder, which is in no name's way (``a.txt`` renamed ``A.TXT``)."""
    exact: Dict[bytes, int] = {raw: i for i, (_name, raw) in enumerate(wanted)}
    folded: Dict[str, int] = {fold(name): i for i, (name, _raw) in enumerate(wanted)}
    same: List[Optional[Entry]] = [None] * len(wanted)
    alike: List[Optional[Entry]] = [None] * len(wanted)
    greeting = bool(_WINDOWS_GREETING.search(welcome[:_GREETING_READ]))
    dos, listed, keeps_case = True, False, False
    seen: Dict[str, str] = {}  # a folded name → the first name listed so (while folding is in question)
    for e in entries:
        listed = True
        name, raw = e.name, e.wire_name
        if dos and (e.permissions is not None or e.raw_facts):
            dos = False
        key = fold(name)
        if (greeting or dos) and not keeps_case and seen.setdefault(key, name) != name:
            keeps_case = True  # (``Readme`` and ``README`` both listed: two files here)
        if raw == renamed:
            continue
        i = exact.get(raw)
        if i is not None and same[i] is None:
            same[i] = e
        i = folded.get(key)
        if i is not None and alike[i] is None:
            alike[i] = e
    folds = (greeting or (listed and dos)) and not keeps_case
    return [s if s is not None or not folds else a for s, a in zip(same, alike, strict=True)]
