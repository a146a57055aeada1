"""The mode panel's rate never says more than the speed limit lets through (design note 311).

Found by QA: with the limit at 10000 KiB/s (9.77 MiB/s) the data lane said up to 11.8 MiB/s. The rate was the
bytes between the newest progress report and the oldest of the last two seconds — at a transfer's start two
reports a few hundredths of a second apart, one burst of the bucket between them. A real transfer through
pyftpdlib with the queue's own limit, its events fed to a real panel as the window feeds them; the rate read
after each progress report. A count check: no limit on how long the test takes.
"""

from __future__ import annotations

import os
import re

import pytest
from test_queue import queue, site, states, wait_idle  # noqa: F401 (queue: a fixture)

from ftpgui.ftp.events import (
    CommandSent,
    ControlConnected,
    DataChannelPlanned,
    DataConnected,
    ReplyReceived,
    TransferProgress,
)
from ftpgui.transfers.items import DONE
from ftpgui.ui.modepanel import ModePanel
from ftpgui.ui.modepanel import motion as mo

pytestmark = pytest.mark.gui
LIMIT = 10000 << 10  # bytes a second, as QA had it
SIZE = 3 * LIMIT  # three seconds' worth
TOLERANCE = 1.1
UNITS = {"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}


def said(label: str) -> float:
    """The rate a label says ("← 3.0 MiB of 29.3 MiB · 9.8 MiB/s"), in bytes a second; 0 when it says none."""
    found = re.search(r"· ([\d.]+) (B|KiB|MiB|GiB)/s", label)
    return float(found.group(1)) * UNITS[found.group(2)] if found else 0.0


def limited_transfer(qtbot, queue, make_server, tmp_path, direction: str, size: int) -> list:  # noqa: F811
    """A real transfer of ``size`` bytes through pyftpdlib at the queue's limit, its events fed to a real panel
    as the window feeds them; the bytes label after each progress report, with the seconds since the data
    connection was made."""
    srv = make_server("127.0.0.1")
    data = os.urandom(size)
    local = tmp_path / "local"
    local.mkdir()
    (local / "u.bin").write_bytes(data)
    with open(srv.path("s.bin"), "wb") as f:
        f.write(data)
    panel = ModePanel()
    qtbot.addWidget(panel)
    labels = []  # (seconds since the data connection was made, the label)

    def heard(events) -> None:
        for ev in events:
            panel.add_event(ev)
            if isinstance(ev, TransferProgress):
                conn = panel.scene.connections.get(ev.connection_id)
                ex = conn.current if conn is not None else None
                if ex is not None and ex.connected_at is not None:
                    labels.append((ev.at - ex.connected_at, mo.bytes_label(ex)))

    queue.eventsArrived.connect(heard)
    queue.set_speed_limit(LIMIT)
    site(queue, srv, connections=1)
    if direction == "download":
        queue.download([("/s.bin", False, size)], str(tmp_path))
    else:
        queue.upload([str(local / "u.bin")], "/")
    wait_idle(qtbot, queue)
    assert states(queue) == [DONE]
    return labels


@pytest.mark.parametrize("direction", ["download", "upload"])
def test_the_panel_never_shows_more_than_the_limit(qtbot, queue, make_server, tmp_path, direction):  # noqa: F811
    labels = limited_transfer(qtbot, queue, make_server, tmp_path, direction, SIZE)
    shown = [said(label) for _, label in labels if said(label) > 0]
    assert shown, "no rate was shown"
    assert max(shown) <= TOLERANCE * LIMIT, f"{max(shown) / (1 << 20):.1f} MiB/s shown at a limit of 9.77 MiB/s"


@pytest.mark.parametrize("direction", ["download", "upload"])
def test_a_short_transfer_shows_its_rate_so_far_before_two_seconds(qtbot, queue, make_server, tmp_path, direction):  # noqa: F811
    """QA (the panel's leftovers): a transfer shorter than the 2 s window showed no rate at all. Once half a
    second and a few reports are measured, the label says the average since the data connection's start,
    marked "so far"; the windowed rate, unmarked, only once 2 s are measured; neither above the limit."""
    labels = limited_transfer(qtbot, queue, make_server, tmp_path, direction, int(1.5 * LIMIT))
    early = [(at, label) for at, label in labels if said(label) > 0]
    assert early, f"no rate was shown in a 1.5 s transfer: {labels}"
    assert all("/s so far" in label for _, label in early), early
    assert all(at >= 0.5 for at, _ in early), early
    assert max(said(label) for _, label in early) <= TOLERANCE * LIMIT, early


# an upload at 10000 KiB/s as the engine reported it in a run of the test above (seconds after its data
# connection was made, bytes the server had acknowledged): acknowledgements come in lumps, 1.98 MB in the
# tenth of a second before 0.572 s; two reports 0.1 s apart said 1.25x the limit on the code before
UPLOAD = [(0.171, 1024000), (0.271, 2095616), (0.371, 3268555), (0.471, 4161483), (0.572, 6144000)]
UPLOAD += [(0.671, 7126987), (0.771, 8150987), (0.871, 9174987), (0.971, 10198987), (1.071, 11222987)]
UPLOAD += [(1.171, 12246987), (1.274, 13312000), (1.371, 14294987), (1.471, 14663627), (1.571, 15491019)]
UPLOAD += [(1.671, 16449483), (1.771, 17408000), (1.871, 18562966), (1.975, 20480000), (2.171, 21634966)]
UPLOAD += [(2.271, 22658966), (2.371, 23552000), (2.471, 24576000), (2.571, 25600000), (2.671, 26624000)]
UPLOAD += [(2.771, 27648000), (2.872, 29065216), (2.971, 29696000), (3.071, 30720000)]


def test_lumps_of_acknowledged_bytes_are_not_said_as_a_rate(qtbot):
    panel = ModePanel()
    qtbot.addWidget(panel)
    target = ("127.0.0.1", 40000)
    for e in (
        ControlConnected(5, local=("127.0.0.1", 50000), remote=("127.0.0.1", 21), at=99.0),
        CommandSent(5, text="EPSV", at=99.5),
        ReplyReceived(5, code=229, lines=("229 Entering (|||40000|)",), at=99.6),
        DataChannelPlanned(
            5, mode="passive", command="EPSV", argument="(|||40000|)", advertised=target, target=target, at=99.7
        ),
        DataConnected(5, local=("127.0.0.1", 50001), remote=target, dialer="client", at=100.0),
        CommandSent(5, text="STOR u.bin", at=100.0),
        ReplyReceived(5, code=150, lines=("150 ok",), at=100.01),
    ):
        panel.add_event(e)
    ex = panel.connection.current
    shown = []
    for at, done in UPLOAD:
        panel.add_event(TransferProgress(5, done=done, total=SIZE, at=100.0 + at))
        shown.append(said(mo.bytes_label(ex)))
    assert max(shown) <= TOLERANCE * LIMIT, [round(r / LIMIT, 3) for r in shown]
    assert shown[-1] > 0.9 * LIMIT  # (said, once measured over a whole window)
