"""ASCII transfers (TYPE A) where they are meant: against pyftpdlib and vsftpd, line ends checked byte for
byte on both sides, binary the default, and the type chosen by name in auto."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from ftpgui.cli import main
from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.ftp.datachannel import BLOCK
from ftpgui.ftp.transfertype import AUTO, BINARY, LocalLineEnds, WireLineEnds, extensions, is_ascii

from conftest import need
from daemons import start_vsftpd, vsftpd_usable
from ftpserver import PASSWORD, USER
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.skipif(os.linesep != "\n", reason="the local line end checked here is POSIX's LF")


def connect(server) -> FtpSession:
    s = FtpSession(SessionOptions(mode="passive", timeout=10))
    s.open(server.host, server.port, USER, PASSWORD)
    return s


def types_sent(server) -> list:
    with server.record.lock:
        return [c for c in server.record.commands if c.upper().startswith("TYPE")]


# --- pyftpdlib: it keeps LF on its disk and sends CRLF in TYPE A ---------------------------------------
def test_pyftpdlib_ascii_download_turns_crlf_into_lf(make_server, tmp_path):
    server = make_server()
    # pyftpdlib sends an existing CRLF as it is and a lone LF as CRLF: both arrive as LF here; a lone CR stays
    Path(server.path("crlf.txt")).write_bytes(b"one\r\ntwo\nthree\rfour\r\n")
    s = connect(server)
    s.download("crlf.txt", str(tmp_path / "crlf.txt"), ascii=True)
    assert (tmp_path / "crlf.txt").read_bytes() == b"one\ntwo\nthree\rfour\n"
    # the SIZE asked before RETR (refused by pyftpdlib in TYPE A) went in TYPE I, then TYPE A for the RETR
    verbs = [c.split(" ")[0] for c in server.record.commands]
    assert verbs.index("SIZE") < verbs.index("RETR")
    assert types_sent(server) == ["TYPE I", "TYPE A"]
    s.download("crlf.txt", str(tmp_path / "binary.txt"))  # binary: every byte as it is on the server's disk
    assert (tmp_path / "binary.txt").read_bytes() == b"one\r\ntwo\nthree\rfour\r\n"
    s.close()


def test_pyftpdlib_crlf_split_across_blocks(make_server, tmp_path):
    """A CRLF whose CR ends one block and whose LF starts the next still becomes one LF."""
    server = make_server()
    line = b"x" * 99 + b"\r\n"
    data = line * (3 * BLOCK // len(line) + 7)
    Path(server.path("big.txt")).write_bytes(data)
    s = connect(server)
    s.download("big.txt", str(tmp_path / "big.txt"), ascii=True, size=len(data))
    assert (tmp_path / "big.txt").read_bytes() == data.replace(b"\r\n", b"\n")
    s.close()


def test_pyftpdlib_ascii_upload_is_stored_with_lf_and_not_called_changed(make_server, tmp_path):
    server = make_server()
    (tmp_path / "up.txt").write_bytes(b"alpha\nbeta\r\ngamma\n")
    s = connect(server)
    # 3 line ends sent as CRLF: more bytes on the wire than in the file, which is not "changed while uploaded"
    s.upload(str(tmp_path / "up.txt"), "up.txt", ascii=True)
    assert Path(server.path("up.txt")).read_bytes() == b"alpha\nbeta\ngamma\n"
    assert "TYPE A" in types_sent(server)
    s.close()


def test_ascii_is_never_resumed(make_server, tmp_path):
    server = make_server()
    Path(server.path("r.txt")).write_bytes(b"a\nb\nc\n")
    (tmp_path / "r.txt.ftpgui-part").write_bytes(b"zz")  # not a start of the converted file
    s = connect(server)
    s.download("r.txt", str(tmp_path / "r.txt"), ascii=True, resume=True)
    assert (tmp_path / "r.txt").read_bytes() == b"a\nb\nc\n"
    (tmp_path / "u.txt").write_bytes(b"1\n2\n")
    Path(server.path("u.txt")).write_bytes(b"1")
    s.upload(str(tmp_path / "u.txt"), "u.txt", ascii=True, resume=True)
    assert Path(server.path("u.txt")).read_bytes() == b"1\n2\n"
    assert not [c for c in server.record.commands if c.split(" ")[0] in ("REST", "APPE")]
    s.close()


def test_type_sent_only_when_it_changes_and_binary_is_the_default(make_server, tmp_path):
    server = make_server()
    for name in ("a.txt", "b.txt", "c.bin"):
        Path(server.path(name)).write_bytes(b"1\n")
    s = connect(server)
    s.download("c.bin", str(tmp_path / "c.bin"), size=2)
    assert types_sent(server) == ["TYPE I"]  # at login only: no TYPE A unless asked
    s.download("a.txt", str(tmp_path / "a.txt"), size=2, ascii=True)
    s.download("b.txt", str(tmp_path / "b.txt"), size=2, ascii=True)
    s.listdir()
    assert types_sent(server) == ["TYPE I", "TYPE A", "TYPE I"]
    s.close()


def test_auto_picks_ascii_for_text_names():
    assert is_ascii(AUTO, "/pub/readme.TXT")
    assert is_ascii(AUTO, "index.html")
    assert not is_ascii(AUTO, "data.bin")
    assert not is_ascii(AUTO, "Makefile")
    assert not is_ascii(BINARY, "readme.txt")
    assert is_ascii("ascii", "data.bin")
    assert is_ascii(AUTO, "x.cfg2", extensions(".cfg2, TXT"))
    assert not is_ascii(AUTO, "x.txt", extensions(".cfg2"))


def test_line_end_converters_across_blocks():
    out = bytearray()
    down = LocalLineEnds(lambda b: out.extend(b))
    for part in (b"a\r", b"\nb\r", b"c\r"):
        down(memoryview(part))
    down.finish()
    assert bytes(out) == b"a\nb\rc\r"
    up = WireLineEnds(io.BytesIO(b"a\r\nb\nc"))
    sent = b"".join(iter(lambda: up.read(2), b""))
    assert sent == b"a\r\nb\r\nc"


def test_cli_type_option(make_server, tmp_path):
    server = make_server()
    Path(server.path("note.txt")).write_bytes(b"x\r\ny\r\n")
    Path(server.path("blob.bin")).write_bytes(b"x\r\ny\r\n")

    def run(*argv: str) -> int:
        return main(list(argv), out=io.StringIO(), err=io.StringIO(), stdin=io.StringIO())

    assert run("get", server.url + "/note.txt", str(tmp_path / "n1.txt")) == 0
    assert (tmp_path / "n1.txt").read_bytes() == b"x\r\ny\r\n"  # binary by default
    assert run("get", "--type", "auto", server.url + "/note.txt", str(tmp_path / "n2.txt")) == 0
    assert (tmp_path / "n2.txt").read_bytes() == b"x\ny\n"
    assert run("get", "--type", "auto", server.url + "/blob.bin", str(tmp_path / "b.bin")) == 0
    assert (tmp_path / "b.bin").read_bytes() == b"x\r\ny\r\n"
    assert run("get", "--type", "ascii", server.url + "/blob.bin", str(tmp_path / "b2.bin")) == 0
    assert (tmp_path / "b2.bin").read_bytes() == b"x\ny\n"
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.txt").write_bytes(b"1\n2\n")
    (tree / "a.bin").write_bytes(b"1\n2\n")
    before = types_sent(server).count("TYPE A")
    assert run("put", "-r", str(tree), server.url + "/plain") == 0
    assert types_sent(server).count("TYPE A") == before  # binary unless asked
    assert run("put", "-r", "--type", "auto", str(tree), server.url + "/up") == 0
    assert types_sent(server).count("TYPE A") == before + 1  # the .txt only
    assert run("get", "-r", "--type", "auto", server.url + "/up", str(tmp_path / "back")) == 0
    assert types_sent(server).count("TYPE A") == before + 2
    assert (tmp_path / "back" / "a.txt").read_bytes() == b"1\n2\n"
    assert (tmp_path / "back" / "a.bin").read_bytes() == b"1\n2\n"


# --- vsftpd: without ascii_*_enable it moves bytes unchanged in TYPE A; with them it converts -----------
@pytest.fixture
def vsftpd(tmp_path_factory):
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    started = []

    def start(extra: str = ""):
        d = start_vsftpd(tmp_path_factory.mktemp("vsftpd"), extra=extra)
        started.append(d)
        return d

    yield start
    for d in started:
        d.stop()


def vs_session(d) -> FtpSession:
    s = FtpSession(SessionOptions(mode="passive", timeout=10))
    s.open(d.host, d.port, d.user, d.password)
    return s


def test_vsftpd_plain_type_a_shows_the_client_converts_both_ways(vsftpd, tmp_path):
    """vsftpd's default leaves the bytes alone in TYPE A: what it stores and sends is exactly our conversion."""
    d = vsftpd()
    d.put_file("dos.txt", b"l1\r\nl2\r\n")
    s = vs_session(d)
    # 8 bytes announced, 6 written: an ASCII download is not "incomplete" because its size changed
    s.download(d.remote_dir + "/dos.txt", str(tmp_path / "dos.txt"), ascii=True)
    assert (tmp_path / "dos.txt").read_bytes() == b"l1\nl2\n"
    (tmp_path / "unix.txt").write_bytes(b"u1\nu2\n")
    s.upload(str(tmp_path / "unix.txt"), d.remote_dir + "/unix.txt", ascii=True)
    assert (d.writable / "unix.txt").read_bytes() == b"u1\r\nu2\r\n"
    s.close()


