"""Real drag and drop on the X server: a window manager, and a pointer driven by ``xdotool`` (XTEST input).

The drags these helpers make go through Qt's own ``QDrag.exec`` and the X server's drag-and-drop protocol
(XDND), as a person's would: nothing builds a drag event by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from typing import Iterator, List, Tuple

import pytest

from conftest import need

Point = Tuple[int, int]


def _wm_running() -> bool:
    """A window manager that follows EWMH answers _NET_ACTIVE_WINDOW (xdotool fails without one)."""
    probe = subprocess.run(["xdotool", "getactivewindow"], capture_output=True, timeout=10)
    return probe.returncode == 0


@pytest.fixture(scope="session")
def window_manager() -> Iterator[None]:
    """openbox on the test's X server (started here unless one runs already), stopped at the end."""
    need(bool(os.environ.get("DISPLAY")), "needs an X server")
    need(shutil.which("xdotool") is not None, "xdotool is not installed")
    need(shutil.which("openbox") is not None, "openbox (a window manager) is not installed")
    if _wm_running():
        yield
        return
    wm = subprocess.Popen(["openbox", "--sm-disable"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while not _wm_running() and wm.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)  # the WM sets _NET_ACTIVE_WINDOW once it manages the screen
        yield
    finally:
        wm.terminate()
        wm.wait(10)


def drag_script(start: Point, end: Point, steps: int = 12) -> List[str]:
    """xdotool's commands for a person's drag: press at ``start``, move there in ``steps``, release."""
    (x0, y0), (x1, y1) = start, end
    cmd = ["xdotool", "mousemove", str(x0), str(y0), "sleep", "0.3", "mousedown", "1", "sleep", "0.3"]
    for i in range(1, steps + 1):
        x = x0 + (x1 - x0) * i // steps
        y = y0 + (y1 - y0) * i // steps
        cmd += ["mousemove", str(x), str(y), "sleep", "0.08"]
    # a last wiggle over the target: XDND sends its position on motion, the drop uses the last one
    cmd += ["mousemove", str(x1 + 1), str(y1), "sleep", "0.2", "mousemove", str(x1), str(y1), "sleep", "0.3"]
    return [*cmd, "mouseup", "1"]


def start_drag(start: Point, end: Point) -> subprocess.Popen:
    """Start the drag in another process: this one must keep running Qt's event loop while it happens."""
    return subprocess.Popen(drag_script(start, end), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def global_point(widget, point) -> Point:
    """``point`` in ``widget`` as X screen coordinates (device pixels)."""
    g = widget.mapToGlobal(point)
    ratio = widget.devicePixelRatioF()
    return round(g.x() * ratio), round(g.y() * ratio)


def drag(qtbot, start: Point, end: Point) -> None:
    """A person's drag from ``start`` to ``end``, this process's Qt event loop running meanwhile."""
    from guihelpers import WAIT

    proc = start_drag(start, end)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=WAIT)
    _out, err = proc.communicate()
    assert proc.returncode == 0, err.decode()


def drag_from_another_program(qtbot, end: Point, *args: str) -> str:
    """Drag what ``xdrag_source.py`` offers (``args``: files, or ``--text WORDS``) from its window in another X
    client to ``end``; the drop's action as that program saw it ("CopyAction", or "IgnoreAction": refused)."""
    from guihelpers import WAIT

    source = subprocess.Popen(
        [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "xdrag_source.py"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="xcb"),
    )
    try:
        ready = source.stdout.readline().split()
        assert ready[:1] == ["ready"], source.stderr.read()
        x, y, width, height = (int(v) for v in ready[1:])
        drag(qtbot, (x + width // 2, y + height // 2), end)
        qtbot.waitUntil(lambda: source.poll() is not None, timeout=WAIT)
        said = source.stdout.read().split()
    finally:
        if source.poll() is None:
            source.kill()
        source.communicate(timeout=10)
    assert said[:1] == ["dropped"], said
    return said[1]
