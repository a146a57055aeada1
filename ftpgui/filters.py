"""Filename filters: rules that hide entries by name, size and date (pure Python, no Qt).

A :class:`Rule` hides an entry when it applies to the entry's kind (files, folders or both) and every
condition it has holds: the name matches its pattern (``*``/``?`` globs separated by ``;``, or a regular
expression), the size is above or below a bound, the modification day is before or after a date. A folder
has no size and an entry without a known date has no day: such conditions do not hold for them, so a rule
never hides what it cannot judge. A :class:`FilterSet` hides an entry when any of its rules does.

The rules are defined once and kept in ``filters.json`` in the config folder; each is switched on for all
sites or for single sites (the site keeps the names of its filters). The same rules serve the search dialog
(there a match is a hit, not something hidden). Matching is thread-safe: the transfer queue's connections
use a set while folders are listed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

from . import paths
from .explain import QT_TRANSLATE_NOOP, WordedError

try:  # the parser behind re.compile: its tree tells a nested repeat
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # Python < 3.11
    import sre_parse as _sre_parse  # type: ignore[no-redef]

FILE_NAME = "filters.json"
VERSION = 1
APPLIES = ("files", "folders", "both")
MAX_PATTERN = 1000  # characters in a pattern
MAX_NAME = 1024  # a name longer than this is matched on its first MAX_NAME characters
UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "KIB": 1024, "M": 1024**2, "MB": 1024**2, "MIB": 1024**2}
UNITS.update({"G": 1024**3, "GB": 1024**3, "GIB": 1024**3, "T": 1024**4, "TB": 1024**4, "TIB": 1024**4})

# (name, is_dir, size, modified): what a rule looks at
Judge = Callable[[str, bool, Optional[int], Optional[datetime]], bool]


class FilterError(WordedError):
    """A rule ftpgui cannot use; the message names the rule and what is wrong (``text()``: translated)."""


def parse_size(text: str) -> Optional[int]:
    """``"10 MB"``, ``"1.5G"``, ``"2048"`` → bytes (binary units: 1 KB = 1024 bytes); ``""`` → None."""
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*([A-Za-z]*)", text)
    unit = m.group(2).upper() if m else ""
    if not m or unit not in UNITS:
        raise FilterError(
            QT_TRANSLATE_NOOP("explain", "“{text}” is not a size: write a number with B, KB, MB, GB or TB."),
            text=text,
        )
    return int(float(m.group(1).replace(",", ".")) * UNITS[unit])


def format_size(size: Optional[int]) -> str:
    """The inverse of :func:`parse_size`, in the largest unit that divides the size evenly."""
    if size is None:
        return ""
    for unit in ("TB", "GB", "MB", "KB"):
        if size and size % UNITS[unit] == 0:
            return f"{size // UNITS[unit]} {unit}"
    return f"{size} B"


def parse_day(text: str) -> Optional[str]:
    """``"2024-03-01"`` (checked) → the same text; ``""`` → None."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise FilterError(
            QT_TRANSLATE_NOOP("explain", "“{text}” is not a date: write it as year-month-day, e.g. 2024-03-01."),
            text=text,
        ) from None


