"""The Qt types ftpgui's first window makes (run by ``bench_startup.py``, not collected by pytest).

    python tests/benchmarks/startup_types.py OUT.json

Starts the app as ``python -m ftpgui`` does and, once the window is shown and the first events are handled,
writes the names of the PySide6 types the process has made — PySide6 makes a Qt class's Python type (and every
Python enum of that class: 93 for ``Qt``, each a class built by Python's ``enum`` module) the first time a
program names it — and quits. ``bench_startup.py`` then times a program that names those types and shows an
empty window: the least any Python + PySide6 program needs before a window made of these Qt classes appears.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer

import ftpgui.app as app

MODULES = ("QtCore", "QtGui", "QtWidgets")


def made_types() -> dict:
    """Per PySide6 module, the types made so far (a type PySide6 has not made yet is not in its module's dict)."""
    made = {}
    for name in MODULES:
        module = sys.modules.get(f"PySide6.{name}")
        if module is not None:
            made[name] = sorted(k for k, v in vars(module).items() if isinstance(v, type))
    return made


def main(out: str) -> int:
    settle = app.settle

    def settled() -> None:
        settle()

        def dump() -> None:
            with open(out, "w", encoding="utf-8") as f:
                json.dump(made_types(), f)
            from PySide6.QtWidgets import QApplication

            QApplication.instance().quit()

        QTimer.singleShot(50, dump)

    app.settle = settled
    return app.main(["ftpgui"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
