# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""Proxies in the GUI: a site with a SOCKS5 proxy connects and lists, the mode panel draws the proxy as a hop
and says who dials whom through it; the site manager and the preferences keep the proxy, its password only in
the keyring. Screenshots of the 360 px dock go to build/screens/ (English and Chinese)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_modepanel_fit import SCREENS, assert_fits, language  # noqa: F401 (fixture)
from test_proxy import proxies  # noqa: F401 (fixture)

from ftpgui.ftp import SessionOptions
from ftpgui.sites.passwords import PasswordStore
from ftpgui.sites.store import Site, SiteStore
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel import whatif as wi
from ftpgui.ui.proxy_fields import GLOBAL_KEY, password_key

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, filled_server, names, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from proxies import OUTGOING

pytestmark = pytest.mark.gui


def connected_to_site(qtbot, store: SiteStore, site: Site) -> MainWindow:
    """The window (1366×768, shown) connected to ``site`` of ``store``, its first listing shown. The caller
    closes it (``close_window``)."""
    w = MainWindow(store)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    try:
        w.connect_site(site, PASSWORD)
        wait_listing(qtbot, w, "/")
    except BaseException:
        close_window(qtbot, w)
        raise
    return w


def _step(conn: sc.ConnectionScene, kind: str) -> sc.Step:
    return next(s for s in conn.steps if s.kind == kind)


def test_a_site_with_a_socks5_proxy_connects_lists_and_the_panel_draws_the_hop(
    qtbot,
    tmp_path,
    monkeypatch,
    make_server,
    proxies,
    memory_keyring,
    language,
):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    socks = proxies("microsocks", user="carol", password="pr0xy-secret")
    srv = filled_server(make_server)
    store = SiteStore(str(tmp_path / "config" / "sites.json"))
    site = Site(id="b" * 32, name="Behind a proxy", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER)
    site.proxy = socks.url("carol")
    store.add(site)
    PasswordStore().set(password_key(site.id), "pr0xy-secret")  # as the site manager saves it
    w = connected_to_site(qtbot, store, site)
    try:
        assert "sub" in names(w)
        # the server saw only the proxy: the control connection and the listing's data connection
        assert {client[0] for _, client in srv.record.control} == {OUTGOING}
        assert srv.record.data and {client[0] for _, client in srv.record.data} == {OUTGOING}
        assert w.remote_browser.options.proxy.password == "pr0xy-secret"
        assert "pr0xy-secret" not in w.log.toPlainText()
        qtbot.waitUntil(lambda: f"socks5://carol@127.0.0.1:{socks.port}" in w.log.toPlainText(), timeout=WAIT)
        # the panel: the connection knows its proxy, and the words say who dials whom
        panel = w.mode_panel
        conn = panel.scene.connections[w.browser.connection_id]
        assert conn.proxy is not None and conn.proxy.address == ("127.0.0.1", socks.port)
        said = nr.narrate(conn, _step(conn, sc.CONTROL))
        dial = nr.narrate(conn, _step(conn, sc.DIAL))
        if language == "en":
            assert said.startswith(
                f"ftpgui asks the proxy 127.0.0.1:{socks.port} (SOCKS5) to connect to the server's port {srv.port}"
            )
            assert dial.startswith(f"ftpgui asks the proxy 127.0.0.1:{socks.port} to connect to the server's data port")
        else:
            assert f"ftpgui 请代理 127.0.0.1:{socks.port}（SOCKS5）连接服务器的端口 {srv.port}" in said
            assert f"ftpgui 请代理 127.0.0.1:{socks.port} 连接服务器的数据端口" in dial
        w.resizeDocks([w.mode_dock], [360], Qt.Orientation.Horizontal)
        qtbot.waitUntil(lambda: abs(w.mode_dock.width() - 360) <= 4, timeout=WAIT)
        SCREENS.mkdir(parents=True, exist_ok=True)
        for kind in (sc.CONTROL, sc.DIAL):
            panel.go_to(_step(conn, kind).serial)
            assert_fits(w.mode_dock.widget(), panel, f"proxy {kind} {language}")
            assert w.mode_dock.grab().save(str(SCREENS / f"modepanel-proxy-{kind}-360-{language}.png"))
    finally:
        close_window(qtbot, w)


