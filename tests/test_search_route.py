# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""The search's own connection goes the way the tab's does (design note 213): the tab connected again to the same
address through a proxy, the next search connects through it too. A real pyftpdlib server, a real SOCKS5 proxy
(microsocks, going out from an address of its own), the real window and its search dialog."""

from __future__ import annotations

import dataclasses

import pytest
from test_proxy import proxies  # noqa: F401 (fixture)
from test_search_gui import found, open_search

from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from proxies import OUTGOING

pytestmark = pytest.mark.gui


def test_a_search_after_the_tab_reconnected_through_a_proxy_goes_through_it(
    qtbot, config, make_server, proxies, memory_keyring
):
    """Before, the search kept its connection while the endpoint was the same, whatever the proxy: after the tab
    connected again through a proxy, the search went on straight to the address — maybe another machine."""
    srv = make_server("127.0.0.1")
    with open(srv.path("found.txt"), "wb") as f:
        f.write(b"x")
    socks = proxies("microsocks")
    w = open_window(qtbot)
    try:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        dialog = open_search(w, "/")
        dialog.search_button.click()
        qtbot.waitUntil(lambda: not dialog.running and found(dialog) == ["/found.txt"], timeout=WAIT)
        first = dialog.conn
        with srv.record.lock:
            assert {c[0] for _s, c in srv.record.control} == {"127.0.0.1"}

        w.apply_preferences(dataclasses.replace(w.prefs, proxy=socks.url()))
        quick_connect(qtbot, w, srv)  # the same address, user and password: through the proxy now
        qtbot.waitUntil(lambda: w.remote_browser.options.proxy is not None, timeout=WAIT)
        wait_listing(qtbot, w, "/")
        with srv.record.lock:
            since = len(srv.record.control), len(srv.record.data)
        dialog.results.clear()
        dialog.search_button.click()
        qtbot.waitUntil(lambda: not dialog.running and found(dialog) == ["/found.txt"], timeout=WAIT)
        assert dialog.conn is not first
        with srv.record.lock:
            control = {c[0] for _s, c in srv.record.control[since[0] :]}
            data = {c[0] for _s, c in srv.record.data[since[1] :]}
        assert control == data == {OUTGOING}  # the search's session and its listings, through the proxy
    finally:
        close_window(qtbot, w)
