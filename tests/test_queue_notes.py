"""The upload notes beside ``queue.json`` (``queue.json.writing``: which uploads have begun to write their target,
design note 143) stay as small as the uploads under way, and one that is huge or damaged does not stop the app.

Found in review: the file was cleared only at a clean exit. In a long session it grew by a line (~60 bytes)
per uploaded file, after repeated kills it only grew, and it was read whole at every start; a line of deeply
nested JSON in it (a damaged file) raised RecursionError from the queue's constructor, and the window never
opened. Now each save of the queue compacts it (the notes of items finished, removed, or saved as started on
their target go), at most 1 MiB of it is read at start, and a file larger than that or with a damaged line is
set aside whole, in words, as an unreadable ``queue.json`` is: its items ask about their targets, as before
the notes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from test_queue_cancel_wait import click
from test_queue_upload_restart import LONG, log_in, shown

from ftpgui.transfers import writing
from ftpgui.transfers.items import DONE, QUEUED, UPLOAD, WAITING, TransferItem, item_values

from ftpserver import USER
from guihelpers import quick_connect, save_queued_upload, wait_listing
from test_queue_kill import PATIENCE, kill_when, running


def notes(config) -> list:
    """The notes' lines, as item ids and targets (none when the file is not there)."""
    try:
        with open(config / "queue.json.writing", "rb") as f:
            return [tuple(json.loads(line)) for line in f.read().splitlines()]
    except FileNotFoundError:
        return []


def saved(qtbot, w) -> None:
    """The queue's saves (each followed by the notes' compaction) have all been made."""
    qtbot.waitUntil(lambda: not w.queue.saving, timeout=LONG)


