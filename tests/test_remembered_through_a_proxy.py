"""A password remembered "until the app closes" is the account's through one proxy (design note 454; note 430 left it
open). It was kept for user@host:port alone, so it was also sent when the same account was reached through another
proxy — or through a proxy when it was typed for a direct connection: that proxy saw or relayed a login the person
never agreed to send that way (FileZilla asks again). Now it is remembered for the account and the proxy the login
went through (none, or the proxy's kind, host and port): another proxy asks again, and every way of reaching the
account through the same proxy — the queue, the Site Manager's Connect, Recent, a quick connect typed by hand —
still reuses it. The real window and menus, pyftpdlib, real SOCKS5 proxies (microsocks) on 127.0.0.1, no keyring."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_password_for_the_run import (
    connect_from_site_manager,
    never_in_config_files,
    no_keyring,  # noqa: F401 (fixture)
    open_window,
    passes,
    saved_site_with_queued_upload,
    site_manager,
    type_and_enter,
)
from test_proxy import proxies  # noqa: F401 (fixture)
from test_remembered_for_the_account import browsing, recent, remembered_in_the_queues_prompt, typed, words

from ftpgui import paths, settings
from ftpgui.sites.store import Site
from ftpgui.transfers.items import TransferItem
from ftpgui.transfers.servers import Server
from ftpgui.ui.dialogs import PasswordDialog
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.site_passwords import PasswordPrompt

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, connect_in_this_tab
from memkeyring import memory_keyring  # noqa: F401 (fixture: the keyring in use put back after the test)
from proxies import OUTGOING

pytestmark = [pytest.mark.gui, pytest.mark.timeout(180)]


@pytest.fixture
def srv(make_server):
    return make_server("127.0.0.1")


def clients(srv) -> set:
    """The addresses the server's control connections came from (``OUTGOING``: through a proxy)."""
    with srv.record.lock:
        return {client[0] for _, client in srv.record.control}


def asked_in(qtbot, w: MainWindow, kind: type):
    """The window's password question (``PasswordDialog``: a quick connect's; ``PasswordPrompt``: a site's)."""
    qtbot.waitUntil(lambda: isinstance(w.prompt, kind) and w.prompt.isVisible(), timeout=WAIT)
    return w.prompt


@pytest.mark.usefixtures("no_keyring")
def test_typed_for_a_direct_connection_it_is_asked_again_through_the_preferences_proxy(
    qtbot,
    config,
    srv,
    tmp_path,
    proxies,  # noqa: F811 (the fixture)
):
    """The site "Work" goes directly (its proxy: none) and the queue's prompt remembers its password; the
    preferences name a SOCKS5 proxy, which Recent's quick connect to the same account goes through: asked there,
    nothing sent through the proxy before. Typed there and remembered, a quick connect typed by hand through the
    same proxy is not asked, and the Site Manager's direct Connect still is not either."""
    socks = proxies("microsocks")
    store = saved_site_with_queued_upload(config, srv, tmp_path)
    store.get("s1").proxy = "none"
    store.remember_recent("127.0.0.1", srv.port, USER)
    store.save()
    prefs = settings.Preferences(log_to_file=True, quick_connect_tls="off", proxy=socks.url())
    settings.save(prefs, str(config / "settings.json"))
    w = open_window(qtbot, store)
    connect_in_this_tab(w)
    try:
        remembered_in_the_queues_prompt(qtbot, w)  # (directly)
        connect_from_site_manager(qtbot, w)  # directly too: not asked (note 378)
        browsing(qtbot, w, srv.port)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 2 and clients(srv) == {"127.0.0.1"}

        recent(w, f"{USER}@127.0.0.1:{srv.port}")  # through the preferences' proxy: asked
        prompt = asked_in(qtbot, w, PasswordDialog)
        assert f"{USER}@127.0.0.1:{srv.port}" in words(prompt)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 2 and OUTGOING not in clients(srv)  # nothing through it
        prompt.remember.setChecked(True)
        type_and_enter(prompt.field, PASSWORD)
        browsing(qtbot, w, srv.port)
        assert OUTGOING in clients(srv)  # (that login went through the proxy)

        typed(w, srv.port, USER)  # by hand, the same proxy: not asked
        browsing(qtbot, w, srv.port)
        connect_from_site_manager(qtbot, w)  # directly: the one typed for it
        browsing(qtbot, w, srv.port)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 5
        assert PASSWORD not in w.log.toPlainText()
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD)


def connect_site(qtbot, w: MainWindow, site_id: str) -> None:
    """Site ▸ Site Manager…, ``site_id`` selected, Connect."""
    dialog = site_manager(qtbot, w)
    dialog.select("site", site_id)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


@pytest.mark.usefixtures("no_keyring")
def test_remembered_through_one_proxy_it_is_reused_through_it_and_asked_through_another(
    qtbot,
    config,
    srv,
    tmp_path,
    proxies,  # noqa: F811 (the fixture)
):
    """The preferences' proxy is A, which "Work" uses (its proxy: default) and its queued upload went through; the
    queue's prompt remembers the password. Recent's quick connect (through A) and the Site Manager's Connect do not
    ask; "Work via B", a site for the same account through proxy B, asks — nothing sent through B before."""
    a, b = proxies("microsocks"), proxies("microsocks")
    store = saved_site_with_queued_upload(config, srv, tmp_path)
    via_b = Site(id="s2", name="Work via B", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER)
    via_b.proxy = b.url()
    store.add(via_b)
    store.remember_recent("127.0.0.1", srv.port, USER)
    store.save()
    settings.save(
        settings.Preferences(log_to_file=True, quick_connect_tls="off", proxy=a.url()), str(config / "settings.json")
    )
    # the upload was queued through A (as the queue records a site's proxy)
    server = Server(srv.host, srv.port, USER, tls="off", site_id="s1", name="Work", proxy=a.url())
    item = TransferItem("upload", str(tmp_path / "report.txt"), "/report.txt", is_dir=None, server=server.key)
    doc = {"version": 2, "servers": {server.key: server.to_json()}, "items": [item.to_json()]}
    paths.atomic_write_json(str(config / "queue.json"), doc)
    w = open_window(qtbot, store)
    connect_in_this_tab(w)
    try:
        remembered_in_the_queues_prompt(qtbot, w)  # through A
        recent(w, f"{USER}@127.0.0.1:{srv.port}")  # through A: not asked
        browsing(qtbot, w, srv.port)
        connect_from_site_manager(qtbot, w)  # "Work", through A: not asked
        browsing(qtbot, w, srv.port)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 3 and clients(srv) == {OUTGOING}

        connect_site(qtbot, w, "s2")  # the same account through B: asked
        prompt = asked_in(qtbot, w, PasswordPrompt)
        assert f"{USER}@127.0.0.1:{srv.port}" in words(prompt)
        prompt.reject()
        qtbot.wait(200)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 3
        assert PASSWORD not in w.log.toPlainText()
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD)
