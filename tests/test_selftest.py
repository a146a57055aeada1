"""``ftpgui --self-test``: the same check the packaging CI runs on the built bundle, run from source here."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from ftpgui import selftest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_self_test_passes_from_source():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [ROOT, env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-m", "ftpgui", "--self-test"], capture_output=True, text=True, env=env, timeout=240
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert [line.split()[1] for line in lines[:-1]] == [
        "qt",
        "translations",
        "about",
        "keyring",
        "window",
        "practice",
        "passive",
        "active",
    ]
    assert all(line.startswith("ok  ") for line in lines[:-1])
    assert lines[-1] == "self-test passed"
    assert "dialled by the client" in lines[6] and "dialled by the server" in lines[7]
    assert "identical" in lines[6] and "(MIT)" in lines[2]


def test_self_test_names_the_failed_step(monkeypatch, tmp_path, qapp):
    monkeypatch.setattr(selftest, "ICON", tmp_path / "no-icon.svg")
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run(out, err) == 1
    assert err.getvalue() == f"self-test FAILED at qt: the app icon is missing: {tmp_path / 'no-icon.svg'}\n"
    assert "self-test passed" not in out.getvalue()
