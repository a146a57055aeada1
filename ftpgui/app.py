"""The GUI's entry point (``ftpgui`` and ``python -m ftpgui``)."""

from __future__ import annotations

import sys
from typing import Optional, Sequence

from . import __version__


def build_window():
    """The main window. A placeholder until the main-window issue lands."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QLabel, QMainWindow

    tr = QCoreApplication.translate
    window = QMainWindow()
    window.setWindowTitle("ftpgui")
    label = QLabel(tr("MainWindow", "ftpgui {version}: the main window is being built.").format(version=__version__))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)
    window.setCentralWidget(label)
    window.resize(900, 600)
    return window


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if "--version" in argv[1:]:
        print(f"ftpgui {__version__}")
        return 0
    if "--self-test" in argv[1:]:  # used by the packaging CI on the built bundle
        from .selftest import run

        return run()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("ftpgui")
    app.setApplicationVersion(__version__)
    window = build_window()
    window.show()
    return app.exec()
