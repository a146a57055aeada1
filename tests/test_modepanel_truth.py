"""Issue 16, items 2 and 6: Live shows the newest step, and every sentence of the mode panel is true.

Each exchange is played for real through the engine into the panel: pyftpdlib, the practice server and its
simulated firewalls, a real vsftpd, or the scripted server where a reply must be exactly one a daemon sends
(vsftpd's "425 Security: Bad IP connecting"). Every sentence is checked in English and in Chinese.
"""

from __future__ import annotations

import os
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable, List, Tuple

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from ftpgui import explain, i18n
from ftpgui.ftp import DataConnectionError, FtpError, FtpSession, SessionOptions
from ftpgui.practice import PracticeServer
from ftpgui.ui.modepanel import ModePanel
from ftpgui.ui.modepanel import export as ex_
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel import whatif as wi

from conftest import need
from daemons import start_vsftpd, vsftpd_usable
from ftpserver import PASSWORD, USER, ipv6_available
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from scripted import Conversation, ScriptedServer, epsv_reply, serve_data

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.gui


class Bridge(QObject):
    """Engine events from the session's thread to the panel on the GUI thread, as the main window does."""

    event = Signal(object)


@pytest.fixture
def panel(qtbot):
    p = ModePanel()
    qtbot.addWidget(p)
    p.resize(820, 640)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.fixture
def both(qapp, tmp_path, monkeypatch):
    """``both(fn)`` → (fn() in English, fn() in Simplified Chinese)."""
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))

    def say(fn: Callable[[], str]) -> Tuple[str, str]:
        english = fn()
        translator = i18n.install(qapp, "zh_CN")
        try:
            chinese = fn()
        finally:
            i18n.uninstall(qapp, translator)
        return english, chinese

    return say


def play(qtbot, panel, host, port, mode, action, user="u", password="p", **options):
    """A real session on a worker thread, its events reaching the panel through a queued signal; returns the
    connection's scene and what the session raised (None when it went through)."""
    bridge = Bridge()
    bridge.event.connect(panel.add_event)
    raised: List[BaseException] = []
    ids: List[int] = []

    def work():
        try:
            with FtpSession(
                SessionOptions(mode=mode, timeout=options.pop("timeout", 5), **options), bridge.event.emit
            ) as s:
                ids.append(s.id)
                s.open(host, port, user, password)
                action(s)
        except FtpError as exc:
            raised.append(exc)

    t = threading.Thread(target=work)
    t.start()
    qtbot.waitUntil(lambda: not t.is_alive(), timeout=30000)
    qtbot.waitUntil(lambda: ids and ids[0] in panel.scene.connections and panel.scene.connections[ids[0]].ended)
    return panel.scene.connections[ids[0]], (raised[0] if raised else None)


def step_of(conn, kind, nth=-1):
    return [s for s in conn.steps if s.kind == kind][nth]


# --- item 2: Live is the newest step ------------------------------------------------------------------------
def test_f5_live_shows_the_new_listing(qtbot, panel, make_server):
    """Two alike listings (F5): Live ends on the second, with its own ports, not on the first."""
    srv = make_server("127.0.0.1")
    conn, raised = play(
        qtbot, panel, srv.host, srv.port, "passive", lambda s: (s.listdir(), s.listdir()), USER, PASSWORD
    )
    assert raised is None
    (listing,) = conn.exchanges()
    assert listing.number == 2 and listing.more == 1
    server_end, client_end = srv.record.data[1]  # the second listing's data connection, as the server saw it
    assert (listing.remote, listing.local) == (server_end, client_end)
    # the newest data step on the timeline is the second listing's close, with its own numbers
    closed = step_of(conn, sc.CLOSED)
    assert closed.exchange is listing and conn.step(conn.last_serial - 1) is closed
    qtbot.waitUntil(lambda: panel.position == conn.last_serial and not panel.view.animating, timeout=20000)
    panel.set_live(False)
    panel.go_to(closed.serial)
    assert panel.view.frame.serial == closed.serial
    text = panel.narration()
    assert text.startswith(f"{nr.number(listing.bytes)} bytes in {nr.seconds(listing.seconds)} s")
    assert text.endswith("The data connection before it (#1) went the same way.")


