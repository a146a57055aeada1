"""The practice server's *Simulate TLS with a firewall helper* (issue 21 item 7): a firewall that opens a
passive port when its FTP helper reads it in the server's reply — possible in plain FTP, not under TLS. Plain
passive works, TLS passive times out at the data stage, active mode is unaffected, and the diagnosis names
``tls-helper`` (comparing in clear with the practice server's throwaway login only when allowed)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ftpgui.fixes import fixes_for
from ftpgui.ftp import DataConnectionError, FtpSession, SessionOptions
from ftpgui.ftp.diagnose import diagnose
from ftpgui.ftp.events import DataFailed, TlsEstablished
from ftpgui.practice import PracticeServer
from ftpgui.practicetls import tls_options

SHOTS = Path(__file__).resolve().parent.parent / "build" / "screens"
TIMEOUT = 2  # the simulated firewall drops the connect: this is how long each TLS passive attempt waits


@pytest.fixture
def helper_server():
    with PracticeServer() as srv:
        assert srv.tls, "pyOpenSSL is a dependency: the practice server offers TLS"
        srv.simulate_tls_helper = True
        yield srv


def _list(srv, mode, tls):
    options = SessionOptions(mode=mode, timeout=TIMEOUT)
    events = []
    with FtpSession(tls_options(options, srv.fingerprint) if tls else options, events.append) as s:
        s.open(srv.host, srv.port, srv.user, srv.password)
        names = {e.name for e in s.listdir()}
    return names, events


def test_plain_passive_works_and_tls_passive_is_stopped_at_the_data_stage(helper_server):
    names, events = _list(helper_server, "passive", tls=False)
    assert "README.txt" in names and not any(isinstance(e, TlsEstablished) for e in events)
    with pytest.raises(DataConnectionError) as raised:
        _list(helper_server, "passive", tls=True)
    assert (raised.value.mode, raised.value.stage) == ("passive", "connect")
    assert "timed out" in str(raised.value)


def test_active_mode_is_unaffected_under_tls(helper_server):
    names, events = _list(helper_server, "active", tls=True)
    assert "README.txt" in names
    assert {e.channel for e in events if isinstance(e, TlsEstablished)} == {"control", "data"}


def test_switched_off_it_offers_no_tls(helper_server):
    """Off, the practice server is the plain one it always was: a client that uses TLS when offered stays
    in plain FTP (no self-signed certificate to question)."""
    helper_server.simulate_tls_helper = False
    events = []
    srv = helper_server
    with FtpSession(SessionOptions(timeout=TIMEOUT, tls="auto"), events.append) as s:
        s.open(srv.host, srv.port, srv.user, srv.password)
        assert "README.txt" in {e.name for e in s.listdir()}
    assert not any(isinstance(e, TlsEstablished) for e in events)


def test_the_diagnosis_names_tls_helper_and_its_fix(helper_server):
    srv = helper_server
    options = tls_options(SessionOptions(timeout=TIMEOUT), srv.fingerprint)
    d = diagnose(srv.host, srv.port, srv.user, srv.password, options, plain_login_ok=True)
    assert (d.passive.ok, d.passive.stage, d.passive.cause) == (False, "connect", "tls-helper")
    assert d.plain_passive is not None and d.plain_passive.ok
    assert d.active.ok and d.recommended == "active"
    assert {c: p.cause for c, p in d.probes.items() if not p.ok} == {"EPSV": "tls-helper", "PASV": "tls-helper"}
    # the recorded failure says so too (the panel's picture, ladder and the bundle's transcript read it)
    assert [e.cause for e in d.passive.events if isinstance(e, DataFailed)] == ["tls-helper"]
    (fix,) = fixes_for(d)
    assert fix.cause == "tls-helper"
    assert not any("nf_conntrack_ftp" in s.text or "--helper ftp" in s.text for s in fix.snippets)


def test_without_permission_the_login_is_not_sent_in_clear(helper_server):
    """A real login is never sent in clear to compare: without ``plain_login_ok`` it stays a timeout."""
    srv = helper_server
    options = tls_options(SessionOptions(timeout=TIMEOUT), srv.fingerprint)
    d = diagnose(srv.host, srv.port, srv.user, srv.password, options)
    assert d.plain_passive is None and d.passive.cause == "server-firewall" and d.passive.timed_out


def test_a_server_firewall_stays_a_server_firewall_after_the_comparison(helper_server):
    """Plain passive fails too (the port is closed whatever the helper reads): not the helper's fault."""
    srv = helper_server
    srv.simulate_server_firewall = True
    options = tls_options(SessionOptions(timeout=TIMEOUT), srv.fingerprint)
    d = diagnose(srv.host, srv.port, srv.user, srv.password, options, plain_login_ok=True)
    assert d.plain_passive is not None and not d.plain_passive.ok
    assert d.passive.cause == "server-firewall"


