"""The mode panel's choices, through the window a person uses (found by QA, design note 176).

The diagnosis' "Use Active for this site" saves the mode in the saved site (the sites file) and reconnects —
it only reconnected, so the next connect to the site used passive and failed again; for a quick connection it
says "for this connection", as there is no site. The Mode box picked with nothing connected is the next
connection's mode — it was ignored (the preferences' passive was used) and flipped back unseen.

The server refuses EPSV and PASV (pyftpdlib, ``refuse``): passive cannot list, active can.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ftpgui.app import build_window
from ftpgui.ftp.options import MODES
from ftpgui.sites.passwords import SERVICE
from ftpgui.sites.store import Site, SiteStore
from ftpgui.ui.site_manager import SiteManagerDialog

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, fill_server, names, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui
LISTED = ["sub", "a.txt", "b.bin"]
DATA_VERBS = {"EPSV", "PASV", "EPRT", "PORT"}


@pytest.fixture
def config(config, memory_keyring):  # noqa: F811
    return config


@pytest.fixture
def no_passive(make_server):
    srv = make_server("127.0.0.1", refuse=("EPSV", "PASV"))
    fill_server(srv)
    return srv


def shown(qtbot):
    window = build_window()
    window.show()
    qtbot.waitExposed(window)
    return window


def log_text(window) -> str:
    return window.log.toPlainText()


def passive_failed_then_diagnosed(qtbot, window, srv) -> None:
    """The listing failed in passive mode; "Diagnose this server" (the panel's button) recommends Active."""
    qtbot.waitUntil(lambda: "EPSV" in srv.record.verbs() and not window.remote_browser.connection.busy, timeout=WAIT)
    assert window.remote.model.rowCount() == 0
    diagnosis = window.mode_panel.diagnosis
    qtbot.waitUntil(lambda: diagnosis.button.isEnabled(), timeout=WAIT)
    with qtbot.waitSignal(diagnosis.finished, timeout=60000) as done:
        qtbot.mouseClick(diagnosis.button, Qt.MouseButton.LeftButton)
    assert done.args[0].recommended == "active"
    assert diagnosis.use_button.isVisibleTo(window.mode_panel)


def save_lab(srv, keyring) -> None:
    """The saved site "Lab" (id ``lab``) for ``srv``, its mode the default, its password in the keyring."""
    store = SiteStore()
    store.load()
    store.add(Site(id="lab", name="Lab", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER))
    store.save()
    keyring.entries[(SERVICE, "lab")] = PASSWORD


def connect_site(qtbot, window, site_id: str) -> None:
    """Site ▸ Site Manager…, the site selected (its keyring calls answered), Connect."""
    window.act_site_manager.trigger()
    dialog = window.prompt
    assert isinstance(dialog, SiteManagerDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and all(c.finished for c in dialog.calls), timeout=WAIT)
    dialog.select("site", site_id)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


def test_use_active_for_this_site_saves_it_in_the_site_and_the_next_connect_uses_it(
    qtbot,
    config,
    no_passive,
    memory_keyring,  # noqa: F811
):
    srv = no_passive
    save_lab(srv, memory_keyring)
    window = shown(qtbot)
    try:
        connect_site(qtbot, window, "lab")
        passive_failed_then_diagnosed(qtbot, window, srv)
        use = window.mode_panel.diagnosis.use_button
        assert use.text() == "Use Active for this site"
        qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: names(window) == LISTED, timeout=WAIT)
        # the site keeps it: on disk, in the window's store, in the tab's site
        on_disk = SiteStore()
        on_disk.load()
        assert on_disk.get("lab").mode == "active"
        assert window.store.get("lab").mode == "active"
        assert window._site.mode == "active"
        assert "The site “Lab” now uses active mode." in log_text(window)
        assert "“Lab”" in use.toolTip()
        # the next connect to the site uses it, and lists at once
        window.disconnect_server()
        connect_site(qtbot, window, "lab")
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: names(window) == LISTED, timeout=WAIT)
        assert window.remote_browser.options.mode == "active"
        assert window.mode_panel.mode() == "active"
    finally:
        close_window(qtbot, window)


def test_a_quick_connection_is_offered_the_mode_for_this_connection_and_saves_no_site(qtbot, config, no_passive):
    srv = no_passive
    window = shown(qtbot)
    try:
        quick_connect(qtbot, window, srv)
        passive_failed_then_diagnosed(qtbot, window, srv)
        use = window.mode_panel.diagnosis.use_button
        assert use.text() == "Use Active for this connection"
        assert "site" not in use.text()
        qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: names(window) == LISTED, timeout=WAIT)
        assert window.remote_browser.options.mode == "active"
        assert window.store.sites() == []  # nothing saved anywhere: the words said "this connection"
        # the same server reached as a saved site: the words follow
        window.store.add(Site(id="s", name="Saved", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER))
        window.mode_panel.set_diagnose_target(srv.host, srv.port, USER, PASSWORD, None, window.store.get("s"))
        assert use.text() == "Use Active for this site"
    finally:
        close_window(qtbot, window)


