"""``ftpgui-cli get`` never replaces a local file without a word (design note 333): QA found ``get URL DEST`` replacing
an existing DEST silently (the window asks; lftp's ``xfer:clobber`` is off). ``get`` of one file refuses, before
anything is downloaded; ``get -r`` keeps such files and says how many; ``--force`` replaces, ``--resume``
continues as it did. Against a real pyftpdlib server, the CLI's ``main`` as the console runs it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_cli_words_exit import helps

from test_cli import run

REFUSED = "exists: --force replaces it, --resume continues it\n"


def served(make_server, files: dict):
    server = make_server()
    for rel, data in files.items():
        Path(server.path(rel)).parent.mkdir(parents=True, exist_ok=True)
        Path(server.path(rel)).write_bytes(data)
    return server


def local(tmp_path: Path) -> Path:
    out = tmp_path / "local"
    out.mkdir(exist_ok=True)
    return out


def test_get_refuses_a_local_file_that_exists_and_leaves_it_as_it_was(make_server, tmp_path, monkeypatch):
    server = served(make_server, {"a.txt": b"the server's"})
    mine = local(tmp_path) / "mine.txt"
    mine.write_bytes(b"a person's own \x00\xff bytes")
    before = os.stat(mine)
    code, out, err = run("get", server.url + "/a.txt", str(mine), "--tls", "off")
    assert code == 2 and out == "" and err == f"ftpgui-cli: error: {mine} {REFUSED}", err
    assert mine.read_bytes() == b"a person's own \x00\xff bytes" and os.stat(mine).st_mtime_ns == before.st_mtime_ns
    assert sorted(os.listdir(mine.parent)) == ["mine.txt"]  # (no temporary file either)
    assert server.record.commands == []  # refused before the server was met (nor a password asked for)
    # a relative DEST is said as given and where it is, as a file in the way of get -r is
    monkeypatch.chdir(mine.parent)
    code, _, err = run("get", server.url + "/a.txt", "mine.txt", "--tls", "off")
    assert code == 2 and err == f"ftpgui-cli: error: mine.txt ({mine}) {REFUSED}", err
    assert mine.read_bytes() == b"a person's own \x00\xff bytes"


def test_get_into_a_folder_refuses_the_file_of_that_name_there(make_server, tmp_path):
    server = served(make_server, {"a.txt": b"the server's"})
    folder = local(tmp_path)
    (folder / "a.txt").write_bytes(b"mine")
    code, _, err = run("get", server.url + "/a.txt", str(folder), "--tls", "off")
    assert code == 2 and err == f"ftpgui-cli: error: {folder / 'a.txt'} {REFUSED}", err
    assert (folder / "a.txt").read_bytes() == b"mine" and not any(c.startswith("RETR") for c in server.record.commands)
    code, _, err = run("get", server.url + "/a.txt", str(folder) + os.sep, "--tls", "off")  # (written as a folder)
    assert code == 2 and err.endswith(REFUSED) and (folder / "a.txt").read_bytes() == b"mine"


def test_get_refuses_a_link_at_the_local_name_and_keeps_the_link(make_server, tmp_path):
    """The download's rename would replace the link itself: a person's too."""
    server = served(make_server, {"a.txt": b"the server's"})
    folder = local(tmp_path)
    (folder / "target").write_bytes(b"mine")
    os.symlink("target", folder / "a.txt")
    code, _, err = run("get", server.url + "/a.txt", str(folder), "--tls", "off")
    assert code == 2 and err.endswith(" --force replaces the link (--resume does not go through links)\n"), err
    assert os.readlink(folder / "a.txt") == "target" and (folder / "target").read_bytes() == b"mine"


def test_get_resume_onto_a_link_refuses_in_words_and_keeps_the_link_and_its_partial(make_server, tmp_path):
    """Found by a QA recheck (design note 371): ``get --resume`` onto a link to a 3-byte partial file replaced the
    link with the whole file and left the partial as it was. ftpgui writes through no link: refused, before the
    server is met, saying so; the file it leads to, named, is continued."""
    whole = b"0123456789" * 1000
    server = served(make_server, {"big.bin": whole})
    folder = local(tmp_path)
    (folder / "partial.bin").write_bytes(whole[:3])
    os.symlink("partial.bin", folder / "big.bin")
    code, out, err = run("get", "--resume", server.url + "/big.bin", str(folder / "big.bin"), "--tls", "off")
    assert code == 2 and out == "", err
    assert err == (
        f"ftpgui-cli: error: {folder / 'big.bin'} is a link; ftpgui does not write through links: to continue the "
        f"file it leads to, name that file ({folder / 'partial.bin'}); --force instead of --resume replaces the link\n"
    )
    assert os.readlink(folder / "big.bin") == "partial.bin" and (folder / "partial.bin").read_bytes() == whole[:3]
    assert sorted(os.listdir(folder)) == ["big.bin", "partial.bin"] and server.record.commands == []
    code, _, err = run("get", "--resume", server.url + "/big.bin", str(folder), "--tls", "off")  # (into the folder)
    assert code == 2 and "big.bin is a link; ftpgui does not write through links" in err, err
    code, _, err = run("get", "--resume", server.url + "/big.bin", str(folder / "partial.bin"), "--tls", "off")
    assert code == 0, err  # the file it leads to, named: continued from its 3 bytes
    assert (folder / "partial.bin").read_bytes() == whole and os.readlink(folder / "big.bin") == "partial.bin"
    # (3 bytes, shorter than a resume's overlap: asked from the first byte and compared - note 428)
    assert "RETR /big.bin" in server.record.commands, server.record.commands


def test_get_r_resume_onto_a_link_fails_that_file_in_words_and_keeps_the_link(make_server, tmp_path):
    """Note 371's rest: ``get -r --resume`` into a folder with a link at a file's name replaced the link with the
    whole file (exit 0), the partial it leads to left at its 3 bytes. That file fails in words; the others come."""
    whole = b"0123456789" * 1000
    server = served(make_server, {"tree/big.bin": whole, "tree/other.bin": b"other"})
    folder = local(tmp_path)
    (folder / "partial.bin").write_bytes(whole[:3])
    os.symlink("partial.bin", folder / "big.bin")
    code, _, err = run("get", "-r", "--resume", server.url + "/tree", str(folder), "--tls", "off")
    assert code == 1, err
    assert f"{folder / 'big.bin'} is a link; ftpgui does not write through links" in err, err
    assert os.readlink(folder / "big.bin") == "partial.bin" and (folder / "partial.bin").read_bytes() == whole[:3]
    assert (folder / "other.bin").read_bytes() == b"other"


def test_get_r_of_a_file_refuses_the_local_file_as_get_does(make_server, tmp_path):
    """``get -r`` of a file downloads it as ``get`` does (note 220): refused the same way."""
    server = served(make_server, {"a.txt": b"the server's"})
    folder = local(tmp_path)
    (folder / "a.txt").write_bytes(b"mine")
    code, _, err = run("get", "-r", server.url + "/a.txt", str(folder), "--tls", "off")
    assert code == 2 and err == f"ftpgui-cli: error: {folder / 'a.txt'} {REFUSED}", err
    assert (folder / "a.txt").read_bytes() == b"mine" and not any(c.startswith("RETR") for c in server.record.commands)


@pytest.mark.parametrize("flag", ["--force", "-f"])
def test_get_force_replaces_the_local_file(make_server, tmp_path, flag):
    server = served(make_server, {"a.txt": b"the server's"})
    folder = local(tmp_path)
    (folder / "a.txt").write_bytes(b"mine, longer than the server's file")
    (folder / "b.txt").write_bytes(b"mine")
    code, _, err = run("get", server.url + "/a.txt", str(folder), flag, "--tls", "off")
    assert code == 0 and err == "", err
    assert (folder / "a.txt").read_bytes() == b"the server's"
    code, _, err = run("get", server.url + "/a.txt", str(folder / "b.txt"), flag, "--tls", "off")
    assert code == 0 and (folder / "b.txt").read_bytes() == b"the server's", err


def test_get_resume_still_continues_a_start_and_leaves_a_whole_file(make_server, tmp_path):
    data = bytes(range(256)) * 400
    server = served(make_server, {"f.bin": data})
    folder = local(tmp_path)
    (folder / "f.bin").write_bytes(data[:1000])  # a start under the final name: continued
    code, _, err = run("get", server.url + "/f.bin", str(folder), "--resume", "--tls", "off")
    assert code == 0 and (folder / "f.bin").read_bytes() == data, err
    assert "RETR /f.bin" in server.record.commands  # (from the first byte, 1000 bytes compared: note 428)
    server.record.commands.clear()
    code, _, err = run("get", server.url + "/f.bin", str(folder), "--resume", "--tls", "off")  # whole: left as it is
    assert code == 0 and (folder / "f.bin").read_bytes() == data, err
    assert not any(c.startswith("RETR") for c in server.record.commands)


def test_force_and_resume_together_are_bad_usage(make_server, tmp_path):
    server = served(make_server, {"a.txt": b"x"})
    code, _, err = run("get", server.url + "/a.txt", str(local(tmp_path)), "--force", "--resume", "--tls", "off")
    assert code == 2 and "--force replaces a local file, --resume continues it: give one of them" in err, err


TREE = {"pub/a.txt": b"server a", "pub/sub/b.txt": b"server b", "pub/sub/c.txt": b"server c", "pub/d.txt": b"d"}


def test_get_r_keeps_the_files_that_exist_and_says_how_many(make_server, tmp_path):
    server = served(make_server, TREE)
    dest = local(tmp_path)
    (dest / "sub").mkdir()
    (dest / "a.txt").write_bytes(b"my a")
    (dest / "sub" / "b.txt").write_bytes(b"my b")
    code, _, err = run("get", "-r", server.url + "/pub", str(dest), "--parallel", "2", "--tls", "off")
    assert code == 0, err  # (as a skipped entry: said, no failure)
    assert err == f"ftpgui-cli: 2 files kept: they exist in {dest} (--force replaces them, --resume continues them)\n"
    assert (dest / "a.txt").read_bytes() == b"my a" and (dest / "sub" / "b.txt").read_bytes() == b"my b"
    assert (dest / "sub" / "c.txt").read_bytes() == b"server c" and (dest / "d.txt").read_bytes() == b"d"
    assert sum(c.startswith("RETR") for c in server.record.commands) == 2
    # again: three there, then one, said as one
    (dest / "d.txt").unlink()
    code, _, err = run("get", "-r", server.url + "/pub", str(dest), "--tls", "off")
    assert code == 0 and err == (
        f"ftpgui-cli: 3 files kept: they exist in {dest} (--force replaces them, --resume continues them)\n"
    ), err
    for rel in ("sub/b.txt", "sub/c.txt", "d.txt"):
        (dest / rel).unlink()
    code, _, err = run("get", "-r", server.url + "/pub", str(dest), "--tls", "off")
    assert code == 0 and err == (
        f"ftpgui-cli: 1 file kept: it exists in {dest} (--force replaces it, --resume continues it)\n"
    ), err
    assert (dest / "a.txt").read_bytes() == b"my a"


def test_get_r_says_which_kept_files_are_links_that_resume_cannot_continue(make_server, tmp_path):
    """A QA recheck: a link kept by ``get -r`` was offered "--resume continues it", and ``--resume`` then failed
    on it (note 371). The kept line says which of them are links."""
    server = served(make_server, {"tree/big.bin": b"0123456789", "tree/a.txt": b"a"})
    dest = local(tmp_path)
    (dest / "partial.bin").write_bytes(b"012")
    os.symlink("partial.bin", dest / "big.bin")
    code, _, err = run("get", "-r", server.url + "/tree", str(dest), "--tls", "off")
    assert code == 0 and err == (  # (all of them links: no "--resume continues it" said first, then unsaid)
        f"ftpgui-cli: 1 file kept: a link is at its name in {dest} (--force replaces it; --resume does not go "
        "through links)\n"
    ), err
    (dest / "a.txt").write_bytes(b"mine")
    code, _, err = run("get", "-r", server.url + "/tree", str(dest), "--tls", "off")
    assert code == 0 and "ftpgui-cli: 1 of them is a link: --resume does not go through links" in err, err
    assert os.readlink(dest / "big.bin") == "partial.bin" and (dest / "a.txt").read_bytes() == b"mine"


def test_get_r_force_replaces_and_resume_continues(make_server, tmp_path):
    server = served(make_server, TREE)
    dest = local(tmp_path)
    (dest / "sub").mkdir()
    (dest / "a.txt").write_bytes(b"my a, longer than the server's")
    (dest / "sub" / "b.txt").write_bytes(b"serv")  # a start of the server's file
    code, _, err = run("get", "-r", server.url + "/pub", str(dest), "--resume", "--tls", "off")
    assert code == 1 and "a.txt" in err and "kept" not in err, err  # (longer: no start of it, left, as before)
    assert (dest / "a.txt").read_bytes() == b"my a, longer than the server's"
    assert (dest / "sub" / "b.txt").read_bytes() == b"server b"
    code, _, err = run("get", "-r", server.url + "/pub", str(dest), "--force", "--tls", "off")
    assert code == 0 and err == "", err
    assert {p.relative_to(dest).as_posix(): p.read_bytes() for p in dest.rglob("*") if p.is_file()} == {
        rel.removeprefix("pub/"): data for rel, data in TREE.items()
    }


def test_the_help_says_what_force_and_resume_do_and_the_exit_code():
    get = " ".join(helps()["ftpgui-cli get"].format_help().split())
    assert "-f, --force replace local files that exist (without it: get refuses, get -r keeps them" in get
    assert "continue partial downloads (a local file of the server's size is left as it is)" in get
    assert "2 bad usage (an argument or the URL; a local file missing or in the way; get: the local file exists" in get
    put = " ".join(helps()["ftpgui-cli put"].format_help().split())
    assert "--force" not in put.replace("get: the local file exists, without --force", "")
    assert "the file's name on the server (a file there is replaced)" in put
