"""The About box: ftpgui's version and licence, and the version and licence of everything it ships with.

Versions and licences are read from the installed packages' metadata (the PyInstaller spec copies that
metadata into the bundle); Qt's own version comes from the library, and its licence is the LGPLv3 under
which PySide6's wheels ship it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from .icon import app_icon

# What ftpgui runs on, direct dependencies first; the others are what they pull in (shown when installed).
DISTRIBUTIONS = (
    "PySide6-Essentials",
    "shiboken6",
    "keyring",
    "platformdirs",
    "pyftpdlib",
    "pyOpenSSL",
    "jaraco.classes",
    "jaraco.context",
    "jaraco.functools",
    "more-itertools",
    "SecretStorage",
    "jeepney",
    "cryptography",
    "cffi",
    "pycparser",
    "pywin32-ctypes",
    "importlib-metadata",
    "zipp",
)
# Only for packages whose metadata names no licence (checked against their LICENSE files).
KNOWN_LICENCES = {"pyftpdlib": "MIT"}
QT_LICENCE = "LGPL-3.0-only"

COL_NAME, COL_VERSION, COL_LICENCE = range(3)


translate = QCoreApplication.translate  # lupdate reads the literal translate("About", …) calls


@dataclass(frozen=True)
class Component:
    """One piece of software in the About box."""

    name: str
    version: str
    licence: str


def licence_of(meta) -> Optional[str]:
    """The licence from a distribution's metadata: License-Expression, a short License field, or a classifier."""
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80 and field.upper() != "UNKNOWN":
        return field
    prefix = "License :: OSI Approved :: "
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith(prefix):
            return classifier[len(prefix) :]
    return None


def components() -> List[Component]:
    """ftpgui, Qt, then each installed distribution of ``DISTRIBUTIONS`` with its version and licence."""
    own = _component("ftpgui") or Component("ftpgui", __version__, "GPL-3.0-or-later")
    found = [Component(own.name, __version__, own.licence), Component("Qt", qVersion(), QT_LICENCE)]
    for dist in DISTRIBUTIONS:
        component = _component(dist)
        if component is not None:
            found.append(component)
    return found


def _component(dist: str) -> Optional[Component]:
    from importlib import metadata  # ~10 ms: only when the About box lists the components

    try:
        meta = metadata.metadata(dist)
    except metadata.PackageNotFoundError:
        return None
    name = meta.get("Name") or dist
    licence = licence_of(meta) or KNOWN_LICENCES.get(name.lower()) or translate("About", "see the package")
    return Component(name, meta.get("Version") or "?", licence)


class AboutDialog(QDialog):
    """Version, licence, and the table of components with their versions and licences."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("About", "About ftpgui"))
        self.setWindowIcon(app_icon())

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        heading = QLabel(f"ftpgui {__version__}")  # a name and a number: the same in every language
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        summary = QLabel(
            translate(
                "About",
                "A desktop FTP client that shows how active and passive mode set up each connection.\n"
                "Free software under the GNU General Public License, version 3 or later.",
            )
        )
        summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(heading)
        text.addWidget(summary)
        top.addLayout(text, 1)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [translate("About", "Component"), translate("About", "Version"), translate("About", "Licence")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for component in components():
            row = self.table.rowCount()
            self.table.insertRow(row)
            for col, value in (
                (COL_NAME, component.name),
                (COL_VERSION, component.version),
                (COL_LICENCE, component.licence),
            ):
                self.table.setItem(row, col, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_VERSION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_LICENCE, QHeaderView.ResizeMode.Stretch)

        lgpl = QLabel(
            translate(
                "About",
                "Qt and PySide6 are used under the GNU Lesser General Public License v3: they are separate "
                "libraries in the installed folder, and you may replace them with versions of your own.",
            )
        )
        lgpl.setWordWrap(True)
        for label in (heading, summary, lgpl):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(lgpl)
        layout.addWidget(buttons)
        self.resize(560, 460)

    def rows(self) -> List[Component]:
        """What the table shows, row by row."""
        return [
            Component(*(self.table.item(row, col).text() for col in (COL_NAME, COL_VERSION, COL_LICENCE)))
            for row in range(self.table.rowCount())
        ]


def show_about(parent: Optional[QWidget] = None) -> AboutDialog:
    """Open the About box (window-modal, does not block) and return it."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
