"""How the transfer queue learns the transfer type: the preferences' default and each saved site's own."""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtWidgets import QComboBox, QWidget

from ..ftp.transfertype import extensions


def set_transfer_types(queue: Any, prefs: Any, store: Any) -> None:
    """Give ``queue`` the preferences' type and text extensions, and a look-up of a saved site's type (read
    when an item starts, so a site edited meanwhile counts)."""
    queue.transfer_type = prefs.transfer_type
    queue.ascii_extensions = extensions(prefs.ascii_extensions)

    def site_type(site_id: str) -> str:
        site = store.get(site_id) if store is not None else None
        return site.transfer_type if site is not None else "default"

    queue.site_transfer_type = site_type


class TransferTypeBox(QComboBox):
    """A site's transfer type: the preferences' default, auto by extension, binary or ASCII."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        for key, text in (
            ("default", self.tr("Default (from Preferences)")),
            ("auto", self.tr("Auto (ASCII for text file extensions)")),
            ("binary", self.tr("Binary")),
            ("ascii", self.tr("ASCII (line ends converted)")),
        ):
            self.addItem(text, key)

    def value(self) -> str:
        return str(self.currentData())

    def set_value(self, kind: str) -> None:
        self.setCurrentIndex(max(0, self.findData(kind)))
