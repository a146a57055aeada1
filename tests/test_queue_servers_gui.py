"""The path a person takes: queue a file from the main window while browsing server A, browse server B,
maybe close and reopen ftpgui — the file still goes to A, never to B. Two real pyftpdlib servers, the real
main window, its actions and its queue panel's buttons, the password prompt answered like a person would."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QPushButton

from ftpgui.transfers import model as queue_model
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.ui import queue_logins
from ftpgui.ui.main_window import MainWindow

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, answer_break_connection, answer_plain_ftp, close_window, save_queued_upload
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui
BOB, BOB_PASSWORD = "bob", "b-only-pässword"


@pytest.fixture
def two(make_server):
    """Server A (alice) and server B (bob only: alice's password does not open it)."""
    a = make_server("127.0.0.1")
    b = make_server("127.0.0.1")
    b.handler.authorizer.remove_user(USER)
    b.handler.authorizer.add_user(BOB, BOB_PASSWORD, b.root, perm="elradfmwMT")
    return a, b


@pytest.fixture
def local(tmp_path):
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "report.txt").write_bytes(b"for server A only")
    return folder


def open_window(qtbot, store=None) -> MainWindow:
    w = MainWindow(store)
    w.show()
    qtbot.waitExposed(w)
    return w


def browse(qtbot, w: MainWindow, srv, user: str, password: str) -> None:
    """Type into the quick-connect bar and press Connect; wait for the login folder's listing."""
    w.quick.host.setText(srv.host)
    w.quick.port.setText(str(srv.port))
    w.quick.user.setText(user)
    w.quick.password.setText(password)
    busy = w.current_tab.remote_browser.connected or w.current_tab.connecting
    w.quick.connect_button.click()
    if busy:  # asked where (design note 439): in this tab, as before
        answer_break_connection(qtbot, w)
    answer_plain_ftp(qtbot, w)  # the test servers offer no TLS: "Connect without encryption"
    wait_browsing(qtbot, w, srv)


def wait_browsing(qtbot, w: MainWindow, srv) -> None:
    qtbot.waitUntil(
        lambda: (
            w.remote_browser.endpoint is not None
            and w.remote_browser.endpoint.port == srv.port
            and w.remote.path == "/"
            and not w.remote_browser.connection.busy
        ),
        timeout=WAIT,
    )


def add_to_queue(qtbot, w: MainWindow, folder, name: str) -> None:
    """Select a local file and use "Add to Queue" (added paused)."""
    w.local.set_path(str(folder))
    qtbot.waitUntil(lambda: w.local.ensure_model().index(str(folder / name)).isValid(), timeout=WAIT)
    qtbot.waitUntil(lambda: w.local.list_proxy.rowCount(w.local.view.rootIndex()) >= 1, timeout=WAIT)
    w.set_active_side("local")
    qtbot.waitUntil(lambda: (w.local.select([name]), w.local.selected_paths())[1] == [str(folder / name)], timeout=WAIT)
    before = len(w.queue.model.items())
    w.act_enqueue.trigger()
    qtbot.waitUntil(lambda: len(w.queue.model.items()) == before + 1, timeout=WAIT)  # queued before the window closes


def resume_all(w: MainWindow) -> None:
    """Select every row of the Queued tab and click Resume."""
    table = w.queue_view.tables["queued"]
    w.queue_view.tabs.setCurrentIndex(0)
    model = table.model()
    for row in range(model.rowCount()):
        table.selectionModel().select(
            model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    w.queue_view.findChild(QPushButton, "queue-button-resume").click()


def server_column(w: MainWindow) -> list:
    model, col = w.queue.model, getattr(queue_model, "COL_SERVER", None)
    if col is None:
        return ["(the queue view has no Server column)"]
    return [model.index(r, col).data() for r in range(model.rowCount())]


def queue_prompt(w: MainWindow):
    logins = getattr(w, "queue_logins", None)
    return logins.prompt if logins is not None else None


def prompt_text(prompt) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in prompt.findChildren(QLabel))


