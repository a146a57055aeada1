"""The download data path: Linux ``splice`` from a plain socket into the ``.part`` file, and the copy
through Python where splice cannot be used (a listing, a file system without splice)."""

from __future__ import annotations

import errno
import os
import random
from pathlib import Path

import pytest

from ftpgui.ftp import FtpSession, SessionOptions, TransferProgress

from conftest import need
from ftpserver import PASSWORD, USER
from scripted import ScriptedServer


@pytest.fixture(autouse=True)
def _linux():
    need(hasattr(os, "splice"), "os.splice is Linux-only")


@pytest.fixture
def splice_calls(monkeypatch):
    """Every os.splice call made (the real one still runs)."""
    calls = []
    real = os.splice

    def spy(src, dst, count, *args, **kwargs):
        calls.append(count)
        return real(src, dst, count, *args, **kwargs)

    monkeypatch.setattr(os, "splice", spy)
    return calls


def _session(server, events=None, mode="passive"):
    s = FtpSession(SessionOptions(timeout=10, mode=mode), events.append if events is not None else None)
    s.open(server.host, server.port, USER, PASSWORD)
    return s


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_download_is_spliced_into_the_file_byte_identical(server, tmp_path, splice_calls, mode):
    data = random.Random(3).randbytes(3 * 1024 * 1024 + 17)
    Path(server.path("f.bin")).write_bytes(data)
    events = []
    with _session(server, events, mode) as s:
        assert s.download("/f.bin", str(tmp_path / "f.bin")) == len(data)
    assert (tmp_path / "f.bin").read_bytes() == data
    assert splice_calls  # the kernel moved the bytes
    progress = [e.done for e in events if isinstance(e, TransferProgress)]
    assert progress[-1] == len(data) and progress == sorted(progress)


def test_resumed_download_is_spliced_after_the_part(server, tmp_path, splice_calls):
    data = random.Random(4).randbytes(2 * 1024 * 1024)
    Path(server.path("f.bin")).write_bytes(data)
    (tmp_path / "f.bin.ftpgui-part").write_bytes(data[:1_000_000])
    with _session(server) as s:
        assert s.download("/f.bin", str(tmp_path / "f.bin"), resume=True) == len(data) - 1_000_000
    assert (tmp_path / "f.bin").read_bytes() == data
    assert splice_calls


def test_listing_is_read_through_python(server, splice_calls):
    Path(server.path("a.txt")).write_bytes(b"x")
    with _session(server) as s:
        assert [e.name for e in s.listdir("/")] == ["a.txt"]
    assert splice_calls == []  # a listing is kept in memory, under a size limit


def test_without_splice_the_download_is_copied_through_python(server, tmp_path, monkeypatch):
    def no_splice(*args, **kwargs):
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(os, "splice", no_splice)
    data = random.Random(5).randbytes(1024 * 1024 + 5)
    Path(server.path("f.bin")).write_bytes(data)
    with _session(server) as s:
        assert s.download("/f.bin", str(tmp_path / "f.bin")) == len(data)
    assert (tmp_path / "f.bin").read_bytes() == data


def test_small_files_skip_the_pipe(server, tmp_path, splice_calls):
    Path(server.path("small.bin")).write_bytes(b"s" * 4096)
    with _session(server) as s:
        s.download("/small.bin", str(tmp_path / "small.bin"))
    assert (tmp_path / "small.bin").read_bytes() == b"s" * 4096
    assert splice_calls == []  # SIZE said 4 KiB: not worth a pipe


def test_a_listed_size_saves_the_size_command(server, tmp_path):
    data = random.Random(6).randbytes(10_000)
    Path(server.path("f.bin")).write_bytes(data)
    with _session(server) as s:
        assert s.download("/f.bin", str(tmp_path / "f.bin"), size=len(data)) == len(data)
    assert (tmp_path / "f.bin").read_bytes() == data
    assert "SIZE" not in server.record.verbs() and "RETR" in server.record.verbs()


def test_a_stale_listed_size_is_checked_with_size(server, tmp_path):
    data = random.Random(7).randbytes(10_000)
    Path(server.path("f.bin")).write_bytes(data)
    with _session(server) as s:  # the file changed after it was listed: the SIZE it has now is the truth
        assert s.download("/f.bin", str(tmp_path / "f.bin"), size=len(data) + 5) == len(data)
    assert (tmp_path / "f.bin").read_bytes() == data
    assert server.record.verbs().count("SIZE") == 1


def test_quit_without_waiting_for_the_goodbye():
    from ftpgui.ftp import CommandSent, ControlClosed, ReplyReceived

    def script(c):
        c.login()
        c.expect("QUIT")  # the server is told, though nobody waits for its answer
        c.reply("221 Goodbye.")

    events = []
    with ScriptedServer(script) as srv:
        s = FtpSession(SessionOptions(timeout=10), events.append)
        s.open("127.0.0.1", srv.port, "u", "p")
        s.quit(wait=False)
        assert not s.connected
        s.close()
    assert [e.text for e in events if isinstance(e, CommandSent)][-1] == "QUIT"
    assert 221 not in [e.code for e in events if isinstance(e, ReplyReceived)]
    assert [e.reason for e in events if isinstance(e, ControlClosed)] == ["quit"]


@pytest.mark.parametrize("size", [0, 4096, (64 << 10) - 1, 64 << 10, (64 << 10) + 1, 300_000])
def test_a_small_file_is_read_into_a_buffer_of_its_size_not_a_mebibyte(server, tmp_path, size):
    """A 1 MiB receive buffer, zeroed and its pages faulted in, cost more than a 4 KiB file of a tree itself
    (issue 22): a file whose size is known gets a buffer just over it (at least 64 KiB), byte-identical."""
    import tracemalloc

    data = random.Random(size).randbytes(size)
    Path(server.path("f.bin")).write_bytes(data)
    with _session(server) as s:
        tracemalloc.start()
        try:
            assert s.download("/f.bin", str(tmp_path / "f.bin"), size=size) == size
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert (tmp_path / "f.bin").read_bytes() == data
    assert peak < max(64 << 10, size) + (200 << 10)  # the buffer, and the session's own small change
