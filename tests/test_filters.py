"""The filter rules (pure Python): a table of entries each rule hides or keeps, and the errors in words."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from ftpgui import filters
from ftpgui.filters import FilterError, Filters, FilterSet, Rule, compile_regex, parse_day, parse_size, quick_judge

D = datetime(2024, 3, 15, 12, 0)
MB = 1024 * 1024

# (rule, (name, is_dir, size, modified), hidden)
TABLE = [
    (Rule("tmp", pattern="*.tmp"), ("a.tmp", False, 1, D), True),
    (Rule("tmp", pattern="*.tmp"), ("a.TMP", False, 1, D), True),  # any case by default
    (Rule("tmp", pattern="*.tmp", case_sensitive=True), ("a.TMP", False, 1, D), False),
    (Rule("tmp", pattern="*.tmp"), ("a.tmp.txt", False, 1, D), False),  # the whole name
    (Rule("tmp", pattern="*.tmp;*.bak"), ("x.bak", False, 1, D), True),  # several globs
    (Rule("q", pattern="?.txt"), ("a.txt", False, 1, D), True),
    (Rule("q", pattern="?.txt"), ("ab.txt", False, 1, D), False),
    (Rule("brackets", pattern="[a].txt"), ("[a].txt", False, 1, D), True),  # [ ] are plain characters
    (Rule("brackets", pattern="[a].txt"), ("a.txt", False, 1, D), False),
    (Rule("dot", pattern="a.c"), ("abc", False, 1, D), False),  # a dot is a dot in a glob
    (Rule("re", pattern=r"^\d+\.log$", regex=True), ("2024.log", False, 1, D), True),
    (Rule("re", pattern=r"^\d+\.log$", regex=True), ("x2024.log", False, 1, D), False),
    (Rule("re", pattern=r"cache", regex=True), ("my_Cache_dir", True, None, D), True),  # search, any case
    (Rule("files", pattern="*.o", applies_to="files"), ("x.o", True, None, D), False),
    (Rule("files", pattern="*.o", applies_to="files"), ("x.o", False, 5, D), True),
    (Rule("dirs", pattern="node_modules", applies_to="folders"), ("node_modules", True, None, D), True),
    (Rule("dirs", pattern="node_modules", applies_to="folders"), ("node_modules", False, 3, D), False),
    (Rule("big", larger_than=10 * MB), ("x", False, 11 * MB, D), True),
    (Rule("big", larger_than=10 * MB), ("x", False, 10 * MB, D), False),  # strictly larger
    (Rule("big", larger_than=10 * MB), ("x", True, None, D), False),  # a folder has no size
    (Rule("big", larger_than=10 * MB), ("x", False, None, D), False),  # an unknown size is never judged
    (Rule("small", smaller_than=1), ("empty", False, 0, D), True),
    (Rule("range", larger_than=10, smaller_than=20), ("x", False, 15, D), True),
    (Rule("range", larger_than=10, smaller_than=20), ("x", False, 25, D), False),
    (Rule("old", before="2024-03-16"), ("x", False, 1, D), True),
    (Rule("old", before="2024-03-15"), ("x", False, 1, D), False),  # the same day is not before
    (Rule("old", before="2024-03-16"), ("x", True, None, D), True),  # dates apply to folders too
    (Rule("old", before="2024-03-16"), ("x", False, 1, None), False),  # an unknown date is never judged
    (Rule("new", after="2024-03-14"), ("x", False, 1, D.replace(tzinfo=timezone.utc)), True),
    (Rule("new", after="2024-03-15"), ("x", False, 1, D), False),
    (Rule("all", pattern="*.iso", larger_than=MB, before="2025-01-01"), ("a.iso", False, 2 * MB, D), True),
    (Rule("all", pattern="*.iso", larger_than=MB, before="2025-01-01"), ("a.iso", False, 10, D), False),  # every one
]


@pytest.mark.parametrize("rule,entry,hidden", TABLE, ids=[f"{i}-{t[0].name}" for i, t in enumerate(TABLE)])
def test_rule_table(rule, entry, hidden):
    rule.validate()
    assert FilterSet([rule]).hides(*entry) is hidden


def test_a_set_hides_what_any_rule_hides():
    s = FilterSet([Rule("tmp", pattern="*.tmp"), Rule("big", larger_than=100)])
    assert s.hides("a.tmp", False, 1, None) and s.hides("a.bin", False, 200, None)
    assert not s.hides("a.bin", False, 50, None)
    assert not FilterSet() and not FilterSet().hides("a.tmp", False, 1, None)


@pytest.mark.parametrize(
    "rule,words",
    [
        (Rule("bad", pattern="(abc", regex=True), "is not valid: missing )"),
        (Rule("bad", pattern="[a-", regex=True), "is not valid"),
        (Rule("slow", pattern="(a+)+b", regex=True), "could take forever"),
        (Rule("slow", pattern="(x*)*y", regex=True), "could take forever"),
        (Rule("slow", pattern="((ab|c)+)*", regex=True), "could take forever"),
        (Rule("", pattern="*.x"), "needs a name"),
        (Rule("nothing"), "has no condition"),
        (Rule("kind", pattern="*", applies_to="links"), "not files, folders or both"),
        (Rule("day", before="2024-13-01"), "is not a date"),
        (Rule("size", larger_than=-1), "whole number of bytes"),
    ],
)
def test_bad_rules_are_refused_in_words(rule, words):
    with pytest.raises(FilterError) as info:
        rule.validate()
    assert words in str(info.value)
    assert rule.name in str(info.value)


def test_refused_regex_really_is_catastrophic():
    """The guard is not arbitrary: the refused pattern takes long on a name of 21 characters, the accepted
    equivalent does not (measured as a ratio, so the test does not depend on the machine's speed)."""
    import re

    name = "a" * 20 + "!"
    start = time.perf_counter()
    re.search("(a+)+b", name)
    slow = time.perf_counter() - start
    fine = compile_regex("a+b", "ok")
    start = time.perf_counter()
    fine.search(name)
    fast = time.perf_counter() - start
    assert slow > 100 * fast


def test_parse_size_and_day():
    assert parse_size("10 MB") == 10 * MB
    assert parse_size("1.5k") == 1536
    assert parse_size("2048") == 2048
    assert parse_size(" ") is None
    assert filters.format_size(10 * MB) == "10 MB"
    assert filters.format_size(1536) == "1536 B"
    with pytest.raises(FilterError, match="is not a size"):
        parse_size("ten")
    with pytest.raises(FilterError, match="is not a size"):
        parse_size("5 parsecs")
    assert parse_day("2024-03-01") == "2024-03-01"
    with pytest.raises(FilterError, match="is not a date"):
        parse_day("yesterday")


def test_quick_filter():
    keep = quick_judge("Rep")
    assert keep("report.txt") and keep("PREP") and not keep("x.txt")
    keep = quick_judge("*.txt")
    assert keep("a.txt") and not keep("a.txt.gz")
    assert quick_judge("  ") is None


def test_saved_and_read_back(tmp_path):
    path = str(tmp_path / "filters.json")
    f = Filters([Rule("tmp", pattern="*.tmp"), Rule("big", larger_than=MB, applies_to="files")], ["tmp"], True)
    filters.save(f, path)
    back = filters.load(path)
    assert back == f
    assert back.active().names() == ["tmp"]
    assert back.active(["big"]).names() == ["tmp", "big"]
    assert filters.load(str(tmp_path / "none.json")) == Filters()


def test_a_bad_file_is_an_error_in_words(tmp_path):
    path = tmp_path / "filters.json"
    path.write_text("{not json")
    with pytest.raises(FilterError, match="not valid JSON"):
        filters.load(str(path))
    path.write_text('{"rules": [{"name": "x", "pattern": "(a", "regex": true}]}')
    with pytest.raises(FilterError, match="is not valid"):
        filters.load(str(path))
    path.write_text('{"rules": [{"name": "x", "pattern": "*"}, {"name": "x", "pattern": "?"}]}')
    with pytest.raises(FilterError, match="Two filters are named"):
        filters.load(str(path))
