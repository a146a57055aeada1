# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""A queued item goes only the way it was queued (design note 213): through the proxy it was queued through,
in this run and after a restart, whatever the preferences' proxy is now — or not at all, said. One address
behind two proxies may be two machines. Real parts: the main window and its queue, a pyftpdlib server, real
SOCKS5 proxies (microsocks) that each go out from an address of their own, so the server tells who came; and
``queue.json`` saved and read back."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from test_proxy import proxies  # noqa: F401 (fixture)
from test_queue_servers_gui import (
    add_to_queue,
    browse,
    local,  # noqa: F401 (fixture: report.txt in a folder)
    open_window,
    prompt_text,
    queue_prompt,
    resume_all,
    wait_browsing,
)

from ftpgui.sites.store import Site, SiteStore
from ftpgui.transfers.items import DONE, FAILED, PAUSED

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, answer_plain_ftp, close_window
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from proxies import OUTGOING

pytestmark = pytest.mark.gui
OTHER_OUTGOING = "127.0.0.4"  # the second proxy's connections come from here
PROXY_USER, PROXY_PASSWORD = "pu", "proxy-secret"


def came_from(srv, since) -> set:
    """The addresses the server's control and data connections came from, after the counts ``since``."""
    with srv.record.lock:
        return {c[0] for _s, c in srv.record.control[since[0] :]} | {c[0] for _s, c in srv.record.data[since[1] :]}


def counts(srv) -> tuple:
    with srv.record.lock:
        return len(srv.record.control), len(srv.record.data)


def set_proxy(w, url: str) -> None:
    """The preferences' proxy, as OK in Preferences sets it (saved: the next window has it too)."""
    w.apply_preferences(dataclasses.replace(w.prefs, proxy=url))
    assert w.prefs.proxy == url


def queue_through(qtbot, w, srv, proxy: str, local) -> None:
    """With the preferences' proxy ``proxy``, browse ``srv`` from the quick-connect bar and queue report.txt."""
    set_proxy(w, proxy)
    browse(qtbot, w, srv, USER, PASSWORD)
    add_to_queue(qtbot, w, local, "report.txt")


def saved_servers(config) -> list:
    return list(json.loads((config / "queue.json").read_text(encoding="utf-8"))["servers"].values())


def answer(qtbot, w, password: str) -> str:
    """The queue's next question answered with ``password``; its words."""
    qtbot.waitUntil(lambda: queue_prompt(w) is not None, timeout=WAIT)
    prompt = queue_prompt(w)
    words = prompt_text(prompt)
    prompt.field.setText(password)
    prompt.accept()
    return words


def the_item(w):
    (item,) = w.queue.model.items()
    return item


def test_quick_connect_items_go_through_their_proxy_after_a_restart_whatever_the_preference_says(
    qtbot, config, make_server, proxies, memory_keyring, local
):
    """Queued through proxy X; the preference then names Y; ftpgui restarted: the file goes through X (the server
    sees X's address), the password prompt says which way. Before, the queue's quick-connect server had no proxy:
    the item went through whatever the preferences named at the restart — Y."""
    srv = make_server("127.0.0.1")
    x, y = proxies("microsocks"), proxies("microsocks", outgoing=OTHER_OUTGOING)
    w = open_window(qtbot)
    try:
        queue_through(qtbot, w, srv, x.url(), local)
        set_proxy(w, y.url())
    finally:
        close_window(qtbot, w)
    (server,) = saved_servers(config)  # (looked at last: the way the file went first)
    since = counts(srv)
    w = open_window(qtbot)
    try:
        assert w.prefs.proxy == y.url()
        resume_all(w)
        said = answer(qtbot, w, PASSWORD)
        qtbot.waitUntil(lambda: the_item(w).state in (DONE, FAILED), timeout=WAIT)
        assert (the_item(w).state, the_item(w).error) == (DONE, "")
    finally:
        close_window(qtbot, w)
    assert came_from(srv, since) == {OUTGOING}  # X's: not Y's, nor this computer's
    assert f"{USER}@127.0.0.1:{srv.port} through the proxy {x.url()}" in said
    assert Path(srv.path("report.txt")).read_bytes() == b"for server A only"
    assert server.get("proxy") == x.url() and PASSWORD not in json.dumps(server)


def test_one_address_through_two_proxies_is_two_servers_for_the_queue(
    qtbot, config, make_server, proxies, memory_keyring, local
):
    """A tab browses the server through X and queues a file; the preference names Y and a second tab connects to
    the same address through it. Before, both were one server for the queue: the second tab's login replaced the
    first's, and the file went through Y."""
    srv = make_server("127.0.0.1")
    x, y = proxies("microsocks"), proxies("microsocks", outgoing=OTHER_OUTGOING)
    w = open_window(qtbot)
    try:
        queue_through(qtbot, w, srv, x.url(), local)
        first = w.current_tab.queue_server
        set_proxy(w, y.url())
        w.new_tab()
        browse(qtbot, w, srv, USER, PASSWORD)
        second = w.current_tab.queue_server
        since = counts(srv)
        resume_all(w)
        qtbot.waitUntil(lambda: the_item(w).state in (DONE, FAILED), timeout=WAIT)
        assert (the_item(w).state, the_item(w).error, queue_prompt(w)) == (DONE, "", None)  # (X's login, kept)
        assert came_from(srv, since) == {OUTGOING}
        assert first.key != second.key and (first.proxy, second.proxy) == (x.url(), y.url())
    finally:
        close_window(qtbot, w)


def test_a_recorded_proxy_that_is_gone_fails_the_item_in_words_and_nothing_goes_another_way(
    qtbot, config, make_server, proxies, memory_keyring, local
):
    """The proxy the file was queued through is stopped and the preference names none: after the restart the item
    fails in the proxy's words, and the server hears nothing. Before, it went straight to the server."""
    srv = make_server("127.0.0.1")
    x = proxies("microsocks")
    w = open_window(qtbot)
    try:
        queue_through(qtbot, w, srv, x.url(), local)
        set_proxy(w, "")
    finally:
        close_window(qtbot, w)
    x.stop()
    since = counts(srv)
    w = open_window(qtbot)
    try:
        w.queue.retry_delays = (0.05,)
        resume_all(w)
        qtbot.waitUntil(
            lambda: queue_prompt(w) is not None or the_item(w).state in (DONE, FAILED, PAUSED), timeout=WAIT
        )
        if queue_prompt(w) is not None:  # (the old code met the server straight, then asked)
            answer(qtbot, w, PASSWORD)
        qtbot.waitUntil(lambda: the_item(w).state in (DONE, FAILED), timeout=WAIT)
        state = w.queue.model.index(0, 7).data()
        assert the_item(w).state == FAILED and f"proxy 127.0.0.1:{x.port}" in state, state
    finally:
        close_window(qtbot, w)
    assert counts(srv) == since
    assert not srv.record.received


def queued_through_a_proxy_with_a_password(qtbot, make_server, proxies, memory_keyring, local, then=None) -> tuple:
    """A server and a proxy X that needs a user and a password, kept in the keyring as the preferences' proxy's:
    report.txt queued through X from the main window, ``then(window)`` done, and the window closed. (server, X)"""
    srv = make_server("127.0.0.1")
    x = proxies("microsocks", user=PROXY_USER, password=PROXY_PASSWORD)
    memory_keyring.entries[("ftpgui", "proxy:global")] = PROXY_PASSWORD  # (what Preferences' OK keeps)
    w = open_window(qtbot)
    try:
        queue_through(qtbot, w, srv, x.url(PROXY_USER), local)
        if then is not None:
            then(w)
    finally:
        close_window(qtbot, w)
    return srv, x


def test_a_proxy_that_needs_a_password_is_asked_for_it_once_no_longer_the_preferences(
    qtbot, config, make_server, proxies, memory_keyring, local
):
    """Queued through X, which needs a user and password (kept in the keyring as the preferences' proxy's); the
    preference names none now. After the restart the queue asks for X's password — the keyring's entry is no
    longer that proxy's — then the server's, and the file goes through X. Before, it went straight."""

    def elsewhere(w) -> None:
        set_proxy(w, "")
        memory_keyring.entries[("ftpgui", "proxy:global")] = "another proxy's"

    srv, x = queued_through_a_proxy_with_a_password(qtbot, make_server, proxies, memory_keyring, local, elsewhere)
    assert PROXY_PASSWORD not in (config / "queue.json").read_text(encoding="utf-8")
    since = counts(srv)
    w = open_window(qtbot)
    try:
        resume_all(w)
        assert f"the proxy {PROXY_USER}@127.0.0.1:{x.port}" in answer(qtbot, w, PROXY_PASSWORD)
        assert f"{USER}@127.0.0.1:{srv.port} through the proxy" in answer(qtbot, w, PASSWORD)
        qtbot.waitUntil(lambda: the_item(w).state in (DONE, FAILED), timeout=WAIT)
        assert (the_item(w).state, the_item(w).error) == (DONE, "")
    finally:
        close_window(qtbot, w)
    assert came_from(srv, since) == {OUTGOING}
    assert PROXY_PASSWORD not in (config / "queue.json").read_text(encoding="utf-8")


