"""A Connect while the current tab is connected: in a new tab, or in this one — asked first (design note 439).

The Site Manager's Connect and the quick-connect bar's (a recent server picked, then Connect) dropped the current
tab's connection and reused the tab without a word. As FileZilla asks ("Break current connection?"), the person
now says where the new connection goes: in a new tab (the current one stays connected), or in this tab (its
connection ends), or neither. "Don't ask again" keeps the answer in the preferences
(``Preferences.connect_while_connected``), which the preferences dialog sets back to asking. A tab that is not
busy (``ServerTab.busy``: nothing connected, connecting, nor offered to Disconnect) takes the connection at once.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox

from ..ftp.safetext import shown_lines
from .dialogs import breakable
from .server_tab import server_words
from .shared_prefs import keep_choice


class BreakConnection:
    """Where a Connect goes (a mixin of :class:`MainWindow`: ``current_tab``, ``new_tab``, ``acting``, ``prefs``…)."""

    def site_connect_requested(self, site: Any, password: Optional[str]) -> None:
        """The Site Manager's Connect (its ``connectRequested``)."""
        self.connect_where(site.name, lambda: self.connect_site(site, password))

    def quick_connect_requested(self, endpoint: Any, path: str, scheme: str) -> None:
        """The quick-connect bar's Connect (its ``connectRequested``: the fields typed, or a recent server)."""
        self.connect_where(server_words(endpoint), lambda: self._quick_connect(endpoint, path, scheme))

    def connect_where(self, target: str, go: Callable[[], None]) -> None:
        """``go`` connects in the acting tab, to the server named ``target``: at once when the current tab is not
        connected; else in a new tab or in this one, as the person answers or the preference says."""
        if not self.current_tab.busy():  # (as an address passed on decides on a new tab: note 461)
            go()
            return
        choice = self.prefs.connect_while_connected
        if choice == "ask":
            self._ask_where(target, go)
        else:
            self._connect_in(choice, go)

    def _connect_in(self, choice: str, go: Callable[[], None]) -> None:
        tab = self.new_tab() if choice == "new_tab" else self.current_tab
        with self.acting(tab):
            go()

    def _ask_where(self, target: str, go: Callable[[], None]) -> None:
        tab = self.current_tab
        server = tab.title() if tab.remote_browser.connected else tab.address() or tab.title()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Break current connection?"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        text = self.tr(
            "This tab is connected to {server}.\n"
            "Connect to {target} in a new tab, or end that connection and connect to {target} in this tab?"
        ).format(server=server, target=target)
        box.setText(breakable(shown_lines(text)))  # (names the server gave or the person typed: escaped)
        box.new_button = box.addButton(self.tr("Connect in a &new tab"), QMessageBox.ButtonRole.AcceptRole)
        box.this_button = box.addButton(self.tr("Connect in &this tab"), QMessageBox.ButtonRole.DestructiveRole)
        box.cancel_button = box.addButton(self.tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(box.new_button)  # (nothing is lost in a new tab)
        box.setEscapeButton(box.cancel_button)
        check = QCheckBox(self.tr("&Don't ask again"))
        check.setObjectName("dontAskAgain")
        box.setCheckBox(check)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if self.prompt is box:
                self.prompt = None
            clicked = box.clickedButton()
            if clicked not in (box.new_button, box.this_button):
                return
            choice = "new_tab" if clicked is box.new_button else "this_tab"
            if check.isChecked():
                self._keep_connect_choice(choice)
            if tab not in self.tabs:
                return  # (closed meanwhile: nothing to break, nowhere to connect)
            if choice == "this_tab" and tab is not self.current_tab:
                self.tab_bar.setCurrentIndex(self.tabs.index(tab))
            self._connect_in(choice, go)

        box.finished.connect(answered)
        self.prompt = box
        box.open()

    def _keep_connect_choice(self, choice: str) -> None:
        """ "Don't ask again": the answer kept in the preferences, taken by every open window."""
        keep_choice(self, connect_while_connected=choice)
