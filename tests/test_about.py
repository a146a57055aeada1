"""The About box names ftpgui's version and the licences of Qt, PySide6 and the other dependencies."""

from __future__ import annotations

from importlib import metadata

import pytest
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QLabel, QWidget

from ftpgui import __version__
from ftpgui.ui.about import AboutDialog, Component, licence_of, show_about


@pytest.mark.gui
def test_about_box_shows_versions_and_licences(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_about(parent)
    qtbot.waitExposed(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "About ftpgui"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"ftpgui {__version__}" in texts
    rows = {row.name: row for row in dialog.rows()}
    assert rows["ftpgui"] == Component("ftpgui", __version__, "GPL-3.0-or-later")
    assert rows["Qt"] == Component("Qt", qVersion(), "LGPL-3.0-only")
    assert rows["PySide6_Essentials"].licence.startswith("LGPL-3.0-only")
    assert rows["PySide6_Essentials"].version == metadata.version("PySide6-Essentials")
    for name in ("keyring", "platformdirs", "pyftpdlib"):
        assert rows[name].licence == "MIT", rows[name]
        assert rows[name].version == metadata.version(name)
    assert all(row.version and row.licence for row in rows.values())
    assert not dialog.findChildren(QLabel)[0].pixmap().isNull()  # the app icon drew
    dialog.close()


def test_licence_read_from_each_metadata_form():
    class Meta(dict):
        def get_all(self, key):
            return self.get(key + "s")

    assert licence_of(Meta({"License-Expression": "MIT"})) == "MIT"
    assert licence_of(Meta({"License": "BSD-3-Clause"})) == "BSD-3-Clause"
    assert (
        licence_of(
            Meta({"License": "Copyright …\nlong text", "Classifiers": ["License :: OSI Approved :: MIT License"]})
        )
        == "MIT License"
    )
    assert licence_of(Meta({})) is None


@pytest.mark.gui
def test_dialog_rows_are_read_only(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers
