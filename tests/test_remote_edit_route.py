# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""An edited file goes back the way it came (design note 207): two sites to one address, one through a real
SOCKS5 proxy (microsocks) or over TLS, are two servers for Edit — each tab's edit is its own, each save goes
through its own tab's connection, and none through the other when its own is gone. The real window, a real pyftpdlib
server, test_remote_edit's editor (it appends a line to the copy)."""

from __future__ import annotations

import dataclasses

import pytest
import test_remote_edit
from test_proxy import proxies  # noqa: F401 (fixture)
from test_remote_edit import content, idle, quit_window, select

from ftpgui.sites.store import Site

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, fill_server, filled_server, open_window, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from proxies import OUTGOING

pytestmark = pytest.mark.gui
editor = test_remote_edit.editor  # (a fixture)


def connect_site(qtbot, w, site: Site) -> None:
    w.connect_site(site, PASSWORD)
    wait_listing(qtbot, w, "/")


def came_from(srv, since: int) -> set:
    """The addresses the server's data connections came from, after the first ``since`` of them."""
    with srv.record.lock:
        return {client[0] for _server, client in srv.record.data[since:]}


@pytest.mark.parametrize("way", ["proxy", "tls"])
def test_two_sites_to_one_address_each_edit_goes_back_its_own_way(
    qtbot, config, make_server, proxies, memory_keyring, certs, monkeypatch, editor, way
):
    """Edits knew a server by ``user@host:port`` alone: a.txt opened in the other site's tab (through a proxy,
    or over TLS) after the plain tab had it open was the plain tab's copy again, its save sent by the plain
    tab's connection — straight from this computer, not through the proxy; in clear text, not TLS — and with
    that tab disconnected a save went out through the plain one. Now each tab's edit is its own, each save
    goes its own way, and one whose way is gone is not uploaded, said."""
    plain = dict(protocol="ftp-plain", user=USER)
    other = Site(id="o" * 32, name="The other way", **plain)
    if way == "proxy":
        srv = filled_server(make_server)
        socks = proxies("microsocks")
        other.proxy = socks.url()
        server = f"{USER}@127.0.0.1:{srv.port} through the proxy socks5://127.0.0.1:{socks.port}"
    else:
        monkeypatch.setenv("SSL_CERT_FILE", certs.ca_file)  # (the test CA as the system's)
        srv = make_server("127.0.0.1", tls_cert=certs.good)  # (AUTH TLS offered, plain FTP taken too)
        fill_server(srv)
        other.protocol = "ftpes"
        server = f"{USER}@127.0.0.1:{srv.port}"
    other.host, other.port = srv.host, srv.port
    w = open_window(qtbot)
    try:
        w.apply_preferences(dataclasses.replace(w.prefs, editor_command=editor[0], upload_edited_without_asking=True))
        connect_site(qtbot, w, other)
        other_tab = w.current_tab
        w.new_tab()
        connect_site(qtbot, w, Site(id="p" * 32, name="Plain", host=srv.host, port=srv.port, **plain))
        plain_tab = w.current_tab
        addresses = ("127.0.0.1", OUTGOING if way == "proxy" else "127.0.0.1")  # (TLS: both from here)
        for times, tab, address in ((1, plain_tab, addresses[0]), (2, other_tab, addresses[1])):
            w.tab_bar.setCurrentIndex(w.tabs.index(tab))
            select(w, "a.txt")
            since = len(srv.record.data)
            w.remote_edit.act_edit.trigger()
            qtbot.waitUntil(lambda n=times: content(srv, "a.txt").count(b"edited line\n") == n, timeout=WAIT)
            idle(qtbot, w)
            assert came_from(srv, since) == {address}, tab.title()  # (its download, LIST, STOR, …)
        assert [e.tab for e in w.remote_edit.edited.values()] == [plain_tab, other_tab]
        assert other_tab.remote_browser.options.tls == ("require" if way == "tls" else "off")
        assert content(srv, "a.txt") == b"a" * 10 + b"edited line\n" * 2

        # the other tab disconnected: a save of its copy goes nowhere, said, though the plain tab is there
        w.tab_bar.setCurrentIndex(w.tabs.index(other_tab))
        w.disconnect_server()
        qtbot.waitUntil(lambda: not other_tab.remote_browser.connected, timeout=WAIT)
        through = next(e for e in w.remote_edit.edited.values() if e.tab is other_tab)
        with open(through.local, "ab") as f:
            f.write(b"saved by hand\n")
        said = f"/a.txt was not uploaded: connect to {server} again, then save it once more."
        qtbot.waitUntil(lambda: any(said == text for tab in w.tabs for _kind, text in tab.log.lines), timeout=WAIT)
        assert not through.busy and through.changed  # (nothing of it runs: the next save asks again)
        assert content(srv, "a.txt") == b"a" * 10 + b"edited line\n" * 2
    finally:
        quit_window(qtbot, w)
