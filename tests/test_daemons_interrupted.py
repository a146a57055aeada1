"""Transfers cut short against the real daemons as Debian ships them (``daemons.py``; design notes 191, 192): a
cancel on proftpd and pure-ftpd keeps the session at once (ABOR in band, not as urgent data); an upload the server
refuses part-way — proftpd past ``MaxStoreFileSize``, vsftpd on a full disk — fails at once with the server's
reply, tried again only when that reply says "not now"; a retry after the source changed is no mix of versions."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pwd
import random
import socket
import struct
import subprocess
import threading
import time
from pathlib import Path

import pytest

from ftpgui.ftp import (
    Cancelled,
    CommandSent,
    ControlClosed,
    ControlConnected,
    DataClosed,
    FtpSession,
    ReplyReceived,
    SessionOptions,
    TransferFailed,
    TransferProgress,
)
from ftpgui.ftp.errors import retryable
from ftpgui.transfers.items import ACTIVE, CANCELLED, DONE, FAILED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from conftest import need
from daemons import start_proftpd, start_pure_ftpd, start_vsftpd, unpacked, vsftpd_tls, vsftpd_usable
from scripted import ScriptedServer, epsv_reply

RATE_KB = 4000  # KB/s: a 16 MiB file takes seconds, so a cancel lands mid-transfer
LONG = 60_000  # ms: a safety net on a loaded machine, not a performance limit


def start(name: str, base: Path, extra: str = "", tls: str = ""):
    """``name`` started in ``base``, its transfers limited to RATE_KB (``extra``: more configuration)."""
    if name == "vsftpd":
        need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
        return start_vsftpd(base, extra="\n".join(x for x in (f"anon_max_rate={RATE_KB * 1000}", tls, extra) if x))
    binary, why = unpacked(name)
    need(binary is not None, why)
    if name == "pure-ftpd":
        return start_pure_ftpd(base, extra=("--userbandwidth", f"{RATE_KB}:{RATE_KB}"))
    return start_proftpd(base, extra=f"TransferRate RETR,STOR,APPE {RATE_KB}\n{extra}")


@pytest.fixture
def daemons(tmp_path_factory):
    started = []

    def make(name: str, extra: str = "", tls: str = ""):
        started.append(start(name, tmp_path_factory.mktemp(name), extra, tls))
        return started[-1]

    yield make
    for d in started:
        d.stop()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def full_disk(daemon):
    """The daemon's writable folder on a 1 MiB tmpfs of its own (needs root), the daemon's user owning it."""
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(daemon.writable)], capture_output=True)
    need(done.returncode == 0, f"mount -t tmpfs is not permitted here: {done.stderr.decode().strip()}")
    try:
        ftp = pwd.getpwnam("ftp")
        os.chown(daemon.writable, ftp.pw_uid, ftp.pw_gid)
        yield
    finally:
        subprocess.run(["umount", "-l", str(daemon.writable)], check=True)


@pytest.mark.parametrize("name", ["proftpd", "pure-ftpd"])
def test_a_cancel_keeps_the_session_on_proftpd_and_pure_ftpd(daemons, tmp_path, name):
    """Found by QA: ABOR went as TCP urgent data, whose last byte neither daemon reads in the stream — proftpd
    answered ``500 'ABOR NOOP' not understood``, pure-ftpd ``500 Unknown command`` twice — so every cancel there
    waited out the NOOP fence (5 s) and the session connected and logged in again. A download, then an upload,
    cancelled on one session."""
    daemon = daemons(name)
    data = random.Random(11).randbytes(16 << 20)
    daemon.put_file("big.bin", data)
    (tmp_path / "big.bin").write_bytes(data)
    reached = threading.Event()
    events = []

    def listener(event):
        events.append(event)
        if isinstance(event, TransferProgress) and event.done > 1 << 20:
            reached.set()

    def cancel_when_moving():
        reached.clear()
        threading.Thread(target=lambda: (reached.wait(LONG / 1000), s.cancel()), daemon=True).start()

    s = FtpSession(SessionOptions(timeout=10), listener)
    s.open(daemon.host, daemon.port, daemon.user, daemon.password)
    cancel_when_moving()
    with pytest.raises(Cancelled):
        s.download(f"{daemon.remote_dir}/big.bin", str(tmp_path / "down.bin"))
    cancel_when_moving()
    with pytest.raises(Cancelled):
        s.upload(str(tmp_path / "big.bin"), f"{daemon.remote_dir}/up.bin")
    assert 0 < s.size(f"{daemon.remote_dir}/up.bin") < len(data)  # incomplete on the server, said as such
    # the same connection went on: each NOOP after ABOR was answered, nothing closed or dialled again
    assert sum(isinstance(e, ControlConnected) for e in events) == 1
    assert not [e for e in events if isinstance(e, ControlClosed)]
    aborts = [i for i, e in enumerate(events) if isinstance(e, CommandSent) and e.text == "ABOR"]
    assert len(aborts) == 2
    replies = [e.code for e in events[aborts[0] :] if isinstance(e, ReplyReceived)]
    assert replies.count(200) == 2 and not [code for code in replies if code >= 500], replies  # (the NOOPs' 200)
    s.quit()
    s.close()
    assert not (tmp_path / "down.bin").exists()  # nothing under the final name


REFUSALS = {
    # name: (the daemon, its configuration, on a full disk, TLS, the server's reply, worth another try)
    "proftpd-too-large": ("proftpd", "MaxStoreFileSize 1 Mb", False, False, "552 Transfer aborted. File too large"),
    "vsftpd-disk-full": ("vsftpd", "", True, False, "451 Failure writing to local file."),
    "vsftpd-tls-disk-full": ("vsftpd", "", True, True, "451 Failure writing to local file."),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_an_upload_the_server_refuses_part_way_fails_at_once_with_its_reply(daemons, certs, tmp_path, case):
    """Found by QA: the server stops reading and says why on the control connection; nothing read it while the
    data waited, so the upload failed after the timeout as "stalled" (tried again as such), and the reply was
    then taken as ABOR's. Now it is read as it comes: the upload fails with it, no ABOR, the session in step."""
    name, extra, disk, tls, reply = REFUSALS[case]
    daemon = daemons(name, extra, vsftpd_tls(certs.good) if tls else "")
    (tmp_path / "big.bin").write_bytes(random.Random(12).randbytes(3 << 20))
    events = []
    options = SessionOptions(timeout=5, tls="require" if tls else "off", ca_file=certs.ca_file)
    with full_disk(daemon) if disk else contextlib.nullcontext():
        with FtpSession(options, events.append) as s:
            s.open(daemon.host, daemon.port, daemon.user, daemon.password)
            with pytest.raises(TransferFailed) as failed:
                s.upload(str(tmp_path / "big.bin"), f"{daemon.remote_dir}/big.bin")
            s.noop()
    code = int(reply[:3])
    assert failed.value.code == code and reply in str(failed.value), failed.value
    assert retryable(failed.value) == (code < 500)
    assert "ABOR" not in [e.text for e in events if isinstance(e, CommandSent)]


