"""The remote pane's and the search's Modified column in this computer's zone, against the real daemons as Debian
ships them (design note 217, found by QA).

Eight hours east of Greenwich the remote pane said a server's times as the server gives them — UTC from MLSD
(pure-ftpd, proftpd) and from vsftpd's LIST (``use_localtime=NO``) — while the local pane, the "target exists"
question and Compare say this computer's time: a file uploaded a minute ago read eight hours old beside its local
copy, a day earlier after 16:00. An old file's LIST date (``Jul 14 2017``: no time) read "2017-07-14 00:00", a
time no listing gave.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone

import pytest
from test_daemons import DAEMONS, HAS_MLSD, daemon  # noqa: F401 (a fixture)
from test_far_times_gui import zone  # noqa: F401 (a fixture)
from test_search_gui import open_search

from ftpgui.ui.remote_model import COL_MODIFIED

from guihelpers import WAIT, answer_plain_ftp, type_in, wait_listing

pytestmark = pytest.mark.gui
# 20:00 UTC: 04:00 the next day eight hours east — the listing's day and this computer's differ
OLD = datetime(2017, 7, 14, 20, 0, tzinfo=timezone.utc).timestamp()


def here(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))


@pytest.mark.parametrize("daemon", DAEMONS, indirect=True)
def test_server_times_are_said_in_this_computers_zone(qtbot, window, daemon, zone):  # noqa: F811
    zone("EAST-8")
    recent = int(time.time()) - 2 * 3600 - 17  # (LIST gives its minute)
    for name, stamp in (("recent.txt", recent), ("old.txt", OLD)):
        path = daemon.put_file(name, name.encode())
        os.utime(path, (stamp, stamp))
    type_in(window, daemon.host, str(daemon.port), daemon.user, daemon.password)
    answer_plain_ftp(qtbot, window)
    wait_listing(qtbot, window, "/")
    window.navigate(daemon.remote_dir)
    wait_listing(qtbot, window, daemon.remote_dir)
    model = window.remote.model
    shown = {name: model.index(model.row_of(name), COL_MODIFIED).data() for name in ("recent.txt", "old.txt")}
    # MLSD's exact time in this zone; LIST's old date is the day it names, with no time made up
    old = here(OLD) if HAS_MLSD[daemon.name] else "2017-07-14"
    assert shown == {"recent.txt": here(recent), "old.txt": old}
    assert here(OLD) == "2017-07-15 04:00"  # (the zone is in force)
    dialog = open_search(window, daemon.remote_dir)
    dialog.form.pattern.setText("*.txt")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    rows = (dialog.results.topLevelItem(r) for r in range(dialog.results.topLevelItemCount()))
    assert {row.text(0): row.text(3) for row in rows} == shown
    dialog.close()
