"""The GUI's entry point (``ftpgui`` and ``python -m ftpgui``)."""

from __future__ import annotations

import sys
from typing import Optional, Sequence

from . import __version__


def build_window():
    """The main window, with the saved sites (a damaged sites file is reported in the window, not fatal)."""
    from .sites.store import SiteStore
    from .ui.main_window import MainWindow

    store = SiteStore()
    problem = ""
    try:
        store.load()
    except (OSError, ValueError) as exc:
        problem = str(exc)
    window = MainWindow(store)
    if problem:
        window.show_error_text(problem)
    return window


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if "--version" in argv[1:]:
        print(f"ftpgui {__version__}")
        return 0
    if "--self-test" in argv[1:]:  # used by the packaging CI on the built bundle
        from .selftest import run

        return run()
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
