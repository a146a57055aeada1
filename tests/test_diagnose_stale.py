"""The mode panel after a learner-QA round (design note 325): a diagnosis of the practice server is cleared
when one of its simulations changes (it was about a server that no longer behaves so)."""

from __future__ import annotations

import pytest
from test_modepanel_fit import start_practice

from ftpgui.ui.modepanel import ModePanel

pytestmark = pytest.mark.gui
WAIT = 90000


# --- 1: a diagnosis of the practice server goes when a simulation changes (note 325) -------------------------
def test_a_diagnosis_is_cleared_when_the_practice_servers_simulation_changes(qtbot):
    """QA: TLS helper on, Diagnose ("Recommended: Active", the helper's cause, "Use Active …", the TLS fixes);
    TLS off, NAT on, Try it: all of it stayed under a server that no longer behaved so."""
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.resize(820, 900)
    panel.show()
    bar, diagnosis = panel.practice, panel.diagnosis
    start_practice(qtbot, panel)
    try:
        bar.tls_helper.setChecked(True)
        panel.set_mode("passive")
        with qtbot.waitSignal(diagnosis.finished, timeout=WAIT) as done:
            diagnosis.button.click()
        assert done.args[0].recommended == "active"
        assert diagnosis.summary.text().startswith("Recommended: Active")
        assert diagnosis.use_button.isVisible() and diagnosis.fixes.isVisible()
        assert "cannot see through TLS" in diagnosis.lines["passive"].text()

        bar.tls_helper.setChecked(False)
        bar.nat.setChecked(True)
        # the result is gone, and the summary says why
        assert diagnosis.result is None
        assert diagnosis.summary.text() == "The practice server's simulation changed: diagnose it again."
        assert not diagnosis.use_button.isVisible() and not diagnosis.fixes.isVisible()
        assert not any(label.isVisible() for label in diagnosis.lines.values())
        assert not diagnosis.exports.isVisible() and diagnosis.button.isEnabled()
        with qtbot.waitSignal(bar.tried, timeout=WAIT):
            bar.try_button.click()
        assert diagnosis.result is None and not diagnosis.use_button.isVisible()
        assert "Recommended" not in diagnosis.summary.text()
        # a new diagnosis is about the server as it is now (NAT: passive names a private address, ftpgui copes)
        with qtbot.waitSignal(diagnosis.finished, timeout=WAIT) as again:
            diagnosis.button.click()
        assert again.args[0] is not None and again.args[0].passive.ok
        assert "cannot see through TLS" not in diagnosis.lines["passive"].text()
    finally:
        with qtbot.waitSignal(bar.stopped, timeout=20000):
            bar.button.click()


def test_a_switch_with_nothing_diagnosed_says_nothing(qtbot):
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.show()
    start_practice(qtbot, panel)
    try:
        panel.practice.nat.setChecked(True)
        assert panel.diagnosis.summary.text() == ""
    finally:
        with qtbot.waitSignal(panel.practice.stopped, timeout=20000):
            panel.practice.button.click()