def practice_listing(qtbot, panel, mode: str, simulated: str):
    """A listing in ``mode`` from the practice server with ``simulated`` on ("server_firewall", "client_firewall",
    "nat": its ``simulate_…`` switch; a dropped connect waits 1.5 s): (its connection, what it raised)."""
    with PracticeServer() as practice:
        setattr(practice, f"simulate_{simulated}", True)
        return play(
            qtbot,
            panel,
            practice.host,
            practice.port,
            mode,
            lambda s: s.list_raw(),
            practice.user,
            practice.password,
            timeout=1.5,
        )


def test_a_failed_attempt_ends_live_on_the_failure(qtbot, panel):
    """Try it with a simulated server firewall: Live stays on the failure (its wall), not the control close."""
    conn, raised = practice_listing(qtbot, panel, "passive", "server_firewall")
    assert isinstance(raised, DataConnectionError)
    assert conn.steps[-1].kind == sc.CONTROL_CLOSED
    failed = step_of(conn, sc.FAILED)
    qtbot.waitUntil(lambda: panel.position == failed.serial and not panel.view.animating, timeout=20000)
    qtbot.wait(sc.FOLD_WAIT * 1000 + 300)  # a later refresh must not move Live on to the close
    assert panel.position == failed.serial and panel.live_button.isChecked()
    assert panel.narration().startswith("The data connection failed at the “connect” stage.")


def _never_dials(c: Conversation) -> None:
    """Takes EPRT, then neither connects to it nor answers LIST: as a client firewall that drops the server's
    connection looks from the client (the server's own connect timeout is far longer than ours)."""
    c.login(features=("EPRT", "EPSV"))
    c.expect("EPRT")
    c.reply("200 EPRT ok")
    c.expect("LIST")
    c.command()  # (the client gives up and hangs up)


def test_an_active_connection_nobody_dials_ends_on_the_failure_not_the_close(qtbot, panel):
    """Found by QA in the namespace lab (a client firewall dropping the server's connection): the engine closed
    the control connection before it reported the accept failure, the panel had no data connection left to
    stop, and the picture ended on "the control connection closed" with no failure shown at all."""
    with ScriptedServer(_never_dials) as srv:
        conn, raised = play(qtbot, panel, "127.0.0.1", srv.port, "active", lambda s: s.list_raw(), timeout=1.5)
    assert isinstance(raised, DataConnectionError) and raised.stage == "accept"
    failed = step_of(conn, sc.FAILED)
    assert conn.steps[-1].kind == sc.CONTROL_CLOSED and failed.serial < conn.steps[-1].serial
    qtbot.waitUntil(lambda: panel.position == failed.serial and not panel.view.animating, timeout=20000)
    assert panel.narration().startswith("The data connection failed at the “accept” stage.")


# --- item 6: every sentence true ----------------------------------------------------------------------------
def _rejected_after_connect(c: Conversation) -> None:
    """vsftpd's answer when the data connection comes from another address than the control connection."""
    c.login()
    c.expect("EPSV")
    lst = c.passive()
    c.reply(epsv_reply(lst))
    c.expect("LIST")
    data, _ = lst.accept()  # our data connection was made…
    c.reply("425 Security: Bad IP connecting.")  # …and the server rejects it
    data.close()
    lst.close()
    c.expect("QUIT")
    c.reply("221 bye")


def test_a_425_after_our_passive_connection_is_the_server_rejecting_it(qtbot, panel, both):
    with ScriptedServer(_rejected_after_connect) as srv:
        conn, raised = play(qtbot, panel, "127.0.0.1", srv.port, "passive", lambda s: s.list_raw())
    # the live session names it as the diagnosis does (issue 21): the data connection came from another address
    assert (raised.stage, raised.cause) == ("connect", "foreign-address")
    failed = step_of(conn, sc.FAILED)
    en, zh = both(lambda: nr.narrate(conn, failed))
    assert "the server accepted our data connection, then rejected it because it came from another address" in en
    assert "425 Security: Bad IP connecting" in en
    assert "went unanswered" not in en and "likely a firewall at the server" not in en
    assert "服务器接受了我们的数据连接，随后又拒绝了它" in zh and "。 " not in zh
    # What if on this exchange: a server firewall (with its passive range open) would not be the reason
    walls = wi.Firewalls(server=True, passive_range_open=True)
    ex = failed.exchange
    en, zh = both(lambda: nr.whatif(ex, walls))
    assert en.startswith(  # the real cause named (design note 178), not "another reason"
        "What if: a server firewall would not stop this connection; it really failed: the data connection came from "
        "another address."
    )
    assert "still works" not in en
    assert zh.startswith("假如：服务器防火墙不会拦住这条连接；") and "另一个地址" in zh


