"""Turn FileZilla 3's directory-listing parser test table into ``tests/data/filezilla_dirparser.json``.

Run once, by hand, on the text of FileZilla's ``tests/dirparsertest.cpp`` (GPL-2.0-or-later; it is not kept
in this repository, only the data this script takes from it)::

    python tests/make_filezilla_listing_table.py dirparsertest.cpp "repo@commit" > tests/data/filezilla_dirparser.json

Each ``m_entries.emplace_back(t_entry({DATA, {NAME, SIZE, R(PERMISSIONS), R(OWNER GROUP), O(TARGET),
fz::datetime(...), FLAGS}, SERVERTYPE}))`` becomes one object; C string escapes are undone (the raw line
is bytes: it is written as Latin-1 text, one character per byte). Nothing of FileZilla's test code is used.
"""

from __future__ import annotations

import json
import re
import sys
from typing import List, Optional

_STRING = re.compile(rb'L?"((?:\\.|[^"\\])*)"')
_ESCAPE = re.compile(rb"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)")
_SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"\\": b"\\", b'"': b'"', b"'": b"'", b"0": b"\0"}


def c_string(body: bytes) -> bytes:
    """The bytes a C string literal's body stands for."""

    def one(m: re.Match) -> bytes:
        esc = m.group(1)
        if esc[:1] == b"x":
            return bytes([int(esc[1:], 16) & 0xFF])
        if esc[:1].isdigit() and esc != b"0":
            return bytes([int(esc, 8) & 0xFF])
        return _SIMPLE[esc]

    return _ESCAPE.sub(one, body)


def _strip_comments(text: bytes) -> bytes:
    """Remove // and /* */ comments, leaving string literals alone."""
    out, i = [], 0
    token = re.compile(rb'L?"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.S)
    for m in token.finditer(text):
        out.append(text[i : m.start()])
        out.append(m.group() if m.group()[:1] in (b'"', b"L") else b" ")
        i = m.end()
    out.append(text[i:])
    return b"".join(out)


def _time(args: bytes) -> Optional[list]:
    """``fz::datetime(fz::datetime::utc, Y, M, D[, h, m[, s]])`` → [Y, M, D, ...]; Y may be "calcYear(M, D)"."""
    args = args.strip()
    if not args:
        return None
    parts = [p.strip().decode() for p in re.split(rb",(?![^(]*\))", args)]
    assert parts[0] == "fz::datetime::utc", parts
    return [p if p.startswith("calcYear") else int(p, 10) for p in parts[1:]]


def entries(text: bytes) -> List[dict]:
    """Every entry of ``InitEntries()`` in order."""
    text = _strip_comments(text)
    out = []
    for block in re.findall(rb"m_entries\.emplace_back\(t_entry\(\{(.*?)\}\)\);", text, re.S):
        strings = [c_string(m.group(1)) for m in _STRING.finditer(block)]
        skeleton = _STRING.sub(b"S", block)
        m = re.fullmatch(
            rb"\s*S\s*,\s*\{\s*S\s*,\s*([-\d\s*/]+?)\s*,\s*R\((S?)\)\s*,\s*R\((S?)\)\s*,\s*O\((S?)\)\s*,"
            rb"\s*fz::datetime\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*,\s*([\w:|\s]+?)\s*\}\s*,\s*(\w+)\s*",
            skeleton,
        )
        assert m, skeleton
        size_expr, has_perm, has_owner, has_target, when, flags, server_type = m.groups()
        assert re.fullmatch(rb"-?\d+(?:\s*[*/]\s*\d+)*", size_expr), size_expr
        size = int(eval(size_expr.replace(b"/", b"//")))  # digits and * / only (checked above)
        data, name, rest = strings[0], strings[1], strings[2:]
        perm = rest.pop(0).decode() if has_perm else None
        owner = rest.pop(0).decode() if has_owner else None
        target = rest.pop(0).decode() if has_target else None
        assert not rest
        flag_names = {f.strip() for f in flags.decode().split("|")} - {"0"}
        kind = "file"
        if "CDirentry::flag_link" in flag_names:
            kind = "link"
        elif "CDirentry::flag_dir" in flag_names:
            kind = "dir"
        out.append(
            {
                "line": data.decode("latin-1"),
                "name": name.decode("utf-8"),
                "type": kind,
                "size": None if size == -1 else size,
                "permissions": perm,
                "owner_group": owner,
                "target": target,
                "time": _time(when),
                "server_type": server_type.decode(),
            }
        )
    return out


def main() -> None:
    path, source = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        table = entries(f.read())
    names = [e["name"] for e in table]
    assert len(set(names)) == len(names), "names are the ids: they must be unique"
    doc = {
        "source": f"FileZilla 3 tests/dirparsertest.cpp ({source}), GPL-2.0-or-later",
        "generated_by": "tests/make_filezilla_listing_table.py",
        "notes": "line: the raw listing line as Latin-1 text (one character per byte); size null: unknown (-1); "
        "time: [year, month, day, hour, minute, second], year 'calcYear(M, D)' = the most recent such date",
        "entries": table,
    }
    json.dump(doc, sys.stdout, indent=1, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
