"""FTPS against pyftpdlib's TLS handler: explicit TLS in both modes, session reuse, certificates checked
against the host typed, trusted fingerprints, no downgrade, cancel over TLS, and the CLI's --tls options."""

from __future__ import annotations

import hashlib
import json
import os
import random
import threading
import time
from pathlib import Path

import pytest

from ftpgui.ftp import (
    Cancelled,
    CommandSent,
    ControlClosed,
    FtpSession,
    SessionOptions,
    TlsError,
    TlsEstablished,
    TlsNotUsed,
    TransferProgress,
    UntrustedCertificate,
)
from ftpgui.ftp import tls as tlsmod
from ftpgui.ftp.tls import fingerprint, normalize_fingerprint
from ftpgui.sites.trust import TrustStore, TrustStoreError

from certs import Certs
from conftest import need
from ftpserver import PASSWORD, USER, ipv6_available
from test_cli import run


@pytest.fixture
def tls_server(make_server, certs, host):
    return make_server(host, tls_cert=certs.good)


def sha256(pem: str) -> str:
    return fingerprint(Certs.der(pem))


def test_fingerprints_are_read_with_or_without_colons():
    digest = hashlib.sha256(b"x").hexdigest()
    expected = ":".join(digest[i : i + 2] for i in range(0, 64, 2)).upper()
    assert normalize_fingerprint(digest) == expected
    assert normalize_fingerprint(expected.lower()) == expected
    assert normalize_fingerprint(f"  {expected} ") == expected
    for bad in ("", digest[:-2], digest + "00", "zz" * 32, "SHA256 Fingerprint=" + expected):
        with pytest.raises(ValueError, match="SHA-256 fingerprint"):
            normalize_fingerprint(bad)


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_explicit_tls_both_modes(tls_server, certs, tmp_path, mode):
    data = random.Random(3).randbytes(3 * 1024 * 1024 + 17)
    Path(tls_server.path("down.bin")).write_bytes(data)
    (tmp_path / "up.bin").write_bytes(data)
    events = []
    options = SessionOptions(mode=mode, timeout=10, tls="require", ca_file=certs.ca_file)
    with FtpSession(options, events.append) as s:
        s.open(tls_server.host, tls_server.port, USER, PASSWORD)
        assert s.listdir() and s.download("down.bin", str(tmp_path / "down.bin")) == len(data)
        s.upload(str(tmp_path / "up.bin"), "up.bin")
    assert (tmp_path / "down.bin").read_bytes() == data
    assert Path(tls_server.path("up.bin")).read_bytes() == data
    assert tls_server.record.received == [tls_server.path("up.bin")] and not tls_server.record.incomplete
    verbs = [e.text.split(" ")[0] for e in events if isinstance(e, CommandSent)]
    assert verbs[:6] == ["AUTH", "USER", "PASS", "PBSZ", "PROT", "FEAT"]
    tls = [e for e in events if isinstance(e, TlsEstablished)]
    assert [e.channel for e in tls] == ["control", "data", "data", "data"]
    assert tls[0].session_reused is False and all(e.session_reused for e in tls[1:])
    assert {e.cert_fingerprint for e in tls} == {sha256(certs.good)}
    assert tls[0].version.startswith("TLSv1.") and tls[0].cipher


def test_auto_uses_tls_when_offered_and_says_so_when_not(make_server, certs):
    tls_srv = make_server(tls_cert=certs.good)
    plain = make_server()
    for srv, expect_tls in ((tls_srv, True), (plain, False)):
        events = []
        with FtpSession(SessionOptions(timeout=10, tls="auto", ca_file=certs.ca_file), events.append) as s:
            s.open(srv.host, srv.port, USER, PASSWORD)
            s.list_raw()
        kinds = [type(e) for e in events]
        assert (TlsEstablished in kinds) is expect_tls
        assert (TlsNotUsed in kinds) is not expect_tls
        commands = srv.record.verbs()
        assert commands[0] == "FEAT"  # asked before anything else
        assert ("AUTH" in commands) is expect_tls
        if not expect_tls:
            assert next(e for e in events if isinstance(e, TlsNotUsed)).reason == "not-offered"