def test_the_certificate_is_private_and_gone_after_stop():
    srv = PracticeServer()
    srv.start()
    try:
        path = srv._certificate.path
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
        assert len(srv.fingerprint.split(":")) == 32
    finally:
        srv.stop()
    assert not os.path.exists(path) and srv.fingerprint == "" and not srv.tls


# --- in the mode panel -----------------------------------------------------------------------------------
@pytest.mark.gui
def test_the_panel_simulates_the_helper_tries_both_and_diagnoses_it(qtbot, qapp, tmp_path, monkeypatch):
    from ftpgui import i18n
    from ftpgui.ui.modepanel import narration as nr
    from ftpgui.ui.modepanel import probes
    from ftpgui.ui.modepanel import scene as sc
    from ftpgui.ui.modepanel.panel import ModePanel

    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.resize(820, 700)
    panel.show()
    bar = panel.practice
    assert bar.tls_helper.text() == "Simulate TLS with a firewall helper" and not bar.tls_helper.isEnabled()
    assert bar.tls_helper.toolTip().startswith("Simulation:")
    with qtbot.waitSignal(bar.started, timeout=20000):
        bar.button.click()
    try:
        assert bar.tls_helper.isEnabled() and not bar.server.simulate_tls_helper
        # the practice server is the diagnosis target: in plain FTP until the helper is simulated
        assert panel.diagnosis.target.options.tls == "off" and panel.diagnosis.target.plain_login_ok
        bar.tls_helper.setChecked(True)
        assert bar.server.simulate_tls_helper
        assert panel.diagnosis.target.options.tls == "require"
        assert panel.diagnosis.target.options.trust == (bar.server.fingerprint,)
        # Try it: plain passive goes through, then TLS passive is stopped at the data stage
        panel.set_mode("passive")
        with qtbot.waitSignal(bar.tried, timeout=60000) as tried:
            bar.try_button.click()
        assert "timed out" in tried.args[0]
        assert bar.note.isVisible() and bar.note.text().startswith("Simulation: in plain FTP the firewall's")
        qtbot.waitUntil(lambda: panel.connection is not None and not panel.connection.open, timeout=20000)
        practice = [c for c in panel.scene.connections.values() if c.client is not None]
        plain, encrypted = practice[-2], practice[-1]
        assert all(ex.ok for ex in plain.exchanges()) and len(plain.exchanges()) == 2
        failed = next(s for s in encrypted.steps if s.kind == sc.FAILED)
        assert failed.exchange.failure[:2] == ("connect", "server-firewall")  # what the live session can tell
        # the diagnosis compares TLS with plain and names the helper
        said: list = []  # what the diagnosis bar's status line said, in order
        summary = panel.diagnosis.summary
        set_text = summary.setText
        summary.setText = lambda text: (said.append(text), set_text(text))[1]
        seen: dict = {}  # the comparison's connection as the panel heard it while the diagnosis ran
        panel.diagnosis.probed.connect(
            lambda events, command, in_clear, current: (
                in_clear and seen.setdefault("live", (panel.diagnosis._running, events[0].connection_id))
            )
        )
        with qtbot.waitSignal(panel.diagnosis.finished, timeout=90000) as done:
            panel.diagnosis.button.click()
        found = done.args[0]
        assert (found.passive.cause, found.plain_passive.ok, found.active.ok) == ("tls-helper", True, True)
        # each probe named as it ran, and the comparison without TLS too, shown live (design note 490)
        trying = [text for text in said if text.startswith("Trying")]
        assert trying == [
            "Trying passive mode, then active mode…",
            "Trying passive mode (EPSV)…",
            "Trying passive mode (PASV)…",
            "Trying active mode (EPRT)…",
            "Trying active mode (PORT)…",
            "Trying passive mode (EPSV) again without TLS, to compare…",
        ], said
        running, compared = seen["live"]
        assert running and panel.connections.role(compared).detail == "Passive, EPSV, without TLS"
        assert compared in panel.scene.connections and panel.scene.connections[compared].exchanges()[-1].ok
        line = panel.diagnosis.lines["passive"].text()
        assert "(a firewall's FTP helper cannot see through TLS)" in line
        assert "Passive mode works in plain FTP but times out under TLS" in line
        assert panel.diagnosis.fixes.isVisible()
        # the picture shows the TLS attempt stopped at the server's firewall, named as the diagnosis names it
        step = panel.current_step()
        assert step.kind == sc.FAILED and step.exchange.failure[:2] == ("connect", "tls-helper")
        assert "Passive mode works in plain FTP but times out under TLS" in panel.narration()
        SHOTS.mkdir(parents=True, exist_ok=True)
        # a narrow dock (the window puts the panel in a scroll area: it gets the height it asks for)
        panel.resize(360, 900)
        qtbot.wait(50)
        panel.resize(360, max(900, panel.layout().totalHeightForWidth(360)))
        qtbot.wait(50)
        panel.grab().save(str(SHOTS / "practice-tls-helper-en.png"))
        # and in Chinese
        monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
        translator = i18n.install(qapp, "zh_CN")
        try:
            qtbot.waitUntil(lambda: bar.tls_helper.text() != "Simulate TLS with a firewall helper")
            assert bar.tls_helper.text() == "模拟 TLS 遇上防火墙的 FTP 助手"
            assert bar.note.text().startswith("模拟：在明文 FTP 下，防火墙的 FTP 助手")
            assert "防火墙的 FTP 助手无法看穿 TLS" in panel.diagnosis.lines["passive"].text()
            assert nr.cause_name("tls-helper") == "防火墙的 FTP 助手无法看穿 TLS"
            assert probes.trying_words("EPSV", True) == "正在不用 TLS 再试一次被动模式（EPSV），以作比较……"
            assert probes.trying_words("PORT", False) == "正在尝试主动模式（PORT）……"
            assert probes.probe_words("EPSV", True) == "被动，EPSV，不用 TLS"
            panel.resize(360, max(900, panel.layout().totalHeightForWidth(360)))
            qtbot.wait(50)
            panel.grab().save(str(SHOTS / "practice-tls-helper-zh.png"))
        finally:
            i18n.uninstall(qapp, translator)
    finally:
        with qtbot.waitSignal(bar.stopped, timeout=20000):
            bar.button.click()
    assert panel.diagnosis.target is None