def test_the_queue_does_not_try_again_an_upload_refused_as_too_large(qtbot, qapp, daemons, tmp_path):
    """proftpd's 552 past MaxStoreFileSize, heard as it comes or after the data connection broke: one try, failed
    with the server's words (the queue tried it three times more, the first failure said to be a stall)."""
    daemon = daemons("proftpd", "MaxStoreFileSize 1 Mb")
    (tmp_path / "big.bin").write_bytes(random.Random(13).randbytes(3 << 20))
    q = TransferQueue()
    q.retry_delays = (0.05, 0.1, 0.2)
    try:
        q.set_site(Endpoint(daemon.host, daemon.port, daemon.user, daemon.password), SessionOptions(timeout=5), 1)
        q.upload([str(tmp_path / "big.bin")], daemon.remote_dir)
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        (item,) = q.model.items()
        assert item.state == FAILED and item.attempts == 0, (item.state, item.attempts, item.error)
        assert "552 Transfer aborted. File too large" in item.error and "stalled" not in item.error
    finally:
        q.shutdown()


def test_a_refusal_that_broke_the_data_connection_is_not_tried_again(tmp_path):
    """The server resets the upload's data connection and says ``452`` (its disk is full): the failure carries
    that code, so nothing tries it again (``retryable``) — it was "the data connection broke", with no code, and
    the queue and ``put -r`` tried it again, as a dropped connection."""

    def script(c):
        c.login()
        c.expect("EPSV")
        listener = c.passive()
        c.reply(epsv_reply(listener))
        c.expect("STOR")
        c.reply("150 go ahead")
        data, _ = listener.accept()
        listener.close()
        data.recv(65536)
        data.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        data.close()  # reset
        c.reply("452 Disk full; the file was cut short")
        c.expect("NOOP")
        c.reply("200 still here")
        c.command()

    (tmp_path / "big.bin").write_bytes(random.Random(14).randbytes(8 << 20))
    with ScriptedServer(script) as srv:
        with FtpSession(SessionOptions(timeout=5)) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            with pytest.raises(TransferFailed) as failed:
                s.upload(str(tmp_path / "big.bin"), "/big.bin")
            s.noop()
    assert failed.value.code == 452 and "452 Disk full" in str(failed.value), failed.value
    assert not retryable(failed.value)


CHANGES = {
    # name: (direction, the new version's size, its modification time against the cut: later, or an hour before)
    "upload-saved-again": ("upload", 12 << 20, 2),
    "upload-other-size-older-time": ("upload", 10 << 20, -3600),
    "download-other-size-older-time": ("download", 14 << 20, -3600),
    "download-same-size-older-time": ("download", 12 << 20, -3600),  # (design note 203)
}