def test_require_against_a_server_without_tls_stops_before_user(make_server):
    srv = make_server()
    events = []
    s = FtpSession(SessionOptions(timeout=10, tls="require"), events.append)
    with pytest.raises(TlsError, match="refused TLS"):
        s.open(srv.host, srv.port, USER, PASSWORD)
    assert not s.connected
    assert "USER" not in srv.record.verbs() and "PASS" not in srv.record.verbs()
    assert not any(PASSWORD in repr(e) for e in events)
    s.close()


@pytest.mark.parametrize("trust_kind", ["set", "callback"])
def test_untrusted_certificate_carries_the_facts_and_a_trusted_fingerprint_is_accepted(make_server, certs, trust_kind):
    srv = make_server(tls_cert=certs.good)
    fp = sha256(certs.good)
    s = FtpSession(SessionOptions(timeout=10, tls="require"))  # the test CA is not in the system's store
    with pytest.raises(UntrustedCertificate) as info:
        s.open(srv.host, srv.port, USER, PASSWORD)
    err = info.value
    assert (err.host, err.port, err.fingerprint) == (srv.host, srv.port, fp)
    assert "issuer" in err.reason or "self-signed" in err.reason  # OpenSSL's words for an unknown CA
    assert "O=trustme" in err.issuer and err.subject
    assert err.not_before < err.not_after and err.not_after.tzinfo is not None
    assert fp in str(err) and not s.connected
    assert "USER" not in srv.record.verbs()
    s.close()

    asked = []

    def callback(host, port, got):
        asked.append((host, port, got))
        return got == fp

    trust = {fp.replace(":", "").lower()} if trust_kind == "set" else callback
    events = []
    with FtpSession(SessionOptions(timeout=10, tls="require", trust=trust), events.append) as s:
        s.open(srv.host, srv.port, USER, PASSWORD)
        s.list_raw()
    if trust_kind == "callback":
        assert asked == [(srv.host, srv.port, fp)]
    tls = [e for e in events if isinstance(e, TlsEstablished)]
    assert [e.channel for e in tls] == ["control", "data"] and {e.cert_fingerprint for e in tls} == {fp}


def test_another_fingerprint_is_not_trusted(make_server, certs):
    srv = make_server(tls_cert=certs.good)
    s = FtpSession(SessionOptions(timeout=10, tls="require", trust={sha256(certs.other)}))
    with pytest.raises(UntrustedCertificate):
        s.open(srv.host, srv.port, USER, PASSWORD)
    assert "USER" not in srv.record.verbs()
    s.close()


@pytest.mark.parametrize("direction", ["download", "upload"])
def test_cancel_over_tls_keeps_the_session(make_server, certs, tmp_path, direction):
    srv = make_server(tls_cert=certs.good)
    data = random.Random(4).randbytes(64 * 1024 * 1024)
    Path(srv.path("big.bin")).write_bytes(data)
    (tmp_path / "big.bin").write_bytes(data)
    session = None

    def listener(event):
        if isinstance(event, TransferProgress) and event.done >= 1 << 20:
            session.cancel()

    session = FtpSession(SessionOptions(timeout=10, tls="require", ca_file=certs.ca_file), listener)
    with session:
        session.open(srv.host, srv.port, USER, PASSWORD)
        with pytest.raises(Cancelled) as info:
            if direction == "download":
                session.download("big.bin", str(tmp_path / "out.bin"))
            else:
                session.upload(str(tmp_path / "big.bin"), "up.bin")
        assert 0 < info.value.done < len(data)
        assert session.connected  # resynchronised, not reconnected
        session.noop()
        assert {e.name for e in session.listdir()} >= {"big.bin"}
    if direction == "upload":
        assert srv.record.incomplete == [srv.path("up.bin")] and not srv.record.received


