"""A folder's other connections log in while the folder is listed — only with a login known to work.

Queuing a folder used to open one connection, list the folder on it, and only then, as its items came, open
the others, each logging in before its first file: on a distant server four or five round trips each, most of
a second before the tree moved on more than one connection. Now the queue opens the pool's other connections
as the folder starts and has them log in at once (``ServerConnections._open_ahead``) — but only when the
login has worked (the browsing session's, or a transfer's): a wrong password is never tried by several
connections at once. A real pyftpdlib server holds the folder's listing until it has seen the other logins.
"""

from __future__ import annotations

import os
import time

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 300_000  # ms: a safety net for a stuck test on a loaded machine, not a performance limit
HOLD_S = 60.0  # how long the server holds the listing for the other logins (old code: the whole wait)
OPTIONS = SessionOptions(timeout=20, mode="passive")
LISTINGS = ("MLSD", "LIST", "NLST")
# an upload's MKD is held less long than the client's timeout (20 s here, 30 s in the window): a connection that
# gave up on it would log in again, and its login count as one opened ahead
MKD_HOLD_S = 15.0


def make_tree(root, folders=("a", "b", "c")) -> dict:
    """``root``/tree: two files in each of ``folders``; returns their data by relative path."""
    files = {}
    for d in folders:
        os.makedirs(os.path.join(root, "tree", d))
        for n in range(2):
            data = os.urandom(3000 + n) + f"{d}{n}".encode()
            with open(os.path.join(root, "tree", d, f"f{n}.bin"), "wb") as f:
                f.write(data)
            files[f"{d}/f{n}.bin"] = data
    return files


def all_done(qtbot, q) -> None:
    """Wait until the queue is idle; every item must have ended done."""
    qtbot.waitUntil(q.is_idle, timeout=LONG)
    states = {(i.remote, i.state, i.error) for i in q.model.items()}
    assert {i.state for i in q.model.items()} == {DONE}, states


def passwords(srv) -> int:
    with srv.record.lock:
        return sum(1 for c in srv.record.commands if c.startswith("PASS "))


def hold_listing(srv, logins: int, commands=LISTINGS, paths=("/tree", "tree"), hold: float = HOLD_S) -> list:
    """The server answers the listing of /tree (or the first of ``commands`` on one of ``paths``) only once it
    has seen ``logins`` PASS commands (or ``hold`` seconds have passed); returns the list where it notes, on
    answering, whether the logins came first."""
    released: list = []

    class Handler(srv.handler):
        def pre_process_command(self, line, cmd, arg, deadline=None):
            if cmd in commands and (arg or "").rstrip("/") in paths and not released:
                deadline = deadline or time.monotonic() + hold
                if passwords(srv) < logins and time.monotonic() < deadline:
                    self.ioloop.call_later(0.02, self.pre_process_command, line, cmd, arg, deadline)
                    return
                released.append(passwords(srv) >= logins)
            return super().pre_process_command(line, cmd, arg)

    srv.server.handler = Handler
    return released


@pytest.mark.parametrize("processes", [True, False], ids=["process", "thread"])
def test_a_folders_other_connections_log_in_while_it_is_listed(qtbot, make_server, tmp_path, processes):
    srv = make_server("127.0.0.1")
    files = make_tree(srv.root)
    released = hold_listing(srv, 3)
    local = tmp_path / "local"
    local.mkdir()
    q = TransferQueue()
    q.transfer_processes = processes
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), OPTIONS, 3)  # (the window: once it logged in)
        q.download([("/tree", True, None)], str(local))
        qtbot.waitUntil(lambda: bool(released), timeout=LONG)
        assert released == [True], srv.record.commands  # the three logins came while the folder was held
        all_done(qtbot, q)
        assert len(q.connections()) == 3
    finally:
        q.shutdown()
    for rel, data in files.items():
        assert (local / "tree" / rel).read_bytes() == data
    assert passwords(srv) == 3  # the connections opened ahead took the folder's files: no more logins
    assert srv.record.max_open_sessions == 3