def _425_to_list_then_active(c: Conversation) -> None:
    c.login()
    c.expect("EPSV")
    lst = c.passive()
    c.reply(epsv_reply(lst))
    c.expect("LIST")
    data, _ = lst.accept()
    c.reply("425 Security: Bad IP connecting.")
    data.close()
    lst.close()
    cmd = c.expect("EPRT")
    c.reply("200 EPRT command successful.")
    c.expect("LIST")
    c.reply("150 Here comes the directory listing.")
    c.dial(cmd.split(" ", 1)[1]).close()
    c.reply("226 Directory send OK.")
    c.expect("QUIT")
    c.reply("221 bye")


def test_auto_fallback_says_nothing_is_lost_only_before_the_transfer_command(qtbot, panel, both):
    with ScriptedServer(_425_to_list_then_active) as srv:
        conn, raised = play(qtbot, panel, "127.0.0.1", srv.port, "auto", lambda s: s.list_raw())
    assert raised is None
    fallback = step_of(conn, sc.FALLBACK)
    en, zh = both(lambda: nr.narrate(conn, fallback))
    assert "the server answered 425 to LIST, so no data moved" in en and "sends LIST again" in en
    assert "had not been sent yet" not in en and "nothing is lost" not in en
    assert "服务器对 LIST 响应 425，没有传输任何数据" in zh and "没有任何损失" not in zh
    en, zh = both(lambda: ex_.transcript_of(conn))
    assert "-- Auto mode: Passive → Active (the data connection came from another address)" in en
    assert "-- 自动模式：被动 → 主动（数据连接来自另一个地址）" in zh
    assert "：服务器无法建立数据连接：425 Security: Bad IP connecting." in zh  # the engine's words, with the code
    # a failure before the transfer command (the practice server's firewall: the connect times out)
    with PracticeServer() as practice:
        practice.simulate_server_firewall = True
        conn, raised = play(
            qtbot,
            panel,
            practice.host,
            practice.port,
            "auto",
            lambda s: s.list_raw(),
            practice.user,
            practice.password,
            timeout=1.5,
        )
    assert raised is None
    fallback = step_of(conn, sc.FALLBACK)
    en, zh = both(lambda: nr.narrate(conn, fallback))
    assert "The transfer command had not been sent yet, so nothing is lost." in en
    assert "传输命令尚未发出，所以没有任何损失。" in zh
    # the failure's step says only what was known then: active mode had not been tried yet (design note 178)
    en, zh = both(lambda: nr.narrate(conn, step_of(conn, sc.FAILED)))
    assert "Active mode may work meanwhile." in en and "works with this server" not in en
    assert "主动模式对这台服务器可用" not in zh


@pytest.fixture
def vsftpd(tmp_path_factory):
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    d = start_vsftpd(tmp_path_factory.mktemp("vsftpd"))
    yield d
    d.stop()


def test_vsftpds_illegal_port_is_about_the_address_not_a_disabled_mode(qtbot, panel, vsftpd, both):
    """A wrong external address (127.0.0.2 while the control connection comes from 127.0.0.1): real vsftpd
    answers "500 Illegal EPRT command." and "500 Illegal PORT command." (port_promiscuous=NO)."""
    conn, raised = play(
        qtbot,
        panel,
        vsftpd.host,
        vsftpd.port,
        "active",
        lambda s: s.list_raw(),
        vsftpd.user,
        vsftpd.password,
        active_external_address="127.0.0.2",
    )
    assert (raised.stage, raised.cause) == ("command", "client-nat")  # the diagnosis' name too (issue 21)
    assert "Illegal PORT command" in str(raised)
    failed = step_of(conn, sc.FAILED)
    en, zh = both(lambda: nr.narrate(conn, failed))
    assert "the server refused the address in our PORT/EPRT command" in en
    assert "behind NAT with no FTP helper rewriting PORT, or that the external address for active mode is wrong" in en
    assert "disable" not in en
    assert "服务器拒绝了我们 PORT/EPRT 命令中的地址" in zh and "外部地址设置错了" in zh
    # replay: each step from its own reply (EPRT refused, then PORT)
    eprt_request, port_request = [s for s in conn.steps if s.kind == sc.REQUEST]
    eprt_reply, port_reply = [s for s in conn.steps if s.kind == sc.REPLY]
    assert eprt_request.line.startswith("EPRT |1|127.0.0.2|") and port_request.line.startswith("PORT 127,0,0,2,")
    en, zh = both(lambda: nr.narrate(conn, eprt_reply))
    assert en.startswith("The server refused EPRT (500 Illegal EPRT command.); the client tries PORT instead.")
    assert zh.startswith("服务器拒绝了 EPRT（500 Illegal EPRT command.）；客户端改用 PORT。")
    assert nr.narrate(conn, port_reply) == "The server refused PORT: 500 Illegal PORT command."
    assert "sends EPRT" in nr.narrate(conn, eprt_request) and "sends PORT" in nr.narrate(conn, port_request)