def test_the_notes_of_uploads_finished_or_removed_go_as_the_queue_saves(qtbot, make_server, tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    srv = make_server("127.0.0.1", no_1xx={"STOR /held.bin": 1})
    tree = tmp_path / "tree"
    tree.mkdir()
    for n in range(12):
        (tree / f"f{n:02}.txt").write_bytes(os.urandom(100 + n))
    held = tmp_path / "held.bin"
    held.write_bytes(os.urandom(300_000))
    with shown(qtbot) as w:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        w.request_upload([str(tree)], "/")
        qtbot.waitUntil(lambda: len(srv.record.received) == 12 and w.queue.is_idle(), timeout=LONG)
        assert {i.state for i in w.queue.model.items()} == {DONE}
        saved(qtbot, w)
        assert notes(config) == []  # (before: a line for each file uploaded, for as long as the app ran)

        w.request_upload([str(held)], "/")
        qtbot.waitUntil(lambda: srv.holding() == 1, timeout=LONG)  # STOR sent, its 150 held back
        saved(qtbot, w)
        (item,) = [i for i in w.queue.model.items() if i.state != DONE]
        assert notes(config) == [(item.id, "/held.bin")]  # the upload under way keeps its note
        click(qtbot, w, "queued", "remove")
        qtbot.waitUntil(lambda: w.queue.model.item(item.id) is None, timeout=LONG)
        for _ in range(2):  # the queue changes and saves again (its note went once two saves had not had it)
            w.request_upload([str(held)], "/", start=False)
            saved(qtbot, w)
            w.queue.remove([i.id for i in w.queue.model.items() if i.state != DONE])
            saved(qtbot, w)
        assert notes(config) == []


def test_a_kill_after_many_uploads_leaves_only_the_note_of_the_one_under_way(make_server, tmp_path):
    """The app killed (SIGKILL) while the last of a folder's files waits for STOR's 150: the notes hold that file's
    alone, and the restart continues it as the queue's own, without a question."""
    srv = make_server("127.0.0.1", no_1xx={"STOR /tree/zz-held.bin": 1})
    tree = tmp_path / "tree"
    tree.mkdir()
    for n in range(20):
        (tree / f"a{n:02}.txt").write_bytes(os.urandom(100 + n))
    (tree / "zz-held.bin").write_bytes(os.urandom(300_000))  # (last by name: one connection takes them in order)
    config = tmp_path / "config"
    base = [str(config / "queue.json"), srv.host, str(srv.port), USER]

    with running([*base, "--upload", str(tree), "/"], tmp_path) as proc:
        kill_when(proc, lambda: srv.holding() == 1 and [t for _, t in notes(config)] == ["/tree/zz-held.bin"])
    assert len(srv.record.received) == 20

    with running(base, tmp_path) as proc:
        out, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 0 and out.splitlines()[-1] == "idle" + " done" * 21, (out, err)  # nothing asked
    with open(srv.path("tree", "zz-held.bin"), "rb") as f:
        assert f.read() == (tree / "zz-held.bin").read_bytes()


@pytest.mark.parametrize("damage", ["too-large", "nested"])
def test_a_huge_or_damaged_notes_file_is_set_aside_in_words_and_not_trusted(
    qtbot, make_server, tmp_path, monkeypatch, damage
):
    config = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    srv = make_server("127.0.0.1")
    with open(srv.path("up.bin"), "wb") as f:
        f.write(b"the server's own file")
    local = tmp_path / "up.bin"
    local.write_bytes(b"a local file of the same name")
    save_queued_upload(config, srv, str(local), "/up.bin")
    (item_id,) = [i["id"] for i in json.loads((config / "queue.json").read_text())["items"]]
    text = json.dumps([item_id, "/up.bin"]) + "\n"  # a note that would make the server's file the queue's own
    if damage == "too-large":  # (the notes of many killed sessions)
        text += "".join(json.dumps([f"{n:032x}", f"/gone/{n}.bin"]) + "\n" for n in range(25_000))
    else:
        text += "[" * 100_000 + "\n"
    (config / "queue.json.writing").write_text(text)

    with shown(qtbot) as w:
        errors = [line for kind, line in w.log.lines if kind == "error"]
        aside = str(config / "queue.json.writing.unreadable")
        assert len(errors) == 1 and aside in errors[0], errors
        assert ("larger than 1 MiB" if damage == "too-large" else "could not be read") in errors[0]
        assert (config / "queue.json.writing.unreadable").read_text() == text  # kept, whole
        assert notes(config) == []
        log_in(qtbot, w)
        item = w.queue.model.items()[0]
        qtbot.waitUntil(lambda: item.state in (DONE, WAITING), timeout=LONG)
        assert item.state == WAITING  # asked about the server's file: the note was not trusted
    with open(srv.path("up.bin"), "rb") as f:
        assert f.read() == b"the server's own file"


ASKS = "上次被中断的上传在覆盖服务器上的文件之前会先询问。"
DAMAGED = {  # a queue.json ftpgui cannot read, and why, as the window says it in Chinese
    "not JSON": ('{"version": 2,\n  "items": [oops]}', "第 2 行第 13 列处不是有效的 JSON"),
    "newer": ('{"version": 99, "items": []}', "其版本为 99，当前的 ftpgui 不能读取"),
    "item": (
        '{"version": 2, "items": [{"direction": "upload", "local": "/a", "remote": "/a", "size": "abc"}]}',
        "其中第 1 项的“size”与 ftpgui 所写的不符",
    ),
}


@pytest.mark.parametrize("damage", [*DAMAGED, "notes"])
def test_a_queue_or_notes_file_set_aside_is_said_wholly_in_chinese(
    qtbot, chinese, make_server, tmp_path, monkeypatch, damage
):
    """Found in review: why the saved queue could not be read came in English inside the Chinese sentence
    (Python's and the loader's own words). Each reason is a sentence of its own in the translation now."""
    config = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    if damage == "notes":
        save_queued_upload(config, make_server("127.0.0.1"), str(tmp_path / "up.bin"), "/up.bin")
        (config / "queue.json.writing").write_text("[" * 100_000 + "\n")
        notes, aside = config / "queue.json.writing", config / "queue.json.writing.unreadable"
        said = f"无法读取 ftpgui 已开始的上传的记录（{notes}）；已将其保留为 {aside}。" + ASKS
    else:
        config.mkdir()
        text, reason = DAMAGED[damage]
        (config / "queue.json").write_text(text)
        said = f"无法读取保存的队列（{reason}）；已将其保留为 {config / 'queue.json.unreadable'}。"
    with shown(qtbot) as w:
        assert [line for kind, line in w.log.lines if kind == "error"] == [said]


WRITER = """
import os, sys, time
from ftpgui.transfers import writing
path, k = sys.argv[1], sys.argv[2]
for i in range(600):
    if i == 300:  # half way: wait until a compaction has replaced the file since every writer got here
        open(f"{path}.half{k}", "w").close()
        while not os.path.exists(path + ".go"):
            time.sleep(0.005)
    writing.note(path, f"{k}-{i}", "/first")
    writing.note(path, f"{k}-{i}", f"/{k}/{i}")
"""


def test_notes_made_while_the_queue_compacts_them_are_never_lost(tmp_path):
    """Transfer processes note (each item twice: every compaction then rewrites the file) while the saving
    thread compacts: a note written to the file a compaction has just replaced would be lost. The writers that
    waited for the lock open the new file; each item's last note is the one kept."""
    path = str(tmp_path / "queue.json.writing")
    ids = [f"{k}-{i}" for k in range(3) for i in range(600)]
    items = [item_values(TransferItem(UPLOAD, "/l", "/r", id=i, state=QUEUED).__dict__) for i in ids]
    notes = writing.Notes(path)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, path, str(k)], env=env) for k in range(3)]
    # compactions that replaced the file: one at least between the writers' halves (each item noted twice there),
    # which they wait for — under a heavy load the writers were once done between two of the loop's checks
    replaced = 0
    halves = [f"{path}.half{k}" for k in range(3)]
    while any(p.poll() is None for p in procs):
        before = os.stat(path).st_ino if os.path.exists(path) else None
        notes.compact(items)
        replaced += os.path.exists(path) and before is not None and os.stat(path).st_ino != before
        if replaced and all(os.path.exists(h) for h in halves) and not os.path.exists(path + ".go"):
            open(path + ".go", "w").close()  # the second halves are noted while compactions go on
    assert [p.returncode for p in procs] == [0, 0, 0]
    assert replaced
    assert writing.read(path) == {i: ("/" + i.replace("-", "/"), False) for i in ids}
