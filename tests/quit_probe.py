"""Run the app as ``python -m ftpgui`` runs it (``ftpgui.app.main``), quick-connect to ``host:port`` as a person
types it, and quit with File ▸ Quit after ``seconds`` — then end with the app's own exit status.

Used by tests/test_quit_stalled.py against servers that never answer: the status and stderr say whether the
process ended cleanly (Qt aborts it when a thread still running loses its QThread)."""

from __future__ import annotations

import sys


def main() -> int:
    import atexit

    # said only when the process ends the ordinary way (not by app.main's last resort, os._exit)
    atexit.register(lambda: print("quit_probe: ended normally", file=sys.stderr, flush=True))
    host, port, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    from PySide6.QtCore import QTimer

    from ftpgui import app

    from guihelpers import type_in

    built = app.build_window

    def build_window():
        window = built()

        def connect() -> None:
            type_in(window, host, port, "someone", "secret")

        QTimer.singleShot(100, connect)
        QTimer.singleShot(int(seconds * 1000), window.act_quit.trigger)
        return window

    app.build_window = build_window
    return app.main(["ftpgui"])


if __name__ == "__main__":
    sys.exit(main())
