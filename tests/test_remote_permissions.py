"""Permissions of a remote folder, recursively, as FileZilla's "Recurse into subdirectories": all, files only or
folders only — chosen in the window's Permissions dialog, done on the browsing connection (SITE CHMOD)."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtWidgets import QMessageBox
from test_remote_edit_parts import connect_anonymous, window_on

from ftpgui.ui.permissions import PermissionsDialog

from guihelpers import WAIT, names, quick_connect, wait_listing


def tree(srv) -> None:
    os.makedirs(srv.path("site", "css"))
    for name in ("site/index.html", "site/css/a.css", "top.txt"):
        with open(srv.path(*name.split("/")), "wb") as f:
            f.write(b"x")
    for path in ("site", "site/css"):
        os.chmod(srv.path(*path.split("/")), 0o700)
    for path in ("site/index.html", "site/css/a.css", "top.txt"):
        os.chmod(srv.path(*path.split("/")), 0o600)


def modes(srv) -> dict:
    paths = ("site", "site/css", "site/index.html", "site/css/a.css", "top.txt")
    return {p: stat.S_IMODE(os.stat(srv.path(*p.split("/"))).st_mode) for p in paths}


def change(qtbot, w, names, mode: int, scope) -> PermissionsDialog:
    """Select ``names`` in the remote pane, open Permissions, set ``mode`` (and recurse with ``scope``), OK."""
    w.set_active_side("remote")
    qtbot.waitUntil(lambda: (w.remote.select(names), sorted(e.name for e in w.remote.selected_entries()))[1] == names)
    w.act_permissions.trigger()
    qtbot.waitUntil(lambda: isinstance(w.prompt, PermissionsDialog) and w.prompt.isVisible(), timeout=WAIT)
    dialog = w.prompt
    dialog.set_mode(mode)
    if scope is not None:
        dialog.recurse.setChecked(True)
        dialog.apply_to.setCurrentIndex(dialog.apply_to.findData(scope))
    dialog.accept()
    qtbot.waitUntil(lambda: not w.remote_browser.connection.busy, timeout=WAIT)
    return dialog


def test_recursive_permissions_all_files_only_folders_only(qtbot, window, make_server):
    srv = make_server("127.0.0.1")
    tree(srv)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")

    change(qtbot, window, ["site"], 0o755, "folders")  # the folders inside too; no file
    assert modes(srv) == {
        "site": 0o755,
        "site/css": 0o755,
        "site/index.html": 0o600,
        "site/css/a.css": 0o600,
        "top.txt": 0o600,
    }
    change(qtbot, window, ["site"], 0o644, "files")  # the files inside; not the folder chosen
    assert modes(srv) == {
        "site": 0o755,
        "site/css": 0o755,
        "site/index.html": 0o644,
        "site/css/a.css": 0o644,
        "top.txt": 0o600,
    }
    change(qtbot, window, ["site", "top.txt"], 0o750, "all")
    assert set(modes(srv).values()) == {0o750}
    change(qtbot, window, ["site"], 0o700, None)  # not recursive: the folder alone, as before
    assert modes(srv)["site"] == 0o700 and modes(srv)["site/css"] == 0o750
    assert not isinstance(window.prompt, QMessageBox)  # no error said


def test_the_recursion_is_offered_only_when_a_folder_is_chosen(qtbot, window, make_server):
    srv = make_server("127.0.0.1")
    tree(srv)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    window.set_active_side("remote")
    qtbot.waitUntil(lambda: (window.remote.select(["top.txt"]), len(window.remote.selected_entries()))[1] == 1)
    window.act_permissions.trigger()
    qtbot.waitUntil(lambda: isinstance(window.prompt, PermissionsDialog) and window.prompt.isVisible(), timeout=WAIT)
    assert not window.prompt.recurse.isVisible() and window.prompt.scope() is None
    window.prompt.reject()


@pytest.mark.gui
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_server_refusing_permissions_is_said_in_plain_words(request, qtbot, config, tmp_path_factory, language):
    """vsftpd refuses SITE CHMOD to an anonymous login (``550 Permission denied.``): the window said "The server
    refused SITE: 550 …", which names no action a person took; now it says the server refused to change the
    permissions, and its reply (design note 243)."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    with window_on(qtbot, tmp_path_factory, "vsftpd") as (w, d):
        d.put_file("a.txt", b"a")
        connect_anonymous(qtbot, w, d, "true")
        qtbot.waitUntil(lambda: "a.txt" in names(w), timeout=WAIT)
        change(qtbot, w, ["a.txt"], 0o600, None)
        qtbot.waitUntil(lambda: "550" in w.statusBar().currentMessage(), timeout=WAIT)
        said = w.statusBar().currentMessage()
        words = {"en": "The server refused to change permissions: 550 ", "zh_CN": "服务器拒绝修改权限：550 "}
        assert said.startswith(words[language]), said
        assert "SITE" not in said