def finished(w: MainWindow) -> bool:
    return all(i.state in (DONE, FAILED) for i in w.queue.model.items())


def assert_on_a_only(a, b) -> None:
    with open(a.path("report.txt"), "rb") as f:
        assert f.read() == b"for server A only"
    assert not os.path.exists(b.path("report.txt"))
    assert not [c for c in b.record.commands if c.split(" ", 1)[0] in ("STOR", "APPE", "STOU")]


def test_queued_while_browsing_a_then_b_browsed_and_ftpgui_restarted_the_file_goes_to_a(qtbot, config, two, local):
    a, b = two
    w = open_window(qtbot)
    try:
        browse(qtbot, w, a, USER, PASSWORD)
        add_to_queue(qtbot, w, local, "report.txt")
        browse(qtbot, w, b, BOB, BOB_PASSWORD)
        labels = server_column(w)
    finally:
        close_window(qtbot, w)
    assert PASSWORD not in (config / "queue.json").read_text(encoding="utf-8")

    w = open_window(qtbot)  # ftpgui again: the queue comes back, and the person browses B
    try:
        browse(qtbot, w, b, BOB, BOB_PASSWORD)
        resume_all(w)
        # the queue asks for A's password (nothing is kept on disk); an old queue sent it to B instead
        qtbot.waitUntil(lambda: queue_prompt(w) is not None or finished(w), timeout=WAIT)
        assert not os.path.exists(b.path("report.txt"))  # (an old queue put it there, with B's login)
        prompt = queue_prompt(w)
        assert prompt is not None and prompt.isVisible() and f"{USER}@{a.host}:{a.port}" in prompt_text(prompt)
        prompt.field.setText(PASSWORD)
        prompt.accept()
        qtbot.waitUntil(lambda: finished(w), timeout=WAIT)
        assert [(i.state, i.error) for i in w.queue.model.items()] == [(DONE, "")]
        assert w.remote_browser.endpoint.port == b.port  # still browsing B all along
        assert labels == server_column(w) == [f"{USER}@{a.host}:{a.port}"]  # the queue view's Server column
    finally:
        close_window(qtbot, w)
    assert_on_a_only(a, b)
    assert PASSWORD not in (config / "queue.json").read_text(encoding="utf-8")


def test_queued_while_browsing_a_and_started_while_browsing_b_goes_to_a(qtbot, config, two, local):
    a, b = two
    w = open_window(qtbot)
    try:
        browse(qtbot, w, a, USER, PASSWORD)
        add_to_queue(qtbot, w, local, "report.txt")
        browse(qtbot, w, b, BOB, BOB_PASSWORD)
        resume_all(w)
        qtbot.waitUntil(lambda: finished(w), timeout=WAIT)
        assert [(i.state, i.error) for i in w.queue.model.items()] == [(DONE, "")]
        assert queue_prompt(w) is None  # A's password from this run, kept in memory for A
    finally:
        close_window(qtbot, w)
    assert_on_a_only(a, b)


