"""Interoperability with real FTP daemons, in both modes: list, upload, download byte-identical,
rename, delete, mkdir/rmdir, resume."""

from __future__ import annotations

import os
import pwd
import random

import pytest

from ftpgui.ftp import DataConnected, FtpSession, ReplyError, SessionOptions

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
        (tmp_path / "again.bin.ftpgui-part").write_bytes(data[:700_000])
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
    assert len(connected) == 7  # two uploads, the resumed one's check (note 474), two downloads, two listings
    assert {e.dialer for e in connected} == {"client" if mode == "passive" else "server"}
    assert {e.remote[0] for e in connected} == {daemon.host}


# Debian's stock pure-ftpd: built with TLS ("[TLS]" in its greeting) but started without --tls, as the Debian
# wrapper does unless /etc/pure-ftpd/conf/TLS exists; start_pure_ftpd passes no --tls either. It then lists
# AUTH TLS in FEAT and answers AUTH TLS with "500 This security scheme is not implemented".


def _auth_reply(daemon) -> tuple:
    """What the daemon's FEAT says and how it answers AUTH TLS (a plain session that asks, then logs in)."""
    from ftpgui.ftp import CommandSent, ReplyReceived

    events = []
    with FtpSession(SessionOptions(timeout=10, tls="auto"), events.append) as s:
        s.open(daemon.host, daemon.port, daemon.user, daemon.password)
    sent = [e.text for e in events if isinstance(e, CommandSent)]
    replies = [e for e in events if isinstance(e, ReplyReceived)]
    feat, auth = replies[1], replies[2]  # after the greeting: FEAT, then AUTH TLS
    return sent, feat.text, (auth.code, auth.text)


