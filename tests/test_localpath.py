"""Local safety: server names never write outside the chosen folder."""

from __future__ import annotations

import os

import pytest

from ftpgui.ftp.errors import UnsafePath
from ftpgui.ftp.localpath import collides, join_inside, safe_name


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        (".", "directory itself"),
        ("..", "directory itself"),
        ("../etc", "separator"),
        ("a/b", "separator"),
        ("/etc/passwd", "separator"),
        ("a\\b", "separator"),
        ("..\\..\\x", "separator"),
        ("a\0b", "NUL"),
        ("a\nb", "control"),
        ("bell\x07", "control"),
        ("del\x7f", "control"),
        ("C:evil", "drive"),
        ("c:", "drive"),
    ],
)
@pytest.mark.parametrize("windows", [False, True])
def test_refused_names(name, reason, windows):
    with pytest.raises(UnsafePath, match=reason):
        safe_name(name, windows=windows)


@pytest.mark.parametrize(
    ("name", "on_windows"),
    [
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT9", "_LPT9"),
        ("COM1.tar.gz", "_COM1.tar.gz"),
        ("ab:c", "ab_c"),
        ("a:b", None),
        ('what?*"<>|', "what______"),
        ("trailing.", "trailing"),
        ("trailing  ", "trailing"),
        ("...", "_"),
        ("CONSOLE", "CONSOLE"),
        ("normal.txt", "normal.txt"),
        ("中文名.txt", "中文名.txt"),
    ],
)
def test_windows_renames(name, on_windows):
    if on_windows is None:  # "a:b" is "b" on drive A: to Windows, so refused everywhere
        with pytest.raises(UnsafePath, match="drive"):
            safe_name(name, windows=True)
        return
    assert safe_name(name, windows=True) == on_windows
    assert safe_name(name, windows=False) == name  # valid on POSIX as it is


def test_join_inside(tmp_path):
    assert join_inside(str(tmp_path), "a", "b") == os.path.join(os.path.realpath(tmp_path), "a", "b")
    with pytest.raises(UnsafePath):
        join_inside(str(tmp_path), "..", "x")
    # a symlink planted inside the folder cannot lead out of it
    os.symlink("/", tmp_path / "link")
    with pytest.raises(UnsafePath):
        join_inside(str(tmp_path), "link", "etc")


def test_collides_case_insensitively():
    assert collides(["Readme.TXT"], "readme.txt")
    assert not collides(["a"], "b")