LOCKED = "could not be read: the system keyring is locked"


def test_a_locked_keyring_is_said_when_a_restored_items_proxy_password_is_asked_for(
    qtbot, config, make_server, proxies, memory_keyring, local
):
    """Design note 233: queued through X, which needs a password (the preferences' proxy, its password in the
    keyring); after the restart the keyring is locked. The queue asks for X's password and says why — in the
    prompt, the status bar and the log, in the words it says for a site's own password. Before, the prompt
    opened without a word about the keyring."""
    srv, x = queued_through_a_proxy_with_a_password(qtbot, make_server, proxies, memory_keyring, local)
    memory_keyring.locked = True  # (keyring's own KeyringLocked, from the backend's get_password)
    w = open_window(qtbot)
    try:
        resume_all(w)
        said = f"The password for the proxy {PROXY_USER}@127.0.0.1:{x.port} {LOCKED}"
        assert said in answer(qtbot, w, PROXY_PASSWORD)
        assert said in w.log.toPlainText()
        assert f"{USER}@127.0.0.1:{srv.port} through the proxy" in answer(qtbot, w, PASSWORD)
        qtbot.waitUntil(lambda: the_item(w).state in (DONE, FAILED), timeout=WAIT)
        assert (the_item(w).state, the_item(w).error) == (DONE, "")
    finally:
        close_window(qtbot, w)


def test_a_locked_keyring_is_said_when_connecting_asks_for_the_proxys_password(
    qtbot, config, make_server, proxies, memory_keyring
):
    """Design note 233, the connect path: the preferences' proxy needs a password and the keyring is locked —
    the quick connect's prompt for the proxy's password says why it asks. Before, it asked without a word."""
    srv = make_server("127.0.0.1")
    x = proxies("microsocks", user=PROXY_USER, password=PROXY_PASSWORD)
    memory_keyring.locked = True
    w = open_window(qtbot)
    try:
        set_proxy(w, x.url(PROXY_USER))
        w.quick.host.setText(srv.host)
        w.quick.port.setText(str(srv.port))
        w.quick.user.setText(USER)
        w.quick.password.setText(PASSWORD)
        w.quick.connect_button.click()
        qtbot.waitUntil(lambda: w.prompt is not None, timeout=WAIT)
        said = f"The password for the proxy {PROXY_USER}@127.0.0.1:{x.port} {LOCKED}"
        assert said in prompt_text(w.prompt)
        assert said in w.log.toPlainText()
        w.prompt.field.setText(PROXY_PASSWORD)
        w.prompt.accept()
        answer_plain_ftp(qtbot, w)  # (the test server offers no TLS)
        wait_browsing(qtbot, w, srv)
    finally:
        close_window(qtbot, w)
    assert came_from(srv, (0, 0)) == {OUTGOING}


def site_store(config, site: Site) -> SiteStore:
    store = SiteStore(str(config / "sites.json"))
    store.add(site)
    store.save()
    return store


def connect_site(qtbot, w, site: Site) -> None:
    w.connect_site(site, PASSWORD)
    qtbot.waitUntil(lambda: w.remote.path == "/" and w.remote_browser.connected, timeout=WAIT)
    qtbot.waitUntil(lambda: not w.remote_browser.connection.busy, timeout=WAIT)


