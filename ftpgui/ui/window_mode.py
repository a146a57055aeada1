"""The main window and the mode panel's Mode box: which data connection mode a connection uses.

Mixed into :class:`~ftpgui.ui.main_window.MainWindow`. Connected, the box shows the browsing connection's
mode and a pick reconnects in it. A mode picked for a connection is kept for its server (host, port and user)
for the rest of the run: the next quick connect, recent server or Reconnect to it uses it (it went back to the
preferences' after a Disconnect: the panel's QA leftovers, design note 342); picked while connected through a
saved site, it is saved in the site too (its transfer mode, as FileZilla keeps it), and a site's own mode wins
over the run's. With nothing connected, the box shows the mode the next connection will use — the
preferences', or the one the person picks there, which the next quick connect, site or recent server then
uses (the log says so) instead of flipping back unseen. A note beside the box says where the mode shown comes
from. The diagnosis' "Use … for this site" saves the mode in the saved site (the sites file) and reconnects;
for a quick connection it reconnects and keeps it for the server for the run.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, Optional, Tuple

from ..ftp import SessionOptions
from ..transfers.endpoint import Endpoint
from .modepanel import labelwords as lw

ServerKey = Tuple[str, int, str]


def server_key(endpoint: Endpoint) -> ServerKey:
    """The server a mode is kept for: its host (as typed, any case), port and user."""
    return (endpoint.host.lower(), endpoint.port, endpoint.user)


class WindowMode:
    """The Mode box and the diagnosis' recommendation, as the window acts on them."""

    _chosen_mode: Optional[str] = None  # picked in the box with nothing connected: the next connection's

    def _wire_mode(self) -> None:
        self._server_modes: Dict[ServerKey, str] = {}  # the mode picked for each server, for the run
        self.mode_panel.modeChanged.connect(self._mode_changed)
        self.mode_panel.useRecommended.connect(self._use_recommended)
        self.mode_panel.practice.started.connect(self._practice_started)
        for field in (self.quick.host, self.quick.port, self.quick.user):
            field.textChanged.connect(self._bar_edited)
        self.show_next_mode()

    def show_next_mode(self) -> None:
        """Nothing connected in the tab shown: the box says what the next connection will use — the mode picked
        here, else the one kept for the server the quick-connect bar names (its Connect uses it: a QA recheck
        read "next connection: the default" after a Disconnect, and Connect went on in active), else the
        default."""
        chosen = self._chosen_mode
        bar = None if chosen else self._bar_server()
        kept = None if bar is None else self._server_modes.get(server_key(bar))
        self.mode_panel.set_mode(chosen or kept or self.prefs.default_mode)
        if chosen:
            self.mode_panel.set_mode_note(
                self.tr("(for the next connection)"),
                self.tr("Picked here with nothing connected: the next connection uses it."),
                next_connection=True,
            )
        elif kept and bar is not None:
            self._note_picked(bar, next_connection=True)
        else:
            self._note_default(next_connection=True)

    def _bar_server(self) -> Optional[Endpoint]:
        """The server the quick-connect bar names, if it names one."""
        try:
            return self.quick.endpoint()[0]
        except ValueError:  # (nothing typed, or not a server)
            return None

    def _bar_edited(self, *_args: Any) -> None:
        """The quick-connect bar names another server: with nothing connected, the box says its mode."""
        if self.remote_browser.connection is None and not self.remote_browser.looking:
            self.show_next_mode()

    def _note_default(self, next_connection: bool = False) -> None:
        """The preferences' mode: the browsing connection's, or with nothing connected the next connection's (said
        so: the picker may still show a closed connection that used another, design note 368)."""
        tip = self.tr(
            "The default transfer mode, set in Preferences. A server you pick a mode for in this panel keeps "
            "that mode until ftpgui is closed; a saved site keeps its own."
        )
        text = self.tr("(next connection: the default)") if next_connection else self.tr("(the default)")
        self.mode_panel.set_mode_note(text, tip, next_connection=next_connection)

    def _note_picked(self, endpoint: Endpoint, next_connection: bool = False) -> None:
        """The mode kept for ``endpoint``'s server (picked in the panel): the connection's, or with nothing
        connected the next one's to the server the bar names. The note names the server ("user@host:port", as
        the picker names connections): the picker may show another tab's connection to another server, and
        "(picked for this server)" read as about that one (QA, design note 429)."""
        tip = self.tr("Picked in this panel for {server}: every connection to it uses it until ftpgui is closed.")
        server = str(endpoint)
        text = self.tr("(next connection: picked for {name})") if next_connection else self.tr("(picked for {name})")
        self.mode_panel.set_mode_note(
            text, tip.format(server=server), next_connection=next_connection, name=server, server=True
        )

    def show_mode(self, endpoint: Endpoint, options: SessionOptions, site: Any) -> None:
        """A connection's mode in the box, and where it comes from beside it: the saved site's setting (the
        site named), the mode picked for this server in the run (the server named), or the preferences'
        default."""
        self.mode_panel.set_mode(options.mode)
        if site is not None and site.mode == options.mode:
            self.mode_panel.set_mode_note(
                self.tr("(set in the site “{name}”)"),
                self.tr("The transfer mode saved in the site “{site}” (Site Manager).").format(site=site.name),
                name=site.name,
            )
        elif self._server_modes.get(server_key(endpoint)) == options.mode:
            self._note_picked(endpoint)
        elif options.mode == self.prefs.default_mode:
            self._note_default()
        else:
            self.mode_panel.set_mode_note("")

    def with_chosen_mode(self, options: SessionOptions, endpoint: Endpoint) -> SessionOptions:
        """A new connection's ``options`` with the mode picked in the box before it (once), said in the log, and
        kept for its server."""
        mode, self._chosen_mode = self._chosen_mode, None
        if mode is None:
            return options
        self.log.add_lines(
            [
                (
                    "status",
                    self.tr("Data connection mode: {mode}, as chosen in the mode panel.").format(
                        mode=lw.mode_word(mode)
                    ),
                )
            ]
        )
        self._keep_mode(endpoint, mode)
        return dataclasses.replace(options, mode=mode)

    def remembered_mode(self, endpoint: Endpoint, options: SessionOptions) -> SessionOptions:
        """A new connection's ``options`` (quick connect, a recent server, a site whose mode is the default) with
        the mode picked for its server earlier in this run, said in the log."""
        mode = self._server_modes.get(server_key(endpoint))
        if mode is None or mode == options.mode:
            return options
        text = self.tr("Data connection mode: {mode}, as picked for this server earlier in the mode panel.")
        self.log.add_lines([("status", text.format(mode=lw.mode_word(mode)))])
        return dataclasses.replace(options, mode=mode)

    def _keep_mode(self, endpoint: Endpoint, mode: str) -> None:
        """A mode picked for a connection: kept for its server for the run, and in its saved site, if any."""
        self._server_modes[server_key(endpoint)] = mode
        site = self._site
        if site is not None and site.mode != mode and (site.host.lower(), site.port) == server_key(endpoint)[:2]:
            self._save_site_mode(site.id, mode)

    def _mode_changed(self, mode: str) -> None:
        """A mode picked in the box: connected (or trying to), the same server again in it, in the same folder;
        only meeting it before its password is asked, the look again in it (its password is not known: a
        connect sent an empty PASS, design note 199); else the next connection's (a Disconnect left the
        server: it is not dialled again)."""
        browser = self.remote_browser
        options, endpoint = browser.options, browser.endpoint
        if browser.looking and options is not None and endpoint is not None and self.look_again is not None:
            if options.mode != mode:
                self._keep_mode(endpoint, mode)
                self.look_again(dataclasses.replace(options, mode=mode))
            return
        if browser.connection is None or options is None or endpoint is None:
            self._chosen_mode = mode
            self.show_next_mode()  # (the note: for the next connection)
            text = self.tr("The next connection will use {mode} mode.").format(mode=lw.mode_word(mode))
            self.log.add_lines([("status", text)])
            self.status_message(text)
            return
        if options.mode != mode:
            self._keep_mode(endpoint, mode)
            self.connect_to(endpoint, dataclasses.replace(options, mode=mode), self._site_name, self.remote.path)

    def _use_recommended(self, mode: str) -> None:
        """The diagnosis' "Use … for this site": the site the diagnosis was of keeps the mode (in the sites
        file, and the tab's copy), then the connection comes back in it; "… for this connection": only that."""
        target = self.mode_panel.diagnosis.target
        site_id = target.site_id if target is not None else ""
        if site_id and not self._save_site_mode(site_id, mode):
            return
        self._mode_changed(mode)

    def _save_site_mode(self, site_id: str, mode: str) -> bool:
        """The saved site ``site_id`` uses ``mode`` from now on (in the sites file, and the tab's copy), said in
        the log; False when it could not be saved (the error said)."""
        saved = self.store.get(site_id) if self.store is not None else None
        if saved is None or saved.mode == mode:
            return True
        saved.mode = mode
        try:
            self.store.update(saved)
            self.store.save()
        except (OSError, ValueError) as exc:
            self.show_error(exc)
            return False
        if self._site is not None and self._site.id == site_id:
            self._site.mode = mode
        text = self.tr("The site “{site}” now uses {mode} mode.").format(site=saved.name, mode=lw.mode_word(mode))
        self.log.add_lines([("status", text)])
        return True

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
        self.mode_panel.follow_new_server()
        self._site = None
        self.practice_endpoint = Endpoint(host, port, user, password)  # a throwaway login: not a recent server
        if options.mode != self.prefs.default_mode:  # (the box's: the note says so)
            self._server_modes[server_key(self.practice_endpoint)] = options.mode
        self.connect_to(
            self.practice_endpoint, options, self.tr("Practice server"), connections=self.prefs.transfer_connections
        )
