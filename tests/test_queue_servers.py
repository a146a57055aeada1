"""A queued transfer belongs to its server: two real pyftpdlib servers, the real queue and its QThreads.

Server A has the user alice; server B has only bob, with another password. An item queued while A was
browsed must end on A whichever server is browsed when it runs — in the same run, after a restart (a new
queue loaded from the same queue.json), or with items of both servers in one queue — and B must never see
it. The password is never written to queue.json.
"""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import DONE, FAILED, PAUSED, QUEUED
from ftpgui.transfers.model import COL_SERVER
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.servers import Server, server_for
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 300_000  # ms: a safety net for a stuck test on a loaded machine, not a performance limit
BOB, BOB_PASSWORD = "bob", "b-only-pässword"
OPTIONS = SessionOptions(timeout=20)


@pytest.fixture
def two(make_server):
    """Server A (alice) and server B (bob only: alice cannot log in there)."""
    a = make_server("127.0.0.1")
    b = make_server("127.0.0.1")
    b.handler.authorizer.remove_user(USER)
    b.handler.authorizer.add_user(BOB, BOB_PASSWORD, b.root, perm="elradfmwMT")
    return a, b


def endpoint_a(a):
    return Endpoint(a.host, a.port, USER, PASSWORD)


def endpoint_b(b):
    return Endpoint(b.host, b.port, BOB, BOB_PASSWORD)


def stored(tmp_path) -> str:
    return str(tmp_path / "config" / "queue.json")


def new_queue(tmp_path) -> TransferQueue:
    q = TransferQueue(stored(tmp_path))
    q.retry_delays = (0.05, 0.1, 0.2)
    return q


def asked_for(q) -> list:
    asked: list = []
    q.credentialsNeeded.connect(asked.append)
    return asked


def logins(srv) -> list:
    return [c for c in srv.record.commands if c.startswith("USER ")]


def test_an_upload_queued_to_a_lands_on_a_after_a_restart_while_b_is_browsed(qtbot, two, tmp_path):
    a, b = two
    src = tmp_path / "report.txt"
    src.write_bytes(b"for server A only")
    q = new_queue(tmp_path)
    q.set_site(endpoint_a(a), OPTIONS, 1)
    q.upload([str(src)], "/", start=False)  # Add to Queue: it waits for Resume
    q.set_site(endpoint_b(b), OPTIONS, 1)  # the person browses B
    q.shutdown()  # the app closes

    q = new_queue(tmp_path)  # and starts again, browsing B
    asked = asked_for(q)
    try:
        q.set_site(endpoint_b(b), OPTIONS, 1)
        (item,) = q.model.items()
        assert q.model.index(0, COL_SERVER).data() == f"{USER}@{a.host}:{a.port}"
        q.resume([item.id])
        qtbot.waitUntil(lambda: bool(asked), timeout=LONG)
        assert asked == [Server(a.host, a.port, USER, "off", "utf-8", "passive")]
        assert item.state == QUEUED and not q.connections()  # it waits for A's password: nothing opened
        q.supply(asked[0], endpoint_a(a), OPTIONS, 1)  # what the GUI does with the keyring or the person
        qtbot.waitUntil(lambda: item.state in (DONE, FAILED), timeout=LONG)
        assert item.state == DONE, item.error
    finally:
        q.shutdown()
    with open(a.path("report.txt"), "rb") as f:
        assert f.read() == b"for server A only"
    assert not os.path.exists(b.path("report.txt"))
    assert not [c for c in b.record.commands if c.split(" ", 1)[0] in ("STOR", "APPE", "SIZE", "MLST")]
    assert logins(b) == [] and len(asked) == 1  # B was never even logged into by the queue; asked once


def test_an_item_queued_to_a_runs_on_a_in_the_same_run_after_b_is_browsed(qtbot, two, tmp_path):
    a, b = two
    for name in ("x.bin", "y.bin"):
        with open(a.path(name), "wb") as f:
            f.write(b"A:" + name.encode() * 1000)
        with open(b.path(name), "wb") as f:
            f.write(b"B:" + name.encode())
    local = tmp_path / "local"
    local.mkdir()
    q = new_queue(tmp_path)
    asked = asked_for(q)
    try:
        q.set_site(endpoint_a(a), OPTIONS, 1)
        q.download([("/x.bin", False, None)], str(local), start=False)
        q.download([("/y.bin", False, None)], str(local))  # may be moving when B is connected
        q.set_site(endpoint_b(b), OPTIONS, 1)
        q.resume([i.id for i in q.model.items()])
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        assert [(i.state, i.error) for i in q.model.items()] == [(DONE, ""), (DONE, "")]
    finally:
        q.shutdown()
    for name in ("x.bin", "y.bin"):
        assert (local / name).read_bytes() == b"A:" + name.encode() * 1000
    assert not [c for c in b.record.commands if c.startswith("RETR")]
    assert asked == []  # A's password from this run was kept in memory, for A only


