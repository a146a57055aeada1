"""The Preferences dialog's pages: the forms stacked on a page start their fields at one x, in English and
Chinese (each QFormLayout sizes its own label column: a checkbox under one form's field did not line up with
the next form's fields, found by hand)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QAbstractSpinBox, QFormLayout, QLineEdit, QStyle, QStyleOptionFrame

from ftpgui.settings import Preferences
from ftpgui.ui.preferences_dialog import PreferencesDialog

from guihelpers import probe_dir

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


def fields_as_shown(qtbot, language: str, keyring: bool = True) -> list:
    """(page, field, its placeholder's width, its text's room, its cursor) of each line edit on each page, at the
    size the dialog opens at; each page grabbed to build/screens. Without a ``keyring`` the proxy's password
    field says so (its placeholder was cut: "No usable keyring: you will be asked when ...", note 385)."""
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    if not keyring:
        dialog.proxy.keyring_found("keyrings.alt.file.PlaintextKeyring keeps passwords in a plain-text file")
    dialog.show()
    qtbot.waitExposed(dialog)
    found = []
    for page in range(dialog.pages.count()):
        dialog.pages.setCurrentIndex(page)
        widget = dialog.pages.widget(page)
        qtbot.waitUntil(widget.isVisible)
        shot = f"preferences-{page}-{language}{'' if keyring else '-no-keyring'}.png"
        widget.grab().save(os.path.join(probe_dir(), shot))
        for field in widget.findChildren(QLineEdit):
            if not field.isVisibleTo(widget) or isinstance(field.parent(), QAbstractSpinBox):
                continue
            room = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option(field), field)
            margins = field.textMargins()
            inner = room.width() - margins.left() - margins.right() - 2 * 2  # (QLineEdit's own 2 px each side)
            advance = field.fontMetrics().horizontalAdvance(field.placeholderText())
            found.append((dialog.pages.tabText(page), field.objectName(), advance, inner, field.cursorPosition()))
    return found


def option(field: QLineEdit) -> QStyleOptionFrame:
    opt = QStyleOptionFrame()
    field.initStyleOption(opt)
    return opt


def check_fields(found: list) -> None:
    """Each placeholder whole (one was cut: "…as the server sees it (behind ..."), each field's text shown from
    its start (the text extensions showed "\\ .pl .py…", their end)."""
    clipped = [f for f in found if f[2] > f[3]]
    assert not clipped, clipped
    at_end = [f for f in found if f[4] != 0]
    assert not at_end, at_end


def test_placeholders_fit_and_fields_show_their_start(qtbot):
    check_fields(fields_as_shown(qtbot, "en"))


def test_placeholders_fit_and_fields_show_their_start_in_chinese(qtbot, chinese):
    check_fields(fields_as_shown(qtbot, "zh_CN"))


def test_without_a_keyring_the_proxy_password_says_so_whole(qtbot):
    found = fields_as_shown(qtbot, "en", keyring=False)
    check_fields(found)
    assert any(f[2] > 0 for f in found if f[0] == "Connection")


def test_without_a_keyring_the_proxy_password_says_so_whole_in_chinese(qtbot, chinese):
    check_fields(fields_as_shown(qtbot, "zh_CN", keyring=False))
