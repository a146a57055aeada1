"""Run the app as ``python -m ftpgui`` runs it (``ftpgui.app.main``), quick-connect to ``host:port`` as a person
types it, and quit with File ▸ Quit after ``seconds`` — then end with the app's own exit status.

usage: quit_probe.py HOST PORT SECONDS [LOCAL_FILE SERVER_FILE | --compare LOCAL_FOLDER | --forkserver [--stuck]]
With a file: log in as the test server's user (answering the plain-FTP question), upload LOCAL_FILE into
"/", and once SERVER_FILE exists (the server has taken the STOR) quit, answering "Quit Anyway".
With --compare: log in, show LOCAL_FOLDER, turn Compare on, and quit once Compare's read of the local hidden
file ``.hung`` (a name only the server has) hangs — its ``os.stat`` never returns, as on a network folder
whose server has gone.
With --forkserver: log in, and quit once the fork server of the transfer processes is running (its socket's
``pymp-*`` folder is in the temporary folder: said on stderr); with --stuck, once a listing the browsing
connection's thread was asked for hangs for good — a thread the hang-up cannot end, so that the app ends by
its last resort, ``os._exit``.

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


def hang_listings(hung: threading.Event) -> None:
    """A listing asked for off the GUI thread never returns from now on, whatever ends its socket (``hung``
    says it was asked)."""
    from ftpgui.ftp.listings import ListingMixin

    real = ListingMixin.listdir

    def listdir(self, *args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            hung.set()
            threading.Event().wait()
        return real(self, *args, **kwargs)

    ListingMixin.listdir = listdir


def fork_server_folders() -> list:
    import glob
    import tempfile

    return glob.glob(os.path.join(tempfile.gettempdir(), "pymp-*"))


def main() -> int:
    import atexit

    # said only when the process ends the ordinary way (not by app.main's last resort, os._exit)
    atexit.register(lambda: print("quit_probe: ended normally", file=sys.stderr, flush=True))
    host, port, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    upload = sys.argv[4:6]
    compare = upload[1] if upload[:1] == ["--compare"] else ""
    hung = threading.Event()
    forkserver = upload[:1] == ["--forkserver"]
    stuck = forkserver and upload[1:2] == ["--stuck"]
    if compare:
        upload = []
        hang_on(os.path.join(compare, ".hung"), hung)
    if forkserver:
        upload = []
    from PySide6.QtCore import QTimer

    from ftpgui import app

    from ftpserver import PASSWORD, USER
    from guihelpers import type_in

    built = app.build_window

    def build_window():
        window = built()

        def connect() -> None:
            if upload or compare or forkserver:
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

        def forkserver_step() -> None:
            prompt = window.prompt
            if prompt is not None and hasattr(prompt, "connect_button"):
                prompt.connect_button.click()
            elif hung.is_set() or (fork_server_folders() and not stuck):
                print(
                    "quit_probe: quitting with the fork server in", *fork_server_folders(), file=sys.stderr, flush=True
                )
                window.act_quit.trigger()
                return
            elif fork_server_folders() and window.remote.path == "/" and not window.remote_browser.connection.busy:
                hang_listings(hung)
                window.navigate("/", refresh=True)
            QTimer.singleShot(20, forkserver_step)

        QTimer.singleShot(100, connect)
        if forkserver:
            QTimer.singleShot(200, forkserver_step)
        elif upload:
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