def test_two_servers_items_in_one_queue_each_complete_on_their_own_server(qtbot, two, tmp_path):
    a, b = two
    up = tmp_path / "up"
    up.mkdir()
    for i in range(6):
        (up / f"a{i}.txt").write_bytes(f"to A {i}".encode())
        (up / f"b{i}.txt").write_bytes(f"to B {i}".encode())
    q = new_queue(tmp_path)
    try:
        q.set_site(endpoint_a(a), OPTIONS, 2)
        q.upload([str(up / f"a{i}.txt") for i in range(6)], "/")
        q.set_site(endpoint_b(b), OPTIONS, 2)
        q.upload([str(up / f"b{i}.txt") for i in range(6)], "/")
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        assert [i.state for i in q.model.items()] == [DONE] * 12, [i.error for i in q.model.items()]
        labels = {q.model.index(r, COL_SERVER).data() for r in range(12)}
        assert labels == {f"{USER}@{a.host}:{a.port}", f"{BOB}@{b.host}:{b.port}"}
        # once A has nothing left, its connections close; B's (browsed) stay
        qtbot.waitUntil(lambda: all(c.endpoint.user == BOB for c in q.connections()), timeout=LONG)
    finally:
        q.shutdown()
    assert sorted(os.listdir(a.root)) == [f"a{i}.txt" for i in range(6)]
    assert sorted(os.listdir(b.root)) == [f"b{i}.txt" for i in range(6)]
    for i in range(6):
        with open(a.path(f"a{i}.txt"), "rb") as f:
            assert f.read() == f"to A {i}".encode()
        with open(b.path(f"b{i}.txt"), "rb") as f:
            assert f.read() == f"to B {i}".encode()


def test_queue_json_keeps_each_items_server_and_never_a_password(qtbot, two, tmp_path):
    a, b = two
    src = tmp_path / "f.txt"
    src.write_bytes(b"f")
    q = new_queue(tmp_path)
    q.set_site(endpoint_a(a), SessionOptions(timeout=20, tls="off", encoding="latin-1", mode="active"), 1)
    q.upload([str(src)], "/", start=False)
    site = server_for(endpoint_b(b), OPTIONS, site_id="5eed", name="Work")
    q.set_site(endpoint_b(b), OPTIONS, 1, server=site)
    q.upload([str(src)], "/", start=False)
    q.shutdown()
    with open(stored(tmp_path), encoding="utf-8") as f:
        text = f.read()
    for secret in (PASSWORD, BOB_PASSWORD):
        assert secret not in text and json.dumps(secret) not in text
    data = json.loads(text)
    servers = {key: Server.from_json(raw) for key, raw in data["servers"].items()}
    first, second = (servers[i["server"]] for i in data["items"])
    assert (first.host, first.port, first.user, first.tls, first.encoding, first.mode) == (
        a.host,
        a.port,
        USER,
        "off",
        "latin-1",
        "active",
    )
    assert (second.site_id, second.name, second.port, second.user) == ("5eed", "Work", b.port, BOB)

    q = new_queue(tmp_path)  # restored: each item still names its own server
    try:
        x, y = q.model.items()
        assert q.servers[x.server] == first and q.servers[y.server] == second
        assert q.model.index(1, COL_SERVER).data() == "Work"  # the site's name; its address in the tooltip
        assert q.model.index(1, COL_SERVER).data(Qt.ItemDataRole.ToolTipRole) == f"{BOB}@{b.host}:{b.port}"
    finally:
        q.shutdown()


def test_a_refused_password_is_forgotten_and_asked_for_again_and_a_declined_one_pauses(qtbot, two, tmp_path):
    a, _b = two
    src = tmp_path / "f.txt"
    src.write_bytes(b"f")
    q = new_queue(tmp_path)
    asked = asked_for(q)
    try:
        server = q.set_site(Endpoint(a.host, a.port, USER, "wrong"), OPTIONS, 1)  # mistyped
        q.upload([str(src)], "/")
        q.upload([str(src)], "/sub")
        qtbot.waitUntil(lambda: bool(asked), timeout=LONG)
        first, second = q.model.items()
        assert first.state == QUEUED and second.state == QUEUED  # none failed: both wait for the right one (note 351)
        assert "Login failed" in str(q.login_refusal(server.key)) and asked == [server]
        q.decline(server.key)  # the person closed the password dialog
        assert first.state == second.state == PAUSED and "no password" in second.error
        q.resume([second.id])
        qtbot.waitUntil(lambda: len(asked) == 2, timeout=LONG)  # asked again, once
        with pytest.raises(ValueError):  # a password is never given to another server
            q.supply(server, Endpoint(a.host, a.port + 1, USER, PASSWORD), OPTIONS, 1)
        q.supply(server, endpoint_a(a), OPTIONS, 1)
        qtbot.waitUntil(lambda: second.state == FAILED, timeout=LONG)  # /sub does not exist on A
        assert "Login" not in second.error and not q.login_refused(server.key)
        q.resume([first.id])
        qtbot.waitUntil(lambda: first.state == DONE, timeout=LONG)
    finally:
        q.shutdown()
    with open(a.path("f.txt"), "rb") as f:
        assert f.read() == b"f"


