"""The main window and the mode panel's Mode box: which data connection mode a connection uses.

Mixed into :class:`~ftpgui.ui.main_window.MainWindow`. Connected, the box shows the browsing connection's
mode and a pick reconnects in it. With nothing connected, the box shows the mode the next connection will use
— the preferences', or the one the person picks there, which the next quick connect, site or recent server
then uses (the log says so) instead of flipping back unseen. The diagnosis' "Use … for this site" saves the
mode in the saved site (the sites file) and reconnects; for a quick connection it reconnects only, as its
words say: FileZilla keeps a transfer mode per site, never per quick-connect server.
"""

from __future__ import annotations

import dataclasses
from typing import Optional

from ..ftp import SessionOptions
from ..transfers.endpoint import Endpoint
from .modepanel import labelwords as lw


class WindowMode:
    """The Mode box and the diagnosis' recommendation, as the window acts on them."""

    _chosen_mode: Optional[str] = None  # picked in the box with nothing connected: the next connection's

    def _wire_mode(self) -> None:
        self.mode_panel.modeChanged.connect(self._mode_changed)
        self.mode_panel.useRecommended.connect(self._use_recommended)
        self.mode_panel.practice.started.connect(self._practice_started)
        self.show_next_mode()

    def show_next_mode(self) -> None:
        """Nothing connected in the tab shown: the box says what the next connection will use."""
        self.mode_panel.set_mode(self._chosen_mode or self.prefs.default_mode)

    def with_chosen_mode(self, options: SessionOptions) -> SessionOptions:
        """A new connection's ``options`` with the mode picked in the box before it (once), said in the log."""
        mode, self._chosen_mode = self._chosen_mode, None
        if mode is None:
            return options
        self.log.add_lines(
            [
                (
                    "status",
                    self.tr("Data connection mode: {mode}, as chosen in the mode panel.").format(mode=mode_word(mode)),
                )
            ]
        )
        return dataclasses.replace(options, mode=mode)

    def _mode_changed(self, mode: str) -> None:
        """A mode picked in the box: connected (or trying to), the same server again in it, in the same folder;
        only meeting it before its password is asked, the look again in it (its password is not known: a
        connect sent an empty PASS, design note 199); else the next connection's (a Disconnect left the
        server: it is not dialled again)."""
        browser = self.remote_browser
        options, endpoint = browser.options, browser.endpoint
        if browser.looking and options is not None and self.look_again is not None:
            if options.mode != mode:
                self.look_again(dataclasses.replace(options, mode=mode))
            return
        if browser.connection is None or options is None or endpoint is None:
            self._chosen_mode = mode
            text = self.tr("The next connection will use {mode} mode.").format(mode=mode_word(mode))
            self.log.add_lines([("status", text)])
            self.status_message(text)
            return
        if options.mode != mode:
            self.connect_to(endpoint, dataclasses.replace(options, mode=mode), self._site_name, self.remote.path)

    def _use_recommended(self, mode: str) -> None:
        """The diagnosis' "Use … for this site": the site the diagnosis was of keeps the mode (in the sites
        file, and the tab's copy), then the connection comes back in it; "… for this connection": only that."""
        target = self.mode_panel.diagnosis.target
        site_id = target.site_id if target is not None else ""
        saved = self.store.get(site_id) if site_id and self.store is not None else None
        if saved is not None and saved.mode != mode:
            saved.mode = mode
            try:
                self.store.update(saved)
                self.store.save()
            except (OSError, ValueError) as exc:
                self.show_error(exc)
                return
            if self._site is not None and self._site.id == site_id:
                self._site.mode = mode
            self.log.add_lines(
                [
                    (
                        "status",
                        self.tr("The site “{site}” now uses {mode} mode.").format(
                            site=saved.name, mode=mode_word(mode)
                        ),
                    )
                ]
            )
        self._mode_changed(mode)

    def diagnose_server(self) -> None:
        """The connection's "Diagnose this server": the mode panel tries both modes off the GUI thread."""
        if self.mode_panel.diagnosis.target is None:
            self.show_error_text(self.tr("Not connected. Connect to a server first."))
            return
        self.mode_dock.show()
        self.mode_dock.raise_()
        self.mode_panel.diagnosis.run()

    def _practice_started(self, host: str, port: int, user: str, password: str) -> None:
        """The mode panel started the local practice server: browse it, so its exchanges show for real."""
        options = dataclasses.replace(self.session_defaults(), tls="off", mode=self.mode_panel.mode())
        self._site = None
        self.practice_endpoint = Endpoint(host, port, user, password)  # a throwaway login: not a recent server
        self.connect_to(
            self.practice_endpoint, options, self.tr("Practice server"), connections=self.prefs.transfer_connections
        )


def mode_word(mode: str) -> str:
    """The mode's name in sentences ("active"; the box's "Active" in Chinese is the same word)."""
    name = lw.mode_name(mode)
    return name.lower() if name.isascii() else name
