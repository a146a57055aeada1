"""Nothing stale in the main window (issue 19 item 3), the FTP keep-alive (issue 20 item 6) and the offer
to diagnose after a data-connection failure (issue 21 item 5) — the real window against pyftpdlib."""

from __future__ import annotations

import dataclasses
import os
import threading

import pytest

from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.main_window import MainWindow

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, fill_server, filled_server, names, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from scripted import ScriptedServer, silent_at_quit

pytestmark = [pytest.mark.gui, pytest.mark.timeout(120)]


@pytest.fixture
def window(qtbot, config, make_server):  # servers outlive the window
    w = open_window(qtbot)
    yield w
    close_window(qtbot, w)


def plain_options(w: MainWindow, **changes):
    return dataclasses.replace(w.session_defaults(), tls="off", **changes)


def connect(qtbot, w: MainWindow, srv, **changes) -> None:
    """Connect as a saved site or the practice server does (not through the bar), and wait for the list."""
    w.connect_to(Endpoint(srv.host, srv.port, USER, PASSWORD), plain_options(w, **changes), "A site")
    wait_listing(qtbot, w, "/")


def state(w: MainWindow) -> str:
    return w.state_label.text()


def log_text(w: MainWindow) -> str:
    return w.log.toPlainText()


# --- issue 19 item 3: nothing stale ------------------------------------------------------------------
def test_a_dead_server_shows_connection_lost_and_reconnect_works(qtbot, window, make_server):
    w = window
    srv = filled_server(make_server)
    connect(qtbot, w, srv)
    assert state(w).startswith("Connected")
    port = srv.port
    srv.stop()  # the server dies; nobody touches the window
    qtbot.waitUntil(lambda: state(w) == "Connection lost", timeout=WAIT)
    assert w.conn_status.reconnect_button.isVisible()
    again = make_server("127.0.0.1", port=port)  # back on the same port
    fill_server(again)
    with open(again.path("new.txt"), "wb") as f:
        f.write(b"n")
    w.conn_status.reconnect_button.click()
    qtbot.waitUntil(lambda: "new.txt" in names(w), timeout=WAIT)
    qtbot.waitUntil(lambda: state(w).startswith("Connected"), timeout=WAIT)
    assert not w.conn_status.reconnect_button.isVisible()


def test_the_title_names_no_server_after_a_failed_connect_or_a_disconnect(qtbot, window, make_server):
    w = window
    srv = filled_server(make_server)
    connect(qtbot, w, srv)
    assert "A site" in w.windowTitle()
    w.disconnect_server()
    assert w.windowTitle() == "ftpgui"
    port = srv.port
    srv.stop()
    w.connect_to(Endpoint("127.0.0.1", port, USER, PASSWORD), plain_options(w), "Gone")
    qtbot.waitUntil(lambda: state(w) == "Not connected", timeout=WAIT)
    assert w.windowTitle() == "ftpgui"


def test_the_quick_connect_bar_shows_the_connection_in_use(qtbot, window, make_server):
    w = window
    first, second = filled_server(make_server), make_server("127.0.0.1")
    quick_connect(qtbot, w, first)
    wait_listing(qtbot, w, "/")
    assert w.quick.password.text() == PASSWORD  # the bar's own connection keeps what was typed
    connect(qtbot, w, second)  # a site
    assert w.quick.host.text() == second.host
    assert w.quick.port.text() == str(second.port)
    assert w.quick.user.text() == USER
    assert w.quick.password.text() == ""  # never another server's password, never the site's


def test_an_old_diagnosis_is_cleared_when_the_server_changes(qtbot, window, make_server):
    w = window
    first, second = filled_server(make_server), make_server("127.0.0.1")
    connect(qtbot, w, first)
    bar = w.mode_panel.diagnosis
    w.diagnose_server()
    qtbot.waitUntil(lambda: bar.result is not None, timeout=WAIT * 3)
    assert bar.summary.text()
    assert any(label.isVisibleTo(bar) for label in bar.lines.values())
    connect(qtbot, w, second)
    assert bar.result is None
    assert bar.summary.text() == ""
    assert not any(label.isVisibleTo(bar) for label in bar.lines.values())
    assert not bar.exports.isVisibleTo(bar)


