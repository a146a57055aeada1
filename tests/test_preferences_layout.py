"""The Preferences dialog's pages: the forms stacked on a page start their fields at one x, in English and
Chinese (each QFormLayout sizes its own label column: a checkbox under one form's field did not line up with
the next form's fields, found by hand)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout

from ftpgui.settings import Preferences
from ftpgui.ui.preferences_dialog import PreferencesDialog

pytestmark = pytest.mark.gui


def field_columns(dialog: PreferencesDialog, page: int) -> set:
    """Where the fields of the page's forms start (x in the page)."""
    widget = dialog.pages.widget(page)
    xs = set()
    for form in widget.findChildren(QFormLayout):
        if form.parentWidget() is not widget:
            continue  # (a form inside a field, as the proxy's, has its own columns)
        for row in range(form.rowCount()):
            if form.itemAt(row, QFormLayout.ItemRole.SpanningRole) is not None:
                continue  # (a row across both columns: the plain-FTP list and its title)
            item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is not None:
                xs.add(item.geometry().x())
    return xs


def check(qtbot) -> None:
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for page in range(dialog.pages.count()):
        dialog.pages.setCurrentIndex(page)
        qtbot.wait(10)
        assert len(field_columns(dialog, page)) == 1, (dialog.pages.tabText(page), field_columns(dialog, page))


def test_the_fields_of_a_page_line_up(qtbot):
    check(qtbot)


def test_the_fields_of_a_page_line_up_in_chinese(qtbot, chinese):
    check(qtbot)