def test_a_login_not_known_to_work_is_tried_by_one_connection(qtbot, make_server, tmp_path):
    """A queue restored from its file asks for the password; the one typed is wrong: only one connection
    tries it. The right one, typed next, lists the folder on one connection, and the folder's subfolders —
    now that a transfer has logged in with it — bring the others."""
    srv = make_server("127.0.0.1")
    files = make_tree(srv.root)
    store = str(tmp_path / "config" / "queue.json")
    local = tmp_path / "local"
    local.mkdir()
    q = TransferQueue(store)
    q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), OPTIONS, 3)
    q.download([("/tree", True, None)], str(local), start=False)  # Add to Queue
    q.shutdown()  # the app closes

    q = TransferQueue(store)  # and starts again
    q.retry_delays = (0.05, 0.1, 0.2)
    asked: list = []
    q.credentialsNeeded.connect(asked.append)
    try:
        (item,) = q.model.items()
        q.resume([item.id])
        qtbot.waitUntil(lambda: bool(asked), timeout=LONG)
        q.supply(asked[0], Endpoint(srv.host, srv.port, USER, "wrong"), OPTIONS, 3)  # the keyring's, say
        qtbot.waitUntil(lambda: len(asked) == 2 or item.state == FAILED, timeout=LONG)  # refused: asked again
        assert srv.record.max_open_sessions == 1
        assert passwords(srv) == 1
        q.supply(asked[-1], Endpoint(srv.host, srv.port, USER, PASSWORD), OPTIONS, 3)  # what the person types
        if item.state == FAILED:
            q.retry([item.id])
        all_done(qtbot, q)
    finally:
        q.shutdown()
    for rel, data in files.items():
        assert (local / "tree" / rel).read_bytes() == data
    assert passwords(srv) == 1 + 3
    assert srv.record.max_open_sessions == 3  # (closed since: a server not browsed keeps none idle)


@pytest.mark.parametrize("processes", [True, False], ids=["process", "thread"])
def test_a_connection_the_server_closed_while_idle_logs_in_again_without_a_failed_try(
    qtbot, make_server, tmp_path, processes
):
    """Connections opened ahead may sit idle until the server's idle timeout closes them (vsftpd: 5 minutes;
    here 1 s). The next file noticed the dead connection only by failing on it: a try counted, and the
    queue's 2 s wait before the next. Now the job looks first (a ``select``) and its first command logs in."""
    srv = make_server("127.0.0.1", idle_timeout=1.0)
    data = {name: os.urandom(5000) + name.encode() for name in ("a.bin", "b.bin")}
    for name, content in data.items():
        with open(srv.path(name), "wb") as f:
            f.write(content)
    local = tmp_path / "local"
    local.mkdir()
    q = TransferQueue()
    q.transfer_processes = processes
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), OPTIONS, 1)
        q.download([("/a.bin", False, 5000 + 5)], str(local))
        qtbot.waitUntil(lambda: q.is_idle() and q.model.items()[0].state == DONE, timeout=LONG)
        qtbot.waitUntil(lambda: srv.record.open_sessions == 0, timeout=LONG)  # the server's 421, and its end
        q.download([("/b.bin", False, 5000 + 5)], str(local))
        qtbot.waitUntil(lambda: q.is_idle() and len(q.model.items()) == 2, timeout=LONG)
        second = q.model.items()[1]
        assert (second.state, second.error, second.attempts) == (DONE, "", 0)
    finally:
        q.shutdown()
    for name, content in data.items():
        assert (local / name).read_bytes() == content
    assert passwords(srv) == 2  # the first login, and the one after the server's close


@pytest.mark.parametrize("hinted", [True, False], ids=["listed", "dropped"])
@pytest.mark.parametrize("processes", [True, False], ids=["process", "thread"])
def test_a_folder_uploaded_by_path_opens_its_other_connections_while_it_starts(
    qtbot, make_server, tmp_path, processes, hinted
):
    """An upload is queued by path: what a path is, only the job looks at (on its connection, not on the
    window's thread). A path the window's listing knew as a folder (``folders``) opens the pool's other
    connections as it starts, as a folder downloaded does; a path nobody listed (dropped from a file manager),
    once its job has seen a folder and said so in its marker — before creating it: the server holds the
    folder's MKD for the other logins."""
    srv = make_server("127.0.0.1")
    files = make_tree(tmp_path, ("a", "b"))
    released = hold_listing(srv, 3, commands=("MKD",), hold=MKD_HOLD_S)
    q = TransferQueue()
    q.transfer_processes = processes
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), OPTIONS, 3)
        q.upload([str(tmp_path / "tree")], "/", folders={str(tmp_path / "tree")} if hinted else ())
        qtbot.waitUntil(lambda: bool(released), timeout=LONG)
        assert released == [True], srv.record.commands  # the three logins came while the MKD was held
        all_done(qtbot, q)
    finally:
        q.shutdown()
    for rel, data in files.items():
        with open(srv.path("tree", *rel.split("/")), "rb") as f:
            assert f.read() == data
    assert passwords(srv) == 3


