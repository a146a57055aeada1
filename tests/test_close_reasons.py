"""Every reason the engine gives for a closed control connection is said in words, in Chinese too (design note
299, found by QA: "[传输 6] 连接已关闭（timeout）" — the message log had words for five of the nine reasons).

The reasons are found in the engine's source (each ``close_with`` call), so a reason added there without words
fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ftpgui.ftp.events import CLOSE_REASONS, ControlClosed

ENGINE = Path(__file__).resolve().parent.parent / "ftpgui"
LATIN = re.compile(r"[A-Za-z]")


def reasons_in_the_source() -> set:
    """Each reason a ``close_with(...)`` of ftpgui's source gives (or a ``_ended(...)`` of the control
    connection's, which closes with it), and each ``reason = "…"`` of ``close_with``
    itself (QUIT's); a reason that is not a plain string there fails (it could be anything)."""
    found = set()
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            closes = ("close_with", "_ended") if path.name == "controllines.py" else ("close_with",)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in closes:
                arg = node.args[0]
                if getattr(arg, "id", None) == "why":
                    continue  # (``_ended``'s own close: its callers' reasons are read at their ``_ended`` calls)
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), f"{path}:{node.lineno}"
                found.add(arg.value)
            if isinstance(node, ast.FunctionDef) and node.name == "close_with":
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Assign) and any(getattr(t, "id", "") == "reason" for t in inner.targets):
                        assert isinstance(inner.value, ast.Constant), f"{path}:{inner.lineno}"
                        found.add(inner.value.value)
    return found


def test_the_engines_list_of_reasons_is_every_reason_it_gives():
    found = reasons_in_the_source()
    assert "timeout" in found and "quit" in found  # (the scan sees what it is meant to)
    assert found == set(CLOSE_REASONS)


@pytest.mark.gui
def test_every_reason_is_said_in_chinese_in_the_log_and_the_mode_panel(qtbot, chinese):
    from ftpgui.ui.message_log import MessageLog
    from ftpgui.ui.modepanel.labelwords import close_reason

    log = MessageLog()
    qtbot.addWidget(log)
    for reason in CLOSE_REASONS:
        ((_kind, line),) = log.describe(ControlClosed(6, reason=reason))
        assert line.startswith("连接已关闭（") and not LATIN.search(line), line
        assert not LATIN.search(close_reason(reason)), reason


@pytest.mark.gui
def test_every_reason_has_its_own_words_in_english(qtbot):
    """(Words, not the code: "timeout" was shown as it came; "421" alone says nothing.)"""
    from ftpgui.ui.message_log import MessageLog

    log = MessageLog()
    qtbot.addWidget(log)
    lines = {reason: log.describe(ControlClosed(6, reason=reason))[0][1] for reason in CLOSE_REASONS}
    assert lines["timeout"] == "Connection closed (timed out)"
    assert lines["421"] == "Connection closed (ended by the server with 421)"
    assert len(set(lines.values())) == len(CLOSE_REASONS)
