"""Quick connect and TLS, driven through the real quick-connect bar against pyftpdlib with and without TLS:
``ftp://`` or a bare host is FTP over TLS if available and asks before plain FTP (before USER is sent),
``ftpes://`` requires TLS, ``ftps://`` is implicit TLS; "Always allow plain FTP" is remembered and removable;
recent servers keep the scheme; a start folder that cannot be entered opens the login folder (or the folder
of that name inside it)."""

from __future__ import annotations

import json
import os
import re

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QMessageBox
from shiboken6 import isValid

from ftpgui import settings
from ftpgui.ftp.options import MODES
from ftpgui.sites.store import Site, SiteStore
from ftpgui.ui.dialogs import PasswordDialog, PlainFtpDialog
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.preferences_dialog import PreferencesDialog
from ftpgui.ui.site_passwords import PasswordPrompt

from conftest import need
from ftpserver import PASSWORD, USER
from guihelpers import (
    WAIT,
    answer_break_connection,
    answer_plain_ftp,
    close_window,
    fill_server,
    names,
    type_in,
    wait_listing,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def trusted_ca(certs, monkeypatch):
    """The test CA as the system's (the GUI verifies against the system's CAs)."""
    monkeypatch.setenv("SSL_CERT_FILE", certs.ca_file)
    return certs


@pytest.fixture
def windows(qtbot, config, make_server):  # servers outlive the windows
    """Open main windows (with a site store, as the app has); all are closed after the test."""
    opened = []

    def open_one() -> MainWindow:
        store = SiteStore()
        store.load()
        w = MainWindow(store)
        w.show()
        qtbot.waitExposed(w)
        opened.append(w)
        return w

    yield open_one
    for w in opened:
        if isValid(w) and w.isVisible():  # (a test may have closed it already, as a restart)
            close_window(qtbot, w)


@pytest.fixture
def window(windows) -> MainWindow:
    return windows()


def wait_prompt(qtbot, window: MainWindow, kind=PlainFtpDialog):
    qtbot.waitUntil(lambda: isinstance(window.prompt, kind) and window.prompt.isVisible(), timeout=WAIT)
    return window.prompt


def plain_file(config) -> list:
    path = config / "plain-ftp-allowed.json"
    return json.loads(path.read_text())["servers"] if path.exists() else []


# --- ftp:// and a bare host: TLS if available, and a question before plain FTP -----------------------------
def test_bare_host_on_a_plain_server_asks_before_user_is_sent(qtbot, window, make_server, config):
    srv = make_server()
    fill_server(srv)
    type_in(window, srv.host, str(srv.port))
    dialog = wait_prompt(qtbot, window)
    # nothing about the account crossed: FEAT (no AUTH in it), then QUIT
    assert srv.record.verbs() == ["FEAT", "QUIT"]
    assert "USER" not in window.log.toPlainText() and PASSWORD not in window.log.toPlainText()
    assert dialog.server.text() == f"127.0.0.1 port {srv.port}"
    assert "does not offer TLS" in dialog.reason.text()
    assert dialog.connect_button.text() == "Connect &without encryption"
    assert dialog.always.text() == "Always allow plain FTP for this server" and not dialog.always.isChecked()
    qtbot.wait(300)
    assert srv.record.verbs() == ["FEAT", "QUIT"]  # still nothing while the person reads
    dialog.cancel_button.click()
    qtbot.wait(200)
    assert srv.record.verbs() == ["FEAT", "QUIT"] and window.state_label.text() == "Not connected"
    # again, and this time "Connect without encryption"
    type_in(window, srv.host, str(srv.port))
    answer_plain_ftp(qtbot, window)
    wait_listing(qtbot, window, "/")
    assert names(window) == ["sub", "a.txt", "b.bin"]
    verbs = srv.record.verbs()
    assert verbs[:5] == ["FEAT", "QUIT", "FEAT", "QUIT", "FEAT"] and verbs[5] == "USER"
    assert "PASS ****" in window.log.toPlainText() and window.tls_label.isHidden()
    assert plain_file(config) == []  # once: nothing remembered


def test_bare_host_on_a_tls_server_uses_tls_without_asking(qtbot, window, make_server, trusted_ca):
    srv = make_server(tls_cert=trusted_ca.good)
    fill_server(srv)
    type_in(window, srv.host, str(srv.port))
    wait_listing(qtbot, window, "/")
    assert window.prompt is None and names(window) == ["sub", "a.txt", "b.bin"]
    verbs = srv.record.verbs()
    assert verbs[:3] == ["FEAT", "AUTH", "USER"]
    assert not window.tls_label.isHidden() and "TLS" in window.tls_label.text()


def test_the_tls_label_says_encrypted_in_words_the_font_has(qtbot, window, make_server, trusted_ca):
    """It was "🔒 TLSv1.3": a box for the lock on a computer with no emoji font (found by QA, design note 253)."""
    srv = make_server(tls_cert=trusted_ca.good)
    fill_server(srv)
    type_in(window, srv.host, str(srv.port))
    wait_listing(qtbot, window, "/")
    text = window.tls_label.text()
    assert re.fullmatch(r"Encrypted \(TLSv1\.[23]\)", text), text
    metrics = QFontMetrics(window.tls_label.font())
    assert all(metrics.inFontUcs4(ord(c)) for c in text), text


def test_always_allow_is_remembered_skips_the_question_and_is_removable(qtbot, windows, make_server, config):
    srv = make_server()
    fill_server(srv)
    w = windows()
    type_in(w, srv.host, str(srv.port))
    answer_plain_ftp(qtbot, w, always=True)
    wait_listing(qtbot, w, "/")
    assert plain_file(config) == [{"host": "127.0.0.1", "port": srv.port}]
    assert not any(p.name.endswith(".tmp") for p in config.iterdir())  # written atomically (a temporary, renamed)
    close_window(qtbot, w)

    again = windows()  # after a restart
    before, sent = len(srv.record.control), len(srv.record.verbs())
    type_in(again, srv.host, str(srv.port))
    wait_listing(qtbot, again, "/")
    assert again.prompt is None and len(srv.record.control) == before + 1  # no question, no extra connection
    assert srv.record.verbs()[sent : sent + 2] == ["FEAT", "USER"]  # still asked for TLS first

    # the preferences list the server; Remove and OK forget it
    again.act_preferences.trigger()
    prefs = again.prompt
    assert isinstance(prefs, PreferencesDialog)
    assert [prefs.plain_list.item(i).text() for i in range(prefs.plain_list.count())] == [f"127.0.0.1:{srv.port}"]
    prefs.plain_list.setCurrentRow(0)
    prefs.remove_plain.click()
    assert prefs.plain_list.count() == 0 and plain_file(config) != []  # only when OK is pressed
    prefs.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not prefs.isVisible(), timeout=WAIT)
    assert plain_file(config) == []
    again.disconnect_server()
    type_in(again, srv.host, str(srv.port))
    wait_prompt(qtbot, again)  # asked again


