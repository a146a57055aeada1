"""View ▸ Filters…: define filename filters once, switch each on for all sites or for the site being browsed.

The dialog edits a copy; OK checks every filter (an invalid regular expression is named, with the rule
selected) and hands back ``result_filters`` and ``result_site`` (the names on for the site) — the window
saves them. Nothing here touches the disk or the network.
"""

from __future__ import annotations

import dataclasses
from typing import List, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..filters import FilterError, Filters, Rule, format_size, parse_day, parse_size


class RuleForm(QWidget):
    """Name pattern, size and date conditions of one rule, and the kinds of entries it applies to; the same
    form asks what to look for in the search dialog (``named=False``: no name of its own)."""

    def __init__(self, parent: Optional[QWidget] = None, named: bool = True):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit(self)
        if named:
            form.addRow(self.tr("Filter &name:"), self.name)
        else:
            self.name.hide()
        self.pattern = QLineEdit(self)
        self.pattern.setPlaceholderText(self.tr("e.g. *.tmp;*.bak"))
        form.addRow(self.tr("Name &pattern:"), self.pattern)
        flags = QHBoxLayout()
        self.regex = QCheckBox(self.tr("&Regular expression"), self)
        self.case = QCheckBox(self.tr("Match &case"), self)
        flags.addWidget(self.regex)
        flags.addWidget(self.case)
        flags.addStretch(1)
        form.addRow("", flags)
        self.larger = QLineEdit(self)
        self.smaller = QLineEdit(self)
        self.after = QLineEdit(self)
        self.before = QLineEdit(self)
        for edit in (self.larger, self.smaller):
            edit.setPlaceholderText(self.tr("e.g. 10 MB"))
        for edit in (self.after, self.before):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        form.addRow(self.tr("Size &larger than:"), self.larger)
        form.addRow(self.tr("Size &smaller than:"), self.smaller)
        form.addRow(self.tr("Modified &after:"), self.after)
        form.addRow(self.tr("Modified &before:"), self.before)
        self.applies = QComboBox(self)
        for value, text in (
            ("both", self.tr("Files and folders")),
            ("files", self.tr("Files only")),
            ("folders", self.tr("Folders only")),
        ):
            self.applies.addItem(text, value)
        form.addRow(self.tr("Applies &to:"), self.applies)

    def set_rule(self, rule: Rule) -> None:
        self.name.setText(rule.name)
        self.pattern.setText(rule.pattern)
        self.regex.setChecked(rule.regex)
        self.case.setChecked(rule.case_sensitive)
        self.larger.setText(format_size(rule.larger_than))
        self.smaller.setText(format_size(rule.smaller_than))
        self.after.setText(rule.after or "")
        self.before.setText(rule.before or "")
        self.applies.setCurrentIndex(max(0, self.applies.findData(rule.applies_to)))

    def rule(self) -> Rule:
        """The rule as the form says; a size or date that cannot be read raises :class:`FilterError`."""
        return Rule(
            name=self.name.text().strip(),
            pattern=self.pattern.text().strip(),
            regex=self.regex.isChecked(),
            case_sensitive=self.case.isChecked(),
            larger_than=parse_size(self.larger.text()),
            smaller_than=parse_size(self.smaller.text()),
            after=parse_day(self.after.text()),
            before=parse_day(self.before.text()),
            applies_to=self.applies.currentData(),
        )