def test_no_server_is_diagnosed_after_a_disconnect_or_a_refused_login(qtbot, window, make_server):
    """Found by hand: after Disconnect, "Diagnose this server" still logged in to the server left (two more
    logins, with the password kept), and after a wrong password it would have tried that password twice more
    (an account locked by failed logins). A server that cannot be reached stays the target: that is when a
    diagnosis says why."""
    w = window
    srv = filled_server(make_server)
    connect(qtbot, w, srv)
    bar = w.mode_panel.diagnosis
    w.diagnose_server()
    qtbot.waitUntil(lambda: bar.result is not None, timeout=WAIT * 3)
    logins = srv.record.verbs().count("PASS")
    w.disconnect_server()
    assert bar.target is None and bar.result is None
    w.diagnose_server()
    assert "Not connected" in log_text(w)
    assert srv.record.verbs().count("PASS") == logins  # nobody logged in again

    quick_connect(qtbot, w, srv, password="wrong")
    qtbot.waitUntil(lambda: "530" in log_text(w), timeout=WAIT)
    qtbot.waitUntil(lambda: state(w) == "Not connected", timeout=WAIT)
    assert bar.target is None

    port = srv.port
    srv.stop()
    w.connect_to(Endpoint("127.0.0.1", port, USER, PASSWORD), plain_options(w), "Gone")
    qtbot.waitUntil(lambda: state(w) == "Not connected", timeout=WAIT)
    assert bar.target is not None and bar.target.port == port  # unreachable: still diagnosable


def test_disconnect_closes_the_queues_idle_connections_to_the_server(qtbot, window, make_server, tmp_path):
    """Found by hand: after a download and Disconnect, the queue's transfer connection stayed logged in (the
    window said "Not connected"; the server kept a session until its idle timeout)."""
    w = window
    srv = filled_server(make_server)
    connect(qtbot, w, srv)
    local = tmp_path / "local"
    local.mkdir()
    w.request_download([("/b.bin", False, 5000)], str(local))
    qtbot.waitUntil(lambda: (local / "b.bin").exists(), timeout=WAIT)
    qtbot.waitUntil(lambda: srv.record.open_sessions == 2, timeout=WAIT)  # browsing and one transfer connection
    w.disconnect_server()
    qtbot.waitUntil(lambda: srv.record.open_sessions == 0, timeout=WAIT)
    assert w.queue.connections() == []


# --- issue 20 item 6: keep-alive ----------------------------------------------------------------------
def test_keepalive_sends_noop_while_idle_and_stops_when_disconnected(qtbot, window, make_server):
    w = window
    srv = filled_server(make_server)
    w.conn_watch.set_interval(0.3)
    connect(qtbot, w, srv)
    qtbot.waitUntil(lambda: srv.record.verbs().count("NOOP") >= 3, timeout=WAIT)
    assert state(w).startswith("Connected")
    w.disconnect_server()
    qtbot.waitUntil(lambda: "QUIT" in srv.record.verbs(), timeout=WAIT)
    sent = srv.record.verbs().count("NOOP")
    qtbot.wait(1500)
    assert srv.record.verbs().count("NOOP") == sent


def test_keepalive_interval_is_a_preference(qtbot, window, config):
    from ftpgui import settings

    w = window
    prefs = dataclasses.replace(w.prefs, keepalive_seconds=0)
    w.apply_preferences(prefs)
    assert w.conn_watch.interval == 0
    assert settings.load().keepalive_seconds == 0
    with pytest.raises(settings.PreferencesError):
        dataclasses.replace(prefs, keepalive_seconds=-1).validate()


def test_a_server_that_drops_idle_clients_shows_lost_then_a_refresh_reconnects(qtbot, window, make_server):
    w = window
    srv = make_server("127.0.0.1", idle_timeout=1.0)
    fill_server(srv)
    w.conn_watch.set_interval(0)  # no NOOP: let the server's idle limit strike
    connect(qtbot, w, srv)
    qtbot.waitUntil(lambda: state(w) == "Connection lost", timeout=WAIT)
    assert "421" in log_text(w)
    before = len(srv.record.control)
    with open(srv.path("later.txt"), "wb") as f:
        f.write(b"l")
    w.set_active_side("remote")
    w.act_refresh.trigger()
    qtbot.waitUntil(lambda: "later.txt" in names(w), timeout=WAIT)
    assert len(srv.record.control) == before + 1
    qtbot.waitUntil(lambda: state(w).startswith("Connected"), timeout=WAIT)


