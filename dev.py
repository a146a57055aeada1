#!/usr/bin/env python3
"""Set up and run ftpgui from a fresh clone: ``python3 dev.py run`` or ``python3 dev.py test``.

Both create ``.venv`` beside this file (once) and install the project into it in editable mode;
``test`` also installs the test extra, lints with ruff and runs pytest (extra arguments go to pytest) on
two worker processes (pytest-xdist): most tests wait on sockets, servers and timeouts, so two run side by side
in about half the time of one; ``-n 0`` (or ``-n N``) among the arguments chooses otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("FTPGUI_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def sh(*cmd, **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)


def ensure_venv(extra: str) -> None:
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extra or 'app'}"
    inputs = (ROOT / "pyproject.toml").stat().st_mtime
    if not stamp.exists() or stamp.stat().st_mtime < inputs:
        sh(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".[{extra}]" if extra else ".")
        stamp.touch()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    if argv[0] == "run":
        ensure_venv("")
        return subprocess.call([str(PY), "-m", "ftpgui", *argv[1:]], cwd=ROOT)
    ensure_venv("test")
    sh(PY, "-m", "ruff", "check", ".")
    sh(PY, "-m", "ruff", "format", "--check", ".")
    return subprocess.call([str(PY), "-m", "pytest", *workers(argv[1:]), *argv[1:]], cwd=ROOT)


WORKERS = 2  # (CI's machine has 2 cores; on more, the daemons' and namespaces' tests gain little from more)


def workers(args: list) -> list:
    """pytest-xdist's options, unless the arguments choose their own (``-n``, ``--numprocesses``, ``-p no:xdist``).
    ``loadgroup``: the tests marked ``xvfb_only`` go to one worker, which runs them in one child on the X server."""
    if any(a.startswith(("-n", "--numprocesses", "--dist")) for a in args) or "no:xdist" in args:
        return []
    return ["-n", str(WORKERS), "--dist", "loadgroup"]


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode or 1)
