"""The queue's columns share its width (found by QA at 1366×768, English and Chinese): the State column had
stayed ~75 px wide, so a failure's reason always read "Fail…ges." while the paths took hundreds of pixels and
Rate and Time left stood empty. The default window on Xvfb with a window manager, pyftpdlib refusing uploads
for real; the widths a person drags stay, in this window and the next."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from ftpgui.transfers.model import COL_LOCAL, COL_RATE, COL_REMOTE, COL_STATE, COL_TIME_LEFT

from conftest import need

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ENGLISH = "Failed: The server refused STOR: 550 Not enough privileges."
CHINESE = "失败：服务器拒绝了 STOR：550 Not enough privileges."

pytestmark = pytest.mark.gui


def probe(size: str, language: str, tmp_path) -> dict:
    need(shutil.which("Xvfb") is not None and shutil.which("openbox") is not None, "needs Xvfb and openbox")
    sys.path.insert(0, HERE)
    from render_window import probe_on_x

    return probe_on_x(size, "queue_columns_probe.py", language, str(tmp_path / "cache"))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", ["1366x768", "1920x1080"])
def test_the_state_column_shows_the_reason_and_the_paths_keep_a_name(size, language, tmp_path):
    found = probe(size, language, tmp_path)
    failed, queued = found["failed"], found["queued"]
    reason = ENGLISH if language == "en" else CHINESE
    assert failed["texts"] == [reason, reason]
    widths = failed["widths"]
    # nothing moves in the Failed tab: no Rate, no Time left; in the Queued tab, while nothing moves there, they
    # are as narrow as their titles (empty, they had kept ~160 px from the paths: design note 398; a row that
    # moves widens them at once, tests/test_queue_moving_columns.py)
    assert widths[COL_RATE] == widths[COL_TIME_LEFT] == 0
    room = [queued["widths"][c] for c in (COL_RATE, COL_TIME_LEFT)]
    assert room == [queued["titles"][c] for c in (COL_RATE, COL_TIME_LEFT)], (room, queued["titles"])
    # each path keeps at least the end of a name ("…/report.pdf"); the paths share what the State leaves
    assert min(widths[COL_LOCAL], widths[COL_REMOTE]) >= failed["path_least"]
    assert sum(widths) <= failed["viewport"] + 1  # (no sideways scrolling)
    whole = failed["advances"][0] <= failed["inner"]
    # the reason whole: at 1366×768 in English too since the mode dock's first width is a third of the window
    # (note 408: the queue 890 px wide, was 733 px, where the State column took all the paths left and elided it)
    assert whole, (failed["advances"], failed["inner"], widths)
    # the person's own width: kept as rows come and go, and in the next window (window.ini)
    dragged = found["dragged_to"]
    assert dragged != widths[COL_STATE]
    assert found["after_drag"]["widths"][COL_STATE] == dragged and len(found["after_drag"]["texts"]) == 3
    assert found["reopened"]["widths"][COL_STATE] == dragged