def test_on_ipv6_only_eprt_was_tried_and_no_sentence_says_port(qtbot, panel, make_server, both):
    need(ipv6_available(), "IPv6 loopback (::1) is not available")
    srv = make_server("::1", refuse=("EPRT",))
    conn, raised = play(qtbot, panel, "::1", srv.port, "active", lambda s: s.list_raw(), USER, PASSWORD)
    assert (raised.stage, raised.cause) == ("command", "server-refused")
    assert not any(line.upper().startswith("PORT") for line in srv.record.commands)
    failed = step_of(conn, sc.FAILED)
    en, zh = both(lambda: nr.narrate(conn, failed) + " " + explain.describe_error(raised))
    assert "The server refused active mode; some servers disable it." in en
    assert "PORT" not in en.replace("EPRT", "")
    assert "服务器拒绝了主动模式" in zh


def test_a_425_to_port_or_eprt_is_the_server_failing_to_connect(qtbot, panel, both):
    with PracticeServer() as practice:
        practice.simulate_client_firewall = True
        conn, raised = play(
            qtbot,
            panel,
            practice.host,
            practice.port,
            "active",
            lambda s: s.list_raw(),
            practice.user,
            practice.password,
        )
    assert raised.stage == "accept"
    reply = step_of(conn, sc.REPLY)
    assert reply.code == 425
    en, zh = both(lambda: nr.narrate(conn, reply))
    port = reply.line.split("|")[3]  # EPRT |1|127.0.0.1|port|: the port the server could not reach
    # (the practice server answers 425 without dialling, as some servers do: "tried at once" was not true)
    assert en.startswith(f"The server could not, or would not, connect to the client's port {port}: 425")
    assert "refused" not in en and "tried" not in en
    assert zh.startswith(f"服务器没能（或不肯）连接客户端的端口 {port}：425")


def test_when_both_modes_fail_neither_advises_the_other(qtbot, panel, both):
    with PracticeServer() as practice:
        practice.simulate_server_firewall = practice.simulate_client_firewall = True
        panel.set_diagnose_target(
            practice.host, practice.port, practice.user, practice.password, SessionOptions(timeout=1.5)
        )
        with qtbot.waitSignal(panel.diagnosis.finished, timeout=60000):
            panel.diagnosis.button.click()
    lines = panel.diagnosis.lines

    en, zh = both(lambda: (panel.diagnosis.retranslate(), lines["passive"].text() + "\n" + lines["active"].text())[1])
    assert "Active mode failed too, so switching modes does not help here." in en
    assert "Passive mode failed too, so switching modes does not help here." in en
    assert "Active mode may work meanwhile" not in en and "Use passive mode" not in en
    assert "主动模式也失败了" in zh and "被动模式也失败了" in zh and "请使用被动模式" not in zh
    panel.diagnosis.retranslate()
    assert panel.diagnosis.summary.text() == "Neither mode works with this server from here."
    # one mode works: the other's advice says so, from its real result
    with PracticeServer() as practice:
        practice.simulate_server_firewall = True
        panel.set_diagnose_target(
            practice.host, practice.port, practice.user, practice.password, SessionOptions(timeout=1.5)
        )
        with qtbot.waitSignal(panel.diagnosis.finished, timeout=60000):
            panel.diagnosis.button.click()
    en, zh = both(lambda: (panel.diagnosis.retranslate(), lines["passive"].text())[1])
    assert en.endswith("Active mode works with this server: use it meanwhile.")
    assert zh.endswith("主动模式对这台服务器可用：在此期间请使用主动模式。")
    en, zh = both(
        lambda: (
            panel.diagnosis.retranslate(),
            panel.diagnosis.summary.text() + "|" + panel.diagnosis.use_button.text(),
        )[1]
    )
    assert en == "Recommended: Active|Use Active for this connection"  # (no saved site: a quick connection's)
    assert zh == "推荐：主动模式|对此连接使用主动模式"
    en, zh = both(lambda: (panel.diagnosis.retranslate(), lines["passive"].text())[1])
    assert "在“建立连接”阶段失败" in zh and "。 " not in zh


