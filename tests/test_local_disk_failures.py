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


def wait_for(condition) -> None:
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
        wait_for(srv.holding)  # the server holding back its 226
        shutil.rmtree(dest)  # the person deletes the folder the download writes into
    finally:
        srv.send_held_replies()
        cli.join()
    code, _out, err = result["done"]
    assert code == 1
    assert f"The folder {dest} was deleted during the download; the file was not saved." in err
    assert "Another transfer" not in err
    assert not dest.exists()


def test_quitting_when_a_download_filled_the_config_disk_closes_cleanly(qtbot, tiny_disk, make_server, monkeypatch):
    """The usual case: the downloads folder and the config folder on one disk, a download fills it; Quit then
    cannot save the queue. The window closes all the same, its other end-of-run steps done, and says why."""
    from ftpgui.app import build_window
    from ftpgui.ftp import SessionOptions
    from ftpgui.transfers.items import FAILED
    from ftpgui.transfers.worker import Endpoint

    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tiny_disk / "config"))
    srv = make_server("127.0.0.1", refuse=("SIZE",))  # the size unknown: the disk fills during the download
    Path(srv.path("big.bin")).write_bytes(os.urandom(3 << 20))
    downloads = tiny_disk / "Downloads"
    downloads.mkdir()
    window = build_window()
    qtbot.addWidget(window)
    window.show()
    queue = window.queue
    queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
    queue.download([("/big.bin", False, None)], str(downloads))
    qtbot.waitUntil(queue.is_idle, timeout=120_000)
    (item,) = queue.model.items()
    assert item.state == FAILED and item.error.startswith("Disk full")
    # the queue's saves fail from here on (the disk stays full): said once in the log, as it happens
    qtbot.waitUntil(lambda: queue.save_error is not None and not queue.saving, timeout=120_000)
    said = [line[1] for line in window.log.lines if "The transfer queue could not be saved" in line[1]]
    assert len(said) == 1 and "Disk full" in said[0]
    saved = tiny_disk / "config" / "queue.json"
    # (saved as the item was queued if the queue's save came before the disk filled; a quick download can fill it
    # first, and then no queue.json is there: either way closing must leave what is there as it is)
    saved_before = saved.read_bytes() if saved.exists() else None
    window.close()  # (on the old code the save's OSError left closeEvent half done, then a crash at exit)
    assert not window.isVisible()
    said = [line[1] for line in window.log.lines if "The transfer queue could not be saved" in line[1]]
    assert len(said) == 2 and "Disk full" in said[1]  # and once more as the window closes
    assert not [n for n in os.listdir(tiny_disk / "config") if n.endswith(".tmp")]  # no half-written copy left
    assert (saved.read_bytes() if saved.exists() else None) == saved_before  # the last good save stands
