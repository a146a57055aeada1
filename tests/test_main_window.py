"""The main window against a real pyftpdlib server: connect, browse, every action, the prompts, errors."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ftpgui.ui.main_window import MainWindow

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, fill_server, names, quick_connect, wait_listing

pytestmark = pytest.mark.gui


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot, config, make_server):  # servers outlive the window
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    close_window(qtbot, w)


@pytest.fixture
def srv(make_server):
    s = make_server("127.0.0.1")
    fill_server(s)
    return s


@pytest.fixture
def connected(qtbot, window, srv):
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    return window


def test_quick_connect_lists_the_login_folder(qtbot, connected, srv):
    w = connected
    assert w.windowTitle() == f"ftpgui — {USER}@127.0.0.1"
    assert names(w) == ["sub", "a.txt", "b.bin"]  # folders first, hidden files hidden
    log = w.log.toPlainText()
    assert "PASS ****" in log and PASSWORD not in log
    assert "USER alice" in log
    assert "Connected to 127.0.0.1" in w.state_label.text()
    assert w.remote.path_bar.currentText() == "/"