def test_a_file_uploaded_by_path_opens_no_other_connection(qtbot, make_server, tmp_path):
    """Without the hint (a file, or a path nobody listed) the item takes one connection, as before."""
    srv = make_server("127.0.0.1")
    (tmp_path / "one.bin").write_bytes(b"1" * 3000)
    q = TransferQueue()
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), OPTIONS, 3)
        q.upload([str(tmp_path / "one.bin")], "/", folders={str(tmp_path / "other")})
        qtbot.waitUntil(lambda: q.is_idle() and q.model.items()[0].state == DONE, timeout=LONG)
    finally:
        q.shutdown()
    assert passwords(srv) == 1 and srv.record.max_open_sessions == 1


def upload_in_window(qtbot, make_server, tmp_path, monkeypatch, folder: str, act) -> None:
    """Quick connect; the server holds the MKD of /tree until the window's two transfer connections have logged
    in; ``act(window, local)`` uploads ``local`` (``tmp_path``/``folder``/tree, four files) as a person would."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = make_server("127.0.0.1")
    files = make_tree(tmp_path / folder, ("a", "b"))
    w = open_window(qtbot)
    try:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        assert w.prefs.transfer_connections == 2  # (the default)
        released = hold_listing(srv, passwords(srv) + 2, commands=("MKD",), hold=MKD_HOLD_S)
        act(w, tmp_path / folder)
        qtbot.waitUntil(lambda: bool(released), timeout=LONG)
        assert released == [True], srv.record.commands  # the second login came while the MKD was held
        # (a folder's item gives way to its contents: the four files are the queue's items in the end)
        qtbot.waitUntil(lambda: w.queue.is_idle() and len(w.queue.model.items()) == 4, timeout=LONG)
        assert {i.state for i in w.queue.model.items()} == {DONE}
    finally:
        close_window(qtbot, w)
    for rel, data in files.items():
        with open(srv.path("tree", *rel.split("/")), "rb") as f:
            assert f.read() == data


def test_a_hinted_upload_removed_before_it_starts_leaves_no_hint_behind(tmp_path):
    q = TransferQueue()
    try:
        q.upload([str(tmp_path)], "/", start=False, folders={str(tmp_path)})  # (no server: it waits)
        assert len(q._folders) == 1
        q.remove([i.id for i in q.model.items()])
        assert not q.model.items() and not q._folders
    finally:
        q.shutdown()


def test_in_the_window_a_folder_uploaded_from_the_local_pane_opens_its_connections_at_once(
    qtbot, make_server, tmp_path, monkeypatch
):
    """The path a person takes: quick connect, the folder selected in the local pane, Upload. The local pane's
    listing says it is a folder: the queue's second connection logs in while the first creates the folder."""

    def select_and_upload(w, local) -> None:
        w.local.set_path(str(local))
        qtbot.waitUntil(lambda: w.local.list_proxy.rowCount(w.local.view.rootIndex()) == 1, timeout=WAIT)
        w.set_active_side("local")
        w.local.select(["tree"])
        w.act_upload.trigger()

    upload_in_window(qtbot, make_server, tmp_path, monkeypatch, "local", select_and_upload)


@pytest.mark.gui
@pytest.mark.xvfb_only
def test_in_the_window_a_folder_dropped_from_a_file_manager_opens_its_connections_before_its_contents_come(
    qtbot, make_server, tmp_path, monkeypatch
):
    """The drop a person makes: a folder from a file manager (a text/uri-list) onto the remote pane, from a
    folder the local pane does not show: its job says "a folder" before the folder is created."""
    from test_drag_drop import drop, empty_point, uri_list

    def drop_from_file_manager(w, elsewhere) -> None:
        assert not w.local.known_folders([str(elsewhere / "tree")])  # (nothing the window listed says so)
        drop(w.remote.view, uri_list(elsewhere / "tree"), empty_point(w.remote.view))

    upload_in_window(qtbot, make_server, tmp_path, monkeypatch, "elsewhere", drop_from_file_manager)