@pytest.mark.usefixtures("memory_keyring")
def test_a_saved_sites_item_reconnects_with_the_keyrings_password_after_a_restart(
    qtbot,
    config,
    two,
    local,
    memory_keyring,  # noqa: F811
):
    from ftpgui.sites.store import Site, SiteStore

    a, b = two
    site = Site(id="a" * 32, name="Work", protocol="ftp-plain", host=a.host, port=a.port, user=USER)
    store = SiteStore(str(config / "sites.json"))
    store.add(site)
    store.save()
    memory_keyring.entries[("ftpgui", site.id)] = PASSWORD
    w = open_window(qtbot, store)
    try:
        w.act_site_manager.trigger()
        w.prompt.connectRequested.emit(site, PASSWORD)  # what its Connect button sends after the keyring
        wait_browsing(qtbot, w, a)
        add_to_queue(qtbot, w, local, "report.txt")
        browse(qtbot, w, b, BOB, BOB_PASSWORD)
    finally:
        close_window(qtbot, w)

    store = SiteStore(str(config / "sites.json"))
    store.load()
    w = open_window(qtbot, store)
    try:
        browse(qtbot, w, b, BOB, BOB_PASSWORD)
        resume_all(w)
        qtbot.waitUntil(lambda: finished(w), timeout=WAIT)
        assert [(i.state, i.error) for i in w.queue.model.items()] == [(DONE, "")]
        assert_on_a_only(a, b)
        assert queue_prompt(w) is None  # the keyring had it: nobody was asked
        assert server_column(w) == ["Work"]  # the site's name in the queue view
    finally:
        close_window(qtbot, w)


def test_a_dismissed_password_prompt_pauses_the_items_and_resume_asks_again(qtbot, config, two, local):
    a, b = two
    w = open_window(qtbot)
    try:
        browse(qtbot, w, a, USER, PASSWORD)
        add_to_queue(qtbot, w, local, "report.txt")
    finally:
        close_window(qtbot, w)
    w = open_window(qtbot)
    try:
        browse(qtbot, w, b, BOB, BOB_PASSWORD)
        resume_all(w)
        qtbot.waitUntil(lambda: queue_prompt(w) is not None, timeout=WAIT)
        queue_prompt(w).reject()
        (item,) = w.queue.model.items()
        qtbot.waitUntil(lambda: item.state == "paused", timeout=WAIT)
        state = w.queue.model.index(0, 7).data()
        assert "no password" in state
        resume_all(w)
        qtbot.waitUntil(lambda: queue_prompt(w) is not None, timeout=WAIT)
        queue_prompt(w).field.setText(PASSWORD)  # (QTest cannot type "ä")
        qtbot.keyClick(queue_prompt(w).field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: item.state == DONE, timeout=WAIT)
    finally:
        close_window(qtbot, w)
    assert_on_a_only(a, b)


def queue_a_then_b(qtbot, two, local) -> None:
    """A window that browses A and queues report.txt for it, then B and queues for-b.txt, and is closed with both
    still queued (paused)."""
    a, b = two
    (local / "for-b.txt").write_bytes(b"for server B only")
    w = open_window(qtbot)
    try:
        browse(qtbot, w, a, USER, PASSWORD)
        add_to_queue(qtbot, w, local, "report.txt")
        browse(qtbot, w, b, BOB, BOB_PASSWORD)
        add_to_queue(qtbot, w, local, "for-b.txt")
    finally:
        close_window(qtbot, w)


def greet_when_released(srv) -> threading.Event:
    """``srv`` greets its next connection only once the returned event is set (its one thread waits: nothing else
    of that server runs meanwhile; at most ``WAIT``, so that a failing test cannot hold it for ever)."""
    release = threading.Event()
    held = []

    class Late(srv.server.handler):
        def on_connect(self):
            if not held:
                held.append(self)
                release.wait(WAIT / 1000)
            super().on_connect()

    srv.server.handler = Late
    return release


def met_and_left(srv, before: int):
    """Whether a connection to ``srv`` after its first ``before`` ones came and has closed (the queue's look at
    it is over: the look's answer is handled before its connection is closed)."""
    return lambda: len(srv.record.control) > before and srv.record.open_sessions == 0


