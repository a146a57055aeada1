"""The window as ``python -m ftpgui`` builds it, editing one remote file: the SIGKILL test of
tests/test_remote_edit_ending.py starts it, kills it while the edited file is uploaded, and starts a window
again in the same config folder.

usage: python edit_app.py HOST PORT NAME EDITOR_COMMAND
Quick-connects to HOST:PORT (plain FTP, the test server's user), opens NAME (in the login folder) for editing
with EDITOR_COMMAND, its saves uploaded without asking, and prints ``copy PATH`` once the copy is open. The
config folder is FTPGUI_CONFIG_DIR's, the temporary folder TMPDIR's.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from PySide6.QtWidgets import QApplication

from ftpgui.ui.dialogs import PlainFtpDialog
from ftpgui.ui.main_window import MainWindow

from guihelpers import type_in


def main(argv) -> int:
    host, port, name, command = argv[1:5]
    app = QApplication(argv[:1])
    w = MainWindow()
    w.show()

    def until(test) -> None:
        while not test():
            app.processEvents()
            time.sleep(0.01)

    w.apply_preferences(dataclasses.replace(w.prefs, editor_command=command, upload_edited_without_asking=True))
    type_in(w, host, port)
    until(lambda: isinstance(w.prompt, PlainFtpDialog) and w.prompt.isVisible())
    w.prompt.connect_button.click()
    until(lambda: w.remote.path == "/" and not w.remote_browser.connection.busy)
    w.set_active_side("remote")
    w.remote.select([name])
    w.remote_edit.act_edit.trigger()
    until(lambda: w.remote_edit.edited)
    print("copy", next(iter(w.remote_edit.edited)), flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