def test_two_sites_of_one_server_never_write_one_remote_file_at_once(qtbot, make_server, tmp_path):
    """Found by QA: two saved sites for the same host and port are two server keys, so an upload of one remote
    path from each ran at once - two STORs into one file, a mix of both, each item "done". One waits now."""
    srv = make_server("127.0.0.1", throttle=512 * 1024)
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir()
    b_dir.mkdir()
    first, second = os.urandom(2 << 20), os.urandom(1 << 20)
    (a_dir / "same.bin").write_bytes(first)
    (b_dir / "same.bin").write_bytes(second)
    q = new_queue(tmp_path)
    q.exists_default = "overwrite"
    try:
        for site, folder in (("siteA", a_dir), ("siteB", b_dir)):
            server = Server(srv.host, srv.port, USER, site_id=site, name=site)
            q.set_site(endpoint_a(srv), OPTIONS, 2, server=server)
            q.upload([str(folder / "same.bin")], "/")
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        assert [i.state for i in q.model.items()] == [DONE, DONE], [i.error for i in q.model.items()]
    finally:
        q.shutdown()
    with open(srv.path("same.bin"), "rb") as f:
        assert f.read() == second  # the second after the first, whole
    assert srv.record.commands.count("STOR /same.bin") == 2


def test_a_servers_proxy_is_part_of_its_identity_and_queue_json_never_holds_its_password(qtbot, tmp_path):
    """Design note 213: one address through two proxies (or through one and straight) is two servers; the record
    keeps the proxy's URL, never its password; a login is never handed to a server's items by another way; a
    ``queue.json`` whose proxy holds a password, or is no proxy, is set aside as any unreadable one."""
    from ftpgui import paths
    from ftpgui.ftp.proxy import Proxy

    proxy = Proxy("socks5", "127.0.0.1", 1080, "pu", "proxy-secret")
    endpoint = Endpoint("127.0.0.1", 2121, USER, PASSWORD)
    through = server_for(endpoint, SessionOptions(tls="off", proxy=proxy))
    direct = server_for(endpoint, SessionOptions(tls="off"))
    other = server_for(endpoint, SessionOptions(tls="off", proxy=Proxy("socks5", "127.0.0.1", 1081)))
    assert through.proxy == "socks5://pu@127.0.0.1:1080" and len({through.key, direct.key, other.key}) == 3
    assert "proxy-secret" not in json.dumps(through.to_json()) and Server.from_json(through.to_json()) == through
    assert "through the proxy socks5://pu@127.0.0.1:1080" in through.address()  # (prompts, the tooltip)
    q = TransferQueue(stored(tmp_path))
    try:
        with pytest.raises(ValueError):
            q.supply(through, endpoint, SessionOptions(tls="off"))  # its login, but straight: refused
    finally:
        q.shutdown()
    item = {"direction": "upload", "local": str(tmp_path / "x"), "remote": "/x", "state": "paused"}
    for bad in ("socks5://pu:proxy-secret@127.0.0.1:1080", 5, "ftp://127.0.0.1"):
        raw = {**through.to_json(), "proxy": bad}
        paths.atomic_write_json(stored(tmp_path), {"version": 2, "servers": {"k": raw}, "items": [item]})
        q = TransferQueue(stored(tmp_path))
        q.shutdown()
        assert q.model.rowCount() == 0 and "proxy" in (q.load_error or ""), bad


PROXY_USERS = ["dom/ann", "ann:ops", "ann#2", "ann?x", "50%", "a%41", "ann@corp", "ann b", "DOM\\ann"]


@pytest.mark.parametrize("user", PROXY_USERS)
def test_a_proxy_user_with_url_characters_keeps_its_queue_readable_and_its_route(tmp_path, user):
    """Design note 223: ``Proxy.url`` wrote the user as it is, and ``Server.from_json`` reads the URL back — a
    user with ``/ : # ?`` made the whole ``queue.json`` unreadable at the next start (set aside), and one with
    ``%`` read back as another user (``a%41``: aA), whose route no session has."""
    from ftpgui import paths
    from ftpgui.ftp.proxy import Proxy, parse_proxy

    proxy = Proxy("socks5", "127.0.0.1", 1080, user)
    assert parse_proxy(proxy.url()) == proxy
    server = server_for(Endpoint("127.0.0.1", 2121, USER, PASSWORD), SessionOptions(tls="off", proxy=proxy))
    item = {"direction": "upload", "local": str(tmp_path / "x"), "remote": "/x", "state": "paused", "server": "k"}
    paths.atomic_write_json(stored(tmp_path), {"version": 2, "servers": {"k": server.to_json()}, "items": [item]})
    q = TransferQueue(stored(tmp_path))
    q.shutdown()
    assert q.load_error is None and q.model.rowCount() == 1
    assert q.servers[server.key] == server and q.model.items()[0].server == server.key