def test_an_active_connect_stopped_at_the_client_says_what_the_ftp_helper_reads(qtbot, panel, both):
    """The helper's sentence for both modes, where the server's connect to the client timed out: it reads PORT/EPRT
    and the 227/229 replies, and PASV itself carries no numbers (the seed article's "reads PORT and PASV")."""
    conn, _ = practice_listing(qtbot, panel, "active", "client_firewall")
    failed = step_of(conn, sc.FAILED)
    assert failed.exchange.failure[1] == "client-firewall"
    en, zh = both(lambda: nr.narrate(conn, failed))
    assert "reads PORT/EPRT and the 227/229 replies on the control connection (PASV itself carries no numbers)" in en
    assert "reads PORT and PASV" not in en
    assert "状态检测防火墙会读取控制连接上的 PORT/EPRT 命令和 227/229 响应（PASV 命令本身不含地址和端口）" in zh


def test_the_firewall_helper_reads_port_eprt_and_the_227_229_replies(qtbot, panel, both, tmp_path):
    conn, _ = practice_listing(qtbot, panel, "passive", "server_firewall")
    failed = step_of(conn, sc.FAILED)
    en, zh = both(lambda: nr.narrate(conn, failed))
    # passive, timed out: what a helper would have read is the server's 227/229 reply, never PASV (note 489)
    assert "A firewall with an FTP helper opens such a port by itself, from the 227/229 reply it reads" in en
    assert "reads PORT and PASV" not in en and "refused" not in en
    assert "带 FTP 辅助模块的防火墙会读取 227/229 响应，自动放行这样的端口" in zh
    # the close reason and every line of the exported transcript are in the person's language
    en, zh = both(lambda: ex_.transcript_of(conn))
    assert "-- control connection closed (quit)" in en
    assert "-- 控制连接已关闭（正常退出）" in zh and "-- 数据连接在“建立连接”阶段失败" in zh
    port = step_of(conn, sc.FAILED).exchange.target[1]
    assert f"：连接服务器的数据端口 127.0.0.1:{port} 时 1.5 秒后超时。" in zh  # the engine's detail, translated too
    said = [line for line in zh.splitlines() if line.startswith("-- ")]
    assert said and not any(word in line for line in said for word in ("connect", "data", "closed", "advertised"))
    en, zh = both(lambda: nr.narrate(conn, conn.steps[-1]))
    assert en == "The control connection closed (quit)." and zh == "控制连接已关闭（正常退出）。"
    # the picture's label on the stopped arrow: a full-width colon in Chinese
    panel.set_live(False)
    panel.select_connection(conn.connection_id)
    panel.go_to(step_of(conn, sc.FAILED).serial)
    svg = tmp_path / "failed.svg"
    en, zh = both(lambda: (panel.export_svg(str(svg)), svg.read_text("utf-8"))[1])
    assert "failed: likely a firewall at the server" in en
    assert "失败：很可能是服务器端的防火墙" in zh and "失败:" not in zh
    # stepping on to the control connection's close: no "No data connection yet" after one was tried
    panel.go_to(conn.last_serial)
    en, zh = both(lambda: (panel.export_svg(str(svg)), svg.read_text("utf-8"))[1])
    assert "No data connection open." in en and "yet" not in en
    assert "没有打开的数据连接。" in zh


def _nat_script(c: Conversation) -> None:
    """PASV after a refused EPSV; the 227 names a private address (a server behind NAT)."""
    c.login(features=("SIZE",))
    c.expect("EPSV")
    c.reply("500 EPSV not understood")
    c.expect("PASV")
    lst = c.passive()
    port = lst.getsockname()[1]
    c.reply(f"227 Entering Passive Mode (10,0,0,5,{port >> 8},{port & 255})")
    c.expect("LIST")
    c.reply("150 here it comes")
    serve_data(lst, b"-rw-r--r-- 1 u g 5 Jan 1 2020 a\r\n")
    c.reply("226 done")
    c.expect("QUIT")
    c.reply("221 bye")