def test_the_site_manager_keeps_the_proxy_and_its_password_in_the_keyring(
    qtbot,
    tmp_path,
    memory_keyring,
):
    from ftpgui.ui.site_manager import SiteManagerDialog

    store = SiteStore(str(tmp_path / "sites.json"))
    site = Site(id="c" * 32, name="Work", host="ftp.example.com", user="me")
    store.add(site)
    dialog = SiteManagerDialog(store, PasswordStore())
    qtbot.addWidget(dialog)
    dialog.select("site", site.id)
    fields = dialog.proxy_fields
    assert fields.kind.currentData() == "default"  # a new site follows the preferences
    fields.kind.setCurrentIndex(fields.kind.findData("socks5"))
    assert fields.port.text() == "1080"  # the usual port filled in
    for widget, text in ((fields.host, "proxy.example"), (fields.user, "carol"), (fields.password, "pr0xy-secret")):
        widget.setFocus()
        widget.clear()
        qtbot.keyClicks(widget, text)
    fields.port.setText("")
    qtbot.keyClicks(fields.port, "99999")
    assert "The proxy port must be between 1 and 65535" in dialog.problems.text()
    fields.port.setText("")
    qtbot.keyClicks(fields.port, "1081")
    assert dialog.problems.text() == ""
    assert dialog.save_and_close()
    key = password_key(site.id)
    qtbot.waitUntil(lambda: memory_keyring.get_password("ftpgui", key) == "pr0xy-secret", timeout=WAIT)
    saved = json.loads((tmp_path / "sites.json").read_text())["sites"][0]
    assert saved["proxy"] == "socks5://carol@proxy.example:1081"
    assert "pr0xy-secret" not in (tmp_path / "sites.json").read_text()
    proxy = store.get(site.id).session_options(SessionOptions()).proxy
    assert (proxy.kind, proxy.host, proxy.port, proxy.user) == ("socks5", "proxy.example", 1081, "carol")
    assert proxy.password == ""  # read from the keyring at connect time


def test_the_preferences_keep_the_global_proxy(qtbot, tmp_path, monkeypatch, memory_keyring):
    from ftpgui import settings
    from ftpgui.ui.preferences_dialog import PreferencesDialog

    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow()
    w.show()
    try:
        w.act_preferences.trigger()
        dialog = w.prompt
        assert isinstance(dialog, PreferencesDialog)
        fields = dialog.proxy
        assert fields.kind.currentData() == "none"
        fields.kind.setCurrentIndex(fields.kind.findData("http"))
        fields.host.setText("127.0.0.1")
        fields.port.setText("3128")
        fields.user.setText("dave")
        fields.password.setFocus()
        qtbot.keyClicks(fields.password, "pr0xy-secret")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
        qtbot.waitUntil(lambda: memory_keyring.get_password("ftpgui", GLOBAL_KEY) == "pr0xy-secret", timeout=WAIT)
        saved = (tmp_path / "config" / "settings.json").read_text()
        assert json.loads(saved)["proxy"] == "http://dave@127.0.0.1:3128" and "pr0xy-secret" not in saved
        proxy = w.session_defaults().proxy
        assert (proxy.kind, proxy.host, proxy.port, proxy.user) == ("http", "127.0.0.1", 3128, "dave")
        assert settings.load().proxy == "http://dave@127.0.0.1:3128"
    finally:
        close_window(qtbot, w)


def test_active_mode_through_bind_is_drawn_with_the_proxy_listening(qtbot, proxies, make_server):
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

    from ftpgui.ftp import FtpSession
    from ftpgui.ftp.proxy import parse_proxy
    from ftpgui.ui.modepanel import ModePanel

    socks = proxies("dante")
    srv = filled_server(make_server)
    events = []
    with FtpSession(SessionOptions(mode="active", timeout=10, proxy=parse_proxy(socks.url())), events.append) as s:
        s.open(srv.host, srv.port, USER, PASSWORD)
        assert "sub" in [e.name for e in s.listdir("/")]
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = ModePanel()
    dock = QDockWidget("modes", window)
    dock.setWidget(MainWindow._scrollable(panel))
    window.setCentralWidget(QWidget())
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(760, 760)
    window.show()
    qtbot.waitExposed(window)
    for e in events:
        panel.add_event(e)
    window.resizeDocks([dock], [360], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(dock.width() - 360) <= 4, timeout=WAIT)
    conn = panel.connection
    request = next(st for st in conn.steps if st.kind == sc.REQUEST)
    assert nr.narrate(conn, request).startswith(
        f"Active mode through the proxy: ftpgui asks the proxy 127.0.0.1:{socks.port} to listen for the server "
        f"(SOCKS BIND). The proxy listens on {OUTGOING} port "
    )
    # the server's yes is to connect to the proxy's port, the one PORT/EPRT named (not the client's: note 227)
    reply = next(st for st in conn.steps if st.kind == sc.REPLY)
    ex = reply.exchange
    assert nr.narrate(conn, reply) == (
        f"The server accepted {ex.command} (200): it will connect to the proxy's port {ex.advertised[1]}, and the "
        "proxy hands the connection to ftpgui."
    )
    dial = _step(conn, sc.DIAL)
    assert nr.narrate(conn, dial).startswith(f"The server dials the proxy's port {ex.advertised[1]} ")
    assert srv.record.data[-1][1] == (OUTGOING, ex.advertised[1])  # (where the server's dial went)
    # what if this computer had a firewall: the server dialled the proxy, so nothing of it is stopped (note 228)
    for walls in (wi.Firewalls(client=True), wi.Firewalls(client=True, server=True)):
        panel.go_to(dial.serial)
        panel.set_firewalls(walls)
        assert wi.blocked(ex, walls) is None
        assert panel.narration() == (
            "What if: this data connection still works. Through the proxy, the server dials out to the proxy's "
            f"port {ex.advertised[1]}, not to this computer: a firewall at the server lets the server's own "
            "outgoing connections through, and one on this computer sees only its own connections to the proxy."
        )
    panel.set_firewalls(wi.Firewalls())
    SCREENS.mkdir(parents=True, exist_ok=True)
    panel.go_to(dial.serial)
    assert_fits(dock.widget(), panel, "proxy active")
    assert dock.grab().save(str(SCREENS / "modepanel-proxy-bind-360-en.png"))


