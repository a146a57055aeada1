"""Run the app as ``python -m ftpgui`` runs it (``ftpgui.app.main``), quick-connect to ``host:port`` as a person
types it, and quit with File ▸ Quit after ``seconds`` — then end with the app's own exit status.

usage: quit_probe.py HOST PORT SECONDS [LOCAL_FILE SERVER_FILE]
With a file: log in as the test server's user (answering the plain-FTP question), upload LOCAL_FILE into
"/", and once SERVER_FILE exists (the server has taken the STOR) quit, answering "Quit Anyway".

Used by tests/test_quit_stalled.py against servers that never answer: the status and stderr say whether the
process ended cleanly (Qt aborts it when a thread still running loses its QThread)."""

from __future__ import annotations

import os
import sys


def main() -> int:
    import atexit

    # said only when the process ends the ordinary way (not by app.main's last resort, os._exit)
    atexit.register(lambda: print("quit_probe: ended normally", file=sys.stderr, flush=True))
    host, port, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    upload = sys.argv[4:6]
    from PySide6.QtCore import QTimer

    from ftpgui import app

    from ftpserver import PASSWORD, USER
    from guihelpers import type_in

    built = app.build_window

    def build_window():
        window = built()

        def connect() -> None:
            if upload:
                type_in(window, host, port, USER, PASSWORD)
            else:
                type_in(window, host, port, "someone", "secret")

        def step() -> None:  # (an upload: as far as it has come, the next move)
            prompt = window.prompt
            if prompt is not None and hasattr(prompt, "connect_button"):
                prompt.connect_button.click()  # plain FTP: the test server has no TLS
            elif not window.queue.model.rowCount():
                if window.remote.path == "/" and not window.remote_browser.connection.busy:
                    window.request_upload([upload[0]], "/")
            elif os.path.exists(upload[1]):
                window.act_quit.trigger()
                window.prompt.yes_button.click()  # "Quit Anyway"
                return
            QTimer.singleShot(20, step)

        QTimer.singleShot(100, connect)
        if upload:
            QTimer.singleShot(200, step)
        else:
            QTimer.singleShot(int(seconds * 1000), window.act_quit.trigger)
        return window

    app.build_window = build_window
    return app.main(["ftpgui"])


if __name__ == "__main__":
    sys.exit(main())