def test_after_a_restart_each_servers_items_ask_once_and_go_to_their_own_server(qtbot, config, two, local, monkeypatch):
    """Items of A and of B, restored: the prompts come one at a time, in the queue's order — A's first, though B
    has been met (each server is met before its password is asked, design note 187) while A still says nothing:
    before note 209 the first prompt was the first server to answer, B's; the other server's is never shown once
    the person browses it (its login is known then); each file lands on its own server."""
    a, b = two
    queue_a_then_b(qtbot, two, local)
    monkeypatch.setattr(queue_logins, "HOLD_MS", 60_000)  # (A's place is held all through the test)
    release_a = greet_when_released(a)
    met_before = len(b.record.control)
    w = open_window(qtbot)
    try:
        resume_all(w)  # nothing browsed yet: both servers need a password
        qtbot.waitUntil(met_and_left(b, met_before), timeout=WAIT)  # B met and its answer handled; A not yet
        assert queue_prompt(w) is None  # B's question waits for A's, queued before it
        release_a.set()
        qtbot.waitUntil(lambda: queue_prompt(w) is not None, timeout=WAIT)
        prompt = queue_prompt(w)
        assert f"{USER}@{a.host}:{a.port}" in prompt_text(prompt)
        browse(qtbot, w, b, BOB, BOB_PASSWORD)  # the person connects to the other server meanwhile
        prompt.field.setText(PASSWORD)
        prompt.accept()
        qtbot.waitUntil(lambda: finished(w), timeout=WAIT)
        assert queue_prompt(w) is None  # B's prompt was dropped: its login came with the browsing session
        assert [(i.state, i.error) for i in w.queue.model.items()] == [(DONE, ""), (DONE, "")]
    finally:
        release_a.set()
        close_window(qtbot, w)
    with open(a.path("report.txt"), "rb") as f:
        assert f.read() == b"for server A only"
    with open(b.path("for-b.txt"), "rb") as f:
        assert f.read() == b"for server B only"
    assert sorted(os.listdir(a.root)) == ["report.txt"] and sorted(os.listdir(b.root)) == ["for-b.txt"]


def test_a_server_slow_to_answer_holds_the_next_servers_password_prompt_only_a_moment(
    qtbot, config, two, local, monkeypatch
):
    """A says nothing past the queue's hold (``HOLD_MS``, shortened here): B's prompt comes while A is still being
    met — a server that does not answer never keeps the others' questions waiting — and A's once it answers."""
    a, b = two
    queue_a_then_b(qtbot, two, local)
    monkeypatch.setattr(queue_logins, "HOLD_MS", 300)
    release_a = greet_when_released(a)
    w = open_window(qtbot)
    try:
        resume_all(w)
        qtbot.waitUntil(lambda: queue_prompt(w) is not None, timeout=WAIT)  # A still silent: not released yet
        assert f"{BOB}@{b.host}:{b.port}" in prompt_text(queue_prompt(w))
        queue_prompt(w).field.setText(BOB_PASSWORD)
        queue_prompt(w).accept()
        release_a.set()
        qtbot.waitUntil(lambda: queue_prompt(w) is not None, timeout=WAIT)
        assert f"{USER}@{a.host}:{a.port}" in prompt_text(queue_prompt(w))
        queue_prompt(w).field.setText(PASSWORD)
        queue_prompt(w).accept()
        qtbot.waitUntil(lambda: finished(w), timeout=WAIT)
        assert [(i.state, i.error) for i in w.queue.model.items()] == [(DONE, ""), (DONE, "")]
    finally:
        release_a.set()
        close_window(qtbot, w)


def test_items_still_queued_at_exit_reconnect_to_their_server_when_ftpgui_starts(qtbot, config, two, local):
    """Nothing browsed after the restart: the queued upload asks for A's password at once and goes to A."""
    a, b = two
    save_queued_upload(config, a, str(local / "report.txt"), "/report.txt")
    w = open_window(qtbot)
    try:
        qtbot.waitUntil(lambda: queue_prompt(w) is not None, timeout=WAIT)
        queue_prompt(w).field.setText(PASSWORD)
        queue_prompt(w).accept()
        qtbot.waitUntil(lambda: finished(w), timeout=WAIT)
        assert [(i.state, i.error) for i in w.queue.model.items()] == [(DONE, "")]
    finally:
        close_window(qtbot, w)
    assert_on_a_only(a, b)
