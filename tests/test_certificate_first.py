"""The certificate before the password (design note 187): a person decides whether to trust a server before
typing a password meant for it.

Found by QA: a queue restored after a restart, for an FTPS server whose certificate is not trusted and whose
password is not saved, asked for the password first and about the certificate second — nothing was sent before
the certificate's answer, but a person who then refused the certificate had typed their password for nothing,
into a question about a server they did not trust. The window's own connect (a quick connect's account without
a password, a site that asks for it each time) did the same, and ``ftpgui-cli`` on a terminal asked for the
password and then stopped at the certificate. Now each meets the server first (TLS, QUIT: no USER) and asks
the certificate — or, under "TLS if available", plain FTP — before the password. pyftpdlib's TLS handler with a
self-signed certificate nobody trusts, the real window (pytest-qt), and the CLI on a real terminal (a pty)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ftpgui import paths
from ftpgui.app import build_window
from ftpgui.ftp.options import MODES
from ftpgui.ftp.tls import fingerprint
from ftpgui.sites.store import Site, SiteStore
from ftpgui.sites.trust import TrustStore
from ftpgui.transfers.items import DONE, FAILED, TransferItem
from ftpgui.transfers.servers import Server
from ftpgui.ui.dialogs import CertificateDialog, PasswordDialog
from ftpgui.ui.site_passwords import PasswordPrompt

from certs import Certs
from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, open_window, type_in, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture)

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = (CertificateDialog, PasswordDialog, PasswordPrompt)


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(folder))
    return folder


def account_sent(srv) -> list:
    """What the server was told about the account: USER and PASS commands."""
    return [c for c in srv.record.verbs() if c in ("USER", "PASS")]


def first_question(qtbot, where):
    """The first question ``where`` (the window, or its queue logins) puts up: a certificate or a password."""
    qtbot.waitUntil(lambda: isinstance(where.prompt, QUESTIONS) and where.prompt.isVisible(), timeout=WAIT)
    return where.prompt


@pytest.mark.gui
def test_quick_connect_asks_about_the_certificate_before_the_password(qtbot, window, make_server, certs):
    """``ftpes://alice@host`` typed without a password: the certificate first (the server met: AUTH TLS, no USER);
    Cancel asks nothing more and sends nothing; Trust once, then the password, then the listing."""
    srv = make_server(tls_cert=certs.self_signed)
    Path(srv.path("a.txt")).write_bytes(b"a")
    type_in(window, f"ftpes://127.0.0.1:{srv.port}/", password="")
    dialog = first_question(qtbot, window)
    assert isinstance(dialog, CertificateDialog), "the password was asked first"
    assert "AUTH" in srv.record.verbs() and not account_sent(srv)
    dialog.cancel_button.click()  # not trusted: no password is asked for it
    assert window.prompt is None and not account_sent(srv)
    assert window.state_label.text() == "Not connected"

    type_in(window, f"ftpes://127.0.0.1:{srv.port}/", password="")
    first_question(qtbot, window).once_button.click()
    password = first_question(qtbot, window)
    assert isinstance(password, PasswordDialog) and not account_sent(srv)
    password.field.setText(PASSWORD)
    password.accept()
    wait_listing(qtbot, window, "/")
    assert [e.name for e in window.remote.model.entries()] == ["a.txt"]
    assert [c for c in srv.record.commands if c.startswith("PASS")] == [f"PASS {PASSWORD}"]


@pytest.mark.gui
def test_nothing_logs_in_while_the_server_is_only_met(qtbot, window, make_server, certs):
    """Design note 199: while the window only meets the server, nothing else runs on that connection — a Mode
    box pick reconnected with the password not known yet (USER, then an empty PASS: a failed login the server
    counts), and so did a listing asked for; a look that ended on a question was left open for the next pick.
    Now a failed look is closed, a pick during the question is the next connection's, a listing is "not
    connected", and a pick during the look meets the server again in that mode before the password."""
    srv = make_server(tls_cert=certs.self_signed)
    Path(srv.path("a.txt")).write_bytes(b"a")
    browser, box = window.remote_browser, window.mode_panel.mode_box
    type_in(window, f"ftpes://127.0.0.1:{srv.port}/", password="")
    dialog = first_question(qtbot, window)
    assert isinstance(dialog, CertificateDialog) and browser.connection is None  # the look ended: closed
    box.setCurrentIndex(MODES.index("active"))  # (the box's own signal, as a person's pick)
    assert window.prompt is dialog and browser.connection is None
    dialog.cancel_button.click()
    assert "The next connection will use active mode." in window.log.toPlainText()

    TrustStore().trust("127.0.0.1", srv.port, fingerprint(Certs.der(certs.self_signed)))  # no question now
    type_in(window, f"ftpes://127.0.0.1:{srv.port}/", password="")
    assert browser.looking and not browser.connected and browser.options.mode == "active"  # (the pick above)
    window.navigate("/")  # (the path bar while it connects)
    box.setCurrentIndex(MODES.index("passive"))
    password = first_question(qtbot, window)
    assert isinstance(password, PasswordDialog) and not account_sent(srv)
    password.field.setText(PASSWORD)
    password.accept()
    wait_listing(qtbot, window, "/")
    assert browser.options.mode == "passive" and {"PORT", "EPRT"}.isdisjoint(srv.record.verbs())
    assert [c for c in srv.record.commands if c.startswith(("USER", "PASS"))] == [f"USER {USER}", f"PASS {PASSWORD}"]


