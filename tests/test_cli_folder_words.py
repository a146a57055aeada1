"""``ftpgui-cli`` says what is wrong with a file or folder given to ``put`` and ``get`` (found by QA, design note
257): a local file that is not there "does not exist" (it was "not a file (use -r for a folder)"); a server's
folder given to ``get`` without ``-r`` is said to be a folder, with the hint ``put`` gives (it was "The server
refused RETR: 550 Failed to open file.") — only where the server let the session into it; a missing path stays
the server's refusal. The real console entry point, against pyftpdlib and vsftpd."""

from __future__ import annotations

import os
import pwd

import pytest
from test_daemons import daemon  # noqa: F401 (a fixture)

from test_cli import run_subprocess


def said(done) -> str:
    return done.stderr.decode()


def test_put_of_a_missing_file_says_it_does_not_exist(server, tmp_path):
    missing = tmp_path / "does-not-exist.txt"
    done = run_subprocess("put", str(missing), server.url + "/pub/")
    assert done.returncode == 2 and f"{missing} does not exist" in said(done) and "use -r" not in said(done), said(done)
    done = run_subprocess("put", "-r", str(missing), server.url + "/pub/")
    assert done.returncode == 2 and f"{missing} does not exist" in said(done), said(done)
    folder = tmp_path / "folder A"
    folder.mkdir()
    done = run_subprocess("put", str(folder), server.url + "/")
    assert done.returncode == 2 and f"{folder} is a folder (use -r to upload a folder)" in said(done), said(done)
    assert server.record.verbs() == []  # (nothing was sent: said before connecting)


def test_get_of_a_folder_without_r_says_so_and_a_missing_path_is_the_servers_refusal(server, tmp_path):
    os.makedirs(server.path("pub", "folder A"))
    done = run_subprocess("get", server.url + "/pub/folder%20A", str(tmp_path / "x"))
    assert done.returncode == 2, said(done)
    assert "/pub/folder A is a folder (use -r to download a folder)" in said(done), said(done)
    assert not (tmp_path / "x").exists()
    done = run_subprocess("get", server.url + "/pub/missing", str(tmp_path / "y"))
    assert done.returncode == 1 and "The server refused RETR: 550" in said(done) and "use -r" not in said(done)


@pytest.mark.parametrize("daemon", ["vsftpd"], indirect=True)
def test_get_of_a_folder_without_r_on_vsftpd(daemon, tmp_path):  # noqa: F811
    """QA's server: vsftpd answers RETR of a folder "550 Failed to open file."."""
    (daemon.writable / "folder A").mkdir()
    ftp = pwd.getpwnam("ftp")
    os.chown(daemon.writable / "folder A", ftp.pw_uid, ftp.pw_gid)
    url = f"ftp://{daemon.user}@{daemon.host}:{daemon.port}{daemon.remote_dir}/folder%20A"
    done = run_subprocess("get", url, str(tmp_path / "x"), env={"FTPGUI_PASSWORD": daemon.password})
    assert done.returncode == 2, said(done)
    assert f"{daemon.remote_dir}/folder A is a folder (use -r to download a folder)" in said(done), said(done)
