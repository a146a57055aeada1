"""Run the app as ``python -m ftpgui`` runs it (``ftpgui.app.main``), quick-connect to ``host:port`` as a person
types it, and quit with File ▸ Quit after ``seconds`` — then end with the app's own exit status.

usage: quit_probe.py HOST PORT SECONDS [LOCAL_FILE SERVER_FILE | --compare LOCAL_FOLDER]
With a file: log in as the test server's user (answering the plain-FTP question), upload LOCAL_FILE into
"/", and once SERVER_FILE exists (the server has taken the STOR) quit, answering "Quit Anyway".
With --compare: log in, show LOCAL_FOLDER, turn Compare on, and quit once Compare's read of the local hidden
file ``.hung`` (a name only the server has) hangs — its ``os.stat`` never returns, as on a network folder
whose server has gone.

Used by tests/test_quit_stalled.py against servers that never answer: the status and stderr say whether the
process ended cleanly (Qt aborts it when a thread still running loses its QThread)."""

from __future__ import annotations

import os
import sys
import threading


def hang_on(path: str, hung: threading.Event) -> None:
    """``os.stat(path)`` off the GUI thread never returns from now on (``hung`` says it was asked)."""
    real = os.stat

    def stat(p, *args, **kwargs):
        if os.fspath(p) == path and threading.current_thread() is not threading.main_thread():
            hung.set()
            threading.Event().wait()
        return real(p, *args, **kwargs)

    os.stat = stat


def main() -> int:
    import atexit

    # said only when the process ends the ordinary way (not by app.main's last resort, os._exit)
    atexit.register(lambda: print("quit_probe: ended normally", file=sys.stderr, flush=True))
    host, port, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    upload = sys.argv[4:6]
    compare = upload[1] if upload[:1] == ["--compare"] else ""
    hung = threading.Event()
    if compare:
        upload = []
        hang_on(os.path.join(compare, ".hung"), hung)
    from PySide6.QtCore import QTimer

    from ftpgui import app

    from ftpserver import PASSWORD, USER
    from guihelpers import type_in

    built = app.build_window

    def build_window():
        window = built()

        def connect() -> None:
            if upload or compare:
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

        def compare_step() -> None:
            prompt = window.prompt
            if prompt is not None and hasattr(prompt, "connect_button"):
                prompt.connect_button.click()
            elif hung.is_set():
                print("quit_probe: quitting while the read hangs", file=sys.stderr, flush=True)
                window.act_quit.trigger()
                return
            elif window.remote.path == "/" and not window.comparison.enabled:
                window.local.set_path(compare)
                window.comparison.action.trigger()
            QTimer.singleShot(20, compare_step)

        QTimer.singleShot(100, connect)
        if upload:
            QTimer.singleShot(200, step)
        elif compare:
            QTimer.singleShot(200, compare_step)
        else:
            QTimer.singleShot(int(seconds * 1000), window.act_quit.trigger)
        return window

    app.build_window = build_window
    return app.main(["ftpgui"])


if __name__ == "__main__":
    sys.exit(main())