def test_keepalive_keeps_a_server_with_an_idle_limit_connected(qtbot, window, make_server):
    w = window
    srv = make_server("127.0.0.1", idle_timeout=1.5)
    fill_server(srv)
    w.conn_watch.set_interval(0.4)
    connect(qtbot, w, srv)
    qtbot.wait(3500)  # over twice the server's limit
    assert state(w).startswith("Connected")
    assert len(srv.record.control) == 1


# --- issue 21 item 5: offered when it matters ---------------------------------------------------------
def test_a_data_connection_failure_offers_diagnose_this_server(qtbot, window, make_server):
    w = window
    srv = make_server("127.0.0.1", refuse=("EPSV", "PASV"))
    fill_server(srv)
    w.connect_to(Endpoint(srv.host, srv.port, USER, PASSWORD), plain_options(w, mode="passive"), "A site")
    button = w.conn_status.diagnose_button
    qtbot.waitUntil(button.isVisible, timeout=WAIT)
    assert "Diagnose this server" in log_text(w)
    assert "Diagnose this server" in w.statusBar().currentMessage()
    button.click()
    bar = w.mode_panel.diagnosis
    qtbot.waitUntil(lambda: bar.result is not None, timeout=WAIT * 3)
    assert not bar.result.modes["passive"].ok


def test_an_auto_mode_fallback_says_why_and_links_to_the_panel(qtbot, window, make_server):
    w = window
    srv = make_server("127.0.0.1", refuse=("EPSV", "PASV"))
    fill_server(srv)
    connect(qtbot, w, srv, mode="auto")  # the listing comes, in active mode
    qtbot.waitUntil(lambda: "Auto mode switched from" in log_text(w), timeout=WAIT)
    assert w.conn_status.diagnose_button.isVisible()
    w.conn_status.diagnose_button.click()
    qtbot.waitUntil(lambda: w.mode_panel.diagnosis.result is not None, timeout=WAIT * 3)


def test_a_downloads_temporary_file_grows_in_the_local_pane(qtbot, window, make_server, tmp_path):
    from ftpgui.ftp.localpath import part_name
    from ftpgui.ui.local_pane import LOCAL_COL_SIZE

    w = window
    srv = make_server("127.0.0.1", throttle=512 * 1024)
    size = 3 << 20
    with open(srv.path("big.bin"), "wb") as f:
        f.write(b"x" * size)
    connect(qtbot, w, srv)
    target = tmp_path / "down"
    target.mkdir()
    w.local.set_path(str(target))
    part = part_name(str(target / "big.bin"))
    shown = []  # the size column's text each time the view is told the part file's row changed

    def changed(top, bottom, _roles=()):
        proxy = w.local.list_proxy
        for row in range(top.row(), bottom.row() + 1):
            index = proxy.index(row, 0, top.parent())
            if w.local.path_of(index) == part and top.column() <= LOCAL_COL_SIZE <= bottom.column():
                shown.append(proxy.index(row, LOCAL_COL_SIZE, top.parent()).data())

    w.local.list_proxy.dataChanged.connect(changed)
    w.request_download([("/big.bin", False, size)], str(target))
    qtbot.waitUntil(lambda: len({s for s in shown if s and not s.startswith("0")}) >= 2, timeout=WAIT)
    assert os.path.exists(part)  # still downloading: the sizes were shown while it grew
    qtbot.waitUntil(lambda: (target / "big.bin").exists(), timeout=WAIT * 2)


