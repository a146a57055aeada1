"""The GUI's entry point (``ftpgui`` and ``python -m ftpgui``)."""

from __future__ import annotations

import sys
from typing import Optional, Sequence

from . import __version__


def build_window():
    """The main window, with the saved sites when the site store is available."""
    from .ui.main_window import MainWindow

    store = None
    try:
        from .sites.store import SiteStore  # CONTRACT: the site store from the "sites" branch
    except ImportError:
        pass
    else:
        store = SiteStore()
        store.load()
    return MainWindow(store)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if "--version" in argv[1:]:
        print(f"ftpgui {__version__}")
        return 0
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("ftpgui")
    app.setApplicationVersion(__version__)
    from .explain import set_translator
    from .ui.theme import follow_system

    set_translator(QCoreApplication.translate)
    follow_system(app)
    window = build_window()
    window.show()
    code = app.exec()
    window.wait_closed()
    return code
