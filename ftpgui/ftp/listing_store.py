"""A parsed listing kept compactly: ``Listing`` is a sequence of ``Entry`` that makes each entry when asked.

A listing of a million lines made as a million ``Entry`` tuples (each with its own name, raw name, time and
size objects) took about 330 bytes an entry: eight times the listing's own bytes. Here an entry of the
common kinds (an ``ls -l`` line, an MLSD file or folder) is its raw name, link target and MLSD facts
appended to one byte buffer, and a few numbers in typed arrays — about 33 bytes besides the name — and its
``Entry`` is built from them when it is read (the name decoded then, with the session's codec). Entries
of rare formats are kept as the ``Entry`` objects their parsers made.
"""

from __future__ import annotations

from array import array
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union, overload

from .listing_base import Decode, Entry, _tnew

_UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
_US = timedelta(microseconds=1)
NO_TIME = -(1 << 63)  # a time not given
NO_SIZE = -1  # a size not given (a folder's, or none listed)
BIG_SIZE = -2  # a size past 2⁶³, or an ``ApproximateSize``: kept aside
KINDS = ("file", "dir", "link", "other")
KIND_CODE = {"file": 0, "dir": 1, "link": 2, "other": 3}
HAS_TARGET = 16  # in a kind code: the entry has a link target (possibly empty)
OBJECT = 255  # the entry is kept as an Entry object
_MAX_SIZE = (1 << 63) - 1


