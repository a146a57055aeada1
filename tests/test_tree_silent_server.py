"""A tree from a server that stops answering: each connection gives up after two files in a row met silence.

Found by a connection-drop round (a vsftpd stopped with SIGSTOP mid-tree): ``procpool.Retries`` tried each later
file once after the first failed every try, so every file of the tree waited the whole timeout in vain — 10 files
with ``--timeout 3`` took 44 s, a 1,000-file tree at the default 30 s would take hours. Now a connection whose
second file in a row met a silent server tries no more files and fails the rest at once in words. Counted in
RETR commands the server received, not in seconds.
"""

from __future__ import annotations

import os

import pytest

from test_cli import run

FILES = 12


class SilentFiles:
    """A file's data connection that sends nothing and stays open (the listing's goes through): with RETR's
    replies held too, a server that stopped answering once the tree was listed, as a SIGSTOPped one does."""

    def use_sendfile(self) -> bool:
        return False

    def send(self, data) -> int:
        if getattr(self, "file_obj", None) is not None:  # (a file: RETR; set before the first send, cmd after)
            self.del_channel()
            return 0
        return super().send(data)


@pytest.mark.parametrize("parallel, kind", [("1", "process"), ("2", "process"), ("2", "thread")])
def test_get_r_stops_trying_files_once_the_server_is_silent(make_server, tmp_path, monkeypatch, parallel, kind):
    """``kind``: the tree's connections as forked processes (Linux) or threads (macOS, Windows)."""
    if kind == "thread":
        monkeypatch.setattr("ftpgui.ftp.mirror.usable", lambda parallel: False)
    srv = make_server("127.0.0.1", dtp_mixin=SilentFiles, no_reply={"RETR": 10**6})  # lists; never answers a RETR
    os.mkdir(srv.path("t"))
    for i in range(FILES):
        with open(srv.path("t", f"f{i:02}.txt"), "wb") as f:
            f.write(b"x" * 100)
    code, _, err = run("--timeout", "1", "get", "-r", srv.url + "/t", str(tmp_path / "t"), "--parallel", parallel)
    assert code == 1, (err, srv.record.commands[-20:])
    retrs = [c for c in srv.record.commands if c.startswith("RETR ")]
    # each connection: its first file three tries (1 + the two retries), its second one, then none
    assert len(retrs) <= 4 * int(parallel), retrs
    assert err.count("did not answer within 1 second") >= 1
    not_tried = err.count("Not tried: the server has stopped answering")
    assert not_tried == FILES - len({r for r in retrs}), err
    assert f"{FILES} item(s) failed" in err
    assert not [p for p in (tmp_path / "t").rglob("*") if p.is_file() and not p.name.endswith(".ftpgui-part")]
