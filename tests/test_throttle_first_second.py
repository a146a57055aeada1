"""The speed limit keeps to its rate in the first second of a transfer too (design note 284).

Found by QA: a 200 KiB/s limit let about twice that through in the first second — the limiter charged the
bytes after they had moved, from the progress reports (every 256 KiB, or a whole 1 MiB read), with half a
second's worth saved up. A real transfer through pyftpdlib, the queue's own limit; the bytes moved are read
from the engine's progress events and bucketed by the events' own timestamps (``at``), counted from the data
connection's start. A count check: no limit on how long the test takes.
"""

from __future__ import annotations

import os

import pytest
from test_queue import queue, site, states, wait_idle  # noqa: F401 (queue: a fixture)

from ftpgui.ftp import DataConnected, TransferProgress
from ftpgui.transfers.items import DONE

LIMIT = 200 << 10  # bytes a second
SIZE = 4 * LIMIT  # four seconds' worth
TOLERANCE = 1.25  # a second may move at most this many seconds' worth of the limit


def moved_by(samples, t: float) -> int:
    """The bytes the progress events had counted by time ``t``."""
    return max([done for at, done in samples if at <= t], default=0)


@pytest.mark.parametrize("direction", ["download", "upload"])
def test_no_second_moves_more_than_the_limit(qtbot, queue, make_server, tmp_path, direction):  # noqa: F811
    srv = make_server("127.0.0.1")
    data = os.urandom(SIZE)
    local = tmp_path / "local"
    local.mkdir()
    (local / "u.bin").write_bytes(data)
    with open(srv.path("s.bin"), "wb") as f:
        f.write(data)
    started, samples = [], []  # the data connection's start; (at, bytes done) of each progress event

    def heard(events) -> None:
        for ev in events:
            if isinstance(ev, DataConnected) and not started:
                started.append(ev.at)
            elif isinstance(ev, TransferProgress):
                samples.append((ev.at, ev.done))

    queue.eventsArrived.connect(heard)
    queue.set_speed_limit(LIMIT)
    site(queue, srv, connections=1)
    if direction == "download":
        queue.download([("/s.bin", False, SIZE)], str(tmp_path))
    else:
        queue.upload([str(local / "u.bin")], "/")
    wait_idle(qtbot, queue)
    assert states(queue) == [DONE]
    assert started and samples and samples[-1][1] == SIZE
    t0 = started[0]
    first = moved_by(samples, t0 + 1.0)
    assert first <= TOLERANCE * LIMIT, f"{first} bytes in the first second at {LIMIT} a second"
    # and every later whole second (a count, as the events saw it)
    for k in range(1, int(samples[-1][0] - t0)):
        in_second = moved_by(samples, t0 + k + 1) - moved_by(samples, t0 + k)
        assert in_second <= TOLERANCE * LIMIT, f"{in_second} bytes in second {k + 1}"