def test_the_mode_picked_before_connecting_is_the_next_connections(qtbot, config, no_passive):
    srv = no_passive
    window = shown(qtbot)
    box = window.mode_panel.mode_box
    try:
        assert window.mode_panel.mode() == "passive"  # the preferences' mode: what the next connection uses
        box.setCurrentIndex(MODES.index("active"))  # (as the person's pick: the box's own signal)
        quick_connect(qtbot, window, srv)
        qtbot.waitUntil(lambda: bool(DATA_VERBS & set(srv.record.verbs())), timeout=WAIT)  # the first data connection
        assert "EPSV" not in srv.record.verbs()
        assert window.remote_browser.options.mode == "active"
        assert window.mode_panel.mode() == "active"  # not flipped back
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: names(window) == LISTED, timeout=WAIT)
        assert "The next connection will use active mode." in log_text(window)
        assert "Data connection mode: active, as chosen in the mode panel." in log_text(window)
        assert "EPSV" not in srv.record.verbs() and "PASV" not in srv.record.verbs()
        # Disconnect: the box says what the bar's server will use — the mode kept for it (note 342) — and a pick
        # does not dial the server left
        window.disconnect_server()
        assert window.mode_panel.mode() == "active"
        logins = srv.record.verbs().count("USER")
        box.setCurrentIndex(MODES.index("auto"))
        qtbot.wait(300)
        assert window.remote_browser.connection is None
        assert srv.record.verbs().count("USER") == logins
        # the pick is the next connection's: a reconnect to the same server, in auto mode
        quick_connect(qtbot, window, srv)
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: names(window) == LISTED, timeout=WAIT)
        assert window.remote_browser.options.mode == "auto" and window.mode_panel.mode() == "auto"
    finally:
        close_window(qtbot, window)