def test_a_227_naming_another_address_and_replay_of_epsv_then_pasv(qtbot, panel, both):
    with ScriptedServer(_nat_script) as srv:
        conn, raised = play(qtbot, panel, "127.0.0.1", srv.port, "passive", lambda s: s.list_raw())
    assert raised is None
    epsv, pasv = [s for s in conn.steps if s.kind == sc.REQUEST]
    refusal, reply = [s for s in conn.steps if s.kind == sc.REPLY]
    # each step is narrated from its own command and reply, not from the exchange rewritten in place
    assert nr.narrate(conn, epsv).startswith("Passive mode: the client sends EPSV on the control connection")
    assert (
        nr.narrate(conn, refusal) == "The server refused EPSV (500 EPSV not understood); the client tries PASV instead."
    )
    assert nr.narrate(conn, pasv).startswith("The server refused EPSV (500), so the client tries PASV.")
    en, zh = both(lambda: nr.narrate(conn, reply))
    assert en.startswith(  # (the port it listens on is decoded under the boxes: note 493)
        "The server's 227 reply named 10.0.0.5, not the address the client reaches the server at (probably a "
        "server behind NAT whose public address is not configured): the client dials 127.0.0.1:"
    )
    assert "real address" not in en and "not the server's address" not in en
    assert (
        "响应中给出的是 10.0.0.5，而不是客户端访问服务器所用的地址（可能是服务器位于 NAT 之后，且没有配置公网地址）"
        in zh
    )
    en, zh = both(lambda: explain.explain_cause("passive", "nat-address"))
    assert "(a server behind NAT that names its private address, or one whose passive address is set wrongly)" in en
    assert "real address" not in en and "服务器位于 NAT 之后并给出了它的私有地址" in zh
    # the picture's pill shows the step's own command
    panel.set_live(False)
    panel.go_to(epsv.serial)
    assert panel.view.frame.serial == epsv.serial and epsv.line == "EPSV"
    transcript = panel.transcript()
    assert f"{epsv.serial}. Passive mode: the client sends EPSV" in transcript
    assert f"{refusal.serial}. The server refused EPSV (500 EPSV not understood)" in transcript


def test_listings_use_data_connections_and_stat_is_not_denied(qtbot, panel, make_server, both):
    srv = make_server("127.0.0.1")
    conn, _ = play(qtbot, panel, srv.host, srv.port, "passive", lambda s: s.list_raw(), USER, PASSWORD)
    en, zh = both(lambda: nr.narrate(conn, conn.steps[0]))
    assert "files, and the directory listings of LIST, NLST and MLSD, go over separate data connections" in en
    assert "never" not in en
    assert "LIST、NLST 和 MLSD 的目录列表，走另外的数据连接" in zh


def test_an_external_address_needs_the_router_to_forward_the_port_range(qtbot, both):
    from ftpgui import settings
    from ftpgui.ui.preferences_dialog import PreferencesDialog

    en, zh = both(lambda: explain.explain_cause("active", "client-nat"))
    assert (
        "Setting the external address for active mode helps only if the router also forwards the active port range"
        in en
    )
    assert "路由器同时把主动模式端口范围转发到本机" in zh

    def tooltip() -> str:
        dialog = PreferencesDialog(settings.Preferences())
        try:
            return dialog.external.toolTip()
        finally:
            dialog.deleteLater()

    en, zh = both(tooltip)
    assert "forwards the active port range" in en and "转发到本机" in zh


def test_the_site_manager_calls_both_tls_kinds_ftps(qtbot, both, tmp_path, memory_keyring):  # noqa: F811
    from ftpgui.sites.passwords import PasswordStore
    from ftpgui.sites.store import SiteStore
    from ftpgui.ui.site_manager import SiteManagerDialog

    def protocols() -> str:
        dialog = SiteManagerDialog(SiteStore(str(tmp_path / "sites.json")), PasswordStore())
        try:
            return "|".join(dialog.protocol.itemText(i) for i in range(dialog.protocol.count()))
        finally:
            dialog.deleteLater()

    en, zh = both(protocols)
    assert en.split("|")[:3] == [
        "FTP – use explicit FTPS (AUTH TLS) if available",
        "FTP – require explicit FTPS (AUTH TLS)",
        "Implicit FTPS",
    ]
    assert zh.split("|")[:3] == [
        "FTP – 如果可用，使用显式 FTPS（AUTH TLS）",
        "FTP – 要求显式 FTPS（AUTH TLS）",
        "隐式 FTPS",
    ]


