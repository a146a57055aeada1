"""Each answer to "the target exists", both directions, against a real pyftpdlib server."""

from __future__ import annotations

import os
import time

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.resumecheck import rest_for
from ftpgui.transfers.items import DONE, SKIPPED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 120_000  # ms: a safety net, not a performance limit
HOUR = 3600


@pytest.fixture
def env(qtbot, tmp_path, make_server, monkeypatch):
    yield from queue_on(make_server("127.0.0.1"), tmp_path, monkeypatch)


def queue_on(srv, tmp_path, monkeypatch):
    """(the queue, the server, a local folder, the questions asked), the queue on ``srv``; shut down after."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    q.retry_delays = (0.05, 0.05, 0.05)
    asked = []
    q.askExists.connect(asked.append)
    local = tmp_path / "local"
    local.mkdir()
    q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
    yield q, srv, local, asked
    q.shutdown()


@pytest.fixture
def case_blind_disk(env, monkeypatch):
    """The local disk takes names that differ only in case for one (as NTFS and APFS usually do): what
    ``localpath.folds_case`` finds by its probe, made the answer here (this machine's disk keeps both) —
    in this process: the queue's connections are threads for it, not forked processes."""
    from ftpgui.ftp import localpath

    env[0].transfer_processes = False
    monkeypatch.setattr(localpath, "_FOLDS", {})
    monkeypatch.setattr(localpath, "_probe_case", lambda folder: True)


def put(path, data: bytes, mtime=None):
    with open(path, "wb") as f:
        f.write(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def read(path) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def answer_with(q, asked, choice, apply_to_all=False):
    def answer(question):
        question.answer(choice, apply_to_all)

    q.askExists.disconnect()
    q.askExists.connect(asked.append)
    q.askExists.connect(answer)


def run(qtbot, q):
    qtbot.waitUntil(q.is_idle, timeout=LONG)
    return {os.path.basename(i.local): i for i in q.model.items()}


def test_download_overwrite_replaces_and_keeps_the_servers_time(qtbot, env):
    q, srv, local, asked = env
    stamp = time.time() - 5 * HOUR
    put(srv.path("a.txt"), b"server" * 1000, stamp)
    put(local / "a.txt", b"old local")
    answer_with(q, asked, "overwrite")
    q.download([("/a.txt", False, 6000)], str(local))
    items = run(qtbot, q)
    assert items["a.txt"].state == DONE
    assert read(local / "a.txt") == b"server" * 1000
    assert len(asked) == 1 and asked[0].existing.size == 9 and asked[0].existing.source_size == 6000
    assert os.path.getmtime(local / "a.txt") == pytest.approx(stamp, abs=1)


def test_download_skip_and_rename(qtbot, env):
    q, srv, local, asked = env
    put(srv.path("s.txt"), b"server s")
    put(srv.path("r.txt"), b"server r")
    put(local / "s.txt", b"local s")
    put(local / "r.txt", b"local r")
    choices = {"/s.txt": "skip", "/r.txt": "rename"}
    q.askExists.connect(lambda question: question.answer(choices[question.source]))
    q.download([("/s.txt", False, None), ("/r.txt", False, None)], str(local))
    items = run(qtbot, q)
    assert items["s.txt"].state == SKIPPED and read(local / "s.txt") == b"local s"
    assert read(local / "r.txt") == b"local r"
    assert items["r (1).txt"].state == DONE and read(local / "r (1).txt") == b"server r"
    assert sorted(question.source for question in asked) == ["/r.txt", "/s.txt"]


def test_download_resume_continues_a_smaller_target_with_rest(qtbot, env):
    q, srv, local, asked = env
    data = os.urandom(3 << 20)
    put(srv.path("big.bin"), data)
    put(local / "big.bin", data[: 1 << 20])
    answer_with(q, asked, "resume")
    q.download([("/big.bin", False, len(data))], str(local))
    items = run(qtbot, q)
    assert items["big.bin"].state == DONE
    assert read(local / "big.bin") == data
    assert f"REST {rest_for(1 << 20)}" in srv.record.commands  # (the overlap checked: note 428)


def test_download_overwrite_if_newer_applies_the_sites_time_offset(qtbot, env):
    q, srv, local, asked = env
    base = time.time() - 10 * HOUR
    put(srv.path("older.txt"), b"server", base)  # the server's clock says 30 minutes before the local file
    put(local / "older.txt", b"local", base + 1800)
    answer_with(q, asked, "newer", apply_to_all=True)
    q.download([("/older.txt", False, None)], str(local))
    items = run(qtbot, q)
    assert items["older.txt"].state == SKIPPED and read(local / "older.txt") == b"local"
    # the site is known to run an hour behind: its file is really 30 minutes newer than ours
    q.clear_finished()
    q.time_offset_minutes = 60
    q.download([("/older.txt", False, None)], str(local))
    items = run(qtbot, q)
    assert items["older.txt"].state == DONE and read(local / "older.txt") == b"server"
    assert len(asked) == 2  # asked again: "apply to all" was the first download's, not a later one's
    # and the file keeps the server's time as corrected: an hour later than its clock said
    assert os.path.getmtime(local / "older.txt") == pytest.approx(base + 3600, abs=1)


def test_a_kept_time_carries_the_sites_time_offset_from_a_listing_or_mdtm(qtbot, env):
    """A file queued with no listed time gets MDTM's once it is there, a folder's files their listed times;
    either way with the site's clock correction (the engine adds it: ``download(time_shift=…)``)."""
    q, srv, local, asked = env
    stamp = time.time() - 7 * HOUR
    put(srv.path("alone.txt"), b"one", stamp)
    os.mkdir(srv.path("dir"))
    put(srv.path("dir", "in.txt"), b"two", stamp - HOUR)
    q.time_offset_minutes = -30
    q.download([("/alone.txt", False, None), ("/dir", True, None)], str(local))
    items = run(qtbot, q)
    assert {i.state for i in items.values()} == {DONE} and not asked
    assert os.path.getmtime(local / "alone.txt") == pytest.approx(stamp - 1800, abs=1)
    assert os.path.getmtime(local / "dir" / "in.txt") == pytest.approx(stamp - HOUR - 1800, abs=1)
    assert "MDTM /alone.txt" in srv.record.commands


def test_apply_to_all_answers_the_rest_and_names_that_differ_in_case_count_as_existing(qtbot, env, case_blind_disk):
    q, srv, local, asked = env
    os.mkdir(srv.path("dir"))
    for name in ("one.txt", "two.txt", "Three.txt"):
        put(srv.path("dir", name), name.encode())
    os.mkdir(local / "dir")
    for name in ("one.txt", "two.txt", "three.txt"):  # three.txt collides with the server's Three.txt
        put(local / "dir" / name, b"keep")
    answer_with(q, asked, "skip", apply_to_all=True)
    q.download([("/dir", True, None)], str(local))
    items = run(qtbot, q)
    assert len(asked) == 1
    assert sorted(i.state for i in items.values()) == [SKIPPED] * 3
    assert sorted(os.listdir(local / "dir")) == ["one.txt", "three.txt", "two.txt"]
    assert all(read(local / "dir" / n) == b"keep" for n in os.listdir(local / "dir"))


def test_two_server_names_that_collide_locally_ask_for_the_second(qtbot, env, case_blind_disk):
    q, srv, local, asked = env
    os.mkdir(srv.path("d"))
    put(srv.path("d", "README"), b"upper")
    put(srv.path("d", "readme"), b"lower")
    answer_with(q, asked, "rename")
    q.download([("/d", True, None)], str(local))
    run(qtbot, q)
    assert len(asked) == 1 and asked[0].existing.collision
    got = sorted(read(local / "d" / n) for n in os.listdir(local / "d"))
    assert got == [b"lower", b"upper"]


def test_names_that_differ_in_case_are_two_files_on_a_disk_that_keeps_both(qtbot, env):
    """Found by QA: on a disk that keeps "README" and "readme" apart (Linux's), the second was taken for the
    first (a question, or ``get -r``'s "collides" and the file left out). Both come, nobody is asked."""
    q, srv, local, asked = env
    os.mkdir(srv.path("d"))
    put(srv.path("d", "README"), b"upper")
    put(srv.path("d", "readme"), b"lower")
    os.mkdir(local / "d")
    put(local / "d" / "Other.txt", b"mine")
    put(srv.path("d", "other.txt"), b"theirs")
    q.download([("/d", True, None)], str(local))
    run(qtbot, q)
    assert asked == []
    assert read(local / "d" / "README") == b"upper" and read(local / "d" / "readme") == b"lower"
    assert read(local / "d" / "Other.txt") == b"mine" and read(local / "d" / "other.txt") == b"theirs"


def test_upload_choices(qtbot, env):
    q, srv, local, asked = env
    data = os.urandom(2 << 20)
    now = time.time()
    put(local / "over.bin", b"new content", now - HOUR)
    put(srv.path("over.bin"), b"old")
    put(local / "res.bin", data)
    put(srv.path("res.bin"), data[:700_000])
    put(local / "skip.bin", b"mine")
    put(srv.path("skip.bin"), b"theirs")
    put(local / "ren.bin", b"renamed upload")
    put(srv.path("ren.bin"), b"stays")
    put(local / "newer.bin", b"not newer", now - 2 * HOUR)
    put(srv.path("newer.bin"), b"server is newer", now - HOUR)
    choices = {"over.bin": "overwrite", "res.bin": "resume", "skip.bin": "skip", "ren.bin": "rename"}
    choices["newer.bin"] = "newer"
    q.askExists.connect(lambda question: question.answer(choices[os.path.basename(question.source)]))
    q.upload([str(local / n) for n in sorted(choices)], "/")
    items = {os.path.basename(i.remote): i for i in run(qtbot, q).values()}
    assert read(srv.path("over.bin")) == b"new content"
    assert os.path.getmtime(srv.path("over.bin")) == pytest.approx(now - HOUR, abs=1)  # MFMT
    assert "MFMT" in " ".join(srv.record.commands)
    assert read(srv.path("res.bin")) == data
    assert "REST 700000" in srv.record.commands
    assert read(srv.path("skip.bin")) == b"theirs" and items["skip.bin"].state == SKIPPED
    assert read(srv.path("ren.bin")) == b"stays" and read(srv.path("ren (1).bin")) == b"renamed upload"
    assert items["ren (1).bin"].state == DONE
    assert read(srv.path("newer.bin")) == b"server is newer" and items["newer.bin"].state == SKIPPED
    assert len(asked) == len(choices)


def test_the_default_from_the_preferences_answers_without_asking(qtbot, env):
    q, srv, local, asked = env
    put(srv.path("x.txt"), b"server")
    put(local / "x.txt", b"local")
    q.exists_default = "overwrite"
    q.download([("/x.txt", False, None)], str(local))
    run(qtbot, q)
    assert asked == [] and read(local / "x.txt") == b"server"


def test_a_folders_files_keep_the_servers_times_many_to_a_connection(qtbot, env):
    """A tree of tiny files, several queued on the connection at once: every file ends up with its own
    server time (set through the folder its download used, kept open between the files of a folder)."""
    q, srv, local, asked = env
    stamps = {}
    for n in range(24):
        folder = f"tree/d{n % 3}"
        os.makedirs(srv.path(folder), exist_ok=True)
        stamps[f"{folder}/f{n}.bin"] = time.time() - (n + 2) * HOUR
        put(srv.path(folder, f"f{n}.bin"), os.urandom(100 + n), stamps[f"{folder}/f{n}.bin"])
    q.download([("/tree", True, None)], str(local))
    items = run(qtbot, q)
    assert {i.state for i in items.values()} == {DONE} and len(items) == 24 and not asked
    for name, stamp in stamps.items():
        assert os.path.getmtime(local / name) == pytest.approx(stamp, abs=1), name


def test_under_windows_rules_a_name_that_differs_in_case_is_the_same_file(qtbot, env):
    """Windows' name rules asked for (the target is read on Windows, where ``Report.TXT`` and ``report.txt``
    are one file), on this disk that keeps both: a file queued on its own asked the disk alone and was
    written beside the one in the way (the folder walk and ``get -r`` already counted it: ``folds_case``
    takes the rules now, for all three). It is asked about; a rename skips the names taken, case aside."""
    q, srv, local, asked = env
    q.windows_names = True
    put(srv.path("report.txt"), b"theirs")
    put(local / "Report.TXT", b"mine")
    put(local / "REPORT (1).txt", b"also mine")
    answer_with(q, asked, "rename")
    q.download([("/report.txt", False, 6)], str(local))
    run(qtbot, q)
    assert len(asked) == 1 and asked[0].existing.collision and asked[0].existing.size == len(b"mine")
    assert sorted(os.listdir(local)) == ["REPORT (1).txt", "Report.TXT", "report (2).txt"]
    assert read(local / "Report.TXT") == b"mine" and read(local / "report (2).txt") == b"theirs"


def test_under_windows_rules_a_link_to_nothing_that_differs_in_case_is_asked_about(qtbot, env):
    """A link that leads to nothing, named as the file apart from case: it failed "No such file or directory"
    naming that link (its look followed it); it is in the way as any name is (design note 376)."""
    q, srv, local, asked = env
    q.windows_names = True
    put(srv.path("report.txt"), b"theirs")
    os.symlink("gone.txt", local / "Report.TXT")
    answer_with(q, asked, "rename")
    q.download([("/report.txt", False, 6)], str(local))
    items = run(qtbot, q)
    assert len(asked) == 1 and asked[0].existing.collision, [(i.state, i.error) for i in items.values()]
    assert asked[0].existing.size is None and not asked[0].existing.link  # (``report.txt`` itself is no link)
    assert sorted(os.listdir(local)) == ["Report.TXT", "report (1).txt"] and os.readlink(local / "Report.TXT")
    assert read(local / "report (1).txt") == b"theirs"


def test_upload_if_newer_skips_a_file_of_the_same_second_and_sends_one_a_second_later(qtbot, env):
    """Found by QA (design note 306): the same folder uploaded twice with "Overwrite if the source is newer"
    sent every file again — the local time's fraction (06:58:46.985) was compared with MDTM's whole second
    (06:58:46). Times are compared to the whole second, as Compare and downloads compare them."""
    q, srv, local, asked = env
    second = int(time.time()) - 2 * HOUR
    put(local / "same.txt", b"same 6", second + 0.985)
    put(srv.path("same.txt"), b"same 6", second)
    put(local / "later.txt", b"later", second + 1.25)
    put(srv.path("later.txt"), b"old", second)
    answer_with(q, asked, "newer", apply_to_all=True)
    q.upload([str(local / "same.txt"), str(local / "later.txt")], "/")
    items = {os.path.basename(i.remote): i for i in run(qtbot, q).values()}
    assert items["same.txt"].state == SKIPPED and "STOR /same.txt" not in srv.record.commands
    assert os.path.getmtime(srv.path("same.txt")) == second
    assert items["later.txt"].state == DONE and read(srv.path("later.txt")) == b"later"


def test_upload_if_newer_to_pure_ftpd_skips_a_file_of_the_same_second(qtbot, tmp_path, monkeypatch):
    """The QA round's case on its own server (design note 306): pure-ftpd's MDTM gives whole seconds."""
    from conftest import need
    from daemons import start_pure_ftpd, unpacked

    binary, why = unpacked("pure-ftpd")
    need(binary is not None, why)
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    daemon = start_pure_ftpd(tmp_path / "pure")
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    try:
        q.set_site(Endpoint(daemon.host, daemon.port, daemon.user, daemon.password), SessionOptions(timeout=20), 1)
        second = int(time.time()) - 2 * HOUR
        local = tmp_path / "local"
        local.mkdir()
        put(local / "same.txt", b"same 6", second + 0.985)
        served = daemon.put_file("same.txt", b"same 6")
        os.utime(served, (second, second))
        asked = []
        q.askExists.connect(asked.append)
        answer_with(q, asked, "newer", apply_to_all=True)
        q.upload([str(local / "same.txt")], daemon.remote_dir)
        items = run(qtbot, q)
        assert items["same.txt"].state == SKIPPED and len(asked) == 1
        assert os.path.getmtime(served) == second and served.read_bytes() == b"same 6"
        assert "same.txt" not in (daemon.log.read_text() if daemon.log.exists() else "")  # (no transfer logged)
    finally:
        q.shutdown()
        daemon.stop()
