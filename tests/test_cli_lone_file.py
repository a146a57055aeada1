"""``ftpgui-cli get -r`` of a file, or of a link to one, against the real daemons as Debian ships them (design note
220, found by QA): what the path leads to, as note 204 has the window take a link chosen on its own.

vsftpd's LIST of a file's path lists that file, so the walk took the file for a folder holding itself and said
"failed /pub/data/a.txt/a.txt: The server refused RETR: 550 Failed to open file." (a path that is not there);
pure-ftpd and proftpd refuse MLSD of a file ("550 Can't check for file existence", "… is not a directory"). Each
exited 1 with an empty folder left under the destination's name. Now the file is downloaded as ``get`` does.
"""

from __future__ import annotations

import os
import pwd

import pytest
from test_daemons import daemon  # noqa: F401 (a fixture)
from test_local_attacks import files_under

from test_cli import run


def url(d, path: str) -> str:
    return f"ftp://{d.user}@{d.host}:{d.port}{d.remote_dir}/{path}"


# (pure-ftpd refuses MLSD of a file as proftpd does: the same path here, and its logins take two seconds each)
@pytest.mark.parametrize("daemon", ["vsftpd", "proftpd"], indirect=True)
def test_get_r_of_a_file_or_a_link_to_one_downloads_that_file(daemon, tmp_path):  # noqa: F811
    (daemon.writable / "data").mkdir()
    (daemon.writable / "data" / "a b.txt").write_bytes(b"the file in data")
    os.symlink("data/a b.txt", daemon.writable / "to-file")
    ftp = pwd.getpwnam("ftp")
    for path in daemon.writable.rglob("*"):
        os.chown(path, ftp.pw_uid, ftp.pw_gid, follow_symlinks=False)
    out = tmp_path / "out"
    out.mkdir()
    env = {"FTPGUI_PASSWORD": daemon.password}
    code, _, err = run("get", "-r", url(daemon, "to-file"), str(out / "linked.txt"), env=env)
    assert code == 0 and "failed" not in err, err
    code, _, err = run("get", "-r", url(daemon, "data/a%20b.txt"), str(out), env=env)  # (into the folder named)
    assert code == 0 and "failed" not in err, err
    assert files_under(out) == ["a b.txt", "linked.txt"]
    assert (out / "linked.txt").read_bytes() == (out / "a b.txt").read_bytes() == b"the file in data"
    # a path that is not there fails as the listing does, and leaves nothing behind
    code, _, err = run("get", "-r", url(daemon, "missing"), str(tmp_path / "missing"), env=env)
    assert code == 1 and "failed /pub/missing: The server refused" in err, err
    assert not (tmp_path / "missing").exists()
