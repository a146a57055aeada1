"""The Connection picker's one line keeps a long IPv6 name useful in a 360 px dock (the panel's QA leftovers,
item 3; note 327 left it cut at its end: "Connection 6 — [2001:db8:1234:56…", the port and state gone)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication
from test_modepanel_fit import docked, language, resize_dock, shoot  # noqa: F401 (language: a fixture)

from ftpgui.ftp.events import CommandSent, ControlClosed, ControlConnected
from ftpgui.ui.modepanel import connections as cl
from ftpgui.ui.modepanel import namebox

pytestmark = pytest.mark.gui
LONG = "2001:db8:1234:5678:9abc:def0:1234:5678"


def _connection(panel, cid: int, kind, user: str, closed: bool) -> None:
    panel.connections.set_role(cid, kind)
    events = [
        ControlConnected(cid, local=("2001:db8::2", 40000 + cid), remote=(LONG, 2121), at=float(cid)),
        CommandSent(cid, text=f"USER {user}", at=cid + 0.1),
    ]
    if closed:
        events.append(ControlClosed(cid, reason="quit", at=cid + 0.5))
    panel.add_events(events)


@pytest.mark.parametrize("closed", [False, True])
def test_a_long_ipv6_name_keeps_its_start_end_and_port_at_360_px(qtbot, language, closed):  # noqa: F811
    """Before: "Browsing — [2001:db8:1234:5678:…" (English), "浏览 — [2001:db8:1234:5678:9abc:def…" (Chinese):
    the end of the address, the port and the state gone. Now whole groups of its start and end and the port,
    the state whole where it fits, else its brackets ("(…)"); the whole name in the tooltip."""
    window, dock, panel = docked(qtbot, 360)
    resize_dock(qtbot, window, dock, 360)
    _connection(panel, 6, cl.BROWSING, "learner", closed)
    QApplication.processEvents()
    box = panel.connection_box
    whole = box.currentText()
    assert LONG in whole and "learner@" in whole
    (shown,) = box.lines()
    shoot(dock, f"modepanel-picker-ipv6-{'closed' if closed else 'open'}-{language}")
    assert box.fontMetrics().horizontalAdvance(shown) <= box.room()
    role = "浏览 — [" if language == "zh_CN" else "Browsing — ["
    assert shown.startswith(role + "2001:") and "…" in shown, shown
    assert re.search(r":5678\]:2121(\Z| \(|（)", shown), shown  # the address's end and the port, whole
    if closed:
        assert shown.endswith(("(closed)", "(…)", "（已关闭）", "（…）")), shown
    assert box.toolTip() == whole


def test_a_long_host_name_keeps_its_ends_and_port(qapp):
    """The same for a host name, cut between its labels ("files.…example.com:21"); an IPv4 name as before."""
    from PySide6.QtGui import QFont, QFontMetrics

    fm = QFontMetrics(QFont())
    name = "Transfer 2 — files.eu-west-1.storage.example-company.com:21 (closed 07:56:39, connection 2)"
    room = fm.horizontalAdvance("Transfer 2 — files.eu-west-1.storage.ex")
    shown = namebox.elided(name, fm, room)
    assert fm.horizontalAdvance(shown) <= room
    assert shown.startswith("Transfer 2 — files.") and ".com:21" in shown and "…" in shown, shown
    ipv4 = "Connection 5 — user@192.0.2.1:2121 (closed 07:56:39, connection 5)"
    shown = namebox.elided(ipv4, fm, fm.horizontalAdvance("Connection 5 — …@192.0.2.1:2121 (cl"))
    assert shown.startswith("Connection 5 — …@192.0.2.1:2121 ") and shown.endswith("…"), shown  # (note 327)
