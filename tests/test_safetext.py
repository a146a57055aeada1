"""``ftpgui.ftp.safetext``: server text made safe to show on a terminal, in JSON and in the GUI."""

from __future__ import annotations

import json

import pytest

from ftpgui.ftp.safetext import is_safe, json_safe, shown


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain name.txt", "plain name.txt"),
        ("中文 名前 ελληνικά עברית.txt", "中文 名前 ελληνικά עברית.txt"),  # any script, as is (RTL letters too)
        ("a\x1b]0;t\x07b", "a\\x1b]0;t\\x07b"),
        ("x\x9b2J\x7f", "x\\x9b2J\\x7f"),
        ("gpj\u202eexe.txt", "gpj\\u202eexe.txt"),
        ("\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d", None),
        ("line\u2028two\u2029three\r\n", "line\\u2028two\\u2029three\\x0d\\x0a"),
        ("raw \udcff\udc80", "raw \\udcff\\udc80"),
    ],
)
def test_shown(raw, expected):
    out = shown(raw)
    if expected is not None:
        assert out == expected
    assert is_safe(out) and is_safe(raw) == (out == raw)


def test_json_safe_escapes_what_json_dumps_leaves_raw_and_reads_back_the_same():
    value = {"name": "a\x1b\x9b\u202e\u2028\udcff中", "perm": "r"}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert all(ch not in text for ch in "\x1b\x9b\u202e\u2028\udcff")
    assert "中" in text and "\\u009b" in text and "\\u202e" in text
    assert json.loads(text) == value
