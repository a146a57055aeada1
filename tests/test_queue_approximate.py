"""A listing's approximate size (VMS's blocks) through the saved queue, and a resume nothing could check
(design note 167).

Design note 156 holds a download to its listed size when SIZE gives no answer, except where the listing's
number is no byte count (``ApproximateSize``: VMS, z/VM, MVS). That mark was lost in ``queue.json``: after a
restart a VMS file listed as 2 blocks (1,024 bytes) and 700 bytes long failed as "incomplete: 700 of 1024".
And a resume with no size known at all (no SIZE answer, nothing listed) said Done as if checked.
"""

from __future__ import annotations

import json
import os

import pytest
from pyftpdlib.filesystems import AbstractedFS
from test_queue_local_attacks import LONG, queue, to_server  # noqa: F401 (``queue``: a fixture)

from ftpgui.explain import WordedError
from ftpgui.ftp.listing import ApproximateSize
from ftpgui.ftp.localpath import part_name
from ftpgui.transfers import saved
from ftpgui.transfers.items import DONE, DOWNLOAD, SIZE_APPROXIMATE, TransferItem
from ftpgui.transfers.model import COL_STATE

from ftpserver import USER
from test_cli import run
from test_queue_kill import PATIENCE, kill_when, start


class VmsFS(AbstractedFS):
    """pyftpdlib listing its folders as a VMS server does (MultiNet, TCPware): sizes in 512-byte blocks."""

    def format_list(self, basedir, listing, ignore_err=True):
        for name in listing:
            st = self.stat(os.path.join(basedir, name))
            blocks = -(-st.st_size // 512)
            shown = name + ".DIR;1" if self.isdir(os.path.join(basedir, name)) else name
            yield f"{shown:<24}{blocks}/{blocks + 3}  1-JAN-2024 12:00:00  [GRP,OWNER]  (RWED,RWED,RE,)\r\n".encode()


def vms_server(make_server, **options):
    """A pyftpdlib server that lists as VMS does and answers neither SIZE nor MLSD (502)."""
    srv = make_server("127.0.0.1", refuse=("SIZE", "MLSD"), **options)
    srv.handler.abstracted_fs = VmsFS
    return srv


# --- the path a person takes: the app killed with a VMS folder in the queue, started again ---------------


def test_a_vms_folder_in_the_queue_completes_after_a_restart(make_server, tmp_path):
    """A.BIN;1 (6 MiB + 100 bytes, listed as 12,289 blocks) is being downloaded, B.BIN;1 (700 bytes, listed
    as 2 blocks: 1,024 bytes) waits, when the app dies. Started again, both end Done: before, each failed as
    incomplete (6,291,556 of 6,291,968 bytes; 700 of 1,024), the listing's blocks read back as a byte count.
    A.BIN;1 was continued with no size to check it by, its Done saying so (note 167); nothing says which
    server file its temporary file holds the start of (no SIZE), so it is fetched again whole (note 203)."""
    srv = vms_server(make_server, throttle=1 << 20)
    os.mkdir(srv.path("pub"))
    big, small = os.urandom((6 << 20) + 100), os.urandom(700)
    for name, data in (("A.BIN;1", big), ("B.BIN;1", small)):
        with open(srv.path("pub", name), "wb") as f:
            f.write(data)
    local = tmp_path / "down"
    local.mkdir()
    store = str(tmp_path / "config" / "queue.json")
    base = [store, srv.host, str(srv.port), USER]
    part = local / "pub" / part_name("A.BIN;1")

    def both_saved_and_a_begun():
        try:
            with open(store) as f:
                items = {i["remote"]: i for i in json.load(f)["items"]}
        except (OSError, ValueError, KeyError):
            return None
        a = items.get("/pub/A.BIN;1")
        if not (a and a["started"] and "/pub/B.BIN;1" in items and part.exists() and part.stat().st_size > 1 << 20):
            return None
        return items

    proc = start([*base, "/pub/", str(local)], tmp_path)
    kill_when(proc, both_saved_and_a_begun)
    assert not (local / "pub" / "A.BIN;1").exists()
    with open(store) as f:
        was_saved = {i["remote"]: i for i in json.load(f)["items"]}

    srv.handler.dtp_handler.write_limit = 0  # the second run need not wait
    proc = start(base, tmp_path)
    out, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 0, err
    assert "idle done done" in out, out
    assert "\nerror " not in out, out  # (both came whole: nothing to say)
    assert (local / "pub" / "A.BIN;1").read_bytes() == big
    assert (local / "pub" / "B.BIN;1").read_bytes() == small
    assert not part.exists()
    assert not any(c.startswith("REST ") and c != "REST 0" for c in srv.record.commands)  # (from the first byte)
    for name, blocks in (("A.BIN;1", 12289), ("B.BIN;1", 2)):
        item = was_saved["/pub/" + name]
        assert (item["size"], item.get(SIZE_APPROXIMATE)) == (blocks * 512, True), item


# --- queue.json: the mark, and a file written before it --------------------------------------------------


def items_read_back(tmp_path, items):
    path = str(tmp_path / "queue.json")
    saved.write(path, saved.snapshot(items, {}))
    with open(path) as f:
        raw = json.load(f)["items"]
    return raw, saved.load(path)[0]


def test_an_approximate_size_is_kept_in_the_saved_queue(tmp_path):
    items = [
        TransferItem(DOWNLOAD, "/l/V.TXT;1", "/V.TXT;1", size=ApproximateSize(1024)),
        TransferItem(DOWNLOAD, "/l/u.txt", "/u.txt", size=700),
        TransferItem(DOWNLOAD, "/l/n.txt", "/n.txt"),
    ]
    raw, back = items_read_back(tmp_path, items)
    assert [r.get(SIZE_APPROXIMATE) for r in raw] == [True, None, None]  # (written only where it holds)
    assert [(i.size, type(i.size)) for i in back] == [(1024, ApproximateSize), (700, int), (None, type(None))]
    assert [i.to_json().get(SIZE_APPROXIMATE) for i in back] == [True, None, None]  # (and saved again so)


def test_a_queue_saved_before_the_mark_reads_its_sizes_as_exact(tmp_path):
    """A queue.json of an earlier ftpgui has no mark: its sizes are read as exact, as that ftpgui read them
    (a short download without SIZE fails as incomplete, its temporary file kept: never a silent short file)."""
    path = tmp_path / "queue.json"
    item = TransferItem(DOWNLOAD, "/l/u.txt", "/u.txt", size=1024).to_json()
    path.write_text(json.dumps({"version": 2, "servers": {}, "items": [item]}))
    (back,), _ = saved.load(str(path))
    assert (back.size, type(back.size)) == (1024, int)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_a_mark_not_as_written_is_refused(tmp_path, value):
    path = tmp_path / "queue.json"
    item = dict(TransferItem(DOWNLOAD, "/l/u.txt", "/u.txt", size=1024).to_json(), **{SIZE_APPROXIMATE: value})
    path.write_text(json.dumps({"version": 2, "servers": {}, "items": [item]}))
    with pytest.raises(WordedError) as caught:
        saved.load(str(path))
    assert caught.value.values == {"n": 1, "field": SIZE_APPROXIMATE}, caught.value


# --- a resume with no size at all says it was not checked -------------------------------------------------


def sizeless(make_server, tmp_path, begun: int):
    """(server, the file's bytes, the folder to download into): pyftpdlib refusing SIZE with /f.bin of 3,000
    bytes; in the folder the first ``begun`` bytes of it as an earlier try's temporary file (written after the
    server's file: continued), none when 0."""
    srv = make_server("127.0.0.1", refuse=("SIZE",))
    data = os.urandom(3000)
    with open(srv.path("f.bin"), "wb") as f:
        f.write(data)
    dest = tmp_path / "dest"
    dest.mkdir()
    if begun:
        (dest / part_name("f.bin")).write_bytes(data[:begun])
    return srv, data, dest


def queued_by_path(qtbot, queue, srv, dest):  # noqa: F811
    """The one item's end: /f.bin queued by its path (no listed size), as the queue app does."""
    to_server(queue, srv)
    queue.download([("/f.bin", False, None)], str(dest))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    (item,) = queue.model.items()
    return item


def test_a_queued_download_with_no_size_fetches_a_temporary_file_again_whole(qtbot, queue, make_server, tmp_path):  # noqa: F811
    """Queued by path (no listed size), SIZE refused, an earlier try's temporary file there: it was continued
    with REST and said Done, "resumed; the server gave no size to check that it is complete" (note 167). With
    no byte count nothing says which server file it holds the start of: fetched again whole (design note 203)."""
    srv, data, dest = sizeless(make_server, tmp_path, 1000)
    item = queued_by_path(qtbot, queue, srv, dest)
    assert (item.state, item.error) == (DONE, ""), item.error
    assert queue.model.cell_text(item, COL_STATE) == "Done"
    assert (dest / "f.bin").read_bytes() == data
    assert not [c for c in srv.record.commands if c.startswith("REST ")], srv.record.commands


def test_a_queued_download_without_any_size_from_the_start_says_nothing(qtbot, queue, make_server, tmp_path):  # noqa: F811
    """The guard: no part file, no size: the whole stream and the server's 226 — Done, as before."""
    srv, data, dest = sizeless(make_server, tmp_path, 0)
    item = queued_by_path(qtbot, queue, srv, dest)
    assert (item.state, item.error) == (DONE, "")
    assert (dest / "f.bin").read_bytes() == data


def test_get_resume_without_any_size_warns_that_it_could_not_be_checked(make_server, tmp_path):
    srv, data, dest = sizeless(make_server, tmp_path, 1000)
    code, _, err = run("get", srv.url + "/f.bin", str(dest) + "/", "--resume")
    assert code == 0, err
    assert "warning: resumed; the server gave no size to check that it is complete" in err
    assert (dest / "f.bin").read_bytes() == data
    code, _, err = run("get", srv.url + "/f.bin", str(dest / "again.bin"))  # (nothing resumed: nothing said)
    assert code == 0 and "resumed" not in err, err


# --- a listed number that is no byte count is no limit either ----------------------------------------------


class MvsMemberFS(AbstractedFS):
    """pyftpdlib listing its folders as an MVS partitioned data set's members: the size column counts records
    (here of 80 bytes), not bytes."""

    def format_list(self, basedir, listing, ignore_err=True):
        yield b" Name     VV.MM   Created       Changed      Size  Init   Mod   Id\r\n"
        for name in listing:
            records = -(-self.getsize(os.path.join(basedir, name)) // 80)
            yield f"{name:<8}  01.03 2023/01/05 2023/01/06 10:11 {records:5}    12     0 USER1\r\n".encode()


@pytest.mark.parametrize("parallel", ["1", "2"])
def test_get_r_of_a_folder_listed_in_records_downloads_every_byte(make_server, tmp_path, parallel):
    """``ftpgui-cli get -r`` of an MVS folder (no SIZE, no MLSD): MEMBER1 is 12 records of 80 bytes, listed as
    "12". The download wrote the first 12 bytes and failed ("the server sent more than the 12 bytes it
    announced"): the listed number was taken as a limit on the bytes to write."""
    srv = make_server("127.0.0.1", refuse=("SIZE", "MLSD"))
    srv.handler.abstracted_fs = MvsMemberFS
    os.mkdir(srv.path("pds"))
    data = os.urandom(12 * 80)
    with open(srv.path("pds", "MEMBER1"), "wb") as f:
        f.write(data)
    dest = tmp_path / "down"
    code, _, err = run("get", "-r", srv.url + "/pds", str(dest), "--parallel", parallel)
    assert code == 0, err
    assert (dest / "MEMBER1").read_bytes() == data
    assert not [p for p in dest.iterdir() if p.name.endswith(".ftpgui-part")]