def test_vsftpd_ascii_enabled_round_trip(vsftpd, tmp_path):
    d = vsftpd("ascii_download_enable=YES\nascii_upload_enable=YES")
    d.put_file("unix.txt", b"a\nb\n")
    s = vs_session(d)
    s.download(d.remote_dir + "/unix.txt", str(tmp_path / "unix.txt"), ascii=True)
    assert (tmp_path / "unix.txt").read_bytes() == b"a\nb\n"
    (tmp_path / "up.txt").write_bytes(b"c\nd\n")
    s.upload(str(tmp_path / "up.txt"), d.remote_dir + "/up.txt", ascii=True)
    assert (d.writable / "up.txt").read_bytes() == b"c\nd\n"  # vsftpd turned our CRLF back into LF
    s.download(d.remote_dir + "/unix.txt", str(tmp_path / "bin.txt"))  # binary: vsftpd's bytes as on disk
    assert (tmp_path / "bin.txt").read_bytes() == b"a\nb\n"
    s.close()


# --- the transfer queue: the type comes from the site (or the preferences) and the name -------------------
@pytest.fixture
def queue(qtbot, tmp_path, monkeypatch, qapp):
    from ftpgui.transfers.queue import TransferQueue

    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    yield q
    q.shutdown()


@pytest.mark.parametrize(
    ("site_type", "preferences_type", "expect_txt", "expect_bin"),
    [
        ("default", "binary", b"t\r\n", b"b\r\n"),  # binary stays the default
        ("auto", "binary", b"t\n", b"b\r\n"),  # the site's own: ASCII for .txt only
        ("default", "ascii", b"t\n", b"b\n"),  # the preferences' type for a site that keeps the default
        ("binary", "ascii", b"t\r\n", b"b\r\n"),
    ],
)
def test_queue_takes_the_type_from_the_site_and_the_name(
    qtbot, queue, make_server, tmp_path, site_type, preferences_type, expect_txt, expect_bin
):
    from ftpgui import settings
    from ftpgui.sites.store import Site, SiteStore
    from ftpgui.transfers.items import DONE
    from ftpgui.transfers.servers import server_for
    from ftpgui.transfers.worker import Endpoint
    from ftpgui.ui.transfer_type import set_transfer_types

    srv = make_server()
    Path(srv.path("note.txt")).write_bytes(b"t\r\n")
    Path(srv.path("data.bin")).write_bytes(b"b\r\n")
    site = Site(id="s1", name="Test", host=srv.host, port=srv.port, user=USER, transfer_type=site_type)

    store = SiteStore(str(tmp_path / "config" / "sites.json"))
    store.add(site)
    store.save()  # as the site manager leaves it: the queue reads the store when each item starts
    set_transfer_types(queue, settings.Preferences(transfer_type=preferences_type), store)
    endpoint = Endpoint(srv.host, srv.port, USER, PASSWORD)
    options = SessionOptions(timeout=20)
    queue.set_site(endpoint, options, 1, server=server_for(endpoint, options, site_id=site.id, name=site.name))
    down = tmp_path / "down"
    down.mkdir()
    queue.download([("/note.txt", False, 3), ("/data.bin", False, 3)], str(down))
    qtbot.waitUntil(queue.is_idle, timeout=60_000)
    assert [i.state for i in queue.model.items()] == [DONE, DONE], [i.error for i in queue.model.items()]
    assert (down / "note.txt").read_bytes() == expect_txt
    assert (down / "data.bin").read_bytes() == expect_bin
    assert ("TYPE A" in types_sent(srv)) == (expect_txt == b"t\n" or expect_bin == b"b\n")