def test_a_saved_site_with_tls_if_available_asks_too(qtbot, window, make_server):
    srv = make_server()
    fill_server(srv)
    site = Site(id="s1", name="Work", protocol="ftp", host=srv.host, port=srv.port, user=USER, connections=3)
    window.connect_site(site, PASSWORD)
    dialog = wait_prompt(qtbot, window)
    assert srv.record.verbs() == ["FEAT", "QUIT"]
    dialog.connect_button.click()
    wait_listing(qtbot, window, "/")
    assert window.windowTitle() == "ftpgui — Work"
    assert window.queue.connection_cap == 3  # the site's transfer connections, after the question too


def test_a_site_reconnected_in_another_mode_keeps_its_transfer_connections(qtbot, window, make_server):
    # the Mode box reconnects (as the name hint's encoding does for a quick connection): connect_to without a
    # number gave the queue the preference's 2, not the site's 4 (design note 199); a quick connect after it in
    # the same tab is a new server, with the preference's
    srv = make_server()
    fill_server(srv)
    site = Site(id="s1", name="Work", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER, connections=4)
    window.connect_site(site, PASSWORD)
    wait_listing(qtbot, window, "/")
    window.mode_panel.mode_box.setCurrentIndex(MODES.index("active"))  # (the box's own signal)
    qtbot.waitUntil(lambda: window.logged_in and window.remote_browser.options.mode == "active", timeout=WAIT)
    assert window.queue.connection_cap == 4 != window.prefs.transfer_connections
    type_in(window, f"ftp://{srv.host}:{srv.port}/")
    answer_break_connection(qtbot, window)  # (connected to the site: asked where, note 439)
    answer_plain_ftp(qtbot, window)
    qtbot.waitUntil(lambda: window.logged_in and window._site is None, timeout=WAIT)
    assert window.queue.connection_cap == window.prefs.transfer_connections


