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
from ftpgui.ftp.options import MODES
from ftpgui.sites.filezilla import read_sitemanager
from ftpgui.sites.store import FILE_NAME, Site
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.sync_browse import counterpart

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


def paired_site_connected(qtbot, store, tmp_path, srv):  # noqa: F811
    """A site with LocalDir ``loc``, RemoteDir ``/`` and synchronized browsing, connected; then ``sub`` entered
    in the local pane (the remote follows to /sub): the window, and the local ``loc`` folder."""
    local = tmp_path / "loc"
    (local / "sub" / "deeper").mkdir(parents=True)
    os.makedirs(srv.path("sub", "deeper"))
    site = Site(
        id="paired",
        name="Paired",
        protocol="ftp-plain",
        host=srv.host,
        port=srv.port,
        user=USER,
        local_dir=str(local),
        remote_dir="/",
    )
    site.sync_browsing = True
    store.add(site)
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.connect_site(site, PASSWORD)
    sync = window.sync_browsing
    qtbot.waitUntil(lambda: sync.enabled and not window.remote_browser.connection.busy, timeout=WAIT)
    assert (sync.local_root, sync.remote_root, window.remote.path) == (str(local), "/", "/")
    window.local.set_path(str(local / "sub"))  # as a double click on it
    qtbot.waitUntil(lambda: window.remote.path == "/sub" and not window.remote_browser.connection.busy, timeout=WAIT)
    assert sync.in_step() and counterpart(str(local / "sub"), sync.local_root, sync.remote_root)[0] == "/sub"
    return window, local


def assert_still_paired(qtbot, window, local, log_before: str) -> None:
    """After the reconnect: the pair the person had (loc/sub with /sub), said so, and nothing asked."""
    sync = window.sync_browsing
    assert window.remote.path == "/sub" and window.local.path == str(local / "sub")
    assert sync.enabled and sync.in_step()  # loc/sub with /sub, as before
    assert counterpart(str(local / "sub"), sync.local_root, sync.remote_root)[0] == "/sub"
    said = window.log.toPlainText()[len(log_before) :]
    assert f"Synchronized browsing: {local} and /sub" not in said  # the wrong pair of the QA report
    window.local.set_path(str(local / "sub" / "deeper"))  # a double click on its folder: the remote follows
    qtbot.waitUntil(lambda: window.remote.path == "/sub/deeper" or window.prompt is not None, timeout=WAIT)
    assert window.prompt is None  # no "… does not exist: create it?"


def test_a_mode_change_keeps_the_pair_the_person_had(qtbot, store, tmp_path, make_server):  # noqa: F811
    """QA (design note 328): a paired site, ``sub`` entered, then the mode changed in the mode panel (a
    reconnect): the local pane went back to the site's folder while the remote stayed in /sub — a wrong pair."""
    srv = make_server("127.0.0.1")
    window, local = paired_site_connected(qtbot, store, tmp_path, srv)
    try:
        before = window.log.toPlainText()
        mode = window.remote_browser.options.mode
        other = "active" if mode == "passive" else "passive"
        window.mode_panel.mode_box.setCurrentIndex(MODES.index(other))  # the box's own signal: a reconnect
        qtbot.waitUntil(
            lambda: (
                window.remote_browser.options.mode == other
                and window.remote.path == "/sub"
                and window.logged_in
                and not window.remote_browser.connection.busy
                and window.sync_browsing.enabled
            ),
            timeout=WAIT,
        )
        assert_still_paired(qtbot, window, local, before)
        said = f"Synchronized browsing: {local} and / move together."  # (the pair's roots: the site's folders)
        assert said in window.log.toPlainText()[len(before) :]
    finally:
        close_window(qtbot, window)


def test_reconnect_after_a_lost_connection_keeps_the_pair(qtbot, store, tmp_path, make_server):  # noqa: F811
    """The same after a connection lost (the server hung up) and the status bar's Reconnect (design note 328)."""
    hang_up: dict = {}
    srv = make_server("127.0.0.1", hang_up=hang_up)
    window, local = paired_site_connected(qtbot, store, tmp_path, srv)
    try:
        before = window.log.toPlainText()
        logins = srv.record.verbs().count("USER")
        hang_up["MLSD"] = 1  # (read as commands come) the next listing: the server closes the connection
        window.navigate("/sub", refresh=True)  # as View ▸ Refresh
        reconnect = window.conn_status.reconnect_button
        # the loss is seen on the control connection or the data connection first, as the two closes race: a
        # control connection the server closed is dialled again at once and the listing tried once more (the
        # browser's retry of an idle server's close), else the status bar offers Reconnect — the pair kept either way
        qtbot.waitUntil(lambda: reconnect.isVisible() or srv.record.verbs().count("USER") > logins, timeout=WAIT)
        if reconnect.isVisible():
            assert window.state_label.text() == "Connection lost"
            reconnect.click()
        qtbot.waitUntil(
            lambda: (
                window.state_label.text().startswith("Connected")
                and window.remote.path == "/sub"
                and not window.remote_browser.connection.busy
            ),
            timeout=WAIT,
        )
        assert_still_paired(qtbot, window, local, before)
    finally:
        close_window(qtbot, window)
