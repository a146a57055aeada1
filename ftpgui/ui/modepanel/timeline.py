"""A connection's timeline in the mode panel's scene: its bounded history of ``Step``s by serial, and a fast run of
alike data connections folded into the newest, which stands for it and counts the earlier ones. ``Timeline`` is
the base of ``scene.ConnectionScene``, which decodes the engine's events into these steps. Pure Python, no Qt.
"""

from __future__ import annotations

from collections import deque
from typing import Deque, Dict, List, Optional, Tuple

from .model import CONTROL_CLOSED, CONTROL_FAILED, FOLD_WAIT, STEPS_KEPT, Dial, Exchange, Step


class Timeline:
    """The steps of one connection (at most ``STEPS_KEPT``, each with its serial) and the data connection being
    set up or carrying bytes now; adding a step, folding a run, reading a step by its serial."""

    def __init__(self) -> None:
        self.steps: Deque[Step] = deque(maxlen=STEPS_KEPT)
        self._last_step: Optional[Step] = None
        self._serial = 0
        self._current: Optional[Exchange] = None
        self._closing: Optional[Exchange] = None
        self._current_started = 0.0
        self._last_done: Optional[Exchange] = None  # the head of the current run of alike exchanges
        self._last_done_end = -1  # serial of that run's last step
        self._last_shape: tuple = ()  # its shape (what makes two data connections alike)

    @property
    def current(self) -> Optional[Exchange]:
        """The data connection being set up or carrying bytes now, if any."""
        return self._current

    # --- adding steps ------------------------------------------------------------------------------
    def _finish(self, ex: Exchange) -> bool:
        """Fold the run before ``ex`` into it when they are alike and nothing happened in between: ``ex``,
        the newest, takes the run's place on the timeline and counts the earlier ones."""
        self._current = None
        self._closing = ex  # the transfer command's final reply (226) usually comes after the close
        ex.samples.clear()
        head = self._last_done
        first = self._serial - ex.steps + 1
        shape = ex.shape()
        if head is not None and self._last_done_end == first - 1 and self._last_shape == shape:
            own: List[Step] = []
            while self.steps and self.steps[-1].exchange is ex:
                own.append(self.steps.pop())
            while self.steps and self.steps[-1].exchange is head:
                self.steps.pop()
            serial = self._serial - ex.steps - head.steps  # the step before the run
            for step in reversed(own):
                serial += 1
                step.serial = serial
                self.steps.append(step)
            self._serial = serial  # the run's older steps never existed for the timeline
            ex.more = head.more + 1
            ex.first_number = head.first_number or head.number
            self._last_done, self._last_shape = ex, shape
            self._last_done_end = self._serial
            head.folded_into = ex  # the ladder finds the run's older steps under the one that stands for it
            return True
        self._last_done, self._last_shape = ex, shape
        self._last_done_end = self._serial
        return False

    def _add(
        self,
        kind: str,
        ex: Optional[Exchange],
        fallback: Optional[Tuple[str, str, str]] = None,
        reason: str = "",
        line: str = "",
        code: Optional[int] = None,
        text: str = "",
        dial: Optional[Dial] = None,
    ) -> bool:
        self._serial += 1
        step = self._last_step = Step(self._serial, kind, ex, fallback, reason, line, code, text, dial)
        self.steps.append(step)
        if ex is not None:
            ex.steps += 1
        return True

    # --- reading --------------------------------------------------------------------------------
    def in_run(self, ex: Exchange) -> bool:
        """Whether ``ex`` is part of a run of alike data connections: folded into one (``more``), or the one
        being set up right after such a run, the same way so far (mode and command)."""
        if ex.more:
            return True
        head = self._last_done
        return (
            ex is self._current
            and head is not None
            and head.more > 0
            and ex.mode == head.mode
            and ex.command == head.command
        )

    def step(self, serial: int) -> Optional[Step]:
        """The step with ``serial``, or None when it has left the history."""
        if not self.steps:
            return None
        first = self.steps[0].serial
        i = serial - first
        if 0 <= i < len(self.steps):
            return self.steps[i]
        return None

    def settled_serial(self, now: float) -> int:
        """The newest step that will not be folded away: an exchange in progress that may still turn out
        like the run before it is held back for ``FOLD_WAIT`` seconds (``now`` is ``time.monotonic()``)."""
        ex = self._current
        if ex is None or self._last_done is None or now - self._current_started >= FOLD_WAIT:
            return self.last_serial
        return max(self.first_serial, self._serial - ex.steps)

    @property
    def ended(self) -> bool:
        """Closed, or its connect attempt failed (not merely not open yet: a connect may be under way)."""
        return bool(self.steps) and self.steps[-1].kind in (CONTROL_CLOSED, CONTROL_FAILED)

    @property
    def first_serial(self) -> int:
        return self.steps[0].serial if self.steps else 0

    @property
    def last_serial(self) -> int:
        return self.steps[-1].serial if self.steps else 0

    def exchanges(self) -> List[Exchange]:
        """The exchanges still on the timeline, oldest first."""
        seen: Dict[int, Exchange] = {}
        for s in self.steps:
            if s.exchange is not None:
                seen.setdefault(id(s.exchange), s.exchange)
        return list(seen.values())