@pytest.mark.parametrize("mode", ["passive", "active"])
@pytest.mark.parametrize("daemon", ["pure-ftpd"], indirect=True)
def test_debian_pure_ftpd_without_certificate_works_with_the_cli_defaults(daemon, tmp_path, mode):
    from test_cli import run

    sent, feat, auth = _auth_reply(daemon)
    assert sent[:3] == ["FEAT", "AUTH TLS", f"USER {daemon.user}"]
    assert " AUTH TLS" in feat.split("\n") and auth == (500, "500 This security scheme is not implemented")
    data = random.Random(10).randbytes(300_000)
    (tmp_path / "up.bin").write_bytes(data)
    env = {"FTPGUI_PASSWORD": daemon.password, "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    url = f"ftp://{daemon.user}@{daemon.host}:{daemon.port}{daemon.remote_dir}"
    mode_args = [] if mode == "passive" else ["--mode", "active"]  # passive is the CLI's default
    warning = "ftpgui-cli: warning: the server refused TLS; the password and files travel unencrypted\n"
    code, _, err = run("put", str(tmp_path / "up.bin"), url + "/up.bin", *mode_args, env=env)
    assert (code, err) == (0, warning)
    assert (daemon.writable / "up.bin").read_bytes() == data
    code, out, err = run("ls", url + "/", *mode_args, env=env)
    assert (code, err) == (0, warning) and "up.bin" in out
    code, _, err = run("get", url + "/up.bin", str(tmp_path / "down.bin"), *mode_args, env=env)
    assert (code, err) == (0, warning) and (tmp_path / "down.bin").read_bytes() == data


@pytest.mark.parametrize("daemon", ["pure-ftpd"], indirect=True)
def test_debian_pure_ftpd_without_certificate_and_tls_require_stops_before_user(daemon, tmp_path):
    from ftpgui.ftp import CommandSent, TlsError

    from test_cli import run

    env = {"FTPGUI_PASSWORD": daemon.password, "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    url = f"ftp://{daemon.user}@{daemon.host}:{daemon.port}{daemon.remote_dir}/"
    code, out, err = run("ls", url, "--tls", "require", env=env)
    assert code == 1 and out == "" and "refused TLS (AUTH TLS: 500 This security scheme" in err
    events = []
    s = FtpSession(SessionOptions(timeout=10, tls="require"), events.append)
    with pytest.raises(TlsError, match="refused TLS"):
        s.open(daemon.host, daemon.port, daemon.user, daemon.password)
    assert [e.text for e in events if isinstance(e, CommandSent)] == ["AUTH TLS", "QUIT"]
    s.close()


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


# --- FTPS: vsftpd with ssl_enable=YES, require_ssl_reuse=YES, strict_ssl_read_eof=YES ------------------


@pytest.fixture
def ftps_vsftpd(start, certs):
    from daemons import vsftpd_tls

    def make(implicit: bool = False, extra: str = ""):
        return start(vsftpd_tls(certs.good, implicit=implicit) + "\n" + extra)

    return make


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_vsftpd_explicit_tls_with_session_reuse_required(ftps_vsftpd, certs, tmp_path, mode):
    from ftpgui.ftp import TlsEstablished

    vsftpd = ftps_vsftpd()
    data = random.Random(8).randbytes(3 * 1024 * 1024 + 5)
    (tmp_path / "up.bin").write_bytes(data)
    events = []
    with FtpSession(SessionOptions(mode=mode, timeout=10, tls="require", ca_file=certs.ca_file), events.append) as s:
        s.open(vsftpd.host, vsftpd.port, "anonymous", "")
        s.upload(str(tmp_path / "up.bin"), "/pub/up.bin")
        s.download("/pub/up.bin", str(tmp_path / "down.bin"))
        assert [e.name for e in s.listdir("/pub")] == ["up.bin"]
    assert (vsftpd.writable / "up.bin").read_bytes() == data == (tmp_path / "down.bin").read_bytes()
    tls = [e for e in events if isinstance(e, TlsEstablished)]
    assert [e.channel for e in tls] == ["control", "data", "data", "data"]
    assert all(e.session_reused for e in tls[1:])  # vsftpd answers 522 to a data connection that is not
    log = vsftpd.log.read_text()
    assert 'OK UPLOAD: Client "127.0.0.1", "/pub/up.bin"' in log  # strict_ssl_read_eof: close_notify was sent
    assert 'OK DOWNLOAD: Client "127.0.0.1", "/pub/up.bin"' in log


def test_vsftpd_implicit_tls_from_the_cli(ftps_vsftpd, certs, tmp_path):
    from test_cli import run

    vsftpd = ftps_vsftpd(implicit=True)
    vsftpd.put_file("f.txt", b"implicit" * 1000)
    env = {"SSL_CERT_FILE": certs.ca_file, "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    url = f"ftps://127.0.0.1:{vsftpd.port}/pub/f.txt"
    code, _, err = run("get", url, str(tmp_path / "f.txt"), env=env)
    assert (code, err) == (0, "")
    assert (tmp_path / "f.txt").read_bytes() == b"implicit" * 1000
    code, _, err = run("get", url.replace("ftps:", "ftp:"), str(tmp_path / "g.txt"), "--timeout", "3", env=env)
    assert code == 1  # plain FTP to an implicit-TLS port gets no greeting


@pytest.mark.parametrize("direction", ["download", "upload"])
def test_vsftpd_cancel_over_tls_keeps_the_session(ftps_vsftpd, certs, tmp_path, direction):
    import threading

    from ftpgui.ftp import Cancelled, ControlConnected, TransferProgress

    vsftpd = ftps_vsftpd(extra="anon_max_rate=4000000")
    big = random.Random(9).randbytes(64 * 1024 * 1024)
    vsftpd.put_file("big.bin", big)
    (tmp_path / "big.bin").write_bytes(big)
    reached = threading.Event()
    events = []

    def listener(event):
        events.append(event)
        if isinstance(event, TransferProgress) and event.done > 2 * 1024 * 1024:
            reached.set()

    s = FtpSession(SessionOptions(timeout=10, tls="require", ca_file=certs.ca_file), listener)
    s.open(vsftpd.host, vsftpd.port, "anonymous", "")
    threading.Thread(target=lambda: (reached.wait(30), s.cancel()), daemon=True).start()
    with pytest.raises(Cancelled):
        if direction == "download":
            s.download("/pub/big.bin", str(tmp_path / "out.bin"))
        else:
            s.upload(str(tmp_path / "big.bin"), "/pub/up.bin")
    assert "big.bin" in [e.name for e in s.listdir("/pub")]  # the session still works, over TLS
    assert sum(isinstance(e, ControlConnected) for e in events) == 1  # without reconnecting
    s.quit()
    s.close()
    if direction == "upload":
        log = vsftpd.log.read_text()
        assert 'FAIL UPLOAD: Client "127.0.0.1", "/pub/up.bin"' in log and "OK UPLOAD" not in log


HAS_MFMT = {"vsftpd": False, "pure-ftpd": True, "proftpd": True}


@pytest.mark.parametrize("daemon", DAEMONS, indirect=True)
def test_cli_keep_times_both_ways(daemon, tmp_path, monkeypatch):
    """``ftpgui-cli put -r --keep-times`` then ``get -r --keep-times`` (the MLSD time, or MDTM's after vsftpd's
    LIST, which gives minutes at best), against each daemon as Debian ships it; without the option a
    download keeps the time it was written."""
    import io
    import os
    from urllib.parse import quote

    from ftpgui.cli import main

    old = 1_577_934_245  # 2020-01-02 03:04:05 UTC: seconds a LIST time would lose
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    for path, data in ((src / "a.bin", b"a" * 1000), (src / "sub" / "b.txt", b"b\n")):
        path.write_bytes(data)
        os.utime(path, (old, old))
    monkeypatch.setenv("FTPGUI_PASSWORD", daemon.password)
    url = f"ftp://{quote(daemon.user)}@{daemon.host}:{daemon.port}{daemon.remote_dir}/kept"

    def cli(*argv) -> str:
        err = io.StringIO()
        assert main([*argv], out=io.StringIO(), err=err, stdin=io.StringIO()) == 0, err.getvalue()
        return err.getvalue()

    said = cli("put", "-r", "--keep-times", str(src), url)
    said += cli("put", "--keep-times", str(src / "a.bin"), f"{url}/one.bin")
    on_server = [int((daemon.writable / "kept" / n).stat().st_mtime) for n in ("a.bin", "sub/b.txt", "one.bin")]
    if HAS_MFMT[daemon.name]:
        assert on_server == [old, old, old] and "no MFMT" not in said
    else:  # said, not silently ignored; the server's own times, which the download below must keep
        assert old not in on_server and said.count("the server cannot set a file's time (no MFMT)") == 2
        for n in ("a.bin", "sub/b.txt"):
            os.utime(daemon.writable / "kept" / n, (old, old))

    cli("get", "-r", "--keep-times", url, str(tmp_path / "kept"))
    assert [int((tmp_path / "kept" / n).stat().st_mtime) for n in ("a.bin", "sub/b.txt")] == [old, old]
    cli("get", "--keep-times", f"{url}/a.bin", str(tmp_path / "one.bin"))
    assert int((tmp_path / "one.bin").stat().st_mtime) == old
    cli("get", "-r", url, str(tmp_path / "plain"))
    assert (tmp_path / "plain" / "a.bin").stat().st_mtime > old + 86400


@pytest.mark.parametrize("daemon", DAEMONS, indirect=True)
def test_a_folder_named_like_an_option_is_listed_not_read_as_one(daemon, tmp_path):
    """Found by QA against Debian's vsftpd: a folder "-x" in the login folder was listed as "LIST -x", which
    vsftpd (and pure-ftpd) read as ls options: the login folder's listing came back for it, and ``get -r``
    of the login folder walked "-x/-x/-x/…" until the depth limit, making 15,000 folders. Now "./-x"."""
    from test_cli import run

    root = daemon.writable.parent  # the anonymous login folder
    (root / "-x").mkdir()
    (root / "-x" / "one.txt").write_bytes(b"inside -x")
    try:
        with FtpSession(SessionOptions(timeout=10)) as s:
            s.open(daemon.host, daemon.port, daemon.user, daemon.password)
            assert [e.name for e in s.listdir("-x")] == ["one.txt"]
        out = tmp_path / "out"
        who = "" if daemon.user == "anonymous" else f"{daemon.user}@"
        url = f"ftp://{who}{daemon.host}:{daemon.port}"
        code, _, err = run("get", "-r", url, str(out), "--tls", "off", env={"FTPGUI_PASSWORD": daemon.password})
        assert code == 0, err
        assert (out / "-x" / "one.txt").read_bytes() == b"inside -x"
        assert not (out / "-x" / "-x").exists()
    finally:
        (root / "-x" / "one.txt").unlink()
        (root / "-x").rmdir()


@pytest.mark.parametrize("daemon", DAEMONS, indirect=True)
def test_a_missing_or_unreadable_folder_is_an_error_not_an_empty_one(daemon, tmp_path):
    """Found by QA against Debian's vsftpd: it answers 226 to LIST of a missing folder with nothing, and of
    an unreadable one with that folder's own line; ``ls`` showed an empty folder and ``get -r`` exited 0
    without the unreadable folder's files (and made ``locked/locked``). Now both fail in the server's words;
    a folder holding one entry of its own name still lists."""
    from test_cli import run

    d = daemon.remote_dir
    tree = daemon.writable / "t"
    (tree / "ok").mkdir(parents=True)
    (tree / "ok" / "a.txt").write_bytes(b"a")
    (tree / "locked" / "inner").mkdir(parents=True)
    (tree / "locked" / "c.txt").write_bytes(b"c")
    (tree / "same" / "same").mkdir(parents=True)  # one entry, named as its folder: a real listing
    (tree / "locked").chmod(0)
    try:
        with FtpSession(SessionOptions(timeout=10)) as s:
            s.open(daemon.host, daemon.port, daemon.user, daemon.password)
            for gone in (f"{d}/t/nothere", f"{d}/t/locked"):
                with pytest.raises(ReplyError):
                    s.listdir(gone)
            assert [e.name for e in s.listdir(f"{d}/t/same")] == ["same"]
            assert [e.name for e in s.listdir(f"{d}/t/ok")] == ["a.txt"]  # (and the session still works)
            if not HAS_MLSD[daemon.name]:  # (MLSD of a file is refused: RFC 3659 lists folders only)
                assert [e.name for e in s.listdir(f"{d}/t/ok/a.txt")] == ["a.txt"]  # a file's line (the review)
        who = "" if daemon.user == "anonymous" else f"{daemon.user}@"
        url = f"ftp://{who}{daemon.host}:{daemon.port}{d}/t/"
        env = {"FTPGUI_PASSWORD": daemon.password}
        code, _, err = run("get", "-r", url, str(tmp_path / "out"), "--tls", "off", env=env)
        assert code == 1 and "locked" in err, err
        assert (tmp_path / "out" / "ok" / "a.txt").read_bytes() == b"a"
        assert not (tmp_path / "out" / "locked" / "locked").exists()
        code, _, err = run("ls", url + "nothere", "--tls", "off", env=env)
        assert code == 1, err
    finally:
        (tree / "locked").chmod(0o755)


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_stock_proftpd_that_will_not_continue_an_upload_gets_the_whole_file(tmp_path_factory, tmp_path, mode):
    """proftpd's default (AllowStoreRestart off) answers a resumed upload's STOR with 451 "Append/Restart not
    permitted, try again": `put --resume` failed, as did every retry, leaving the server's part. The whole file
    goes now, from its first byte, replacing the part (found by QA)."""
    from ftpgui.ftp import ReplyReceived

    from test_cli import run

    binary, why = unpacked("proftpd")
    need(binary is not None, why)
    d = start_proftpd(tmp_path_factory.mktemp("proftpd"), store_restart=False)
    try:
        data = random.Random(11).randbytes(700_000)
        (tmp_path / "up.bin").write_bytes(data)
        d.put_file("up.bin", data[:300_000])
        events = []
        with FtpSession(SessionOptions(mode=mode, timeout=10), events.append) as s:
            s.open(d.host, d.port, d.user, d.password)
            assert s.upload(str(tmp_path / "up.bin"), f"{d.remote_dir}/up.bin", resume=True) == len(data)
        assert (d.writable / "up.bin").read_bytes() == data
        refused = [e.text for e in events if isinstance(e, ReplyReceived) and e.code == 451]
        assert refused == ["451 /pub/up.bin: Append/Restart not permitted, try again"]
        # the command line, a tree: one file cut short on the server, one complete, one missing
        (tmp_path / "tree").mkdir()
        for name in ("a.bin", "b.bin", "c.bin"):
            (tmp_path / "tree" / name).write_bytes(data)
        (d.writable / "tree").mkdir()
        os.chown(d.writable / "tree", pwd.getpwnam("ftp").pw_uid, pwd.getpwnam("ftp").pw_gid)
        d.put_file("tree/a.bin", data[:1000])
        d.put_file("tree/b.bin", data)
        url = f"ftp://{d.host}:{d.port}{d.remote_dir}/tree"
        env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}
        mode_args = [] if mode == "passive" else ["--mode", "active"]
        code, _, err = run("put", "-r", "--resume", str(tmp_path / "tree"), url, "--tls", "off", *mode_args, env=env)
        assert code == 0, err
        assert {p.name: p.read_bytes() == data for p in (d.writable / "tree").iterdir()} == dict.fromkeys(
            ("a.bin", "b.bin", "c.bin"), True
        )
    finally:
        d.stop()


def test_stock_vsftpd_refusing_mkd_says_why(start, tmp_path):
    """Debian's vsftpd writes nothing (write_enable=NO): `put -r` said "The server refused CWD", its own
    question; now the refused MKD's reason (found by QA)."""
    from test_cli import run

    vsftpd = start("write_enable=NO")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.bin").write_bytes(b"a")
    url = f"ftp://{vsftpd.host}:{vsftpd.port}{vsftpd.remote_dir}/up/"
    code, _, err = run("put", "-r", str(tmp_path / "src"), url, "--tls", "off", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert (code, err) == (1, "ftpgui-cli: The server refused MKD: 550 Permission denied.\n")