def test_the_diagnosis_offers_no_button_for_the_mode_the_connection_already_uses(qtbot, config, make_server):
    """Quick connect in Passive, "Diagnose this server": Recommended: Passive came with "Use Passive for this
    connection", which did nothing when clicked, the connection using Passive already (found by QA; design note
    260). Now words say so and no button is shown; switched to Active, the button is offered again."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    window = shown(qtbot)
    diagnosis = window.mode_panel.diagnosis
    try:
        quick_connect(qtbot, window, srv)
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: names(window) == LISTED, timeout=WAIT)
        assert window.remote_browser.options.mode == "passive"
        qtbot.waitUntil(lambda: diagnosis.button.isEnabled(), timeout=WAIT)
        with qtbot.waitSignal(diagnosis.finished, timeout=60000) as done:
            qtbot.mouseClick(diagnosis.button, Qt.MouseButton.LeftButton)
        assert done.args[0].recommended == "passive"
        assert not diagnosis.use_button.isVisibleTo(window.mode_panel)
        assert diagnosis.summary.text() == "Recommended: Passive. This connection already uses Passive mode."
        # in Active mode the same result offers to go back to Passive, and the button does it
        window.mode_panel.mode_box.setCurrentIndex(MODES.index("active"))
        qtbot.waitUntil(lambda: window.remote_browser.options.mode == "active", timeout=WAIT)
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: diagnosis.use_button.isVisibleTo(window.mode_panel), timeout=WAIT)
        assert diagnosis.summary.text() == "Recommended: Passive"
        qtbot.mouseClick(diagnosis.use_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.remote_browser.options.mode == "passive", timeout=WAIT)
        qtbot.waitUntil(lambda: not diagnosis.use_button.isVisibleTo(window.mode_panel), timeout=WAIT)
    finally:
        close_window(qtbot, window)


# --- the mode picked while connected is kept for the server (the panel's QA leftovers, design note 342) ------
def listed(qtbot, window) -> None:
    wait_listing(qtbot, window, "/")
    qtbot.waitUntil(lambda: names(window) == LISTED, timeout=WAIT)


def pick_while_connected(qtbot, window, mode: str) -> None:
    """The Mode box picked like a person (its own signal): the window reconnects in it, into the folder shown."""
    window.mode_panel.mode_box.setCurrentIndex(MODES.index(mode))
    qtbot.waitUntil(lambda: window.remote_browser.options.mode == mode, timeout=WAIT)
    listed(qtbot, window)


def data_verbs_since(srv, since: int) -> set:
    return DATA_VERBS & set(srv.record.verbs()[since:])


def test_the_mode_picked_while_connected_is_kept_for_that_server(qtbot, config, make_server):
    """QA: Active picked in the panel while connected; after Disconnect and a quick connect to the same server
    (or the Reconnect button) the connection went back to the preferences' passive. Now the server keeps the
    pick for the run — quick connect, Reconnect — and the note beside the box says where the mode comes from;
    another server still gets the default."""
    hang_up: dict = {}  # (filled in below: the server hangs up at the next NOOP)
    srv, other = make_server("127.0.0.1", hang_up=hang_up), make_server("127.0.0.1")
    fill_server(srv)
    fill_server(other)
    window = shown(qtbot)
    panel = window.mode_panel
    try:
        quick_connect(qtbot, window, srv)
        listed(qtbot, window)
        assert panel.mode() == "passive" and panel.mode_note.text() == "(the default)"
        pick_while_connected(qtbot, window, "active")
        picked = f"(picked for {USER}@127.0.0.1:{srv.port})"  # the server named (design note 429)
        assert panel.mode_note.note == picked
        assert "until ftpgui is closed" in panel.mode_note.toolTip()

        window.disconnect_server()  # the bar still names the server: its Connect uses the mode kept for it
        assert panel.mode() == "active"
        assert panel.mode_note.note == f"(next connection: picked for {USER}@127.0.0.1:{srv.port})"
        window.quick.port.setText(str(other.port))  # another server named: the default (a QA recheck: the note
        assert panel.mode() == "passive" and panel.mode_note.text() == "(next connection: the default)"  # said so
        window.quick.port.setText(str(srv.port))  # for the server the bar named, whose Connect went on in active)
        assert panel.mode() == "active"
        since = len(srv.record.verbs())
        quick_connect(qtbot, window, srv)
        listed(qtbot, window)
        assert window.remote_browser.options.mode == "active" and panel.mode() == "active"
        assert data_verbs_since(srv, since) <= {"EPRT", "PORT"} and data_verbs_since(srv, since)
        assert panel.mode_note.note == picked
        assert "Data connection mode: active, as picked for this server earlier in the mode panel." in log_text(window)

        # the server hangs up (at the keep-alive's NOOP); Reconnect comes back in the same mode
        hang_up["NOOP"] = 1
        window.conn_watch.set_interval(0.2)
        button = window.conn_status.reconnect_button
        qtbot.waitUntil(button.isVisible, timeout=WAIT)
        since = len(srv.record.verbs())
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "USER" in srv.record.verbs()[since:], timeout=WAIT)
        listed(qtbot, window)
        assert window.remote_browser.options.mode == "active" and panel.mode() == "active"
        assert data_verbs_since(srv, since) <= {"EPRT", "PORT"}

        # another server: the preferences' mode
        window.disconnect_server()
        quick_connect(qtbot, window, other)
        listed(qtbot, window)
        assert window.remote_browser.options.mode == "passive" and panel.mode_note.text() == "(the default)"
        assert data_verbs_since(other, 0) <= {"EPSV", "PASV"}
    finally:
        close_window(qtbot, window)


def test_the_mode_picked_while_connected_through_a_site_is_saved_in_the_site(
    qtbot,
    config,
    make_server,
    memory_keyring,  # noqa: F811
):
    """FileZilla keeps a site's transfer mode in the site: a pick while connected through it is saved there (the
    log says so, the Site Manager shows it, the next run has it), and the next connect to the site uses it."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    save_lab(srv, memory_keyring)
    window = shown(qtbot)
    panel = window.mode_panel
    try:
        connect_site(qtbot, window, "lab")
        listed(qtbot, window)
        assert panel.mode() == "passive" and panel.mode_note.text() == "(the default)"
        pick_while_connected(qtbot, window, "active")
        on_disk = SiteStore()
        on_disk.load()
        assert on_disk.get("lab").mode == "active" and window.store.get("lab").mode == "active"
        assert "The site “Lab” now uses active mode." in log_text(window)
        assert panel.mode_note.note == "(set in the site “Lab”)" and "(Site Manager)" in panel.mode_note.toolTip()

        window.disconnect_server()
        since = len(srv.record.verbs())
        connect_site(qtbot, window, "lab")
        listed(qtbot, window)
        assert window.remote_browser.options.mode == "active" and panel.mode() == "active"
        assert data_verbs_since(srv, since) <= {"EPRT", "PORT"} and data_verbs_since(srv, since)
        assert panel.mode_note.note == "(set in the site “Lab”)"
    finally:
        close_window(qtbot, window)
