"""A greeting that holds the password (design note 427, found by QA): the replies after PASS were masked (note
307), the banner before it was shown as it came — in ``ftpgui-cli -v`` and in the window's message log. The
password is known before the connection: it is masked from the greeting on, by the same rules (a word of its
own only; a password shorter than three characters not looked for)."""

from __future__ import annotations

import pytest

from guihelpers import answer_plain_ftp, close_window, names, open_window, type_in, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from scripted import FakeTree, ScriptedServer, unix_listing
from test_cli import run_subprocess

LISTING = unix_listing(
    ("report.txt", "file", 12),
)
# (password, the greeting, the greeting as shown)
CASES = {
    "a word of its own": (
        "hunter22",
        "220 Welcome! Your password hunter22 is weak.",
        "220 Welcome! Your password **** is weak.",
    ),
    "inside a word": ("pass", "220 passive mode preferred, pass", "220 passive mode preferred, ****"),
    "too short to look for": ("ab", "220 ab server", "220 ab server"),
}


def tree(greeting: str) -> FakeTree:
    return FakeTree({"/": LISTING}.get, greeting=(greeting,))


@pytest.mark.parametrize("case", list(CASES))
def test_the_cli_masks_the_password_in_the_greeting(case):
    password, greeting, masked = CASES[case]
    with ScriptedServer(tree(greeting)) as srv:
        done = run_subprocess("-v", "ls", f"ftp://u:{password}@127.0.0.1:{srv.port}/")
    err = done.stderr.decode("utf-8")
    assert done.returncode == 0, err
    assert "report.txt" in done.stdout.decode("utf-8")
    greeted = [line.split(" < ", 1)[1] for line in err.splitlines() if " < 220" in line]
    assert greeted == [masked], err


@pytest.mark.gui
@pytest.mark.parametrize("case", ["a word of its own", "inside a word"])
def test_the_message_log_masks_the_password_in_the_greeting(qtbot, tmp_path, monkeypatch, case):
    """The real window, quick-connected with the password typed in its bar: every greeting in the log (the
    connection that asked about plain FTP, and the one after) is masked as the replies after PASS are."""
    password, greeting, masked = CASES[case]
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    with ScriptedServer(tree(greeting), connections=4, concurrent=True) as srv:
        w = open_window(qtbot)
        try:
            type_in(w, "127.0.0.1", str(srv.port), "u", password)
            answer_plain_ftp(qtbot, w)
            wait_listing(qtbot, w, "/")
            assert names(w) == ["report.txt"]
            greeted = [text for kind, text in w.log.lines if text.startswith("220")]
            assert greeted and set(greeted) == {masked}, w.log.lines
            if case == "a word of its own":
                assert password not in w.log.toPlainText()
        finally:
            close_window(qtbot, w)