@pytest.mark.parametrize("protocol", ["ftp-plain", "ftp"])
def test_a_saved_site_that_asks_for_its_password_keeps_its_transfer_connections(qtbot, window, make_server, protocol):
    # a site whose password is asked each time was given the preference's transfer connections (2), not its own:
    # the password's way to the connection dropped them (design note 194)
    srv = make_server()
    fill_server(srv)
    site = Site(
        id="s1", name="Work", protocol=protocol, host=srv.host, port=srv.port, user=USER, logon="ask", connections=4
    )
    window.connect_site(site, None)
    if protocol == "ftp":  # TLS if available, and none here: plain FTP is asked about first (note 187)
        wait_prompt(qtbot, window).connect_button.click()
    prompt = wait_prompt(qtbot, window, PasswordPrompt)  # (the site's own: remember it, save it)
    prompt.password.setText(PASSWORD)
    prompt.accept()
    wait_listing(qtbot, window, "/")
    assert window.windowTitle() == "ftpgui — Work"
    assert window.queue.connection_cap == 4 != window.prefs.transfer_connections


def test_the_preference_changes_what_a_bare_host_means(qtbot, windows, make_server, config):
    srv = make_server()
    fill_server(srv)
    settings.save(settings.Preferences(quick_connect_tls="off"))
    w = windows()
    type_in(w, srv.host, str(srv.port))
    wait_listing(qtbot, w, "/")
    assert w.prompt is None and srv.record.verbs()[0] == "USER"  # plain FTP as chosen: no FEAT, no question
    close_window(qtbot, w)
    settings.save(settings.Preferences(quick_connect_tls="require"))
    w = windows()
    n = len(srv.record.verbs())
    type_in(w, srv.host, str(srv.port))
    qtbot.waitUntil(lambda: "refused TLS" in w.statusBar().currentMessage(), timeout=WAIT)
    assert srv.record.verbs()[n:] == ["AUTH", "QUIT"]


# --- ftpes:// and ftps:// -------------------------------------------------------------------------------
def test_ftpes_requires_tls(qtbot, window, make_server, trusted_ca):
    tls_srv = make_server(tls_cert=trusted_ca.good)
    fill_server(tls_srv)
    type_in(window, f"ftpes://{USER}@127.0.0.1:{tls_srv.port}/")
    wait_listing(qtbot, window, "/")
    assert tls_srv.record.verbs()[:2] == ["AUTH", "USER"] and not window.tls_label.isHidden()
    window.disconnect_server()
    plain = make_server()
    type_in(window, f"ftpes://{USER}@127.0.0.1:{plain.port}/")
    qtbot.waitUntil(lambda: "refused TLS" in window.statusBar().currentMessage(), timeout=WAIT)
    assert plain.record.verbs() == ["AUTH", "QUIT"]  # stopped before USER
    assert not isinstance(window.prompt, PlainFtpDialog)
    assert isinstance(window.prompt, QMessageBox)  # required TLS: continuing in plain text is a separate choice


@pytest.mark.parametrize("scheme", ["ftpes", "ftps"])
def test_a_refused_login_over_tls_leaves_nothing_said_of_the_connection(qtbot, window, make_server, trusted_ca, scheme):
    """A 530 after TLS came up left "Encrypted (TLSv1.3)" beside "Not connected", and the tab's tooltip still
    named the server (found by QA, design note 262); as after Disconnect, nothing of it stays."""
    srv = make_server(tls_cert=trusted_ca.good, implicit_tls=scheme == "ftps")
    type_in(window, f"{scheme}://{USER}@127.0.0.1:{srv.port}/", password="wrong")
    qtbot.waitUntil(lambda: "Encrypted" in window.tls_label.text(), timeout=WAIT)  # TLS came up, then USER, PASS
    qtbot.waitUntil(lambda: "530" in window.statusBar().currentMessage(), timeout=WAIT)
    qtbot.waitUntil(lambda: "QUIT" in srv.record.verbs(), timeout=WAIT)
    qtbot.wait(100)  # (the closing's events came too)
    assert window.state_label.text() == "Not connected"
    assert window.tls_label.isHidden()
    assert window.conn_status.reconnect_button.isHidden() and not window.act_disconnect.isEnabled()
    assert window.current_tab.tooltip() == "Not connected" and not window.remote_browser.connected


