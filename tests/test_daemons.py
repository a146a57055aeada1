"""Interoperability with real FTP daemons, in both modes: list, upload, download byte-identical,
rename, delete, mkdir/rmdir, resume."""

from __future__ import annotations

import random

import pytest

from ftpgui.ftp import DataConnected, FtpSession, SessionOptions

from conftest import need
from daemons import start_proftpd, start_pure_ftpd, start_vsftpd, unpacked, vsftpd_usable

DAEMONS = ["vsftpd", "pure-ftpd", "proftpd"]
# what each daemon's FEAT must say: only vsftpd lacks MLSD, so the LIST parser is exercised there
HAS_MLSD = {"vsftpd": False, "pure-ftpd": True, "proftpd": True}


@pytest.fixture
def daemon(request, tmp_path_factory):
    """One of the real daemons (parametrised by name), started for this test and stopped after it."""
    name = request.param
    if name == "vsftpd":
        need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
        d = start_vsftpd(tmp_path_factory.mktemp("vsftpd"))
    else:
        binary, why = unpacked(name)
        need(binary is not None, why)
        start = start_pure_ftpd if name == "pure-ftpd" else start_proftpd
        d = start(tmp_path_factory.mktemp(name))
    yield d
    d.stop()


@pytest.fixture
def start(tmp_path_factory):
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    daemons = []

    def start(extra: str = ""):
        daemons.append(start_vsftpd(tmp_path_factory.mktemp("vsftpd"), extra=extra))
        return daemons[-1]

    yield start
    for d in daemons:
        d.stop()


@pytest.mark.parametrize("mode", ["passive", "active"])
@pytest.mark.parametrize("daemon", DAEMONS, indirect=True)
def test_everyday_operations(daemon, tmp_path, mode):
    data = random.Random(5).randbytes(2 * 1024 * 1024 + 3)
    (tmp_path / "up.bin").write_bytes(data)
    d = daemon.remote_dir
    events = []
    with FtpSession(SessionOptions(mode=mode, timeout=10), events.append) as s:
        s.open(daemon.host, daemon.port, daemon.user, daemon.password)
        assert ("MLST" in s.features) == HAS_MLSD[daemon.name]
        assert s.cwd(d) == d
        s.upload(str(tmp_path / "up.bin"), f"{d}/up.bin")
        assert (daemon.writable / "up.bin").read_bytes() == data
        s.download(f"{d}/up.bin", str(tmp_path / "down.bin"))
        assert (tmp_path / "down.bin").read_bytes() == data
        assert s.size(f"{d}/up.bin") == len(data)
        s.rename(f"{d}/up.bin", f"{d}/renamed.bin")
        s.mkd(f"{d}/folder")
        entries = {e.name: e for e in s.listdir(d)}
        assert entries["renamed.bin"].type == "file" and entries["renamed.bin"].size == len(data)
        assert entries["folder"].type == "dir"
        s.rmd(f"{d}/folder")
        # resume a download from a .part, then an upload from what the server has
        (tmp_path / "again.bin.part").write_bytes(data[:700_000])
        assert s.download(f"{d}/renamed.bin", str(tmp_path / "again.bin"), resume=True) == len(data) - 700_000
        assert (tmp_path / "again.bin").read_bytes() == data
        daemon.put_file("partial.bin", data[:1_000_000])
        assert s.upload(str(tmp_path / "up.bin"), f"{d}/partial.bin", resume=True) == len(data) - 1_000_000
        assert (daemon.writable / "partial.bin").read_bytes() == data
        s.delete(f"{d}/renamed.bin")
        s.delete(f"{d}/partial.bin")
        assert sorted(e.name for e in s.listdir(d)) == []
    # every data connection went the way the mode says, to and from the daemon's address
    connected = [e for e in events if isinstance(e, DataConnected)]
    assert len(connected) == 6  # two uploads, two downloads, two listings
    assert {e.dialer for e in connected} == {"client" if mode == "passive" else "server"}
    assert {e.remote[0] for e in connected} == {daemon.host}


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_vsftpd_cancel_mid_download_keeps_the_session(start, tmp_path, mode):
    import threading

    from ftpgui.ftp import Cancelled, ControlConnected, TransferProgress

    vsftpd = start("anon_max_rate=4000000")  # 4 MB/s, so the cancel lands mid-transfer
    vsftpd.put_file("big.bin", random.Random(6).randbytes(64 * 1024 * 1024))
    reached = threading.Event()

    events = []

    def listener(event):
        events.append(event)
        if isinstance(event, TransferProgress) and event.done > 1024 * 1024:
            reached.set()

    s = FtpSession(SessionOptions(mode=mode, timeout=10), listener)
    s.open(vsftpd.host, vsftpd.port, "anonymous", "")
    threading.Thread(target=lambda: (reached.wait(30), s.cancel()), daemon=True).start()
    with pytest.raises(Cancelled):
        s.download("/pub/big.bin", str(tmp_path / "big.bin"))
    assert not (tmp_path / "big.bin").exists()
    assert [e.name for e in s.listdir("/pub")] == ["big.bin"]
    assert sum(isinstance(e, ControlConnected) for e in events) == 1  # the same control connection
    s.quit()
    s.close()


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_vsftpd_sees_a_cancelled_upload_as_failed(start, tmp_path, mode):
    import threading

    from ftpgui.ftp import Cancelled, TransferProgress

    vsftpd = start("anon_max_rate=4000000")
    (tmp_path / "big.bin").write_bytes(random.Random(7).randbytes(64 * 1024 * 1024))
    reached = threading.Event()

    def listener(event):
        if isinstance(event, TransferProgress) and event.done > 2 * 1024 * 1024:
            reached.set()

    s = FtpSession(SessionOptions(mode=mode, timeout=10), listener)
    s.open(vsftpd.host, vsftpd.port, "anonymous", "")
    threading.Thread(target=lambda: (reached.wait(30), s.cancel()), daemon=True).start()
    with pytest.raises(Cancelled):
        s.upload(str(tmp_path / "big.bin"), "/pub/big.bin")
    s.noop()
    s.quit()
    s.close()
    log = vsftpd.log.read_text()
    assert 'FAIL UPLOAD: Client "127.0.0.1", "/pub/big.bin"' in log
    assert "OK UPLOAD" not in log
