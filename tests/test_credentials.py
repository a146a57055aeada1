"""The password never leaks: after a full flow through the engine and the CLI (connect, list, transfer, a
failure, disconnect; plain and TLS, a certificate trusted on the way), no file under the test's home and
config folders, no log record, event, exception message, stdout or stderr holds it — plain, base64, JSON-
or percent-escaped."""

from __future__ import annotations

import base64
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from ftpgui.ftp import FtpError, FtpSession, SessionOptions
from ftpgui.ftp.tls import fingerprint

from certs import Certs
from test_cli import run

USER = "bob"
SECRET = 'pä"ss\\wörd Zq9/+='  # quotes, backslash, non-ASCII, URL and base64 characters


def leaked_forms(secret: str, user: str = USER) -> list:
    """Every form the password could take in text we wrote."""
    forms = {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        quote(secret, safe=""),
        quote(secret),
        base64.b64encode(secret.encode()).decode(),
        base64.b64encode(f"{user}:{secret}".encode()).decode(),
        repr(secret)[1:-1],
    }
    return sorted(forms)


def find_leaks(text: str) -> list:
    return [form for form in leaked_forms(SECRET) if form in text]


@pytest.fixture
def home(tmp_path, monkeypatch):
    """HOME and the XDG folders in a temporary folder, so every file the app writes lands there."""
    root = tmp_path / "home"
    for var, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        (root / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(root / sub))
    return root


@pytest.mark.parametrize("tls", ["off", "require"])
def test_the_password_leaks_nowhere(make_server, certs, home, tmp_path, caplog, tls):
    caplog.set_level(logging.DEBUG)
    srv = make_server(tls_cert=certs.self_signed if tls != "off" else None)
    srv.handler.authorizer.add_user(USER, SECRET, srv.root, perm="elradfmwMT")
    Path(srv.path("remote.bin")).write_bytes(b"r" * 300_000)
    work = tmp_path / "work"
    work.mkdir()
    (work / "local.bin").write_bytes(b"l" * 200_000)
    texts = []  # every event repr, exception message and CLI output of the flow

    # the engine: connect, list, transfer both ways, a failure, a refused login, disconnect
    trust = {fingerprint(Certs.der(certs.self_signed))}
    with FtpSession(SessionOptions(timeout=10, tls=tls, trust=trust), lambda e: texts.append(repr(e))) as s:
        s.open(srv.host, srv.port, USER, SECRET)
        s.listdir()
        s.download("remote.bin", str(work / "remote.bin"))
        s.upload(str(work / "local.bin"), "up.bin")
        with pytest.raises(FtpError) as failure:
            s.download("missing.bin", str(work / "missing.bin"))
        texts += [str(failure.value), repr(failure.value)]
    bad = FtpSession(SessionOptions(timeout=10, tls=tls, trust=trust), lambda e: texts.append(repr(e)))
    with pytest.raises(FtpError) as refused:
        bad.open(srv.host, srv.port, "nobody", SECRET)
    texts += [str(refused.value), repr(refused.value), repr(refused.value.args)]
    bad.close()

    # the CLI: the password in the URL and in FTPGUI_PASSWORD; the certificate trusted and remembered
    url = f"ftp://{USER}:{quote(SECRET, safe='')}@127.0.0.1:{srv.port}"
    tls_args = ["--tls", tls] if tls == "off" else ["--tls", "require"]
    runs = [
        ("ls", url + "/", *tls_args),
        ("ls", url + "/", *tls_args, "--trust-fingerprint", fingerprint(Certs.der(certs.self_signed))),
        ("get", url + "/remote.bin", str(work / "cli.bin"), *tls_args),
        ("put", str(work / "local.bin"), url + "/cli-up.bin", *tls_args),
        ("get", url + "/missing.bin", str(work / "x.bin"), *tls_args),
        ("get", "-r", url + "/", str(work / "tree"), "--parallel", "2", *tls_args),
        ("diagnose", url + "/", "--json", *tls_args),
    ]
    codes = []
    for argv in runs:
        code, out, err = run(*argv)
        codes.append(code)
        texts += [out, err]
    code, out, err = run("ls", f"ftp://{USER}@127.0.0.1:{srv.port}/", *tls_args, env={"FTPGUI_PASSWORD": SECRET})
    codes.append(code)
    texts += [out, err]
    proc = subprocess.run(
        [sys.executable, "-m", "ftpgui.cli", "get", url + "/missing.bin", str(work / "y.bin"), *tls_args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    texts += [proc.stdout, proc.stderr]
    assert codes[1:] == [0, 0, 0, 1, 0, 0, 0] and proc.returncode == 1, texts[-20:]
    assert codes[0] == (0 if tls == "off" else 1)  # the self-signed certificate is refused until trusted
    assert "Traceback" not in proc.stderr

    # what the flow left behind
    assert (work / "cli.bin").read_bytes() == b"r" * 300_000  # it really transferred
    if tls != "off":
        assert (home / ".config" / "ftpgui" / "trusted-certificates.json").exists()
    files = [p for p in home.rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes().decode("utf-8", "replace")
        assert not find_leaks(data), f"{path} holds the password"
    for record in caplog.records:
        assert not find_leaks(record.getMessage()), record.getMessage()
    for text in texts:
        assert not find_leaks(text), text
    assert any("PASS ****" in t for t in texts)  # the command was sent, masked in its event


def test_leak_check_finds_every_form():
    """The check above can fail: each form of the password is found in text that holds it."""
    for form in leaked_forms(SECRET):
        assert find_leaks(f"prefix {form} suffix")
    assert not find_leaks("PASS ****")


@pytest.mark.parametrize("bad", ["\r", "\n", "\0"])
def test_a_password_with_a_line_break_is_refused_without_quoting_it(make_server, bad):
    # e.g. FTPGUI_PASSWORD=$(cat pw.txt) from a file with CRLF line ends
    server = make_server()
    events: list = []
    s = FtpSession(SessionOptions(timeout=10), events.append)
    try:
        s.connect(server.host, server.port)
        with pytest.raises(FtpError) as info:
            s.login(USER, SECRET + bad)
    finally:
        s.close()
    assert "PASS" in str(info.value)  # it says which command it refused to send
    assert find_leaks(str(info.value)) == [] and find_leaks(repr(info.value)) == []
    assert find_leaks(repr(events)) == []