@pytest.mark.gui
def test_a_saved_site_asks_about_the_certificate_before_its_password(
    qtbot,
    config,
    make_server,
    certs,
    memory_keyring,  # noqa: F811
):
    """Design note 199: the Site Manager asked a site's password itself (one asked each time, or a site whose
    keyring has none), before the window met the server — note 187 held for quick connect only. Now it hands the
    site over without one: the certificate first, then the site's own prompt, "Remember until the app closes"
    with it, and the site's transfer connections."""
    srv = make_server(tls_cert=certs.self_signed)
    Path(srv.path("a.txt")).write_bytes(b"a")
    store = SiteStore()
    store.load()
    store.add(Site(id="s1", name="Work", protocol="ftpes", host=srv.host, port=srv.port, user=USER, logon="ask"))
    store.get("s1").connections = 4
    store.save()
    w = build_window()
    w.show()
    qtbot.waitExposed(w)
    try:
        w.act_site_manager.trigger()  # Site ▸ Site Manager…, the site, Connect
        manager = w.prompt
        qtbot.waitUntil(lambda: manager.isVisible() and all(c.finished for c in manager.calls), timeout=WAIT)
        manager.select("site", "s1")
        qtbot.mouseClick(manager.connect_button, Qt.MouseButton.LeftButton)
        dialog = first_question(qtbot, w)
        assert isinstance(dialog, CertificateDialog), "the password was asked first"
        assert "AUTH" in srv.record.verbs() and not account_sent(srv)
        dialog.once_button.click()
        prompt = first_question(qtbot, w)
        assert isinstance(prompt, PasswordPrompt) and not account_sent(srv)
        assert prompt.remember.isVisible() and not prompt.save.isVisible()  # (a site asked each time: not saved)
        prompt.password.setText(PASSWORD)
        prompt.remember.setChecked(True)
        prompt.accept()
        wait_listing(qtbot, w, "/")
        assert [c for c in srv.record.commands if c.startswith("PASS")] == [f"PASS {PASSWORD}"]
        assert w.password_store().get("s1") == PASSWORD and memory_keyring.entries == {}  # (the run's memory)
        assert w.windowTitle() == "ftpgui — Work" and w.queue.connection_cap == 4
    finally:
        close_window(qtbot, w)


def restored_upload(config, srv, tmp_path, site_id: str = "") -> Path:
    """A ``queue.json`` as ftpgui leaves it with an ``ftpes`` upload to ``srv`` still queued (never a password)."""
    local = tmp_path / "report.txt"
    local.write_bytes(b"report")
    server = Server(srv.host, srv.port, USER, tls="require", site_id=site_id, name=site_id)
    item = TransferItem("upload", str(local), "/report.txt", is_dir=None, server=server.key)
    doc = {"version": 2, "servers": {server.key: server.to_json()}, "items": [item.to_json()]}
    paths.atomic_write_json(str(config / "queue.json"), doc)
    return local