@pytest.mark.parametrize("case", list(CHANGES))
def test_a_retry_after_the_source_changed_sends_the_new_version_whole(qtbot, qapp, daemons, tmp_path, case):
    """Found by QA against vsftpd (design note 192): an item cancelled part-way whose source then changed — the
    local file saved again, or on the server a newer version put there with its own, older time kept — was
    continued from where it stopped on Retry: the new version's tail after the old one's head, said Done. Now a
    started item whose source has another size, or (an upload) a time after the server's last write, starts
    again from the first byte, as a download already did for a server file with a newer time."""
    direction, new_size, shift = CHANGES[case]
    daemon = daemons("vsftpd", "anon_max_rate=10000000")  # (the last of a setting counts: 10 MB/s)
    old = random.Random(15).randbytes(12 << 20)
    new = random.Random(16).randbytes(new_size)
    source = tmp_path / "big.bin"
    dest = tmp_path / "dest"
    dest.mkdir()
    q = TransferQueue()
    q.retry_delays = ()
    events = []
    q.eventsArrived.connect(events.extend)
    try:
        q.set_site(Endpoint(daemon.host, daemon.port, daemon.user, daemon.password), SessionOptions(timeout=10), 1)
        if direction == "upload":
            source.write_bytes(old)
            q.upload([str(source)], daemon.remote_dir)
        else:
            daemon.put_file("big.bin", old)
            q.download([(f"{daemon.remote_dir}/big.bin", False, len(old))], str(dest))
        (item,) = q.model.items()
        qtbot.waitUntil(lambda: item.state == ACTIVE and item.done > 1 << 20, timeout=LONG)
        q.cancel([item.id])
        qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
        assert item.started
        changed = source if direction == "upload" else daemon.put_file("big.bin", new)
        if direction == "upload":
            source.write_bytes(new)
        when = time.time() + shift
        os.utime(changed, (when, when))
        first = len(events)
        q.retry([item.id])
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        assert item.state == DONE, item.error
    finally:
        q.shutdown()
    got = (daemon.writable if direction == "upload" else dest) / "big.bin"
    assert sha256(got.read_bytes()) == sha256(new)  # (checksums: a failure's diff of megabytes never ends)
    sent = [e.text.split(" ")[0] for e in events[first:] if isinstance(e, CommandSent)]
    assert "REST" not in sent and "APPE" not in sent, sent  # from the first byte


@pytest.mark.parametrize("tls", [False, True], ids=["plain", "tls"])
def test_a_cancelled_upload_on_vsftpd_ends_its_data_connection_before_abor(qtbot, qapp, daemons, certs, tmp_path, tls):
    """Design note 234: vsftpd reads no command while an upload's data flows, and the abort kept the data
    connection open half its wait (2.5 s) for the server to see ABOR first — on vsftpd, for nothing: it answered
    only once the connection was reset. A cancelled upload there now resets the data connection first, as a
    download's (the exchange: the data connection closed, then ABOR), and vsftpd still says the upload failed
    ("426 Failure reading network stream.", not complete); the queue's item says what the server kept, and the
    session goes on (the NOOP fence's 200)."""
    daemon = daemons("vsftpd", vsftpd_tls(certs.good) if tls else "")
    data = random.Random(17).randbytes(16 << 20)
    (tmp_path / "big.bin").write_bytes(data)
    q = TransferQueue()
    q.retry_delays = ()
    events = []
    q.eventsArrived.connect(events.extend)
    options = SessionOptions(timeout=10, tls="require" if tls else "off", ca_file=certs.ca_file)
    try:
        q.set_site(Endpoint(daemon.host, daemon.port, daemon.user, daemon.password), options, 1)
        q.upload([str(tmp_path / "big.bin")], daemon.remote_dir)
        (item,) = q.model.items()
        qtbot.waitUntil(lambda: item.state == ACTIVE and item.done > 1 << 20, timeout=LONG)
        q.cancel([item.id])
        qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
    finally:
        q.shutdown()
    kept = (daemon.writable / "big.bin").stat().st_size
    assert item.server_size == kept and 0 < kept < len(data)
    abort = [i for i, e in enumerate(events) if isinstance(e, CommandSent) and e.text == "ABOR"]
    assert len(abort) == 1
    closed = [i for i, e in enumerate(events) if isinstance(e, DataClosed)]
    assert closed and closed[-1] < abort[0]  # (before: ABOR, then the wait, then the data connection's end)
    replies = [e.text for e in events[abort[0] :] if isinstance(e, ReplyReceived)]
    assert replies[:3] == ["426 Failure reading network stream.", "225 No transfer to ABOR.", "200 NOOP ok."], replies
