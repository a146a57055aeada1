"""Another X client that offers files as a ``text/uri-list`` drag, as a file manager does.

    python tests/xdrag_source.py FILE...
    python tests/xdrag_source.py --text WORDS    (plain text instead, which a file list refuses)

Shows a small window at the top left, prints ``ready X Y W H`` (its global geometry) once it is on the
screen, starts a real ``QDrag`` when the mouse is pressed and moved in it, prints ``dropped ACTION`` when the
drag ends, and quits a little later (the target reads the files' names from this process after the drop).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication, QLabel


class Source(QLabel):
    """A label: press and move in it to drag the files."""

    def __init__(self, files: list):
        super().__init__("drag me: " + ", ".join(files))
        self.files = files
        self.pressed = False

    def mousePressEvent(self, event) -> None:
        self.pressed = True

    def mouseMoveEvent(self, event) -> None:
        if not self.pressed:
            return
        self.pressed = False
        mime = QMimeData()
        if self.files[:1] == ["--text"]:
            mime.setText(" ".join(self.files[1:]))
        else:
            mime.setUrls([QUrl.fromLocalFile(f) for f in self.files])
        drag = QDrag(self)
        drag.setMimeData(mime)
        action = drag.exec(Qt.DropAction.CopyAction)
        print("dropped", action.name, flush=True)
        # the drop target fetches the data after the release, from this process: stay until it has
        QTimer.singleShot(3000, QApplication.quit)


def main() -> int:
    app = QApplication(sys.argv[:1])
    source = Source(sys.argv[1:])
    source.setWindowTitle("drag source")
    source.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
    source.resize(220, 120)
    source.move(10, 10)
    source.show()

    def report() -> None:
        g = source.geometry()
        print("ready", g.x(), g.y(), g.width(), g.height(), flush=True)

    QTimer.singleShot(800, report)  # after the window manager placed it
    QTimer.singleShot(60_000, app.quit)  # never outlive a failed test
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
