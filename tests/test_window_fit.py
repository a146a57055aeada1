"""The default main window fits the screen (issue 19 item 1): at 1366×768 and 1920×1080, on Xvfb with a
window manager, in English and Chinese, no button of the queue or the quick-connect bar is cut off or
squeezed, the whole frame is on the screen, and the queue shows at least five rows; so do the dialogs of the
menus (preferences, site manager, about)."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from conftest import need

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", ["1366x768", "1920x1080"])
def test_the_default_window_fits_the_screen(size, language, tmp_path):
    need(shutil.which("Xvfb") is not None and shutil.which("openbox") is not None, "needs Xvfb and openbox")
    sys.path.insert(0, HERE)
    from render_window import probe_on_x

    result = probe_on_x(size, "window_fit_probe.py", language, str(tmp_path / "cache"))
    assert result["window_fits"], (result["frame"], result["screen"])
    clipped = {name: why for name, why in result["buttons"].items() if why}
    assert len(result["buttons"]) >= 9 and not clipped, clipped
    assert result["queue_rows"] >= 5
    # the dialogs of the menus fit too, their buttons whole (the preferences had been 749 px tall, 773 in Chinese)
    assert set(result["dialogs"]) == {"PreferencesDialog", "SiteManagerDialog", "AboutDialog"}, result["dialogs"]
    for name, found in result["dialogs"].items():
        assert found["fits"] and not found["cut"], (name, found)
