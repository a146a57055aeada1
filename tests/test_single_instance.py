"""One ftpgui per config folder (design note 435): a second start passes its request to the first and ends.

The app is started as a person starts it, as processes of their own (offscreen), twice on one config folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ftpserver import PASSWORD, USER
from guihelpers import answer_plain_ftp, close_window, open_window, save_queued_upload, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

REPO = Path(__file__).resolve().parents[1]
WAIT_S = 120  # generous: each start loads Qt and the window on a shared machine

# the first copy: the app's own main, which says "up" on stdout at its event loop's first turn (the window shown)
FIRST = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(["ftpgui"])
QTimer.singleShot(0, lambda: print("up", flush=True))
from ftpgui import app as ftpgui_app
raise SystemExit(ftpgui_app.main(["ftpgui"]))
"""

pytestmark = [pytest.mark.gui, pytest.mark.timeout(400)]


class Copy:
    """One start of the app: its process, and what it said on stdout and stderr (files: never a full pipe)."""

    def __init__(self, tmp_path: Path, config: Path, args: list, name: str):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FTPGUI_CONFIG_DIR=str(config))
        env["FTPGUI_CACHE_DIR"] = str(tmp_path / "cache")
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the real keychain
        env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
        self.out, self.err = tmp_path / f"{name}.out", tmp_path / f"{name}.err"
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.proc = subprocess.Popen([sys.executable, *args], env=env, cwd=tmp_path, stdout=out, stderr=err)

    def said(self) -> str:
        return self.out.read_text() + self.err.read_text()

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + WAIT_S
        while text not in self.said():
            assert self.proc.poll() is None, f"ended ({self.proc.returncode}) before saying {text!r}: {self.said()}"
            assert time.monotonic() < deadline, f"never said {text!r}: {self.said()}"
            time.sleep(0.1)

    def ended(self) -> int:
        try:
            return self.proc.wait(WAIT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            pytest.fail(f"still running: {self.said()}")

    def quit(self) -> int:
        """As a logout ends it (SIGTERM): closed as Quit does, its queue and layout saved."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.ended()


@pytest.fixture
def copies(tmp_path):
    started = []

    def start(*args: str, first: bool = False, name: str = "") -> Copy:
        copy = Copy(
            tmp_path,
            tmp_path / "config",
            ["-c", FIRST] if first else ["-m", "ftpgui", *args],
            name or str(len(started)),
        )
        started.append(copy)
        return copy

    yield start
    for copy in started:
        if copy.proc.poll() is None:
            copy.proc.kill()
            copy.proc.wait()


def test_a_second_start_shows_the_first_and_its_queue_stays_saved(copies, tmp_path, make_server):
    """QA: copy A left downloads queued at Quit, then an idle copy B quit and wrote its empty queue over them. Now
    B, started while A runs, asks A to show its window and ends at once; A's queue, saved at its quit, is intact."""
    srv = make_server("127.0.0.1")
    config = tmp_path / "config"
    local = tmp_path / "a.bin"
    local.write_bytes(b"x" * 100)
    save_queued_upload(config, srv, str(local), "/a.bin")
    first = copies(first=True)
    first.wait_for("up")
    second = copies()
    assert second.ended() == 0
    assert "already running" in second.err.read_text()
    first.wait_for("another start showed this window (0 addresses opened).")
    assert first.quit() == 0
    items = json.loads((config / "queue.json").read_text())["items"]
    assert [item["local"] for item in items] == [str(local)]


def test_a_crashed_copys_socket_and_lock_do_not_block_a_start(copies, tmp_path, monkeypatch):
    """The first copy killed (its socket file and lock file left behind): the next start comes up as the first,
    and a start after it is passed on to it."""
    from ftpgui.single_instance import LOCK_NAME, server_name

    crashed = copies(first=True, name="crashed")
    crashed.wait_for("up")
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    socket_file = Path(tempfile.gettempdir()) / server_name()
    if os.name != "nt":  # (it listens once its event loop runs, just after "up": killed only then)
        deadline = time.monotonic() + WAIT_S
        while not socket_file.is_socket() and time.monotonic() < deadline:
            time.sleep(0.05)
    crashed.proc.kill()
    crashed.proc.wait()
    if os.name != "nt":  # (Qt's local socket there: a file in the temporary folder, left by the killed copy)
        assert socket_file.is_socket()
    assert (tmp_path / "config" / LOCK_NAME).exists()
    first = copies(first=True)
    first.wait_for("up")
    second = copies()
    assert second.ended() == 0
    first.wait_for("another start showed this window")
    assert first.quit() == 0


def test_an_address_given_to_a_second_start_opens_in_the_first(copies, make_server):
    srv = make_server("127.0.0.1")
    first = copies(first=True)
    first.wait_for("up")
    second = copies(f"ftp://{USER}:{PASSWORD}@127.0.0.1:{srv.port}/")
    assert second.ended() == 0
    first.wait_for("(1 address opened).")
    deadline = time.monotonic() + WAIT_S
    while not srv.record.verbs():  # the first copy connects (its first command: FEAT)
        assert time.monotonic() < deadline, srv.record.verbs()
        time.sleep(0.1)
    assert first.quit() == 0


def test_what_a_second_start_says_is_in_the_apps_language(copies, tmp_path):
    """Found in review (design note 459): the lines on stderr were English whatever the app's language — the
    second start said them before its translation was installed. With Chinese chosen in the preferences (the
    system's language English), both starts say theirs in Chinese."""
    from ftpgui import settings

    config = tmp_path / "config"
    config.mkdir()
    settings.save(settings.Preferences(language="zh_CN"), str(config / settings.FILE_NAME))
    first = copies(first=True)
    first.wait_for("up")
    second = copies()
    assert second.ended() == 0
    said = second.err.read_text(encoding="utf-8")
    assert "ftpgui 已在使用此配置文件夹运行：已显示它的窗口。" in said and "already running" not in said
    first.wait_for("ftpgui：另一次启动显示了此窗口（打开了 0 个地址）。")
    assert first.quit() == 0


@pytest.mark.usefixtures("memory_keyring")
def test_addresses_passed_on_open_in_a_tab_of_their_own_once_one_is_connected(qtbot, config, make_server, capfd):
    """What the first copy does with the addresses a later start passed on (``show_and_open``): the first in the
    tab with nothing connected, the next in a new tab; each logs in and lists its server. Its line on stderr
    counts them in English (found in review: "1 address(es) opened")."""
    from ftpgui.single_instance import show_and_open

    servers = [make_server("127.0.0.1"), make_server("127.0.0.1")]
    window = open_window(qtbot)
    try:
        for count, srv in enumerate(servers, 1):
            show_and_open(window, ["--ignored", f"ftp://{USER}:{PASSWORD}@127.0.0.1:{srv.port}/"])
            answer_plain_ftp(qtbot, window)  # (pyftpdlib has no TLS: "TLS if available" asks)
            wait_listing(qtbot, window, "/")
            assert len(window.tabs) == count and window.current_tab is window.tabs[-1]
            assert "PASS" in srv.record.verbs()
            assert "ftpgui: another start showed this window (1 address opened).\n" in capfd.readouterr().err
        show_and_open(window, [])
        assert "ftpgui: another start showed this window (0 addresses opened).\n" in capfd.readouterr().err
        assert window.tabs[0].remote_browser.connected  # (the first tab's connection left as it was)
    finally:
        close_window(qtbot, window)