def test_site_manager_edits_the_sites_transfer_type(qtbot, tmp_path, monkeypatch, qapp, memory_keyring):  # noqa: F811
    from PySide6.QtCore import Qt

    from ftpgui.sites.passwords import PasswordStore
    from ftpgui.sites.store import Site, SiteStore
    from ftpgui.ui.site_manager import SiteManagerDialog

    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    store = SiteStore()
    store.add(Site(id="s1", name="Box", host="127.0.0.1", user="u"))
    dialog = SiteManagerDialog(store, PasswordStore())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tree.setCurrentIndex(dialog.model.index_of("site", "s1"))
    assert dialog.transfer_type.value() == "default"
    dialog.transfer_type.set_value("auto")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    reread = SiteStore()
    reread.load()
    assert reread.get("s1").transfer_type == "auto"


def test_ascii_download_still_stops_far_past_the_announced_size(make_server, tmp_path):
    """A server announcing 10 bytes and sending 1,000: ASCII allows line ends to grow, not a flood."""
    from ftpgui.ftp.errors import SizeExceeded

    server = make_server(replies={"SIZE": "213 10"})
    Path(server.path("liar.txt")).write_bytes(b"a\r\n" * 333 + b"a")
    s = connect(server)
    with pytest.raises(SizeExceeded):
        s.download("liar.txt", str(tmp_path / "liar.txt"), ascii=True)
    assert (tmp_path / "liar.txt.ftpgui-part").stat().st_size <= 2 * 10 + 2
    assert not (tmp_path / "liar.txt").exists()
    s.close()


