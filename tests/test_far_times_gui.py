"""A server's time at the ends of what a time stamp can say — MDTM ``99991231235959`` or ``00010101000000``, an
MLSD ``modify`` fact the same — through the window (design note 210, found by QA against a hostile server).

East of Greenwich 9999-12-31 23:59 UTC is a local time in year 10000, west of it 0001-01-01 is one in year 0:
``datetime.fromtimestamp`` raised in the "target exists" question (it was never shown, the download waited for
its answer for ever) and in Compare's tooltip. Such a time is said in UTC, and marked so.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from ftpgui.transfers.items import SKIP, SKIPPED
from ftpgui.ui.exists_dialog import ExistsDialog
from ftpgui.ui.remote_model import COL_MODIFIED

from guihelpers import WAIT, answer_plain_ftp, type_in, wait_listing
from scripted import FakeTree, ScriptedServer, unix_listing
from test_cli import run

pytestmark = pytest.mark.gui
FAR = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
FIRST = datetime(1, 1, 1, tzinfo=timezone.utc)
# POSIX zones (no tz database needed): "EAST-8" is eight hours east of Greenwich, "WEST+5" five hours west
EDGES = [("EAST-8", "99991231235959", FAR), ("WEST+5", "00010101000000", FIRST)]


@pytest.fixture
def zone(monkeypatch):
    """Set this process's local time zone (``TZ``); the one before is back after the test."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def utc_words(when: datetime) -> str:
    """Four digits of year, always: C's strftime wrote year 1 as "1-01-01" (design note 241)."""
    return {FAR: "9999-12-31 23:59:59 UTC", FIRST: "0001-01-01 00:00:00 UTC"}[when]


def connect(qtbot, window, srv, local) -> None:
    """Quick connect to ``srv``, the local pane showing ``local``, a folder holding a file "f" of its own."""
    local.mkdir()
    (local / "f").write_bytes(b"old")
    type_in(window, "127.0.0.1", str(srv.port), "u", "p")
    answer_plain_ftp(qtbot, window)
    wait_listing(qtbot, window, "/")
    window.local.set_path(str(local))
    qtbot.waitUntil(lambda: window.local.list_proxy.rowCount(window.local.view.rootIndex()) == 1, timeout=WAIT)


def disconnect(qtbot, window) -> None:
    window.act_disconnect.trigger()
    qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)


@pytest.mark.parametrize(("tz", "mdtm", "when"), EDGES, ids=["year-9999-east", "year-1-west"])
def test_the_exists_question_says_a_far_server_time_in_utc(qtbot, window, tmp_path, zone, tz, mdtm, when):
    """Download onto a local file of that name: the question is asked, the server's time in it in UTC; Skip."""
    zone(tz)
    local = tmp_path / "local"
    tree = FakeTree(
        {"/": unix_listing(("f", "file", 5))}.get,
        content=lambda path: b"hello",
        mdtm=lambda path: mdtm,
        features=("EPSV", "SIZE", "MDTM"),
    )
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        connect(qtbot, window, srv, local)
        window.set_active_side("remote")
        window.remote.select(["f"])
        window.act_download.trigger()
        shown = lambda: [d for d in window.queue_view.findChildren(ExistsDialog) if d.isVisible()]  # noqa: E731
        qtbot.waitUntil(lambda: bool(shown()), timeout=WAIT)
        (dialog,) = shown()
        said = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert utc_words(when) in said
        dialog.buttons[SKIP].click()
        dialog.box.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: [i.state for i in window.queue.model.items()] == [SKIPPED], timeout=WAIT)
        disconnect(qtbot, window)
    assert (local / "f").read_bytes() == b"old"


@pytest.mark.parametrize(("tz", "modify", "when"), EDGES, ids=["year-9999-east", "year-1-west"])
def test_compare_says_a_far_server_time_in_utc(qtbot, window, tmp_path, zone, tz, modify, when):
    """View ▸ Compare Folders against an MLSD time at an end: the row is marked and its tooltip says both times."""
    zone(tz)
    local = tmp_path / "local"
    listing = f"type=file;size=3;modify={modify}; f\r\n".encode()
    tree = FakeTree({"/": listing}.get, features=("EPSV", "SIZE", "MLST type*;size*;modify*;"))
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        connect(qtbot, window, srv, local)
        window.comparison.action.trigger()
        newer = window.comparison.remote_marks if when is FAR else window.comparison.local_marks
        qtbot.waitUntil(lambda: "f" in newer.marks, timeout=WAIT)
        assert utc_words(when) in newer.tip("f")
        window.comparison.action.trigger()
        disconnect(qtbot, window)


@pytest.mark.parametrize("tz", ["UTC0", "WEST+5"])
def test_the_pane_says_year_1_with_four_digits(qtbot, window, tmp_path, zone, tz):
    """An MLSD time of 0001-01-01 in the remote pane's Modified column: "0001-01-01 00:00 UTC", not "1-01-01 …"
    (design note 241)."""
    zone(tz)
    listing = b"type=file;size=3;modify=00010101000000; f\r\n"
    tree = FakeTree({"/": listing}.get, features=("EPSV", "SIZE", "MLST type*;size*;modify*;"))
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        connect(qtbot, window, srv, tmp_path / "local")
        model = window.remote.model
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT)
        said = model.data(model.index(0, COL_MODIFIED))
        assert said == "0001-01-01 00:00 UTC"  # (not a local time even in UTC: Python looks a day earlier)
        disconnect(qtbot, window)


def test_the_cli_ls_says_year_1_with_four_digits():
    """`ftpgui-cli ls` of a folder whose file is dated 0001-01-01 (an MLSD fact): "0001-01-01 00:00"."""
    listing = b"type=file;size=3;modify=00010101000000; f\r\n"
    tree = FakeTree({"/": listing}.get, features=("EPSV", "SIZE", "MLST type*;size*;modify*;"))
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        code, out, err = run("ls", f"ftp://u:p@127.0.0.1:{srv.port}/", "--tls", "off")
    assert code == 0, err
    assert "0001-01-01 00:00" in out and " 1-01-01" not in out
