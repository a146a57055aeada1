"""``ftpgui-cli``'s local side: where ``get`` writes, what is in its way, and what a transfer cut off part way left.

Of a transfer cut off (design note 384): which file, how much came (or went), where the part is kept, and that
``--resume`` continues it — as curl, wget and lftp say the position. The server closing the connection
mid-download said only "The server closed the connection.", the part kept in silence; a plain ``get``
afterwards replaced it without a word."""

from __future__ import annotations

import os
from typing import Optional, Tuple

from .cli_args import local_problem
from .cli_output import acknowledged_text, of_total, size_text
from .ftp.localpath import part_name, safe_name
from .ftp.threadpool import MirrorResult, part_left

State = Optional[Tuple[int, int, int, int]]  # a file as it is: device, inode, size, time of the last write


def named(path: str) -> str:
    """A local path as said in a refusal: as given, and where that is when it was relative."""
    where = os.path.abspath(path)
    return path if where == path else f"{path} ({where})"


def in_the_way(dest: str) -> str:
    """``get -r`` into ``dest``, a file: which, where, and what to do ("File exists: afile" was said - QA)."""
    return (
        f"{named(dest)} is a file; get -r downloads the folder's contents into a folder of that name. Give another "
        "destination (a folder there is made), or move or remove that file first."
    )


def download_target(dest: str, name: str) -> str:
    """Where ``get`` writes the file ``name``: into ``dest`` when it is a folder — or is written as one
    (``out/``: made when missing) — else to ``dest`` itself. ``precious/`` naming a file is refused: it was
    overwritten, and ``newdir/`` made a file called ``newdir`` (found by QA)."""
    seps = (os.sep, os.altsep) if os.altsep else (os.sep,)
    if dest.endswith(seps) and not os.path.isdir(dest):
        if os.path.lexists(dest.rstrip("".join(seps)) or dest):
            raise local_problem(f"{dest} is not a folder")
        os.makedirs(dest)
    if os.path.isdir(dest):
        return os.path.join(dest, safe_name(name))
    return dest


def part_state(dest: str) -> State:
    """The temporary file of a download to ``dest`` as it is now (None: none to continue, ``part_left``)."""
    try:
        st = os.lstat(part_name(dest))
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) if part_left(dest) else None


def download_left(remote: str, dest: str, before: State, total: Optional[int]) -> str:
    """Said after a failed ``get`` of ``remote`` into ``dest`` (a sentence after its error line's: ``after``): what
    arrived and where it is kept, when this run wrote to the temporary file (``before``: it as it was); else ""."""
    now = part_state(dest)
    if now is None or now == before:  # (failed before any byte: nothing new is kept; an earlier part is as it was)
        return ""
    kept = named(part_name(dest))
    return f"{of_total(now[2], total)} of {remote} had arrived: kept in {kept}; get --resume continues it"


def upload_left(src: str, remote: str, acknowledged: int, total: int, ascii: bool = False) -> str:
    """Said after a failed ``put`` of ``src`` to ``remote`` once its STOR or APPE was on its way (a sentence after
    its error line's: ``after``): how much of the file the server had acknowledged (``FtpSession.upload_cut``) —
    "none" when no byte is known to have reached it (a count was said only after the first progress report: design
    note 400); what the server kept is its own: it may have the start, or nothing."""
    words = upload_words(src, acknowledged, total, ascii)
    words = words[:1].upper() + words[1:]  # ("None of …": a sentence after the error's)
    if ascii:  # (its bytes on the wire are not the file's; a text upload is never continued: sent whole again)
        return f"{words} it may keep {remote} incomplete; put sends a text file whole again"
    return f"{words} it may keep {remote} incomplete; put --resume continues it from the size the server has"


def after(message: str, sentence: str) -> str:
    """``sentence`` after the error ``message`` — often the server's own words, kept as they are — as the next
    sentence: a period between them when ``message`` ends in none. They were run together: "426 broken 120 B of
    120 B (100%) of /f.txt had arrived…", "…(server: 226 done) 60 B of…" (design note 425)."""
    if not sentence:
        return message
    message = message.rstrip()
    return f"{message}{'' if message.endswith(('.', '!', '?')) else '.'} {sentence}"


def upload_words(src: str, acknowledged: int, total: int, ascii: bool) -> str:
    """How much of ``src`` the server had acknowledged, to a colon: "293.0 KiB of 1.0 MiB (28%) of SRC had been
    acknowledged by the server:", "none of SRC had been acknowledged by the server:"."""
    return f"{acknowledged_text(acknowledged, total, ascii, f' of {src}')} had been acknowledged by the server:"


def earlier_part(dest: str) -> str:
    """``get`` without ``--resume`` or ``--force`` to ``dest`` that is not there, beside the temporary file of an
    earlier try with bytes in it, refused as a local file there is (design note 333): it was replaced in silence,
    all that had arrived thrown away. "" when there is no such file."""
    left = part_left(dest)
    if left is None:
        return ""
    part, size = left
    return (
        f"{named(part)} holds {size_text(size)} from an earlier try at {os.path.basename(dest)}: --resume "
        "continues it, --force downloads it afresh"
    )


def parts_kept(result: MirrorResult) -> str:
    """``get -r``'s closing words on the temporary files its failed files left, ``put -r``'s on the uploads cut off
    part way, which the server may keep incomplete (design notes 384, 401); "" when none."""
    n = len(result.parts)
    if n:
        return (
            "1 partial file kept: --resume continues it"
            if n == 1
            else f"{n} partial files kept: --resume continues them"
        )
    n = sum(not ascii for *_, ascii in result.cut)  # (a text upload is never continued: sent whole again)
    if not n:
        return ""
    it = "1 upload cut off part way: put -r --resume continues it from the size the server has"
    return (
        it if n == 1 else f"{n} uploads cut off part way: put -r --resume continues them from the sizes the server has"
    )


def kept_lines(n: int, links: int, dest: str) -> str:
    """``get -r``'s lines for the ``n`` files it kept in ``dest``, ``links`` of them local links — which
    ``--resume`` does not go through (note 371): none offered it when all are (design notes 374, 384)."""
    if links == n:
        it = f"1 file kept: a link is at its name in {dest} (--force replaces it"
        they = f"{n} files kept: links are at their names in {dest} (--force replaces them"
        return f"ftpgui-cli: {they if n > 1 else it}; --resume does not go through links)\n"
    it = f"1 file kept: it exists in {dest} (--force replaces it, --resume continues it)"
    they = f"{n} files kept: they exist in {dest} (--force replaces them, --resume continues them)"
    out = f"ftpgui-cli: {they if n > 1 else it}\n"
    if links:
        of = f"{links} of them are links" if links > 1 else "1 of them is a link"
        out += f"ftpgui-cli: {of}: --resume does not go through links; --force replaces a link\n"
    return out