@pytest.mark.gui
@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("active", "Simulation: plain FTP and TLS both went through in active mode"),
        # found by QA: Auto's TLS attempt fell back to active after passive was stopped, and the note said
        # both went through in active mode, when plain FTP had gone through in passive
        ("auto", "Simulation: in plain FTP the firewall's FTP helper read the data port"),
    ],
)
def test_try_it_in_active_or_auto_mode_goes_through_both_ways(qtbot, mode, said):
    from ftpgui.ui.modepanel.practicebar import PracticeBar

    bar = PracticeBar()
    qtbot.addWidget(bar)
    with qtbot.waitSignal(bar.started, timeout=20000):
        bar.button.click()
    try:
        bar.tls_helper.setChecked(True)
        with qtbot.waitSignal(bar.tried, timeout=60000) as tried:
            bar.try_exchange(mode)
        assert tried.args == [""]
        qtbot.waitUntil(lambda: bar.note.isVisibleTo(bar))
        assert bar.note.text().startswith(said)
        if mode == "auto":
            assert "Auto went on in active mode" in bar.note.text()
    finally:
        with qtbot.waitSignal(bar.stopped, timeout=20000):
            bar.button.click()
    assert not bar.note.isVisibleTo(bar) and not bar.tls_helper.isEnabled()


@pytest.mark.gui
def test_without_pyopenssl_the_switch_says_why(qtbot, monkeypatch):
    import ftpgui.practice as practice
    from ftpgui.ui.modepanel.practicebar import PracticeBar

    monkeypatch.setattr(practice, "tls_handler", lambda: None)  # as where pyOpenSSL is not installed
    bar = PracticeBar()
    qtbot.addWidget(bar)
    with qtbot.waitSignal(bar.started, timeout=20000):
        bar.button.click()
    try:
        assert not bar.server.tls and not bar.tls_helper.isEnabled()
        assert bar.tls_helper.toolTip() == "Simulation unavailable: the practice server cannot offer TLS (pyOpenSSL)"
        assert bar.nat.isEnabled()  # the rest of the practice server works in plain FTP
    finally:
        with qtbot.waitSignal(bar.stopped, timeout=20000):
            bar.button.click()


@pytest.mark.gui
def test_the_practice_server_reached_by_the_window_is_diagnosed_as_the_practice(qtbot):
    """The main window browses the practice server and makes it the diagnosis target with its own options:
    the panel recognises it, so the simulation's TLS and the comparison in clear follow the switch."""
    from ftpgui.ui.modepanel.panel import ModePanel

    panel = ModePanel()
    qtbot.addWidget(panel)
    bar = panel.practice
    with qtbot.waitSignal(bar.started, timeout=20000):
        bar.button.click()
    try:
        srv = bar.server
        panel.set_diagnose_target(srv.host, srv.port, srv.user, srv.password, SessionOptions(tls="off", timeout=30))
        target = panel.diagnosis.target
        assert target.plain_login_ok and target.options.tls == "off" and target.options.timeout == 5
        bar.tls_helper.setChecked(True)
        assert panel.diagnosis.target.options.tls == "require"
        bar.tls_helper.setChecked(False)
        assert panel.diagnosis.target.options.tls == "off"
        # another server is not the practice: its login never goes in clear to compare
        panel.set_diagnose_target("127.0.0.1", srv.port + 1, "someone", "secret", SessionOptions(tls="require"))
        assert not panel.diagnosis.target.plain_login_ok and panel.diagnosis.target.options.tls == "require"
    finally:
        with qtbot.waitSignal(bar.stopped, timeout=20000):
            bar.button.click()
