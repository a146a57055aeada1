"""The server tabs' bar: where the tabs are many, each tab's words give up what does not tell it apart first.

Elided at the right (Qt's default), five tabs to one host read "alice@127.0.0.1:3…" alike (found by QA at
1366×768, design note 436). Now a tab whose words do not fit drops its user name first ("127.0.0.1:40755", the
tab's short words: ``ServerTab.short_title``, kept as the tab's data), and what still does not fit goes from the
left ("…1:40755"), so the port stays whole; a site's name, which has no short words, is elided in the middle
("Backup…ver 2"). The tooltip has the words whole.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionTab, QTabBar


class ServerTabBar(QTabBar):
    """A tab bar that elides in the middle, or gives a tab's short words (its data) where it has them."""

    def __init__(self) -> None:
        super().__init__()
        self.setElideMode(Qt.TextElideMode.ElideMiddle)

    def initStyleOption(self, option: QStyleOptionTab, index: int) -> None:
        """What the tab paints (and its size needs): Qt's words, else the short ones fitted to the same room."""
        super().initStyleOption(option, index)
        short = self.tabData(index)
        if not isinstance(short, str) or not short or option.text == self.tabText(index):
            return  # (whole: nothing to give up)
        room = self.style().subElementRect(QStyle.SubElement.SE_TabBarTabText, option, self).width()
        # (the short words are host and port: their end is what differs — "…1:40389", never "127.…0389")
        option.text = self.fontMetrics().elidedText(
            short, Qt.TextElideMode.ElideLeft, room, Qt.TextFlag.TextShowMnemonic
        )
