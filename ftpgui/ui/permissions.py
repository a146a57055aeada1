"""The Permissions dialog: nine tri-state boxes and an octal number, and the change they make to a mode.

A box the listing decides (every item chosen has its bit on, or every one off) is ticked or clear; a box it
does not — an item's mode is not in the listing, or the items differ — is partly ticked, FileZilla's "leave as
it is", and its digit in the number is ``x``. The answer is a :class:`ModeChange`: the bits the person set and
their values. Each item (and, recursing, each entry inside a folder) keeps every other bit of its own mode; an
item whose mode is not known is changed only when every bit is set (design note 347).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Sequence

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .dialogs import fitted_name, plain_label

_SYMBOLIC = re.compile(r"^[\-dlbcps]?([r\-][w\-][xsS\-][r\-][w\-][xsSlL\-][r\-][w\-][xtT\-])$")
LOW = 0o777  # the nine boxes' bits
HIGH = 0o7000  # setuid, setgid, sticky: in the number's fourth digit only

ON, OFF, UNSET = Qt.CheckState.Checked, Qt.CheckState.Unchecked, Qt.CheckState.PartiallyChecked


def mode_from_permissions(text: Optional[str]) -> Optional[int]:
    """The numeric mode in a listing's permissions (``-rwxr-xr-x``, ``rw-r--r--``, ``0644``, MLSD's
    ``unix.mode`` as pyftpdlib writes it, ``0o755``) with its special bits (``-rwsr-xr-x`` 4755, ``drwxrwsr-x``
    2775, ``drwxrwxrwt`` 1777, ``S``/``T`` without execute: design note 363), or None: not given (RFC 3659's
    ``perm`` fact, ``adfrw``, says what the login may do, not the mode)."""
    if not text:
        return None
    text = text.strip()
    if re.fullmatch(r"(?:0o?)?[0-7]{3,4}", text):
        return int(text.replace("o", ""), 8) & 0o7777
    m = _SYMBOLIC.match(text)
    if not m:
        return None
    mode = 0
    for i, ch in enumerate(m.group(1)):
        if ch in "xrwst":
            mode |= 1 << (8 - i)
        if ch in "sStTlL":  # in an execute place: setuid (owner's), setgid (group's; l: its "mandatory
            mode |= 0o4000 >> (i // 3)  # locking", setgid without execute), sticky (others')
    return mode


@dataclass(frozen=True)
class ModeChange:
    """The bits a person set in the dialog (``mask``) and their values (``value``, within the mask)."""

    value: int
    mask: int

    def applied(self, mode: Optional[int]) -> Optional[int]:
        """The mode an item of ``mode`` gets: its own with the bits set changed; for a mode not known, the
        value when all nine bits are set, else None — the item is left as it is."""
        if mode is None:
            return self.value & self.mask if self.mask & LOW == LOW else None
        return (mode & ~self.mask) | (self.value & self.mask)

    @property
    def whole(self) -> bool:
        return self.mask & LOW == LOW


def _bit(i: int) -> int:
    return 1 << (8 - i)


class PermissionsDialog(QDialog):
    """Unix permissions as nine checkboxes and an octal number, kept in step; the answer is ``change()``.

    ``modes``: the chosen items' modes, None for one the listing does not give."""

    def __init__(self, name: str, modes: Sequence[Optional[int]], parent: Optional[QWidget] = None, folders=False):
        """``folders``: a folder is among the items, so the change may recurse into it (``scope``)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Permissions"))
        self.unknown = any(m is None for m in modes)
        known = [m for m in modes if m is not None]
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Permissions of {name}").format(name=fitted_name(name))))
        grid = QGridLayout()
        self.boxes: List[QCheckBox] = []
        who = (self.tr("Owner"), self.tr("Group"), self.tr("Others"))
        what = (self.tr("Read"), self.tr("Write"), self.tr("Execute"))
        for c, label in enumerate(what):
            grid.addWidget(QLabel(label), 0, c + 1)
        for r, person in enumerate(who):
            grid.addWidget(QLabel(person), r + 1, 0)
            for c in range(3):
                box = QCheckBox()
                box.setAccessibleName(f"{person} {what[c]}")
                box.checkStateChanged.connect(self._boxes_changed)
                grid.addWidget(box, r + 1, c + 1, Qt.AlignmentFlag.AlignCenter)
                self.boxes.append(box)
        layout.addLayout(grid)
        form = QFormLayout()
        self.octal = QLineEdit()
        self.octal.setValidator(QRegularExpressionValidator(QRegularExpression("[0-7xX]{0,4}"), self.octal))
        self.octal.textEdited.connect(self._octal_changed)
        self.octal.setToolTip(  # (the special bits have no boxes, as in FileZilla: the number shows them)
            self.tr("A fourth digit in front is setuid (4), setgid (2) and sticky (1), as chmod takes it: 1777.")
        )
        form.addRow(self.tr("Numeric value:"), self.octal)
        layout.addLayout(form)
        self.hint = QLabel()  # why a box is partly ticked, and why OK waits
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        # as FileZilla's "Recurse into subdirectories": what inside the folders gets the change too
        self.recurse = QCheckBox(self.tr("Recurse into subfolders"))
        self.apply_to = QComboBox()
        for text, scope in (
            (self.tr("All files and folders"), "all"),
            (self.tr("Files only"), "files"),
            (self.tr("Folders only"), "folders"),
        ):
            self.apply_to.addItem(text, scope)
        self.apply_to.setEnabled(False)
        self.recurse.toggled.connect(self.apply_to.setEnabled)
        self.apply_to.setAccessibleName(self.tr("Apply to"))
        layout.addWidget(self.recurse)
        layout.addWidget(self.apply_to)
        self.recurse.setVisible(folders)
        self.apply_to.setVisible(folders)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # what the listing says: a bit every item agrees on, else unset; the high bits only when all agree
        self._initial = [self._agreed(known, _bit(i)) for i in range(9)]
        highs = {m & HIGH for m in known}
        self._high = highs.pop() if len(highs) == 1 and not self.unknown else None
        self._high_set = False  # the person typed the fourth digit (or three whole ones: it is then 0)
        self._typed: set = set()  # the boxes a digit typed set: set even where the listing said the same
        self._syncing = True
        for box, state in zip(self.boxes, self._initial, strict=True):
            box.setTristate(state == UNSET)  # (back to "leave as it is" only where it began so)
            box.setCheckState(state)
        self._syncing = False
        self._show_octal()
        self._refresh()

    def _agreed(self, known: List[int], bit: int) -> Qt.CheckState:
        if self.unknown or not known:
            return UNSET
        on = {bool(m & bit) for m in known}
        return UNSET if len(on) > 1 else (ON if on.pop() else OFF)

    def set_mode(self, mode: int) -> None:
        """Set every bit to ``mode``, as typing its whole number does."""
        self.octal.setText(f"{mode & 0o7777:03o}")
        self._octal_changed(self.octal.text())

    def mode(self) -> int:
        """The ticked bits (and the high bits shown, where known)."""
        bits = sum(_bit(i) for i, box in enumerate(self.boxes) if box.checkState() == ON)
        return (self._high or 0) | bits

    def change(self) -> ModeChange:
        """The bits set — each box whose state the person changed, and each a typed digit set — and their
        values."""
        mask = 0
        for i, box in enumerate(self.boxes):
            state = box.checkState()
            if state != UNSET and (i in self._typed or state != self._initial[i]):
                mask |= _bit(i)
        if self._high_set:
            mask |= HIGH
        return ModeChange(self.mode() & mask, mask)

    def scope(self) -> Optional[str]:
        """None: only the items chosen; else what inside their folders changes too: "all", "files", "folders"."""
        return self.apply_to.currentData() if self.recurse.isChecked() and self.recurse.isVisibleTo(self) else None

    def _show_octal(self) -> None:
        digits = ""
        for r in range(3):
            states = [self.boxes[r * 3 + c].checkState() for c in range(3)]
            if UNSET in states:
                digits += "x"
            else:
                digits += str(sum(4 >> c for c, s in enumerate(states) if s == ON))
        high = f"{self._high >> 9:o}" if self._high else ""
        self._syncing = True
        self.octal.setText(high + digits)
        self._syncing = False

    def _boxes_changed(self) -> None:
        if not self._syncing:
            box = self.sender()
            self._typed.discard(self.boxes.index(box) if box in self.boxes else -1)  # (judged as shown now)
            self._show_octal()
            self._refresh()

    def _octal_changed(self, text: str) -> None:
        if len(text) < 3:
            return self._refresh()
        self._syncing = True
        for r, digit in enumerate(text[-3:].lower()):
            for c in range(3):
                box = self.boxes[r * 3 + c]
                if digit == "x":
                    box.setTristate(True)
                    box.setCheckState(UNSET)
                    self._typed.discard(r * 3 + c)
                else:
                    box.setCheckState(ON if int(digit) & (4 >> c) else OFF)
                    self._typed.add(r * 3 + c)
        self._syncing = False
        head = text[:-3].lower()
        whole = "x" not in text[-3:].lower()
        self._high_set = head != "x" and (head != "" or whole)  # (three whole digits: the fourth is 0)
        if self._high_set:
            self._high = int(head or "0", 8) << 9
        self._refresh()

    def _refresh(self) -> None:
        """OK only once something is set; the hint says what a partly ticked box does and why OK waits."""
        change = self.change()
        lines = []
        if any(box.checkState() == UNSET for box in self.boxes):
            lines.append(
                self.tr(
                    "A partly ticked box (x in the number) is left as it is: its permission is not known, or differs "
                    "between the items."
                )
            )
        if self.unknown and not change.whole:
            lines.append(self.tr("An item whose permissions are not known is changed only when every box is set."))
        if not change.mask:
            lines.append(self.tr("Nothing to change yet: tick or clear a box, or type the whole number."))
        self.hint.setText("\n".join(lines))
        self.hint.setVisible(bool(lines))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(change.mask))
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as its lines need at its width, grown where the hint grew: kept at its old height, the boxes'
        rows were squeezed together (a shorter hint leaves the size as it is: the dialog does not jump)."""
        layout = self.layout()
        layout.activate()
        need = layout.totalHeightForWidth(self.width())
        self.setMinimumHeight(need)
        if self.height() < need:
            self.resize(self.width(), need)