@pytest.mark.gui
def test_a_restored_queue_asks_about_the_certificate_before_the_password(qtbot, config, make_server, certs, tmp_path):
    """The queue's own question for a server it has no login for: the certificate first, no USER sent; Cancel
    fails the upload with the reason and asks no password; Retry asks about the certificate again; Trust once,
    then the password, then the upload."""
    srv = make_server(tls_cert=certs.self_signed)
    restored_upload(config, srv, tmp_path)
    w = open_window(qtbot)
    try:
        (item,) = w.queue.model.items()
        dialog = first_question(qtbot, w.queue_logins)
        assert isinstance(dialog, CertificateDialog), "the password was asked first"
        assert dialog.fingerprint.text().replace("\n", ":") == fingerprint(Certs.der(certs.self_signed))
        assert "AUTH" in srv.record.verbs() and not account_sent(srv) and item.state != FAILED
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: item.state == FAILED, timeout=WAIT)
        assert "not trusted" in item.error and w.queue_logins.prompt is None and not account_sent(srv)

        w.queue.retry([item.id])
        dialog = first_question(qtbot, w.queue_logins)
        assert isinstance(dialog, CertificateDialog)
        dialog.once_button.click()
        password = first_question(qtbot, w.queue_logins)
        assert isinstance(password, PasswordDialog) and not account_sent(srv)
        password.field.setText(PASSWORD)
        password.accept()
        qtbot.waitUntil(lambda: item.state in (DONE, FAILED), timeout=WAIT)
        assert (item.state, item.error) == (DONE, "")
        assert Path(srv.path("report.txt")).read_bytes() == b"report"
        assert w.queue_logins.prompt is None  # asked once each
    finally:
        close_window(qtbot, w)


# --- ftpgui-cli on a terminal -------------------------------------------------------------------------------
def on_a_terminal(args, env, srv, answer: str):
    """``ftpgui-cli ARGS`` with a pty as its terminal (stdin, stdout, stderr); ``answer`` is typed when it asks
    for a password. (exit code, what the terminal showed, the server's verbs when it asked — None: not asked)."""
    import pty

    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ftpgui.cli", *args],
        env=env,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        start_new_session=True,  # (no controlling terminal: getpass reads the pty on stdin)
    )
    os.close(secondary)
    shown, asked = b"", None
    try:
        while chunk := terminal_output(primary):  # (until the CLI ends: its terminal's other end closes)
            shown += chunk
            if asked is None and b"Password for " in shown:
                asked = srv.record.verbs()
                os.write(primary, answer.encode() + b"\n")
        code = proc.wait(timeout=60)
    finally:
        os.close(primary)
    return code, shown.decode(errors="replace"), asked


def terminal_output(primary: int) -> bytes:
    try:
        return os.read(primary, 4096)
    except OSError:  # (EIO: the other end closed)
        return b""


def test_the_cli_on_a_terminal_says_the_certificate_is_not_trusted_before_asking_the_password(
    make_server, certs, tmp_path
):
    """Not trusted: the run ends with the fingerprint to pass, no password asked. Passed: the server met first
    (AUTH TLS, no USER), then the password asked, then the listing."""
    srv = make_server(tls_cert=certs.self_signed)
    Path(srv.path("a.txt")).write_bytes(b"a")
    env = {k: v for k, v in os.environ.items() if k != "FTPGUI_PASSWORD"}
    env.update(PYTHONPATH=str(REPO), XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path / "home"))
    url = f"ftpes://{USER}@127.0.0.1:{srv.port}/"
    code, shown, asked = on_a_terminal(["ls", url, "--timeout", "5"], env, srv, PASSWORD)
    assert asked is None and code == 1, shown  # not asked: the certificate ends the run first
    assert "not trusted" in shown and "--trust-fingerprint" in shown and not account_sent(srv)

    sha = fingerprint(Certs.der(certs.self_signed))
    code, shown, asked = on_a_terminal(["ls", url, "--timeout", "5", "--trust-fingerprint", sha], env, srv, PASSWORD)
    assert code == 0 and "a.txt" in shown, shown
    assert asked is not None and "AUTH" in asked and "USER" not in asked  # met first, asked before the login
    assert [c for c in srv.record.commands if c.startswith("PASS")] == [f"PASS {PASSWORD}"]