def _time(stamp: int, zone: tzinfo) -> datetime:
    """The time a ``time_code`` stands for, in ``zone``."""
    try:
        if stamp % 1_000_000 == 0:  # whole seconds (every LIST time): exact
            return _fromtimestamp(stamp // 1_000_000, zone)
        if -_FLOAT_EXACT < stamp < _FLOAT_EXACT:  # (the nearest microsecond of the quotient is exact here)
            return _fromtimestamp(stamp / 1e6, zone)
    except (OverflowError, OSError, ValueError):
        pass
    return (_EPOCH + timedelta(microseconds=stamp)).astimezone(zone)


_fromtimestamp = datetime.fromtimestamp
_FLOAT_EXACT = 4 * 10**15  # µs: below it a float's spacing is under half a microsecond


def time_code(modified: Optional[datetime]) -> int:
    """Microseconds since 1970 (UTC) of an aware time, or ``NO_TIME``."""
    return NO_TIME if modified is None else (modified - _EPOCH) // _US


class Listing(Sequence[Entry]):
    """The entries of one listing, in the server's order; ``listing[i]`` and iteration build ``Entry``
    objects (equal to the ones the parsers made before, field by field). Compares equal to a list of the
    same entries. Built by the parsers through the ``add*`` methods, then ``seal()``-ed."""

    __slots__ = (
        "_blob",
        "_decode",
        "_ends",
        "_kind",
        "_order",
        "_rare",
        "_size",
        "_time",
        "_view",
        "_who",
        "_who_ids",
        "_whos",
        "_zone",
    )

    def __init__(self, decode: Decode, zone: tzinfo = _UTC, capacity: int = 0) -> None:
        self._decode = decode
        self._zone = zone  # the time zone of the times stored as numbers
        self._blob = bytearray()  # per entry: raw name, link target, MLSD facts
        self._view: Optional[memoryview] = None
        self._ends = array("I" if capacity < (1 << 32) else "Q")  # per entry: where each of the three ends
        self._kind = bytearray()
        self._size = array("q")
        self._time = array("q")
        self._who = array("I")  # index into _whos
        self._whos: List[Tuple[Optional[str], Optional[str], Optional[str]]] = []
        self._who_ids: Dict[tuple, int] = {}  # (for add_entry)
        self._order: Optional[array] = None  # after ``sort``: the stored index of each position
        self._rare: Dict[int, object] = {}  # index → Entry (kind OBJECT) or a size past 2⁶³ (BIG_SIZE)

    # --- building -------------------------------------------------------------------------------------
    def who_index(self, permissions: Optional[str], owner: Optional[str], group: Optional[str]) -> int:
        """The index of a (permissions, owner, group) triple to pass to ``add`` (parsers keep their own
        dictionary of the raw triples: a listing repeats a handful of them)."""
        self._whos.append((permissions, owner, group))
        return len(self._whos) - 1

    def add(
        self,
        raw: bytes,
        kind: int,
        size: Optional[int],
        time: int,
        who: int,
        target: Optional[bytes] = None,
        facts: bytes = b"",
    ) -> None:
        """One entry from its parts: the raw name, a ``KIND_CODE``, the size, a ``time_code``, a
        ``who_index``, the raw link target, the raw MLSD facts."""
        blob = self._blob
        blob += raw
        name_end = len(blob)
        if target is not None:
            blob += target
            kind |= HAS_TARGET
        target_end = len(blob)
        blob += facts
        self._ends.extend((name_end, target_end, len(blob)))
        self._kind.append(kind)
        if size is None:
            size = NO_SIZE
        elif size > _MAX_SIZE or type(size) is not int:  # (an ``ApproximateSize`` too: kept as it is)
            self._rare[len(self._size)] = size
            size = BIG_SIZE
        self._size.append(size)
        self._time.append(time)
        self._who.append(who)

    def columns(self):
        """For a parser's loop that stores entries itself, as ``add`` does (a call per entry is a third of
        an MLSD parse): the buffer, then the ``extend`` of the ends and the ``append`` of kind, size, time
        and who. The size goes first: it raises OverflowError past 2⁶³, and then ``add`` must store it."""
        return self._blob, self._ends.extend, self._kind.append, self._size.append, self._time.append, self._who.append

    def add_entry(self, entry: Entry) -> None:
        """An entry another parser made (its name must be its raw name decoded): stored as ``add`` stores,
        or, if it cannot be (a link target given as text, a time in another zone), kept as it is."""
        modified = entry.modified
        if entry.target is None and entry.raw_name is not None and (modified is None or modified.tzinfo is self._zone):
            key = (entry.permissions, entry.owner, entry.group)
            who = self._who_ids.get(key)
            if who is None:
                who = self._who_ids[key] = self.who_index(*key)
            kind = KIND_CODE[entry.type]
            self.add(entry.raw_name, kind, entry.size, time_code(modified), who, None, entry.raw_facts)
            return
        self._rare[len(self._kind)] = entry
        self._ends.extend(self._ends[-1:] * 3 if self._ends else (0, 0, 0))
        self._kind.append(OBJECT)
        self._size.append(NO_SIZE)
        self._time.append(NO_TIME)
        self._who.append(0)

    def seal(self) -> Listing:
        """No more entries: the buffer is read through a view from now on (no copy)."""
        self._view = memoryview(self._blob)
        return self

    # --- reading --------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._kind)

    def _make(self, i: int) -> Entry:
        kind = self._kind[i]
        if kind == OBJECT:
            return self._rare[i]  # type: ignore[return-value]
        view = self._view if self._view is not None else memoryview(self._blob)
        ends = self._ends
        j = 3 * i
        start = ends[j - 1] if i else 0
        name_end, target_end, facts_end = ends[j], ends[j + 1], ends[j + 2]
        raw = view[start:name_end].tobytes()
        decode = self._decode
        target = decode(view[name_end:target_end].tobytes()) if kind & HAS_TARGET else None
        size = self._size[i]
        if size < 0:
            size = None if size == NO_SIZE else self._rare[i]
        stamp = self._time[i]
        modified = None if stamp == NO_TIME else _time(stamp, self._zone)
        permissions, owner, group = self._whos[self._who[i]]
        facts = view[target_end:facts_end].tobytes() if facts_end > target_end else b""
        return _tnew(
            Entry, (decode(raw), KINDS[kind & 15], size, modified, permissions, owner, group, target, facts, raw)
        )

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> List[Entry]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Entry, List[Entry]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self._kind)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("listing index out of range")
        return self._make(index if self._order is None else self._order[index])

    def sort(self, *, key: Callable[[Entry], Any], reverse: bool = False) -> None:
        """Put the entries in the order of ``key`` (as ``list.sort``; stable): only an order is stored."""
        make = self._make
        self._order = array(self._ends.typecode, sorted(range(len(self)), key=lambda i: key(make(i)), reverse=reverse))

    def __iter__(self) -> Iterator[Entry]:
        if self._order is not None:
            make = self._make
            yield from (make(i) for i in self._order)
            return
        # ``_make`` inline, with everything it reads bound once and the arrays walked in step (reading a
        # whole listing is the common use: this is a third faster than ``_make`` per entry)
        view = self._view if self._view is not None else memoryview(self._blob)
        whos, rare, decode, zone, tnew, entry, kinds = (
            self._whos,
            self._rare,
            self._decode,
            self._zone,
            _tnew,
            Entry,
            KINDS,
        )
        fromtimestamp, no_time = _fromtimestamp, NO_TIME
        ends = iter(self._ends)
        start = 0
        for i, (kind, (name_end, target_end, facts_end), size, stamp, w) in enumerate(
            zip(self._kind, zip(ends, ends, ends, strict=True), self._size, self._time, self._who, strict=True)
        ):
            if kind == OBJECT:
                yield rare[i]  # type: ignore[misc]
                start = facts_end
                continue
            raw = view[start:name_end].tobytes()
            if size < 0:
                size = None if size == NO_SIZE else rare[i]
            if stamp == no_time:
                modified = None
            elif stamp % 1_000_000 == 0 and -_FLOAT_EXACT < stamp < _FLOAT_EXACT:
                modified = fromtimestamp(stamp // 1_000_000, zone)
            else:
                modified = _time(stamp, zone)
            permissions, owner, group = whos[w]
            yield tnew(
                entry,
                (
                    decode(raw),
                    kinds[kind & 15],
                    size,
                    modified,
                    permissions,
                    owner,
                    group,
                    decode(view[name_end:target_end].tobytes()) if kind & HAS_TARGET else None,
                    view[target_end:facts_end].tobytes() if facts_end > target_end else b"",
                    raw,
                ),
            )
            start = facts_end

    @property
    def zone(self) -> tzinfo:
        """The time zone the entries' times are given in."""
        return self._zone

    def brief(self) -> Iterator[Union[Entry, Tuple[str, Optional[int], int, bool]]]:
        """Each entry, in the listing's order, as (type, size, ``time_code`` — ``NO_TIME`` when none —, whether
        MLSD facts give the time), with no ``Entry`` made — a tenth of the cost, for reading a large folder's
        sizes and times (a comparison of folders) — or as its ``Entry`` where one is kept whole."""
        view = self._view if self._view is not None else memoryview(self._blob)
        kinds, sizes, times, ends, rare = self._kind, self._size, self._time, self._ends, self._rare
        for i in self._order if self._order is not None else range(len(kinds)):
            kind = kinds[i]
            if kind == OBJECT:
                yield rare[i]  # type: ignore[misc]
                continue
            size = sizes[i]
            if size < 0:
                size = None if size == NO_SIZE else rare[i]  # type: ignore[assignment]
            target_end, facts_end = ends[3 * i + 1], ends[3 * i + 2]
            mlsd = facts_end > target_end and b"modify=" in view[target_end:facts_end].tobytes().lower()
            yield KINDS[kind & 15], size, times[i], mlsd

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Listing, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Listing({list(self)!r})"

    def __reduce__(self):
        return (list, (list(self),))  # pickled as the list of its entries
