"""A site's file-name encoding in words: the choices, their labels, and the box that offers them.

The values are what ``SessionOptions.encoding`` reads (``ftpgui.ftp.names.parse_encoding``): ``auto``,
``auto:CODEC`` (UTF-8 when a name is valid UTF-8, else CODEC) or one codec. The values of the site manager's
earlier list ("auto", "gbk", "latin-1"…) stay the values of the same choices, so a saved site reads the same.
"""

from __future__ import annotations

from typing import Dict, Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from ..ftp.errors import QT_TRANSLATE_NOOP
from ..ftp.names import EncodingChoice, canonical_codec, parse_encoding, setting_that_reads

# Each codec the engine offers (``names.CODECS``): the value saved, its name, and the language it is for (or
# None). The name alone is the same in every language; the language is translated.
CODECS = (
    ("utf-8", "UTF-8", None),
    ("gbk", "GBK", QT_TRANSLATE_NOOP("EncodingBox", "Simplified Chinese")),
    ("gb18030", "GB18030", QT_TRANSLATE_NOOP("EncodingBox", "Simplified Chinese")),
    ("big5", "Big5", QT_TRANSLATE_NOOP("EncodingBox", "Traditional Chinese")),
    ("big5hkscs", "Big5-HKSCS", QT_TRANSLATE_NOOP("EncodingBox", "Traditional Chinese, Hong Kong")),
    ("cp950", "CP950", QT_TRANSLATE_NOOP("EncodingBox", "Traditional Chinese, Windows")),
    ("shift_jis", "Shift_JIS", QT_TRANSLATE_NOOP("EncodingBox", "Japanese")),
    ("cp932", "CP932", QT_TRANSLATE_NOOP("EncodingBox", "Japanese, Windows")),
    ("euc-jp", "EUC-JP", QT_TRANSLATE_NOOP("EncodingBox", "Japanese")),
    ("euc-kr", "EUC-KR", QT_TRANSLATE_NOOP("EncodingBox", "Korean")),
    ("cp949", "CP949", QT_TRANSLATE_NOOP("EncodingBox", "Korean, Windows")),
    ("latin-1", "Latin-1", QT_TRANSLATE_NOOP("EncodingBox", "ISO-8859-1, Western European")),
    ("cp1252", "Windows-1252", QT_TRANSLATE_NOOP("EncodingBox", "Western European")),
)
# "UTF-8, else …": the code pages of the servers that list names in them (Chinese Windows servers first)
AUTO = ("auto", "auto:gbk", "auto:big5", "auto:shift_jis", "auto:euc-kr", "auto:latin-1")
_BY_CANONICAL: Dict[str, tuple] = {canonical_codec(value): (value, name, lang) for value, name, lang in CODECS}


def codec_name(codec: str) -> str:
    """The short name of a codec ("GBK", "Latin-1"), for any of its spellings."""
    found = _BY_CANONICAL.get(canonical_codec(codec))
    return found[1] if found else codec


def codec_value(codec: str) -> str:
    """The value a choice of this codec saves ("latin-1" for "iso8859-1")."""
    found = _BY_CANONICAL.get(canonical_codec(codec))
    return found[0] if found else codec


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
    _value, name, language = _BY_CANONICAL[choice.codec]
    if language is None:
        return name
    language = QCoreApplication.translate("EncodingBox", language)
    return QCoreApplication.translate("EncodingBox", "{codec} ({language})").format(codec=name, language=language)


def reading(value: str, server_utf8: bool = False) -> str:
    """The codecs a session set to ``value`` reads names with: "UTF-8", "UTF-8/GBK", "Big5" (UTF-8 alone for
    an auto choice on a server that lists UTF8 in FEAT)."""
    choice = _parsed(value)
    if choice is None or not choice.auto:
        return codec_name(choice.codec) if choice else value
    return "UTF-8" if choice.fallback is None or server_utf8 else f"UTF-8/{codec_name(choice.fallback)}"


def suggestion(current: str, codec: str, server_utf8: bool = False) -> str:
    """The choice that reads names in ``codec`` on a session set to ``current``: UTF-8 where a name is valid
    UTF-8, else ``codec`` — or ``codec`` alone on a server that lists UTF8 in FEAT (``server_utf8``: every auto
    choice reads its names as UTF-8, whatever it lists) or where that auto choice was the setting already."""
    return setting_that_reads(codec_value(codec), current, server_utf8)


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
        for value, _name, _language in CODECS:
            self.addItem(choice_label(value), value)
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


__all__ = ["AUTO", "CODECS", "EncodingBox", "choice_label", "codec_name", "codec_value", "reading", "suggestion"]
