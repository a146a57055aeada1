"""A FileZilla site with synchronized browsing (``<SyncBrowsing>1</SyncBrowsing>`` beside its ``<LocalDir>`` and
``<RemoteDir>``) imported into the window's Site Manager: the site keeps it (its option in the config file, the
Transfer settings tab's check box), and connecting to it pairs the two folders (design note 283; QA found the
setting dropped on import)."""

from __future__ import annotations

import base64
import os

import pytest
from PySide6.QtCore import Qt
from test_site_manager_window import site_manager, store  # noqa: F401 (a fixture: the config in tmp_path)

from ftpgui import paths
from ftpgui.sites.filezilla import read_sitemanager
from ftpgui.sites.store import FILE_NAME, Site
from ftpgui.ui.main_window import MainWindow

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui


def filezilla_site(name: str, host: str, port: int, local_dir: str, remote_dir: str, sync: str) -> str:
    """One ``<Server>`` as FileZilla 3.6x writes it (``Site::Save``: the folders, then SyncBrowsing and
    DirectoryComparison, always both)."""
    local = f"<LocalDir>{local_dir}</LocalDir>" if local_dir else ""
    remote = f"<RemoteDir>{remote_dir}</RemoteDir>" if remote_dir else ""
    password = base64.b64encode(PASSWORD.encode()).decode()
    return (
        f"<Server><Host>{host}</Host><Port>{port}</Port><Protocol>6</Protocol><Type>0</Type>"
        f'<User>{USER}</User><Pass encoding="base64">{password}</Pass><Logontype>1</Logontype>'
        "<PasvMode>MODE_DEFAULT</PasvMode><MaximumMultipleConnections>0</MaximumMultipleConnections>"
        "<EncodingType>Auto</EncodingType><BypassProxy>0</BypassProxy>"
        f"<Name>{name}</Name>{local}{remote}<SyncBrowsing>{sync}</SyncBrowsing>"
        "<DirectoryComparison>0</DirectoryComparison></Server>"
    )


def sitemanager_xml(*servers: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.66.4" platform="*nix">'
        "<Servers>" + "".join(servers) + "</Servers></FileZilla3>\n"
    ).encode()


def test_the_import_reads_syncbrowsing_only_with_both_folders():
    result = read_sitemanager(
        sitemanager_xml(
            filezilla_site("Paired", "h", 21, "/home/me/site", "1 0 3 www", "1"),
            filezilla_site("Off", "h", 21, "/home/me/site", "1 0 3 www", "0"),
            filezilla_site("No local", "h", 21, "", "1 0 3 www", "1"),  # FileZilla ignores it too
        )
    )
    sites = {i.site.name: i.site for i in result.sites}
    assert sites["Paired"].sync_browsing and sites["Paired"].browses_synchronized
    assert not sites["Off"].sync_browsing and not sites["No local"].sync_browsing
    # kept in the sites file, read back; a wrong type refused in words
    assert Site.from_json(sites["Paired"].to_json()).sync_browsing is True
    assert Site.from_json({"name": "x"}).sync_browsing is False
    with pytest.raises(ValueError, match="true or false"):
        Site.from_json({"name": "x", "sync_browsing": 1})


def test_connecting_to_an_imported_site_pairs_its_folders(qtbot, store, tmp_path, make_server):  # noqa: F811
    srv = make_server("127.0.0.1")
    local = tmp_path / "local site"
    for base in (srv.path(), str(local)):
        os.makedirs(os.path.join(base, "www", "a") if base == srv.path() else os.path.join(base, "a"))
    xml = tmp_path / "sitemanager.xml"
    xml.write_bytes(
        sitemanager_xml(
            filezilla_site("Paired", srv.host, srv.port, str(local), "1 0 3 www", "1"),
            filezilla_site("Unpaired", srv.host, srv.port, str(local), "1 0 3 www", "0"),
        )
    )
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    try:
        dialog = site_manager(qtbot, window)
        dialog.import_filezilla(str(xml))
        qtbot.waitUntil(lambda: len(dialog.working.sites()) == 2 and all(c.finished for c in dialog.calls))
        by_name = {s.name: s for s in dialog.working.sites()}
        dialog.select("site", by_name["Unpaired"].id)
        assert not dialog.sync_browsing.isChecked() and dialog.sync_browsing.isEnabled()
        dialog.select("site", by_name["Paired"].id)
        assert dialog.sync_browsing.isChecked() and dialog.sync_browsing.isEnabled()
        assert dialog.sync_browsing.text() == "Use synchroni&zed browsing"
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)  # saves the sites, then connects
        sync = window.sync_browsing
        qtbot.waitUntil(
            lambda: window.remote.path == "/www" and sync.enabled and not window.remote_browser.connection.busy,
            timeout=WAIT,
        )
        assert (sync.local_root, sync.remote_root) == (str(local), "/www")
        assert window.local.path == str(local) and sync.action.isChecked()
        assert f"Synchronized browsing: {local} and /www move together." in window.log.toPlainText()
        window.navigate("/www/a")  # the pairing follows
        qtbot.waitUntil(lambda: window.local.path == str(local / "a"), timeout=WAIT)
        saved = paths.read_json(os.path.join(paths.config_dir(), FILE_NAME))
        assert {s["name"]: s["sync_browsing"] for s in saved["sites"]} == {"Paired": True, "Unpaired": False}
    finally:
        close_window(qtbot, window)