def test_a_sites_items_pause_when_the_preferences_proxy_it_uses_changed_and_go_once_it_is_back(
    qtbot, config, make_server, proxies, memory_keyring, local
):
    """A site set to the preferences' proxy ("default") is queued through X; the preference then names none.
    After the restart its items pause, saying which way they were queued and which the site takes now; the
    server hears nothing. With X named again, Resume sends them through X. Before, the site followed the
    preference: straight to the server."""
    srv = make_server("127.0.0.1")
    x = proxies("microsocks")
    site = Site(id="d" * 32, name="Work", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER)
    memory_keyring.entries[("ftpgui", site.id)] = PASSWORD
    w = open_window(qtbot, site_store(config, site))
    try:
        set_proxy(w, x.url())
        connect_site(qtbot, w, site)
        add_to_queue(qtbot, w, local, "report.txt")
        set_proxy(w, "")
    finally:
        close_window(qtbot, w)
    (server,) = saved_servers(config)
    since = counts(srv)
    store = SiteStore(str(config / "sites.json"))
    store.load()
    w = open_window(qtbot, store)
    try:
        resume_all(w)
        qtbot.waitUntil(lambda: the_item(w).state != "queued", timeout=WAIT)
        state = w.queue.model.index(0, 7).data()
        assert the_item(w).state == PAUSED, state
        assert f"queued to go through the proxy {x.url()}, and its site goes directly now" in state
        assert counts(srv) == since
        set_proxy(w, x.url())
        resume_all(w)
        qtbot.waitUntil(lambda: the_item(w).state in (DONE, FAILED), timeout=WAIT)
        assert (the_item(w).state, the_item(w).error, queue_prompt(w)) == (DONE, "", None)  # (the keyring's)
    finally:
        close_window(qtbot, w)
    assert came_from(srv, since) == {OUTGOING}
    assert (server["site_id"], server.get("proxy")) == (site.id, x.url())


def test_a_sites_own_proxy_gets_its_password_from_the_keyring_after_a_restart(
    qtbot, config, make_server, proxies, memory_keyring, local
):
    """A site with a proxy of its own that needs a password: restored items read it from the site's proxy entry
    in the keyring, as connecting does. Before, the queue connected with no proxy password: refused."""
    srv = make_server("127.0.0.1")
    x = proxies("microsocks", user=PROXY_USER, password=PROXY_PASSWORD)
    site = Site(id="s" * 32, name="Own", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER)
    site.proxy = x.url(PROXY_USER)
    memory_keyring.entries[("ftpgui", site.id)] = PASSWORD
    memory_keyring.entries[("ftpgui", f"proxy:{site.id}")] = PROXY_PASSWORD
    w = open_window(qtbot, site_store(config, site))
    try:
        connect_site(qtbot, w, site)
        add_to_queue(qtbot, w, local, "report.txt")
    finally:
        close_window(qtbot, w)
    since = counts(srv)
    store = SiteStore(str(config / "sites.json"))
    store.load()
    w = open_window(qtbot, store)
    try:
        w.queue.retry_delays = (0.05,)
        resume_all(w)
        qtbot.waitUntil(lambda: the_item(w).state in (DONE, FAILED), timeout=WAIT)
        assert (the_item(w).state, the_item(w).error, queue_prompt(w)) == (DONE, "", None)
    finally:
        close_window(qtbot, w)
    assert came_from(srv, since) == {OUTGOING}


def test_an_older_queue_without_proxies_goes_through_the_preferences_proxy_and_then_records_it(
    qtbot, config, make_server, proxies, memory_keyring, local
):
    """A ``queue.json`` of an older ftpgui names no proxy: its quick-connect server is taken to go through the
    preferences' proxy (what that ftpgui took at every restart), and the queue saved next records it — from
    then on it goes only that way. (Before, nothing was recorded.)"""
    from ftpgui import paths, settings
    from ftpgui.transfers.items import TransferItem
    from ftpgui.transfers.servers import Server

    srv = make_server("127.0.0.1")
    x = proxies("microsocks")
    old = Server(srv.host, srv.port, USER, tls="off").to_json()
    old.pop("proxy", None)  # (as an older ftpgui wrote it)
    key = f"off:{USER}@127.0.0.1:{srv.port}/utf-8"
    item = TransferItem("upload", str(local / "report.txt"), "/report.txt", is_dir=False, server=key, state=PAUSED)
    saved = {"version": 2, "servers": {key: old}, "items": [item.to_json()]}
    paths.atomic_write_json(str(config / "queue.json"), saved)
    settings.save(dataclasses.replace(settings.Preferences(), proxy=x.url()))  # (the preferences of that ftpgui)
    since = counts(srv)
    w = open_window(qtbot)
    try:
        resume_all(w)
        answer(qtbot, w, PASSWORD)
        qtbot.waitUntil(lambda: the_item(w).state in (DONE, FAILED), timeout=WAIT)
        assert (the_item(w).state, the_item(w).error) == (DONE, "")
        assert came_from(srv, since) == {OUTGOING}
    finally:
        close_window(qtbot, w)
    (server,) = saved_servers(config)
    assert server.get("proxy") == x.url()
