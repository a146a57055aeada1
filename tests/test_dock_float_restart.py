"""A floated "Connection modes" dock comes back above the main window after a restart (found by QA, design
note 264): on Xvfb with openbox, one run clicks the dock's float button and quits, the next starts with the
same config folder and the X server's stacking order must have the dock over the window."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import need

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

pytestmark = pytest.mark.gui


def test_a_floated_mode_panel_comes_back_above_the_window(tmp_path):
    need(all(shutil.which(p) for p in ("Xvfb", "openbox", "xprop")), "needs Xvfb, openbox and xprop")
    sys.path.insert(0, HERE)
    from render_window import on_x_server

    found = {}

    def run(display: str) -> None:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", FTPGUI_CONFIG_DIR=str(tmp_path / "config"))
        env["PYTHONPATH"] = ROOT + os.pathsep + HERE
        for step in ("float", "restore"):
            proc = subprocess.run(
                [sys.executable, os.path.join(HERE, "dock_float_probe.py"), step],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert proc.returncode == 0, proc.stderr[-3000:]
            found[step] = json.loads(proc.stdout.strip().splitlines()[-1])

    on_x_server("1366x768", run)
    assert found["float"]["floating"]
    after = found["restore"]
    assert after["floating"] and after["visible"] and after["ticked"], after
    assert 0 <= after["main"] < after["dock"], after  # bottom first: the dock is over the window