def test_a_proxy_password_not_in_the_keyring_is_asked_for(
    qtbot, tmp_path, monkeypatch, make_server, proxies, memory_keyring
):
    from ftpgui.ui.dialogs import PasswordDialog

    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    socks = proxies("microsocks", user="carol", password="pr0xy-secret")
    srv = filled_server(make_server)
    store = SiteStore(str(tmp_path / "config" / "sites.json"))
    site = Site(id="d" * 32, name="Asks", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER)
    site.proxy = socks.url("carol")
    store.add(site)
    w = MainWindow(store)
    w.show()
    try:
        w.connect_site(site, PASSWORD)
        qtbot.waitUntil(lambda: isinstance(w.prompt, PasswordDialog), timeout=WAIT)
        assert f"carol@127.0.0.1:{socks.port}" in " ".join(label.text() for label in w.prompt.findChildren(QLabel))
        w.prompt.field.setText("pr0xy-secret")
        w.prompt.accept()
        wait_listing(qtbot, w, "/")
        # the queue's transfer connections go through the proxy too, with the password given once
        local = tmp_path / "local"
        local.mkdir()
        w.local.set_path(str(local))
        w.set_active_side("remote")
        w.remote.select(["b.bin"])
        w.act_download.trigger()
        qtbot.waitUntil(lambda: (local / "b.bin").exists() and (local / "b.bin").stat().st_size == 5000, timeout=WAIT)
        assert len(srv.record.control) >= 2 and {client[0] for _, client in srv.record.control} == {OUTGOING}
        assert len(srv.record.data) >= 2 and {client[0] for _, client in srv.record.data} == {OUTGOING}
    finally:
        close_window(qtbot, w)


def test_a_duplicated_site_keeps_its_proxy_password(qtbot, tmp_path, memory_keyring):
    from ftpgui.ui.site_manager import SiteManagerDialog

    store = SiteStore(str(tmp_path / "sites.json"))
    site = Site(id="f" * 32, name="Work", host="ftp.example.com", logon="anonymous")
    site.proxy = "socks5://carol@proxy.example:1080"
    store.add(site)
    PasswordStore().set(password_key(site.id), "pr0xy-secret")
    dialog = SiteManagerDialog(store, PasswordStore())
    qtbot.addWidget(dialog)
    dialog.select("site", site.id)
    copy = dialog.duplicate()
    assert dialog.save_and_close()
    key = password_key(copy.id)
    qtbot.waitUntil(lambda: memory_keyring.get_password("ftpgui", key) == "pr0xy-secret", timeout=WAIT)
    assert store.get(copy.id).proxy == site.proxy


def test_a_pasv_through_a_proxy_to_a_named_host_is_not_said_to_name_another_host(
    qtbot, tmp_path, monkeypatch, make_server, proxies, memory_keyring
):
    """Through a proxy the control connection's peer is the server's name as typed ("localhost"), and a 227
    names an address: the log, the ladder and the panel's picture said on every PASV that the reply named
    another host, never dialled (found by a review of note 259). Such a reply is now told as any other."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    socks = proxies("microsocks")
    srv = filled_server(lambda host: make_server(host, refuse=("EPSV",)))
    store = SiteStore(str(tmp_path / "config" / "sites.json"))
    site = Site(id="c" * 32, name="Named, behind a proxy", protocol="ftp-plain", host="localhost", port=srv.port)
    site.user = USER
    site.proxy = socks.url()
    store.add(site)
    w = connected_to_site(qtbot, store, site)
    try:
        assert "PASV" in srv.record.verbs()
        qtbot.waitUntil(lambda: "Passive mode: data connection to localhost:" in w.log.toPlainText(), timeout=WAIT)
        assert "not the address the server is reached at" not in w.log.toPlainText()
        conn = w.mode_panel.scene.connections[w.browser.connection_id]
        exchanges = [s.exchange for s in conn.steps if getattr(s, "exchange", None) is not None]
        assert exchanges and not any(ex.nat for ex in exchanges)
        said = " ".join(nr.narrate(conn, s) for s in conn.steps)
        assert "not used" not in said and "never" not in said
    finally:
        close_window(qtbot, w)
