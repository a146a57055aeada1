"""Keys in the file lists do what they do in every file manager (Home/End/PgUp/PgDn, type to jump)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from guihelpers import WAIT, close_window, filled_server, names, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui


@pytest.fixture
def connected(qtbot, tmp_path, monkeypatch, make_server):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = filled_server(make_server)
    for i in range(60):  # enough rows for PgDn to mean something
        with open(srv.path(f"n{i:02}.txt"), "wb") as f:
            f.write(b"n")
    w = open_window(qtbot)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    yield w
    close_window(qtbot, w)


def current_name(w) -> str:
    return w.remote.model.entries()[w.remote.view.currentIndex().row()].name


def test_home_end_move_the_current_item_and_ctrl_d_downloads_it(qtbot, connected, tmp_path):
    w = connected
    view = w.remote.view
    w.set_active_side("remote")
    view.setFocus()
    listed = names(w)
    # A person clicked a cell in the Size column first: Home/End must still move between rows, not columns.
    view.setCurrentIndex(w.remote.model.index(1, 1))
    scroll = view.horizontalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert current_name(w) == listed[-1]
    assert [e.name for e in w.remote.selected_entries()] == [listed[-1]]
    assert view.horizontalScrollBar().value() == scroll
    requests = []
    w.transferRequested.connect(lambda *args: requests.append(args))
    w.act_download.trigger()
    assert [item[0] for item in requests[-1][1]] == ["/" + listed[-1]]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert current_name(w) == listed[0]
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.currentIndex().row() > 1
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.currentIndex().row() == 0


def test_typing_a_names_first_letters_jumps_to_it(qtbot, connected):
    w = connected
    view = w.remote.view
    view.setFocus()
    view.setCurrentIndex(w.remote.model.index(0, 2))  # a cell outside the Name column
    qtbot.keyClicks(view, "b.")
    assert current_name(w) == "b.bin"
    assert [e.name for e in w.remote.selected_entries()] == ["b.bin"]


def test_local_list_keys(qtbot, connected, tmp_path):
    w = connected
    local = tmp_path / "local"
    local.mkdir()
    for name in ("alpha.txt", "beta.txt", "gamma.txt", "zeta.txt"):
        (local / name).write_bytes(b"x")
    w.local.set_path(str(local))
    qtbot.waitUntil(lambda: w.local.list_proxy.rowCount(w.local.view.rootIndex()) == 4, timeout=WAIT)
    view = w.local.view
    w.set_active_side("local")
    view.setFocus()
    w.local.select(["beta.txt"])

    def current() -> str:
        return view.currentIndex().siblingAtColumn(0).data()

    qtbot.keyClick(view, Qt.Key.Key_End)
    assert current() == "zeta.txt"
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert current() == "alpha.txt"
    qtbot.keyClicks(view, "ga")
    assert current() == "gamma.txt"
