"""Run the app as ``python -m ftpgui`` runs it (``ftpgui.app.main``), show ``local`` in the local pane,
quick-connect to ``host:port`` (USER/PASSWORD of tests/ftpserver.py) and download ``remote`` into
``local`` through the queue; prints "transferring" once the queue is, then waits for a signal from the
test (tests/test_signals.py), and ends with the app's own exit status."""

from __future__ import annotations

import sys


def main() -> int:
    import atexit

    atexit.register(lambda: print("signal_probe: ended normally", file=sys.stderr, flush=True))
    host, port, local, remote = sys.argv[1:5]
    from PySide6.QtCore import QTimer

    from ftpgui import app

    from ftpserver import PASSWORD, USER
    from guihelpers import type_in

    built = app.build_window

    def build_window():
        window = built()
        window.local.set_path(local)

        def connect() -> None:
            type_in(window, host, port, USER, PASSWORD)

        def plain_then_download() -> None:
            prompt = getattr(window, "prompt", None)
            button = getattr(prompt, "connect_button", None)
            if button is not None and prompt.isVisible():
                button.click()  # (the test server offers no TLS: plain FTP, as a person would allow)
            if window.remote.path and not window.remote_browser.connection.busy:
                window.request_download([(remote, False, None)], local)
                QTimer.singleShot(50, said)
            else:
                QTimer.singleShot(50, plain_then_download)

        def said() -> None:
            if window.queue.transferring() and any(i.done for i in window.queue.model.items()):
                print("transferring", flush=True)
            else:
                QTimer.singleShot(50, said)

        QTimer.singleShot(100, connect)
        QTimer.singleShot(300, plain_then_download)
        return window

    app.build_window = build_window
    return app.main(["ftpgui"])


if __name__ == "__main__":
    sys.exit(main())