def test_the_chinese_wording_rules_hold_for_every_panel_sentence():
    """连接/发起连接 (never 拨号), 响应 for a reply, no 这才是, no space after 。, full-width ：."""
    root = ET.parse(ROOT / "resources" / "translations" / "ftpgui_zh_CN.ts").getroot()
    checked = 0
    for context in root.iter("context"):
        if context.findtext("name") not in ("ModePanel", "explain"):
            continue
        for message in context.iter("message"):
            zh = message.findtext("translation") or ""
            checked += 1
            assert "拨号" not in zh and "应答" not in zh and "回复" not in zh and "这才是" not in zh, zh
            assert "。 " not in zh, zh
            assert not any(ch + ":" in zh for ch in "式称址口误败用"), zh  # a Chinese word then ASCII ":"
    assert checked > 150
    assert QApplication.translate("ModePanel", "connect") == "connect"  # (English without the translator)


def _downloads_told(server, tmp_path, names):
    """A session's downloads of ``names`` (a name not on the server: refused with 550), its events and the
    narration of each data connection's close."""
    events: list = []
    s = FtpSession(SessionOptions(timeout=10), events.append)
    s.open(server.host, server.port, USER, PASSWORD)
    for name in names:
        if os.path.exists(server.path(name)):
            s.download(f"/{name}", str(tmp_path / name))
        else:
            with pytest.raises(FtpError):
                s.download(f"/{name}", str(tmp_path / name))
    s.quit()
    s.close()
    conn = sc.ConnectionScene(s.id)
    for event in events:
        conn.feed(event)
    return s.id, events, [nr.narrate(conn, step) for step in conn.steps if step.kind == sc.CLOSED]


def test_a_transfer_the_server_refuses_is_told_as_refused_not_as_a_plain_end(make_server, tmp_path):
    # passive mode connects before RETR; the server then answers 550: the data connection's close says so
    # (before, the connection stayed open in the panel, with no close and no word of the 550)
    _, _, said = _downloads_told(make_server("127.0.0.1"), tmp_path, ["missing.bin"])
    assert len(said) == 1
    assert said[0].startswith("The server answered RETR with “550 ") and "0 bytes" in said[0], said


def test_a_refused_transfer_is_not_folded_among_the_ones_that_went_through(make_server, tmp_path):
    # three files, then a missing one, then one more: the 550 stays on the timeline as its own, the run before it
    # is not said to have gone "the same way", and a late failing reply (426 after the close) says the run
    # before it went through
    import dataclasses

    from ftpgui.ftp import ReplyReceived

    server = make_server("127.0.0.1")
    for name in ("a", "b", "c", "d"):
        Path(server.path(f"{name}.bin")).write_bytes(b"x" * 100)
    sid, events, said = _downloads_told(server, tmp_path, ["a.bin", "b.bin", "c.bin", "missing.bin", "d.bin"])
    refused = [text for text in said if "550" in text]
    assert len(refused) == 1 and "same way" not in refused[0] and "went through" not in refused[0], said
    assert len(said) >= 3 and "550" not in said[-1]  # the one after it did not fold the 550 away

    late = list(events)  # the same three files, the third's 226 turned into a 426 (sent after the close)
    finals = [i for i, e in enumerate(late) if isinstance(e, ReplyReceived) and e.code == 226]
    late = late[: finals[3] + 1]  # (the listing of none: a, b, c and their 226s)
    late[finals[2]] = dataclasses.replace(late[finals[2]], code=426, lines=("426 Connection closed; aborted.",))
    conn = sc.ConnectionScene(sid)
    for event in late[: finals[2] + 1]:
        conn.feed(event)
    last = [step for step in conn.steps if step.kind == sc.CLOSED][-1]
    text = nr.narrate(conn, last)
    assert "426" in text and "went through" in text and "same way" not in text, text