def _nested_repeat(tree: Any, inside: bool = False) -> bool:
    """True when the parsed pattern repeats something that itself repeats without bound (``(a+)+``,
    ``(a*)*``, ``(.*x)*``): on a name that almost matches, such a pattern backtracks for hours."""
    for op, arg in tree:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _lo, hi, sub = arg
            unbounded = hi == _sre_parse.MAXREPEAT or hi > 100
            if unbounded and inside and name != "POSSESSIVE_REPEAT":
                return True
            if _nested_repeat(sub, inside or (unbounded and name != "POSSESSIVE_REPEAT")):
                return True
        elif name == "SUBPATTERN":
            if _nested_repeat(arg[-1], inside):
                return True
        elif name == "BRANCH":
            if any(_nested_repeat(b, inside) for b in arg[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _nested_repeat(arg[1], inside):
                return True
        elif name == "ATOMIC_GROUP":
            continue  # no backtracking into it
    return False


def compile_regex(pattern: str, rule: str = "", case_sensitive: bool = False) -> re.Pattern[str]:
    """``pattern`` compiled, or a :class:`FilterError` in words: invalid, or one that could take forever."""
    if len(pattern) > MAX_PATTERN:
        raise FilterError(
            QT_TRANSLATE_NOOP("explain", "The pattern of filter “{rule}” is longer than {max} characters."),
            rule=rule,
            max=MAX_PATTERN,
        )
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        tree = _sre_parse.parse(pattern, flags)
        compiled = re.compile(pattern, flags)
    except (re.error, RecursionError, OverflowError) as exc:
        raise FilterError(
            QT_TRANSLATE_NOOP("explain", "The regular expression of filter “{rule}” is not valid: {detail}."),
            rule=rule,
            detail=getattr(exc, "msg", None) or str(exc),
        ) from None
    if _nested_repeat(tree):
        raise FilterError(
            QT_TRANSLATE_NOOP(
                "explain",
                "The regular expression of filter “{rule}” repeats a part that repeats itself (like “(a+)+”); "
                "matching it could take forever. Remove the inner or the outer repetition.",
            ),
            rule=rule,
        )
    return compiled


def glob_regex(patterns: str, case_sensitive: bool = False) -> Optional[re.Pattern[str]]:
    """``*.tmp;*.bak`` → one regex matching whole names (``*`` any text, ``?`` one character, nothing else
    special); None when there is no pattern."""
    parts = [p.strip() for p in patterns.split(";") if p.strip()]
    if not parts:
        return None
    body = "|".join("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in p) for p in parts)
    return re.compile(f"(?:{body})\\Z", re.DOTALL | (0 if case_sensitive else re.IGNORECASE))


@dataclass
class Rule:
    """One filter. Sizes in bytes; days as ``YYYY-MM-DD``; ``None``/``""``: no such condition."""

    name: str
    pattern: str = ""
    regex: bool = False
    case_sensitive: bool = False
    larger_than: Optional[int] = None  # the size is above this
    smaller_than: Optional[int] = None  # the size is below this
    after: Optional[str] = None  # modified on a later day than this
    before: Optional[str] = None  # modified on an earlier day than this
    applies_to: str = "both"  # files | folders | both

    def conditions(self) -> int:
        bounds = (self.larger_than, self.smaller_than)
        return bool(self.pattern.strip()) + sum(b is not None for b in bounds) + bool(self.after) + bool(self.before)

    def validate(self) -> None:
        """Raise :class:`FilterError` naming what cannot be used."""
        if not self.name.strip():
            raise FilterError(QT_TRANSLATE_NOOP("explain", "A filter needs a name."))
        if self.applies_to not in APPLIES:
            raise FilterError(
                QT_TRANSLATE_NOOP("explain", "Filter “{rule}” applies to “{kind}”: not files, folders or both."),
                rule=self.name,
                kind=self.applies_to,
            )
        if not self.conditions():
            raise FilterError(
                QT_TRANSLATE_NOOP(
                    "explain", "Filter “{rule}” has no condition: give a name pattern, a size or a date."
                ),
                rule=self.name,
            )
        for bound in (self.larger_than, self.smaller_than):
            if bound is not None and (not isinstance(bound, int) or isinstance(bound, bool) or bound < 0):
                raise FilterError(
                    QT_TRANSLATE_NOOP("explain", "The size in filter “{rule}” must be a whole number of bytes."),
                    rule=self.name,
                )
        for day in (self.after, self.before):
            if day is not None:
                parse_day(day)
        self.judge()  # a pattern that does not compile

    def judge(self) -> Judge:
        """A thread-safe test ``(name, is_dir, size, modified) → matches``; raises :class:`FilterError`."""
        if self.regex and self.pattern:
            names = compile_regex(self.pattern, self.name, self.case_sensitive)
            search = names.search
        else:
            glob = glob_regex(self.pattern, self.case_sensitive)
            search = glob.match if glob is not None else None
        applies = self.applies_to
        over, under = self.larger_than, self.smaller_than
        after = date.fromisoformat(self.after) if self.after else None
        before = date.fromisoformat(self.before) if self.before else None
        sized = over is not None or under is not None

        def matches(name: str, is_dir: bool, size: Optional[int], modified: Optional[datetime]) -> bool:
            if applies == "files" if is_dir else applies == "folders":
                return False
            if sized:
                if is_dir or size is None:
                    return False
                if over is not None and not size > over:
                    return False
                if under is not None and not size < under:
                    return False
            if after is not None or before is not None:
                if modified is None:
                    return False
                day = modified.date()
                if after is not None and not day > after:
                    return False
                if before is not None and not day < before:
                    return False
            return search is None or search(name[:MAX_NAME]) is not None

        return matches

    def to_json(self) -> Dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Rule:
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise FilterError(QT_TRANSLATE_NOOP("explain", "The filters file holds a filter without a name."))
        known = {f.name for f in fields(cls)}
        rule = cls(**{k: v for k, v in data.items() if k in known})
        for text in ("pattern", "applies_to"):
            if not isinstance(getattr(rule, text), str):
                raise FilterError(
                    QT_TRANSLATE_NOOP("explain", "Filter “{rule}” has a value of the wrong kind."), rule=rule.name
                )
        rule.regex, rule.case_sensitive = bool(rule.regex), bool(rule.case_sensitive)
        rule.validate()
        return rule


class FilterSet:
    """The rules switched on for one pane or one transfer: hides an entry when any of them matches."""

    def __init__(self, rules: Iterable[Rule] = ()):
        self.rules = list(rules)
        self._judges = [r.judge() for r in self.rules]

    def __reduce__(self) -> Any:  # (its tests are closures: a transfer process makes its own from the rules)
        return FilterSet, (self.rules,)

    def __bool__(self) -> bool:
        return bool(self._judges)

    def hides(self, name: str, is_dir: bool, size: Optional[int] = None, modified: Optional[datetime] = None) -> bool:
        return any(j(name, is_dir, size, modified) for j in self._judges)

    def names(self) -> List[str]:
        return [r.name for r in self.rules]


@dataclass
class Filters:
    """``filters.json``: every rule defined, which are on for all sites, and whether folder transfers skip
    what the filters hide. (A site keeps the names of its own filters: ``Site.filters``.)"""

    rules: List[Rule] = field(default_factory=list)
    global_on: List[str] = field(default_factory=list)
    for_transfers: bool = False

    def rule(self, name: str) -> Optional[Rule]:
        return next((r for r in self.rules if r.name == name), None)

    def active(self, site_names: Iterable[str] = ()) -> FilterSet:
        """The rules on for all sites and those on for the site being browsed (``site_names``)."""
        wanted = set(self.global_on) | set(site_names)
        return FilterSet(r for r in self.rules if r.name in wanted)

    def validate(self) -> None:
        seen = set()
        for rule in self.rules:
            rule.validate()
            if rule.name in seen:
                raise FilterError(
                    QT_TRANSLATE_NOOP("explain", "Two filters are named “{rule}”: give each its own name."),
                    rule=rule.name,
                )
            seen.add(rule.name)

    def to_json(self) -> Dict[str, Any]:
        return {
            "version": VERSION,
            "rules": [r.to_json() for r in self.rules],
            "global_on": list(self.global_on),
            "for_transfers": self.for_transfers,
        }

    @classmethod
    def from_json(cls, data: Any) -> Filters:
        if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
            raise FilterError(QT_TRANSLATE_NOOP("explain", "The filters file does not hold a list of filters."))
        on = data.get("global_on", [])
        filters = cls(
            [Rule.from_json(r) for r in data.get("rules", [])],
            [n for n in on if isinstance(n, str)] if isinstance(on, list) else [],
            bool(data.get("for_transfers", False)),
        )
        filters.validate()
        return filters


def site_names(text: str) -> List[str]:
    """A site's ``filters`` field (one name per line) → the names."""
    return [n for n in text.split("\n") if n]


def filters_path() -> str:
    return paths.config_path(FILE_NAME)


def load(path: Optional[str] = None) -> Filters:
    """The saved filters (none when there is no file); a corrupt file raises :class:`FilterError`."""
    path = path or filters_path()
    try:
        data = paths.read_json(path, None)
    except ValueError as exc:
        raise FilterError(
            QT_TRANSLATE_NOOP("explain", "The filters file {path} is not valid JSON: {detail}."), path=path, detail=exc
        ) from None
    return Filters() if data is None else Filters.from_json(data)


def save(filters: Filters, path: Optional[str] = None) -> None:
    filters.validate()
    paths.atomic_write_json(path or filters_path(), filters.to_json())


def quick_judge(text: str) -> Optional[Callable[[str], bool]]:
    """The quick filter box: which names to keep. Plain text keeps names containing it (any case); text
    with ``*`` or ``?`` is a glob on the whole name. None when the box is empty (keep all)."""
    text = text.strip()
    if not text:
        return None
    if "*" in text or "?" in text:
        glob = glob_regex(text)
        assert glob is not None
        return lambda name: glob.match(name) is not None
    folded = text.casefold()
    return lambda name: folded in name.casefold()


def describe(rule: Rule) -> Tuple[str, ...]:
    """Not translated: the rule's conditions in short English (logs and tests)."""
    parts = []
    if rule.pattern:
        parts.append(("regex " if rule.regex else "name ") + rule.pattern)
    if rule.larger_than is not None:
        parts.append("> " + format_size(rule.larger_than))
    if rule.smaller_than is not None:
        parts.append("< " + format_size(rule.smaller_than))
    if rule.after:
        parts.append("after " + rule.after)
    if rule.before:
        parts.append("before " + rule.before)
    return tuple(parts)
