"""The queue's password prompt opens compact, in English and in Chinese (design note 279). Found by QA: it
opened with a wide empty band between its words and its field — Qt gave it the height its wrapped labels need
at their own narrow width, then widened it to its least width, where they take fewer lines. A restored queue
waiting for its server's password, in the real window against pyftpdlib; the prompt grabbed to build/screens."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QLabel

from ftpgui.ui.dialogs import PROMPT_WIDTH, PasswordDialog

from guihelpers import WAIT, close_window, open_window, probe_dir, save_queued_upload

pytestmark = [pytest.mark.gui, pytest.mark.timeout(120)]
SLACK = 4  # px: more than the layout's own least height for the prompt's width is an empty band


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_queue_password_prompt_opens_as_tall_as_its_lines(qtbot, request, config, make_server, tmp_path, language):
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv = make_server()
    local = tmp_path / "report.bin"
    local.write_bytes(b"x" * 3000)
    save_queued_upload(config, srv, str(local), "/report.bin")
    w = open_window(qtbot)
    try:
        qtbot.waitUntil(lambda: isinstance(w.queue_logins.prompt, PasswordDialog), timeout=WAIT)
        dialog = w.queue_logins.prompt
        qtbot.waitExposed(dialog)
        dialog.grab().save(os.path.join(probe_dir(), f"queue-password-{language}.png"))
        layout = dialog.layout()
        needed = layout.totalHeightForWidth(dialog.width())  # its lines at the width it opened at, its field, buttons
        assert needed <= dialog.height() <= needed + SLACK, (dialog.size(), needed)
        assert PROMPT_WIDTH <= dialog.width() <= layout.totalSizeHint().width() + PROMPT_WIDTH  # (not stretched wide)
        # its words whole: each label as tall as its lines at its width
        for label in dialog.findChildren(QLabel):
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        dialog.reject()
    finally:
        close_window(qtbot, w)
