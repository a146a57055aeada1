"""A site's file-name encoding in words: the choices, their labels, and the box that offers them.

The values are what ``SessionOptions.encoding`` reads (``ftpgui.ftp.names.parse_encoding``): ``auto``,
``auto:CODEC`` (UTF-8 when a name is valid UTF-8, else CODEC) or one codec. The values of the site manager's
earlier list ("auto", "gbk", "latin-1"…) stay the values of the same choices, so a saved site reads the same.
Each codec's value, name and language are ``ftpgui.ftp.names.OFFERED`` (the CLI, without Qt, reads them too).
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from ..ftp.names import OFFERED, EncodingChoice, codec_name, codec_value, offered, parse_encoding, setting_that_reads

# "UTF-8, else …": the code pages of the servers that list names in them (Chinese Windows servers first)
AUTO = ("auto", "auto:gbk", "auto:big5", "auto:shift_jis", "auto:euc-kr", "auto:latin-1")


def _parsed(value: str) -> Optional[EncodingChoice]:
    try:
        return parse_encoding(value)
    except ValueError:
        return None


def choice_label(value: str) -> str:
    """A choice in words, in the person's language ("Auto (UTF-8, else GBK)"); an unknown value as it is."""
    choice = _parsed(value)
    if choice is None:
        return value
    if choice.auto:
        if choice.fallback is None:
            return QCoreApplication.translate("EncodingBox", "Auto (UTF-8)")
        return QCoreApplication.translate("EncodingBox", "Auto (UTF-8, else {codec})").format(
            codec=codec_name(choice.fallback)
        )
    codec = offered(choice.codec)
    if codec.language is None:
        return codec.name
    language = QCoreApplication.translate("EncodingBox", codec.language)
    return QCoreApplication.translate("EncodingBox", "{codec} ({language})").format(codec=codec.name, language=language)


def reading(value: str) -> str:
    """The codecs a session set to ``value`` reads names with: "UTF-8", "UTF-8/GBK", "Big5"."""
    choice = _parsed(value)
    if choice is None or not choice.auto:
        return codec_name(choice.codec) if choice else value
    return "UTF-8" if choice.fallback is None else f"UTF-8/{codec_name(choice.fallback)}"


def suggestion(current: str, codec: str) -> str:
    """The choice that reads names in ``codec`` on a session set to ``current``: UTF-8 where a name is valid
    UTF-8, else ``codec`` (names that read now stay readable) — or ``codec`` alone where that auto choice was
    the setting already."""
    return setting_that_reads(codec_value(codec), current)


def _same(a: str, b: str) -> bool:
    choice = _parsed(a)
    return choice is not None and choice == _parsed(b)


class EncodingBox(QComboBox):
    """The choices in words (auto ones first, then each codec); editable, for any other codec name Python
    knows ("cp936", "auto:gb18030"). ``value()`` is what a site saves."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for value in AUTO:
            self.addItem(choice_label(value), value)
        self.insertSeparator(self.count())
        for codec in OFFERED:
            self.addItem(choice_label(codec.value), codec.value)
        self.setMaxVisibleItems(self.count())  # every choice in sight: 20 rows fit a 768-pixel screen
        self._loaded: Optional[tuple] = None  # (the value set, the item shown for it) while left as it is
        self.setToolTip(
            self.tr(
                "How file names are read and written. Auto: UTF-8 when the server offers it. "
                "“UTF-8, else GBK”: a name that is not valid UTF-8 is read as GBK, and a name you type goes "
                "out in GBK to a server that does not offer UTF-8. A single encoding is used for every name."
            )
        )

    def set_value(self, value: str) -> None:
        """Show ``value``: its choice (also when spelled otherwise, "GBK" or "cp936"), else the text itself."""
        index = self.findData(value)
        if index < 0:
            index = next((i for i in range(self.count()) if self.itemData(i) and _same(self.itemData(i), value)), -1)
        if index >= 0:
            self.setCurrentIndex(index)
            self._loaded = (value, index)
        else:
            self.setEditText(value)
            self._loaded = None

    def value(self) -> str:
        """The choice's value, the text typed, or "auto" when empty; a value set in another spelling and left
        as it was comes back as it was set."""
        text = self.currentText().strip()
        index = self.currentIndex()
        data = self.itemData(index) if index >= 0 else None
        if data and self.itemText(index) == text:
            if self._loaded is not None and self._loaded[1] == index:
                return self._loaded[0]
            return str(data)
        return text or "auto"

    def choose(self, value: str) -> None:
        """As a person picks ``value`` (a suggestion taken): its item, or its text."""
        self._loaded = None
        index = self.findData(value)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(value)


__all__ = ["AUTO", "EncodingBox", "choice_label", "codec_name", "codec_value", "reading", "suggestion"]
