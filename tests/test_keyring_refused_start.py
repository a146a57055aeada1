"""A keyring the app refuses (keyrings.alt's plain-text file), found when the restored queue needs a saved site's
password at start: said once, in plain words, as what it means — passwords are asked for, not kept — never as a
red "could not be read" error for every site at every start (design note 305). The real window, the
real keyrings.alt backend, pyftpdlib."""

from __future__ import annotations

import keyring
import pytest
from test_queue_servers_gui import open_window, queue_prompt

from ftpgui import paths
from ftpgui.sites.store import Site, SiteStore
from ftpgui.transfers.items import TransferItem
from ftpgui.transfers.servers import Server

from ftpserver import USER
from guihelpers import WAIT, close_window
from memkeyring import memory_keyring  # noqa: F401 (fixture: the keyring in use restored after the test)

pytestmark = pytest.mark.gui

REFUSED = (
    "Passwords cannot be saved: keyrings.alt.file.PlaintextKeyring keeps passwords in a plain-text file. You will "
    "be asked for them when you connect, and can have them remembered until ftpgui closes."
)


@pytest.fixture
def plaintext(memory_keyring):  # noqa: F811 (it restores the keyring set before)
    from keyrings.alt.file import PlaintextKeyring

    keyring.set_keyring(PlaintextKeyring())


def queued_for(config, tmp_path, sites, srv) -> None:
    """``queue.json`` as ftpgui leaves it with an upload to each of ``sites`` (saved sites on ``srv``) queued."""
    servers, items = {}, []
    for site in sites:
        server = Server(srv.host, srv.port, USER, site_id=site.id, name=site.name)
        servers[server.key] = server.to_json()
        local = tmp_path / f"{site.name}.txt"
        local.write_bytes(b"x")
        items.append(TransferItem("upload", str(local), f"/{site.name}.txt", is_dir=None, server=server.key).to_json())
    config.mkdir(exist_ok=True)
    paths.atomic_write_json(str(config / "queue.json"), {"version": 2, "servers": servers, "items": items})


@pytest.mark.usefixtures("plaintext")
def test_a_refused_keyring_is_said_once_in_words_not_as_an_error_for_each_site(qtbot, config, make_server, tmp_path):
    srv = make_server("127.0.0.1")
    store = SiteStore(str(config / "sites.json"))
    sites = [
        Site(id="p" * 32, name="Py", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER),
        Site(id="q" * 32, name="Pure", protocol="ftp-plain", host=srv.host, port=srv.port + 1, user=USER),
    ]
    for site in sites:
        store.add(site)
    store.save()
    queued_for(config, tmp_path, sites, srv)
    w = open_window(qtbot, store)
    try:
        qtbot.waitUntil(lambda: queue_prompt(w) is not None, timeout=WAIT)  # (the password asked instead)
        qtbot.waitUntil(lambda: REFUSED in w.log.toPlainText(), timeout=WAIT)
        assert not [text for kind, text, *_ in w.log.lines if kind == "error"]
        assert w.log.toPlainText().count(REFUSED) == 1  # (two sites: said once)
        assert "could not be read" not in w.log.toPlainText()
    finally:
        close_window(qtbot, w)
