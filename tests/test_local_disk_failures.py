"""Local disk failures during transfers, through the paths a person takes: the folder a download writes into
deleted under it, the disk holding the config folder full when the window closes."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from ftpserver import PASSWORD, USER
from test_cli import run


def wait_for(condition, what: str) -> None:
    """Poll ``condition`` (the test's own safety net is pytest's; no wall-clock limit here)."""
    while not condition():
        time.sleep(0.02)


def test_a_download_whose_folder_is_deleted_says_so(make_server, tmp_path):
    srv = make_server("127.0.0.1", no_226={"RETR": 1})  # the file written whole, the client waits for the word
    Path(srv.path("f.bin")).write_bytes(os.urandom(300_000))
    dest = tmp_path / "dest"
    dest.mkdir()
    result = {}
    url = f"ftp://{USER}:{PASSWORD}@127.0.0.1:{srv.port}/f.bin"
    cli = threading.Thread(target=lambda: result.update(done=run("get", url, str(dest) + os.sep)))
    cli.start()
    try:
        wait_for(srv.holding, "the server holding back its 226")
        shutil.rmtree(dest)  # the person deletes the folder the download writes into
    finally:
        srv.send_held_replies()
        cli.join()
    code, _out, err = result["done"]
    assert code == 1
    assert f"The folder {dest} was deleted during the download; the file was not saved." in err
    assert "Another transfer" not in err
    assert not dest.exists()
