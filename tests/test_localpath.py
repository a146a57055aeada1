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
        ("csi\x9b31m", "control"),  # C1: the one-byte CSI of 8-bit terminals
        ("nel\x85", "control"),
        ("\u202egpj.exe", "control"),  # right-to-left override: shows as "exe.jpg"
        ("a\u2066b", "control"),  # bidi isolates, embeddings, marks
        ("a\u2069b", "control"),
        ("a\u202ab", "control"),
        ("a\u200eb", "control"),
        ("a\u200fb", "control"),
        ("a\u061cb", "control"),
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
        ("عربي.txt", "عربي.txt"),  # right-to-left script, no control: a name like any other
        ("raw\udcff.bin", "raw\udcff.bin"),  # a byte in no known encoding (surrogateescape): a real name
        ("a\u2028b", "a\u2028b"),  # a line separator: shown escaped, harmless on disk
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


def test_join_name_checks_only_the_name_and_refuses_links_that_lead_out(tmp_path):
    from ftpgui.ftp.localpath import join_name

    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "plain").write_text("x")
    sub = join_inside(str(root), "sub")
    assert join_name(str(root), sub, "new") == os.path.join(sub, "new")
    assert join_name(str(root), sub, "plain") == os.path.join(sub, "plain")
    os.symlink(tmp_path, root / "sub" / "out")
    with pytest.raises(UnsafePath, match="outside"):
        join_name(str(root), sub, "out")
    os.symlink(root / "sub" / "plain", root / "sub" / "in")  # a link that stays inside is as join_inside says
    assert join_name(str(root), sub, "in") == join_inside(str(root), "sub", "in")


def test_folded_names_are_collides_in_constant_time():
    from ftpgui.ftp.localpath import FoldedNames

    names = FoldedNames(["Readme.TXT"])
    assert "readme.txt" in names and "README.txt" in names and "other" not in names and 3 not in names
    names.add("Straße")
    assert "STRASSE" in names  # casefold, as collides
    assert collides(["Straße"], "STRASSE")


def test_folded_names_give_back_the_name_they_were_given():
    from ftpgui.ftp.localpath import FoldedNames

    names = FoldedNames(["Readme.TXT", "README.txt"])
    assert names.get("readme.txt") == "Readme.TXT"  # the first, as listed
    assert names.get("other") is None


def test_a_folder_is_opened_one_folder_at_a_time_never_through_a_link(tmp_path):
    from ftpgui.ftp import localfs

    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    os.symlink(tmp_path, root / "link")
    with localfs.Folder.open(str(root), str(root / "a" / "b" / "c"), create=True) as folder:
        assert folder.path == str(root / "a" / "b" / "c") and (root / "a" / "b" / "c").is_dir()
    with pytest.raises(UnsafePath, match="symbolic link or not a folder"):
        localfs.Folder.open(str(root), str(root / "link" / "x"), create=True)
    assert not (tmp_path / "x").exists()  # nothing made through the link
    with pytest.raises(UnsafePath, match="outside"):
        localfs.Folder.open(str(root), str(tmp_path / "elsewhere"))
    # the chosen folder itself may be a link (a home folder on another disk): trusted as given
    os.symlink(root, tmp_path / "root-link")
    with localfs.Folder.open(str(tmp_path / "root-link"), str(tmp_path / "root-link" / "a")) as folder:
        assert folder.lstat("b") is not None


def test_only_a_regular_file_with_one_name_owned_by_the_user_is_trusted(tmp_path):
    from ftpgui.ftp.localfs import trusted_file

    (tmp_path / "f").write_bytes(b"x")
    assert trusted_file(os.lstat(tmp_path / "f"))
    os.link(tmp_path / "f", tmp_path / "g")
    assert not trusted_file(os.lstat(tmp_path / "f"))
    os.mkfifo(tmp_path / "fifo")
    assert not trusted_file(os.lstat(tmp_path / "fifo"))
    assert not trusted_file(os.lstat(tmp_path))
    if os.geteuid() == 0:  # another user's file (root can make one)
        (tmp_path / "theirs").write_bytes(b"x")
        os.chown(tmp_path / "theirs", 65534, 65534)
        assert not trusted_file(os.lstat(tmp_path / "theirs"))


def test_a_temporary_name_fits_in_255_bytes_and_is_stable():
    from ftpgui.ftp.localpath import NAME_MAX, PART_SUFFIX, part_name

    assert part_name("a.bin") == "a.bin" + PART_SUFFIX  # the usual case: as before
    assert part_name(os.path.join("x", "a.bin")) == os.path.join("x", "a.bin" + PART_SUFFIX)
    fits = "L" * (NAME_MAX - len(PART_SUFFIX))
    assert part_name(fits) == fits + PART_SUFFIX
    for name in ("L" * 244, "L" * 250, "L" * 255, "é" * 127, "中" * 85, "é" * 100 + "x" * 55, "\udcff" * 250):
        part = part_name(name)
        assert len(os.fsencode(part)) <= NAME_MAX and part.endswith(PART_SUFFIX)
        assert part == part_name(name)  # found again by a resume
        assert part.startswith(name[:50])  # recognisable
        assert part_name(os.path.join("folder", name)) == os.path.join("folder", part)
    assert part_name("L" * 250 + "a") != part_name("L" * 250 + "b")  # sharing their front: two names
    too_long = "L" * 256  # cannot be made anyway: it fails as it is, before a byte is fetched
    assert part_name(too_long) == too_long + PART_SUFFIX