@pytest.mark.parametrize("held", ["no_1xx", "no_226"])
def test_a_cancel_cuts_short_a_wait_for_the_reply_over_tls(make_server, certs, tmp_path, held):
    """The server holds back STOR's 150, or the 226 after the last byte: a cancel from another thread hangs up
    the encrypted control connection under the wait (the session's timeout is 600 s), and the next command
    logs in again (design note 146)."""
    srv = make_server(tls_cert=certs.good, **{held: {"STOR /up.bin": 1}})
    data = random.Random(5).randbytes(300_000)
    (tmp_path / "up.bin").write_bytes(data)
    events = []
    session = FtpSession(SessionOptions(timeout=600, tls="require", ca_file=certs.ca_file), events.append)

    def cancel_when_held() -> None:
        while not srv.holding():
            time.sleep(0.01)
        session.cancel()

    with session:
        session.open(srv.host, srv.port, USER, PASSWORD)
        canceller = threading.Thread(target=cancel_when_held, daemon=True)
        canceller.start()
        with pytest.raises(Cancelled, match="waiting for the server's reply"):
            session.upload(str(tmp_path / "up.bin"), "/up.bin")
        canceller.join()
        assert srv.holding() == 1  # (never sent)
        assert [e.reason for e in events if isinstance(e, ControlClosed)] == ["cancelled"]
        assert session.upload(str(tmp_path / "up.bin"), "/up.bin", resume=True) >= 0  # logged in again
    assert Path(srv.path("up.bin")).read_bytes() == data


def test_tls_over_ipv6(make_server, certs, tmp_path):
    need(ipv6_available(), "IPv6 loopback (::1) is not available")
    srv = make_server("::1", tls_cert=certs.good)
    Path(srv.path("f")).write_bytes(b"six" * 1000)
    with FtpSession(SessionOptions(timeout=10, tls="require", ca_file=certs.ca_file)) as s:
        s.open("::1", srv.port, USER, PASSWORD)
        s.download("f", str(tmp_path / "f"))
    assert (tmp_path / "f").read_bytes() == b"six" * 1000


# --- the trust store ------------------------------------------------------------------------------


def test_trust_store_per_host_and_port(tmp_path):
    path = tmp_path / "conf" / "trusted.json"
    fp = normalize_fingerprint("ab" * 32)
    store = TrustStore(path)
    assert not store.is_trusted("Example.org", 21, fp)
    store.add("Example.org", 21, fp.replace(":", "").lower())
    store.add("::1", 990, fp)
    again = TrustStore(path)
    assert again.is_trusted("example.org", 21, fp)
    assert not again.is_trusted("example.org", 2121, fp)
    assert again.is_trusted("::1", 990, fp)
    doc = json.loads(path.read_text())
    assert doc == {"version": 1, "trusted": {"example.org:21": [fp], "[::1]:990": [fp]}}
    assert sorted(os.listdir(path.parent)) == ["trusted.json"]  # no temporary file left behind
    again.remove("::1", 990, fp)
    assert not TrustStore(path).is_trusted("::1", 990, fp)


def test_trust_store_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "trusted.json"
    path.write_text("{not json")
    with pytest.raises(TrustStoreError, match="Could not read the trusted certificates"):
        TrustStore(path).is_trusted("h", 21, "ab" * 32)
    path.write_text("[]")
    with pytest.raises(TrustStoreError, match="not a trusted-certificates file"):
        TrustStore(path).fingerprints("h", 21)


def test_trust_store_default_is_in_the_config_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("FTPGUI_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    store = TrustStore()
    store.add("h", 21, "cd" * 32)
    assert (tmp_path / "xdg" / "ftpgui" / "trusted-certificates.json").exists()


def test_trust_store_default_follows_the_apps_config_folder_override(tmp_path, monkeypatch):
    # the same folder as sites.json and the queue (ftpgui.paths), so FTPGUI_CONFIG_DIR moves it too
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "cfg"))
    TrustStore().add("h", 21, "cd" * 32)
    assert os.listdir(tmp_path / "cfg") == ["trusted-certificates.json"]
    assert not (tmp_path / "xdg").exists()