def test_the_queue_keeps_exact_times_after_vsftpds_list(qtbot, queue, vsftpd, tmp_path):
    """vsftpd lists with LIST only: a file older than six months shows a date and no time, which read as
    midnight — hours off. The queue asks MDTM for it instead; a recent file keeps LIST's time (to the minute)."""
    import os
    import time

    from ftpgui.transfers.items import DONE
    from ftpgui.transfers.worker import Endpoint

    d = vsftpd()
    (d.writable / "tree").mkdir()
    d.put_file("tree/old.bin", b"o")
    d.put_file("tree/new.bin", b"n")
    old = 1_577_934_245  # 2020-01-02 03:04:05 UTC
    os.utime(d.writable / "tree" / "old.bin", (old, old))
    recent = int(time.time()) - 3600
    os.utime(d.writable / "tree" / "new.bin", (recent, recent))
    queue.set_site(Endpoint(d.host, d.port, d.user, d.password), SessionOptions(timeout=20, tls="off"), 1)
    down = tmp_path / "down"
    down.mkdir()
    queue.download([(d.remote_dir + "/tree", True, None)], str(down))
    qtbot.waitUntil(lambda: queue.is_idle() and len(queue.model.items()) == 2, timeout=60_000)  # (the folder's files)
    assert {i.state for i in queue.model.items()} == {DONE}, [i.error for i in queue.model.items()]
    assert int((down / "tree" / "old.bin").stat().st_mtime) == old  # (midnight before: 11,045 s off)
    assert recent - 60 < (down / "tree" / "new.bin").stat().st_mtime <= recent
