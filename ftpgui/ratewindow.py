"""A transfer's rate over a sliding window of (time, bytes) samples, said only once a whole window is measured.

Shared by the mode panel's data lane (design note 311) and ``ftpgui-cli``'s progress line (design note 330):
a speed limit lets a burst through at the start (its bucket's saved tenth, a step charged ahead), so a rate
measured over the first tenths said many times the limit (49.1 MiB/s for a 100 KB/s server). Qt-free.
"""

from __future__ import annotations

from typing import Deque, Optional, Tuple

Sample = Tuple[float, int]
RATE_WINDOW = 2.0  # seconds: the window of the panel's, the CLI's and the queue's rates (one transfer, one rate)


def windowed_rate(samples: Deque[Sample], at: float, done: int, window: float) -> Optional[Tuple[float, float]]:
    """Add the sample ``(at, done)`` to ``samples`` (oldest first; the caller may seed it with the transfer's
    start) and drop those older than needed to span ``window`` seconds. Returns ``(rate, said)``: bytes per
    second over the samples kept, and the same once they span a whole window (0.0 before: not yet meaningful);
    None when no rate can be measured (no time passed, or fewer bytes than before).
    """
    samples.append((at, done))
    while len(samples) > 2 and at - samples[1][0] >= window:  # (never less than the window)
        samples.popleft()
    t0, d0 = samples[0]
    if at <= t0 or done < d0:
        return None
    rate = (done - d0) / (at - t0)
    return rate, (rate if at - t0 >= window else 0.0)