def test_ftps_is_implicit_tls_and_recent_servers_keep_the_scheme(qtbot, windows, make_server, trusted_ca):
    srv = make_server(tls_cert=trusted_ca.good, implicit_tls=True)
    fill_server(srv)
    w = windows()
    type_in(w, f"ftps://127.0.0.1:{srv.port}/sub")
    wait_listing(qtbot, w, "/sub")
    assert names(w) == ["inner.txt"]
    verbs = srv.record.verbs()
    assert verbs[0] == "USER" and "AUTH" not in verbs  # TLS from the first byte, no AUTH TLS
    assert not w.tls_label.isHidden()
    recent = w.store.recent()
    assert [(r.host, r.port, r.user, r.scheme) for r in recent] == [("127.0.0.1", srv.port, USER, "ftps")]
    close_window(qtbot, w)

    again = windows()  # the recent list survives a restart, scheme and all
    action = again.quick.recent_menu.actions()[0]
    assert action.text() == f"ftps://{USER}@127.0.0.1:{srv.port}"
    action.trigger()
    assert (again.quick.host.text(), again.quick.port.text()) == ("ftps://127.0.0.1", str(srv.port))
    again.quick.password.setText(PASSWORD)
    again.quick.connect_button.click()
    wait_listing(qtbot, again, "/")
    assert again.prompt is None and not again.tls_label.isHidden()


def test_a_recent_servers_account_asks_for_its_password_and_sends_none_before(qtbot, windows, make_server):
    """A recent server fills host, port and user, never a password: Connect asked nothing and sent an empty
    PASS — a failed login on the server, which fail2ban counts (found by QA). The password prompt now comes
    first; nothing about the account reaches the server before it is answered, Cancel sends nothing, OK logs
    in. Under "TLS if available" the server is met before the password is asked (design note 187): a server
    without TLS is asked about first — whether the password may travel unencrypted is decided before it is
    typed."""
    srv = make_server()
    fill_server(srv)
    w = windows()
    type_in(w, srv.host, str(srv.port))
    answer_plain_ftp(qtbot, w)
    wait_listing(qtbot, w, "/")
    close_window(qtbot, w)
    before = (len(srv.record.control), list(srv.record.commands))

    again = windows()  # a later start: the recent server is in the drop-down
    recent = again.quick.recent_menu.actions()
    assert [a.text() for a in recent] == [f"{USER}@127.0.0.1:{srv.port}"]
    recent[0].trigger()
    assert again.quick.password.text() == ""
    again.quick.connect_button.click()
    answer_plain_ftp(qtbot, again)  # no TLS: asked first (it came after the password)
    prompt = wait_prompt(qtbot, again, PasswordDialog)
    assert f"{USER}@127.0.0.1" in " ".join(label.text() for label in prompt.findChildren(QLabel))
    qtbot.wait(200)
    account = lambda: [c for c in srv.record.commands[len(before[1]) :] if c.split(" ")[0] in ("USER", "PASS")]  # noqa: E731
    assert not account()  # nothing about the account while the person reads
    prompt.reject()  # Cancel
    qtbot.wait(200)
    assert not account() and again.state_label.text() == "Not connected"

    recent[0].trigger()
    again.quick.connect_button.click()
    answer_plain_ftp(qtbot, again)
    prompt = wait_prompt(qtbot, again, PasswordDialog)
    prompt.field.setText(PASSWORD)
    prompt.accept()
    wait_listing(qtbot, again, "/")
    sent = [line for line in srv.record.commands[len(before[1]) :] if line.startswith("PASS")]
    assert sent == [f"PASS {PASSWORD}"] and "Login failed" not in again.log.toPlainText()


def test_an_anonymous_recent_server_connects_without_asking(qtbot, windows, make_server):
    srv = make_server()
    w = windows()
    type_in(w, srv.host, str(srv.port), user="", password="")
    answer_plain_ftp(qtbot, w)
    wait_listing(qtbot, w, "/")
    assert not isinstance(w.prompt, PasswordDialog)