# --- the command line -----------------------------------------------------------------------------


def _cli_env(tmp_path, certs=None):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}
    if certs is not None:
        env["SSL_CERT_FILE"] = certs.ca_file
    return env


def test_cli_tls_require_and_auto(make_server, certs, tmp_path):
    srv = make_server(tls_cert=certs.good)
    Path(srv.path("a.txt")).write_bytes(b"abc")
    for tls in ("require", "auto"):
        code, out, err = run("ls", srv.url + "/", "--tls", tls, env=_cli_env(tmp_path, certs))
        assert (code, err) == (0, "") and "a.txt" in out
    plain = make_server()
    code, out, err = run("ls", plain.url + "/", "--tls", "require", env=_cli_env(tmp_path))
    assert code == 1 and "refused TLS" in err and err.count("\n") == 1
    code, out, err = run("ls", plain.url + "/", env=_cli_env(tmp_path))  # auto is the default
    assert code == 0 and "warning: the server offers no TLS" in err


def test_cli_ftpes_url_requires_tls(make_server, certs, tmp_path):
    srv = make_server(tls_cert=certs.good)
    Path(srv.path("a.txt")).write_bytes(b"abc")
    code, out, err = run("ls", srv.url.replace("ftp://", "ftpes://") + "/", env=_cli_env(tmp_path, certs))
    assert (code, err) == (0, "") and "a.txt" in out
    plain = make_server()
    code, out, err = run("ls", plain.url.replace("ftp://", "ftpes://") + "/", env=_cli_env(tmp_path))
    assert code == 1 and "refused TLS" in err and "USER" not in plain.record.verbs()
    code, out, err = run("ls", plain.url.replace("ftp://", "ftpes://") + "/", "--tls", "off", env=_cli_env(tmp_path))
    assert code == 2 and "ftpes:// means TLS is required" in err


def test_cli_untrusted_then_trust_fingerprint_remembered(make_server, certs, tmp_path):
    srv = make_server(tls_cert=certs.self_signed)
    fp = sha256(certs.self_signed)
    env = _cli_env(tmp_path)
    code, out, err = run("ls", srv.url + "/", "--tls", "require", env=env)
    assert code == 1 and out == "" and err.count("\n") == 1
    said = "not trusted (it is self-signed: no certificate authority vouches for it; OpenSSL: self-signed certificate)"
    assert said in err and f"--trust-fingerprint {fp}" in err
    assert "subject CN=self-signed ftpgui test" in err and "valid from 20" in err
    assert not (tmp_path / "config").exists()  # nothing remembered without the person's say-so

    code, out, err = run("ls", srv.url + "/", "--tls", "require", "--trust-fingerprint", fp.replace(":", ""), env=env)
    assert (code, err) == (0, "")
    stored = json.loads((tmp_path / "config" / "ftpgui" / "trusted-certificates.json").read_text())
    assert stored["trusted"] == {f"127.0.0.1:{srv.port}": [fp]}
    code, out, err = run("ls", srv.url + "/", "--tls", "require", env=env)  # remembered
    assert (code, err) == (0, "")