class FiltersDialog(QDialog):
    """The filters on the left, the selected one's conditions on the right, where it is on below them."""

    def __init__(self, filters: Filters, site_name: str = "", site_on: List[str] = (), parent=None):
        """``site_name``: the saved site being browsed ("" when none: its box is disabled); ``site_on``: the
        names of the filters on for it."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Filename Filters"))
        self.setObjectName("filtersDialog")
        self.rules: List[Rule] = [dataclasses.replace(r) for r in filters.rules]
        self.global_on = set(filters.global_on)
        self.site_on = set(site_on)
        self.result_filters: Optional[Filters] = None
        self.result_site: Optional[List[str]] = None
        self._row = -1
        self._loading = False

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A filter hides the entries that meet all of its conditions. Switch a filter on for all sites or "
                "for this site only; the panes say how many entries the filters hide."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.list = QListWidget(self)
        self.list.setObjectName("filterList")
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)
        body.addLayout(left, 2)
        right = QVBoxLayout()
        self.form = RuleForm(self)
        right.addWidget(self.form)
        self.on_all = QCheckBox(self.tr("On for &all sites"), self)
        self._site_known = bool(site_name)
        self.on_site = QCheckBox(self)
        self.on_site.setText(
            self.tr("On for this &site ({site})").format(site=site_name)
            if site_name
            else self.tr("On for this site (connect to a saved site first)")
        )
        right.addWidget(self.on_all)
        right.addWidget(self.on_site)
        right.addStretch(1)
        body.addLayout(right, 3)
        layout.addLayout(body, 1)
        self.for_transfers = QCheckBox(self.tr("Also leave out what the filters hide when transferring folders"), self)
        self.for_transfers.setChecked(filters.for_transfers)
        layout.addWidget(self.for_transfers)
        self.error = QLabel(self)
        self.error.setObjectName("filterError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.new_button.clicked.connect(self.new_rule)
        self.delete_button.clicked.connect(self.delete_rule)
        self.list.currentRowChanged.connect(self._select)
        self.form.name.textEdited.connect(self._renamed)
        for item_rule in self.rules:
            self.list.addItem(QListWidgetItem(item_rule.name))
        if self.rules:
            self.list.setCurrentRow(0)
        self._enable()

    # --- editing ------------------------------------------------------------------------------------
    def _enable(self) -> None:
        on = self._row >= 0
        for w in (self.form, self.on_all, self.delete_button):
            w.setEnabled(on)
        self.on_site.setEnabled(on and self._site_known)

    def _store(self) -> Optional[FilterError]:
        """The form into the rule being edited (even half-finished); the error when it cannot be read."""
        if self._row < 0 or self._loading:
            return None
        old = self.rules[self._row]
        try:
            rule = self.form.rule()
        except FilterError as exc:
            return exc
        for names in (self.global_on, self.site_on):
            names.discard(old.name)
        self.rules[self._row] = rule
        if self.on_all.isChecked():
            self.global_on.add(rule.name)
        if self.on_site.isChecked():
            self.site_on.add(rule.name)
        return None

    def _select(self, row: int) -> None:
        error = self._store()
        if error is not None and self._row >= 0 and row != self._row:
            self._show_error(error)
            self.list.blockSignals(True)
            self.list.setCurrentRow(self._row)  # stay on the rule until it can be read
            self.list.blockSignals(False)
            return
        self._row = row
        self._loading = True
        try:
            if 0 <= row < len(self.rules):
                rule = self.rules[row]
                self.form.set_rule(rule)
                self.on_all.setChecked(rule.name in self.global_on)
                self.on_site.setChecked(rule.name in self.site_on)
        finally:
            self._loading = False
        self._enable()

    def _renamed(self, text: str) -> None:
        item = self.list.item(self._row)
        if item is not None:
            item.setText(text)

    def new_rule(self) -> None:
        error = self._store()
        if error is not None:  # the rule being edited cannot be read: say why, and stay on it
            self._show_error(error)
            return
        self.error.hide()
        taken = {r.name for r in self.rules}
        name, n = self.tr("New filter"), 1
        while name in taken:
            n += 1
            name = self.tr("New filter {n}").format(n=n)
        self.rules.append(Rule(name, pattern="*.tmp"))
        self.list.addItem(QListWidgetItem(name))
        self._row = -1  # (the new rule needs nothing stored from the form)
        self.list.setCurrentRow(len(self.rules) - 1)
        self.form.pattern.setFocus()
        self.form.pattern.selectAll()

    def delete_rule(self) -> None:
        row = self._row
        if row < 0:
            return
        rule = self.rules.pop(row)
        self.global_on.discard(rule.name)
        self.site_on.discard(rule.name)
        self._row = -1
        self.list.takeItem(row)
        if not self.rules:
            self._enable()

    def _show_error(self, exc: BaseException) -> None:
        self.error.setText(exc.text() if isinstance(exc, FilterError) else str(exc))
        self.error.show()

    # --- OK -------------------------------------------------------------------------------------------
    def _ok(self) -> None:
        error = self._store()
        if error is not None:
            self._show_error(error)
            return
        filters = Filters(
            list(self.rules),
            [r.name for r in self.rules if r.name in self.global_on],
            self.for_transfers.isChecked(),
        )
        try:
            for row, rule in enumerate(self.rules):
                try:
                    rule.validate()
                except FilterError:
                    self.list.setCurrentRow(row)
                    raise
            filters.validate()
        except FilterError as exc:
            self._show_error(exc)
            return
        self.result_filters = filters
        self.result_site = [r.name for r in self.rules if r.name in self.site_on]
        self.accept()