@pytest.mark.parametrize(
    ("text", "port", "expected"),
    [
        ("ftps://h", "", ("h", 990, "ftps")),  # implicit TLS: port 990 by default
        ("ftpes://h", "", ("h", 21, "ftpes")),
        ("ftp://h:2121", "", ("h", 2121, "ftp")),
        ("h", "", ("h", 21, "ftp")),  # a bare host is ftp:// (TLS if available)
        ("ftps://h", "8990", ("h", 8990, "ftps")),  # the port field wins
    ],
)
def test_the_bar_reads_the_scheme(window, text, port, expected):
    window.quick.host.setText(text)
    window.quick.port.setText(port)
    endpoint, _path, scheme = window.quick.endpoint()
    assert (endpoint.host, endpoint.port, scheme) == expected


# --- the start folder -----------------------------------------------------------------------------------
@pytest.fixture
def home_server(make_server):
    """A server whose logins land in /home/alice (as on a Unix server), with docs/ there and no /docs."""
    srv = make_server(home="/home/alice")
    os.makedirs(srv.path("home", "alice", "docs"))
    with open(srv.path("home", "alice", "docs", "manual.txt"), "wb") as f:
        f.write(b"m")
    with open(srv.path("home", "alice", "notes.txt"), "wb") as f:
        f.write(b"n")
    return srv


def connect_url(qtbot, window: MainWindow, srv, path: str) -> None:
    type_in(window, f"ftp://{USER}@127.0.0.1:{srv.port}{path}")
    answer_plain_ftp(qtbot, window)


def test_a_start_folder_found_inside_the_login_folder_is_opened(qtbot, window, home_server):
    connect_url(qtbot, window, home_server, "/docs")
    wait_listing(qtbot, window, "/home/alice/docs")
    assert names(window) == ["manual.txt"]
    assert window.remote.path_bar.currentText() == "/home/alice/docs"
    said = "The folder /docs was not found; opened /home/alice/docs in the login folder instead."
    assert window.log.lines[-1] == ("status", said) or ("status", said) in window.log.lines
    assert window.statusBar().currentMessage() == said


def test_a_start_folder_that_does_not_exist_opens_the_login_folder(qtbot, window, home_server):
    connect_url(qtbot, window, home_server, "/nowhere")
    wait_listing(qtbot, window, "/home/alice")
    assert names(window) == ["docs", "notes.txt"]  # not a blank pane
    assert window.remote.path_bar.currentText() == "/home/alice"
    said = "The folder /nowhere was not found; showing the login folder /home/alice instead."
    assert ("error", said) in window.log.lines and window.statusBar().currentMessage() == said
    assert "Connected to" in window.state_label.text()


def test_a_missing_start_folder_on_a_server_rooted_at_slash(qtbot, window, make_server):
    srv = make_server()
    fill_server(srv)
    connect_url(qtbot, window, srv, "/docs")
    wait_listing(qtbot, window, "/")
    assert names(window) == ["sub", "a.txt", "b.bin"]
    assert "The folder /docs was not found; showing the login folder / instead." in window.statusBar().currentMessage()


# --- Debian's pure-ftpd (built with TLS, no certificate): AUTH TLS listed in FEAT, answered with 500 --------
@pytest.mark.parametrize("mode", ["passive", "active"])
def test_quick_connect_to_debian_pure_ftpd_after_the_question(qtbot, windows, tmp_path_factory, mode):
    from daemons import start_pure_ftpd, unpacked

    binary, why = unpacked("pure-ftpd")
    need(binary is not None, why)
    daemon = start_pure_ftpd(tmp_path_factory.mktemp("pure-ftpd"))
    try:
        daemon.put_file("hello.txt", b"hello")
        settings.save(settings.Preferences(default_mode=mode))
        w = windows()
        type_in(w, daemon.host, str(daemon.port), daemon.user, daemon.password)
        dialog = wait_prompt(qtbot, w)
        assert dialog.reason.text() == "The server refused TLS: 500 This security scheme is not implemented"
        log = w.log.toPlainText()
        assert "AUTH TLS" in log and "USER" not in log  # asked after AUTH, before USER
        dialog.connect_button.click()
        wait_listing(qtbot, w, "/")
        w.navigate("/pub")
        qtbot.waitUntil(lambda: "hello.txt" in names(w), timeout=WAIT)
        assert w.remote_browser.options.mode == mode
    finally:
        daemon.stop()
