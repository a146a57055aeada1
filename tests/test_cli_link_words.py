"""``ftpgui-cli get`` and a local link at the download's name say true words (design note 377, found by a QA recheck
of notes 371 and 372): ``get`` refusing a link offered "--resume continues it", and ``--resume`` then fails on any
link (note 371); ``get --resume`` onto a link that leads to nothing said "to continue the file it leads to, name
that file (PATH)" — PATH a file that does not exist. The real console entry point against pyftpdlib."""

from __future__ import annotations

import os
from pathlib import Path

from test_cli import run_subprocess

WHOLE = b"0123456789" * 1000


def served(make_server, files: dict):
    server = make_server()
    for rel, data in files.items():
        Path(server.path(rel)).parent.mkdir(parents=True, exist_ok=True)
        Path(server.path(rel)).write_bytes(data)
    return server


def said(done) -> str:
    return done.stderr.decode()


def a_link(tmp_path: Path, to: str) -> Path:
    """``local/big.bin``, a link to ``to`` (in ``local``)."""
    folder = tmp_path / "local"
    folder.mkdir()
    os.symlink(to, folder / "big.bin")
    return folder


def test_get_onto_a_link_offers_force_not_resume(make_server, tmp_path):
    server = served(make_server, {"big.bin": WHOLE})
    folder = a_link(tmp_path, "partial.bin")
    (folder / "partial.bin").write_bytes(WHOLE[:3])
    done = run_subprocess("get", server.url + "/big.bin", str(folder / "big.bin"), "--tls", "off")
    assert done.returncode == 2 and said(done) == (
        f"ftpgui-cli: error: {folder / 'big.bin'} exists, a link to {folder / 'partial.bin'}: --force replaces the "
        "link (--resume does not go through links)\n"
    ), said(done)
    assert os.readlink(folder / "big.bin") == "partial.bin" and (folder / "partial.bin").read_bytes() == WHOLE[:3]
    assert server.record.commands == []


def test_get_onto_a_link_to_nothing_says_so(make_server, tmp_path):
    server = served(make_server, {"big.bin": WHOLE})
    folder = a_link(tmp_path, "gone.bin")
    done = run_subprocess("get", server.url + "/big.bin", str(folder), "--tls", "off")  # (into its folder)
    assert done.returncode == 2 and said(done) == (
        f"ftpgui-cli: error: {folder / 'big.bin'} is a link to {folder / 'gone.bin'}, which does not exist: --force "
        "replaces the link\n"
    ), said(done)
    assert os.readlink(folder / "big.bin") == "gone.bin" and sorted(os.listdir(folder)) == ["big.bin"]


def test_get_resume_onto_a_link_to_nothing_says_there_is_nothing_to_continue(make_server, tmp_path):
    """It said to name the file the link leads to as the one to continue: that file does not exist."""
    server = served(make_server, {"big.bin": WHOLE})
    folder = a_link(tmp_path, "gone.bin")
    done = run_subprocess("get", "--resume", server.url + "/big.bin", str(folder / "big.bin"), "--tls", "off")
    assert done.returncode == 2 and said(done) == (
        f"ftpgui-cli: error: {folder / 'big.bin'} is a link to {folder / 'gone.bin'}, which does not exist: there is "
        "nothing to continue; --force instead of --resume replaces the link\n"
    ), said(done)
    assert "name that file" not in said(done)
    assert os.readlink(folder / "big.bin") == "gone.bin" and sorted(os.listdir(folder)) == ["big.bin"]
    assert server.record.commands == []
    done = run_subprocess("get", "--force", server.url + "/big.bin", str(folder), "--tls", "off")  # as it says
    assert done.returncode == 0, said(done)
    assert not os.path.islink(folder / "big.bin") and (folder / "big.bin").read_bytes() == WHOLE


def test_get_r_resume_onto_a_link_to_nothing_says_there_is_nothing_to_continue(make_server, tmp_path):
    """``get -r --resume``'s words said to get the file the link leads to on its own: there is none."""
    server = served(make_server, {"tree/big.bin": WHOLE, "tree/other.bin": b"other"})
    folder = a_link(tmp_path, "gone.bin")
    done = run_subprocess("get", "-r", "--resume", server.url + "/tree", str(folder), "--tls", "off")
    assert done.returncode == 1, said(done)
    assert (
        f"{folder / 'big.bin'} is a link to {folder / 'gone.bin'}, which does not exist: there is nothing to "
        "continue; --force instead of --resume replaces the link" in said(done)
    ), said(done)
    assert "get that file on its own" not in said(done)
    assert os.readlink(folder / "big.bin") == "gone.bin" and (folder / "other.bin").read_bytes() == b"other"
