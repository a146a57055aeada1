"""Which uploads have begun to write their target on the server: notes kept on disk beside ``queue.json``.

An upload cut off before its first progress report reached the queue (Quit, or the app killed) left its
partial file on the server, and nothing saved said the queue had made it: after a restart the item found it
as "the target exists" and asked about it, or skipped it by the rule (found in review). Its job now notes,
once the file is open and before STOR or APPE goes out, that it writes this item's target (``note``; the
target a "rename" answer chose, which the saved item does not hold yet): a line appended to
``queue.json.writing`` from the transfer connection's thread or process — one small write, no round trip to
the GUI thread. A job whose bytes on the server are no start of the file as it is now (``SourceChanged``)
notes that too, so the line before it no longer counts.

The queue reads the notes when it loads its saved queue and at exit (``take``): those items are started,
on the target noted (their own work: continued, never asked about) — never one whose target was there before
it began, which its job asked about first and noted nothing for. The file is removed once the exit's save has
the items' state (``forget``). No Qt here: the transfer processes import it.
"""

from __future__ import annotations

import json
import os
from typing import Dict, Iterable

from .items import GROUP_FINISHED, UPLOAD, TransferItem

SUFFIX = ".writing"


def note(path: str, item_id: str, target: str = "") -> None:
    """Note that the job of ``item_id`` begins to write ``target`` on the server (its remote path, which a
    "rename" answer may have changed), or with no target, that what it wrote is no start of the file. One
    ``write`` with ``O_APPEND``: whole however many connections note at once. Best effort: a note that
    cannot be made leaves a restart to ask about the partial file, as it did before — never the other way."""
    if not path:
        return
    line = (json.dumps([item_id, target]) + "\n").encode("utf-8")  # (a name's lone surrogates: JSON escapes)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        try:
            fd = os.open(path, flags, 0o600)
        except FileNotFoundError:  # (the first run: the queue has not been saved yet, nor its folder made)
            from .. import paths  # (only then: tempfile and the rest stay out of the transfer processes)

            paths.make_private_dir(os.path.dirname(os.path.abspath(path)))
            fd = os.open(path, flags, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    except OSError:
        pass


def started(path: str) -> Dict[str, str]:
    """Item id → the target its job began to write, for the items whose last note says so (read on the GUI
    thread, at load and at exit only). A line that is no note (cut off by a full disk) is passed over."""
    try:
        with open(path, "rb") as f:
            lines = f.read().splitlines()
    except OSError:
        return {}
    last: Dict[str, str] = {}
    for line in lines:
        try:
            item_id, target = json.loads(line)
        except (ValueError, TypeError):
            continue
        if isinstance(item_id, str) and isinstance(target, str):
            last[item_id] = target
    return {item_id: target for item_id, target in last.items() if target}


def take(path: str, items: Iterable[TransferItem]) -> None:
    """The uploads among ``items`` whose job noted that it began to write are started, on the target noted
    (a "rename" answer's): their partial file on the server is their own — continued, never asked about."""
    notes = started(path) if path else {}
    if not notes:
        return
    for item in items:
        target = notes.get(item.id)
        if target is not None and item.direction == UPLOAD and item.group != GROUP_FINISHED:
            item.started, item.remote = True, target


def forget(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