def test_a_changed_certificate_is_said_to_have_changed(make_server, certs, tmp_path, qtbot):
    """Found by QA: a new certificate for a server whose other certificate was trusted before read exactly as
    a first one ("If this is the server's certificate, run again with --trust-fingerprint"), in the CLI and
    in the window's dialog. Both now say it CHANGED and show the fingerprint trusted before."""
    from ftpgui.ui.dialogs import CertificateDialog

    srv = make_server(tls_cert=certs.self_signed)
    env = _cli_env(tmp_path)
    old = ":".join(["AB"] * 32)
    code, _, err = run("ls", srv.url + "/", "--tls", "require", env=env)
    assert code == 1 and "CHANGED" not in err  # a first look
    TrustStore(tmp_path / "config" / "ftpgui" / "trusted-certificates.json").add(srv.host, srv.port, old)
    code, _, err = run("ls", srv.url + "/", "--tls", "require", env=env)
    assert code == 1 and "CHANGED" in err and old in err and f"--trust-fingerprint {sha256(certs.self_signed)}" in err
    exc = UntrustedCertificate(
        host=srv.host,
        port=srv.port,
        subject="CN=x",
        issuer="CN=x",
        not_before=None,
        not_after=None,
        fingerprint=sha256(certs.self_signed),
        reason="self-signed certificate",
    )
    dialog = CertificateDialog(exc, known=[old])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Certificate changed" and dialog.changed
    first = CertificateDialog(exc)
    qtbot.addWidget(first)
    assert first.windowTitle() == "Unknown certificate" and not first.changed


def test_cli_bad_tls_usage(tmp_path):
    code, _, err = run("ls", "ftp://127.0.0.1:1/", "--trust-fingerprint", "abc", env=_cli_env(tmp_path))
    assert code == 2 and "64 hex digits" in err
    code, _, err = run("ls", "ftps://127.0.0.1:1/", "--tls", "off", env=_cli_env(tmp_path))
    assert code == 2 and "ftps://" in err


@pytest.mark.parametrize("how", ["ca", "fingerprint"])
def test_cli_download_over_tls_with_parallel_connections(make_server, certs, tmp_path, how):
    """Four connections at once (one lists, three transfer), each verified, or each trusting the same
    fingerprint (remembered once)."""
    pem = certs.good if how == "ca" else certs.self_signed
    srv = make_server(tls_cert=pem)
    files = {}
    for i in range(6):
        data = random.Random(i).randbytes(100_000 + i)
        os.makedirs(srv.path("t", f"d{i % 2}"), exist_ok=True)
        Path(srv.path("t", f"d{i % 2}", f"f{i}")).write_bytes(data)
        files[f"d{i % 2}/f{i}"] = data
    trust = ["--trust-fingerprint", sha256(pem)] if how == "fingerprint" else []
    env = _cli_env(tmp_path, certs if how == "ca" else None)
    code, _, err = run("get", "-r", srv.url + "/t", str(tmp_path / "out"), "--parallel", "3", *trust, env=env)
    assert (code, err) == (0, "")
    assert {str(p.relative_to(tmp_path / "out")): p.read_bytes() for p in (tmp_path / "out").rglob("f*")} == files
    assert len(srv.record.control) >= 3  # the transfers really ran on connections of their own
    store = tmp_path / "config" / "ftpgui" / "trusted-certificates.json"
    if how == "fingerprint":
        assert json.loads(store.read_text())["trusted"] == {f"127.0.0.1:{srv.port}": [sha256(pem)]}
    else:
        assert not store.exists()


def test_a_plain_server_costs_no_tls_context(make_server, certs, monkeypatch):
    """``--tls auto`` against a server that offers no TLS: the CA store (~70 ms of CPU to load) is not read
    for a context nobody uses — once per connection of a tree, that was most of a small tree's CPU."""
    made = []
    real = tlsmod.verifying_context
    monkeypatch.setattr(tlsmod, "verifying_context", lambda cafile=None: made.append(cafile) or real(cafile))
    plain, secure = make_server(), make_server(tls_cert=certs.good)
    with FtpSession(SessionOptions(timeout=10, tls="auto")) as s:
        s.open(plain.host, plain.port, USER, PASSWORD)
        s.list_raw()
    assert made == []
    with FtpSession(SessionOptions(timeout=10, tls="auto", ca_file=certs.ca_file)) as s:
        s.open(secure.host, secure.port, USER, PASSWORD)
        s.list_raw()
    assert made == [certs.ca_file]  # made when TLS really starts