def test_a_wrong_password_typed_in_the_bar_ends_the_connection(qtbot, window, make_server):
    """Quick connect with a wrong password: the window said "Not connected" while the connection stayed open,
    logged in as nobody, counted by the server against its per-address limit until its idle timeout (found
    by hand against pure-ftpd). Now the session says QUIT, the mode panel shows it closed, and the right
    password then connects on a fresh connection."""
    w = window
    srv = filled_server(make_server)
    quick_connect(qtbot, w, srv, password="wrong")
    # (the log's line and the failure come over separate signals: the state may follow the 530 a moment later)
    qtbot.waitUntil(lambda: "530" in log_text(w) and state(w) == "Not connected", timeout=WAIT)
    qtbot.waitUntil(lambda: srv.record.open_sessions == 0, timeout=WAIT)
    assert srv.record.verbs()[-2:] == ["PASS", "QUIT"], srv.record.verbs()
    panel = w.mode_panel
    qtbot.waitUntil(lambda: "(closed" in panel.connection_box.currentText(), timeout=WAIT)  # ("(closed 14:02:31)")
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    assert state(w).startswith("Connected") and srv.record.open_sessions == 1


def test_the_window_says_logging_in_not_connected_while_the_password_is_checked(qtbot, window, make_server):
    """pure-ftpd answers a wrong password seconds late: the window said "Connected to …" all that while, then
    "Not connected". Until the login is through it says it is logging in; once through, connected."""
    held = threading.Event()

    def script(conv) -> None:
        conv.reply("220 slow to judge passwords")
        conv.expect("USER")
        conv.reply("331 Password required")
        conv.expect("PASS")
        held.wait(30)
        conv.reply("530 Login incorrect")
        conv.expect("QUIT")

    w = window
    with ScriptedServer(script) as srv:
        w.connect_to(Endpoint("127.0.0.1", srv.port, USER, "wrong"), plain_options(w), "A site")
        qtbot.waitUntil(lambda: bool(srv.conversations) and "PASS wrong" in srv.conversations[0].commands, timeout=WAIT)
        qtbot.waitUntil(lambda: state(w) != f"Connecting to 127.0.0.1:{srv.port}…", timeout=WAIT)
        assert state(w) == f"Logging in to 127.0.0.1:{srv.port}…"
        held.set()
        qtbot.waitUntil(lambda: state(w) == "Not connected", timeout=WAIT)
    good = filled_server(make_server)
    connect(qtbot, w, good)
    assert state(w) == f"Connected to {good.host}:{good.port}"


def test_a_connect_waiting_for_an_answer_or_refused_is_not_retried_by_the_liveness_check(qtbot, window, make_server):
    """The liveness check runs jobs on the browsing connection, and a job on a connection that never logged
    in connects again: while the plain-FTP question was open (and after a wrong password) the window dialled
    the server once a second, a new login each time. Only a logged-in connection is checked."""
    from ftpgui.ui.dialogs import PlainFtpDialog

    w = window
    w.conn_watch.poll = 0.05
    w.conn_watch.set_interval(0.05)  # checks twenty times a second: any retry shows within the wait below
    srv = filled_server(make_server)
    quick_connect(qtbot, w, srv, plain=False)  # "TLS if available" on a server without TLS: a question
    qtbot.waitUntil(lambda: isinstance(w.prompt, PlainFtpDialog) and w.prompt.isVisible(), timeout=WAIT)
    qtbot.wait(1000)
    assert srv.record.verbs().count("FEAT") == 1, srv.record.verbs()
    assert state(w) == "Not connected"
    w.prompt.reject()
    # a wrong password: one USER/PASS, not one a second (a server counting failed logins would lock us out)
    w.connect_to(Endpoint(srv.host, srv.port, USER, "wrong"), plain_options(w), "A site")
    qtbot.waitUntil(lambda: "530" in log_text(w), timeout=WAIT)
    qtbot.wait(1000)
    assert srv.record.verbs().count("PASS") == 1, srv.record.verbs()


def test_disconnect_from_a_server_that_never_answers_quit_ends_the_connection_as_quit(qtbot, window):
    """Found by QA: the browsing connection's QUIT (on its own thread) waited the whole timeout for a 221 that
    never came, and then ended as a timeout. It waits a moment (``QUIT_WAIT``) and ends as "quit"."""
    w = window
    with ScriptedServer(silent_at_quit) as srv:
        w.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), plain_options(w), "A site")
        wait_listing(qtbot, w, "/")
        assert names(w) == ["f.txt"]
        w.disconnect_server()
        assert state(w) == "Not connected"  # (at once: the QUIT is said on the connection's thread)
        qtbot.waitUntil(lambda: "Connection closed (" in log_text(w), timeout=WAIT)
        assert "Connection closed (quit)" in log_text(w), log_text(w)
        qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
