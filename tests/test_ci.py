"""CI refuses skipped real parts: `.ci/run` says it is CI, and conftest's `need()` then fails, never skips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CI_RUN = TESTS.parent / ".ci" / "run"


def test_ci_run_sets_ci_itself_before_anything_else():
    script = CI_RUN.read_text()
    head = script.split("packages=(", 1)[0]  # the setup lines: nothing installed or run yet
    env = {k: v for k, v in os.environ.items() if k != "CI"}  # a runner that sets no CI variable
    done = subprocess.run(["bash", "-c", head + '\necho "CI=${CI:-}"'], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "CI=true"
    assert script.index("export CI=true") < script.index("dev.py test")


def _child_outcome(tmp_path: Path, ci: str) -> subprocess.CompletedProcess:
    test = tmp_path / "test_missing_part.py"
    test.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(TESTS)!r})\n"
        "from conftest import need\n\n"
        "def test_needs_a_daemon():\n"
        "    need(False, 'the daemon is not installed')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xvfb", str(test)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )


def test_need_fails_in_ci_and_skips_elsewhere(tmp_path):
    in_ci = _child_outcome(tmp_path, "true")
    assert in_ci.returncode == 1, in_ci.stdout
    assert "CI must not skip: the daemon is not installed" in in_ci.stdout
    elsewhere = _child_outcome(tmp_path, "")
    assert elsewhere.returncode == 0, elsewhere.stdout
    assert "1 skipped" in elsewhere.stdout
