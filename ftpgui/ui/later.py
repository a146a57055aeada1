"""What the first window does without, loaded once it is up (issue 22 item 4).

The first window imports only what it shows: the mode panel's controls and its picture's "waiting" words, the
queue's items, the View and Edit actions. What draws, narrates and exports an exchange, what runs transfer
connections, and the editor of remote files load when first used — and, so that the first connection does not
load them on the window's thread, here: a module at a time, on the window's thread (they define Qt classes),
one per turn of its event loop from ``AFTER_MS`` after the window was made, so that a click or a repaint waits
for one module (a few ms) at most. The engine's own modules (the session, TLS, the listings) load on a thread
of their own (``app.load_engine_soon``).
"""

from __future__ import annotations

import importlib
import sys
from typing import Optional, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

AFTER_MS = 250  # after the window was made: it has been shown and painted by then
PANEL = "ftpgui.ui.modepanel."
# each after what it imports, so that each piece is about one module
LOADED_LATER = (
    # the mode panel's scene, picture, ladder, narration, what-if and export (``modepanel.panel``)
    *(
        PANEL + name
        for name in (
            "model",
            "scene",
            "whatif",
            "proxywords",
            "motion",
            "controldial",
            "whatifwords",
            "setupwords",
            "narration",
            "wrapping",
            "failedarrow",
            "pilltext",
            "datalane",
            "picture",
            "stills",
            "ladderrows",
            "ladderlines",
            "ladderpaint",
            "ladderview",
            "export",
        )
    ),
    # the transfer connections' runtime (``transfers.serving``), and what new items and files are named with
    "uuid",
    "hashlib",
    "secrets",
    "ftpgui.ftp.partfile",
    "ftpgui.ftp.localfs",
    "ftpgui.ftp.procpool",
    "ftpgui.transfers.jobcontext",
    "ftpgui.transfers.wire",
    "ftpgui.transfers.connbase",
    "ftpgui.transfers.worker",
    "ftpgui.transfers.pool",
    "ftpgui.transfers.downloadjob",
    "ftpgui.transfers.uploadjob",
    "ftpgui.transfers.jobs",
    "ftpgui.transfers.childproc",
    "ftpgui.transfers.procconn",
    "ftpgui.transfers.parts",
    # View and Edit (``window_edit``)
    "ftpgui.ui.edit_files",
    "ftpgui.ui.edit_folder",
    "ftpgui.ui.edit_ending",
    "ftpgui.ui.edit_conflict",
    "ftpgui.ui.remote_edit",
)


class LoadLater(QObject):
    """Imports ``names`` one per turn of the event loop, from ``start`` on; ``finished`` once all are."""

    finished = Signal()

    def __init__(self, parent: Optional[QObject] = None, names: Sequence[str] = LOADED_LATER) -> None:
        super().__init__(parent)
        self._names = list(names)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._next)

    def start(self, after_ms: int = AFTER_MS) -> None:
        self._timer.start(after_ms)

    def stop(self) -> None:
        """Load no more (the window is closing)."""
        self._timer.stop()
        self._names.clear()

    def _next(self) -> None:
        names = self._names
        while names and names[0] in sys.modules:  # (loaded meanwhile: used, or another window's)
            del names[0]
        if names:
            importlib.import_module(names.pop(0))
        if names:
            self._timer.start(0)
        else:
            self.finished.emit()
