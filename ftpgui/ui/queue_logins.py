"""Logins for the queue's servers other than the one being browsed: from the keyring, or asked once.

The transfer queue runs every item on its own server (``transfers.servers``). For the server being browsed
the main window hands the queue the login the person typed (``TransferQueue.set_site``). For any other
server — items queued from another server earlier in this run keep that server's login in the queue's
memory; items restored from ``queue.json`` after a restart do not — the queue emits ``credentialsNeeded``,
and this object answers it: a saved site's settings and its password from the system keyring (read off
the GUI thread), an anonymous login as it is, and otherwise the person is asked once per server in the
non-modal password dialog. A password is never taken from another server, and never written anywhere.
"""

from __future__ import annotations

import collections
import dataclasses
from typing import Any, Deque, Optional, Tuple

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog

from ..explain import describe_error
from ..ftp import SessionOptions
from ..sites.passwords import PasswordUnavailable
from ..sites.store import ANONYMOUS_PASSWORD
from ..transfers.runner import run_blocking
from ..transfers.servers import Server, server_for
from ..transfers.worker import Endpoint
from .connect_flow import allow_plain_also
from .dialogs import PasswordDialog


class QueueLogins(QObject):
    """Answers the queue's ``credentialsNeeded`` for ``window`` (a ``MainWindow``)."""

    def __init__(self, window: Any):
        super().__init__(window)
        self.queue = window.queue
        self.prompt: Optional[PasswordDialog] = None  # the password dialog open now (for tests and keyboards)
        self._waiting: Deque[Tuple[Server, SessionOptions, int]] = collections.deque()  # asked one at a time
        self.queue.credentialsNeeded.connect(self.find)
        # items restored from the last run, still queued, reconnect to their servers once the window is up
        QTimer.singleShot(0, self.queue, self.queue.start)

    @property
    def window(self) -> Any:
        """The main window (its parent: not kept in an attribute, so that no reference cycle holds it)."""
        return self.parent()

    def server(self, endpoint: Endpoint, options: SessionOptions, site: Any = None) -> Server:
        """The record the queue keeps for a browsing session: the saved ``site``'s when the session is that
        site's server (its id: the items follow the site), else the quick-connect endpoint."""
        if site is not None and (site.host, site.port, site.endpoint("").user) == (
            endpoint.host,
            endpoint.port,
            endpoint.user,
        ):
            return server_for(endpoint, options, site.id, site.name)
        return server_for(endpoint, options)

    def find(self, server: Server) -> None:
        """The queue has items for ``server`` and no login for it: find one (or ask), then ``supply`` it."""
        site = self.window.store.get(server.site_id) if server.site_id and self.window.store is not None else None
        defaults = self.window.session_defaults()
        connections = self.window.prefs.transfer_connections
        if site is not None:
            try:
                options = site.session_options(defaults)
            except ValueError as exc:  # the site's settings cannot be used now; the store says why
                self._give_up(server, exc)
                return
            plain_ok = server.plain_ok
            server = server_for(site.endpoint(""), options, site.id, site.name)  # the site as it is now
            server = dataclasses.replace(server, plain_ok=server.plain_ok or plain_ok)
            options = _plain_as_agreed(server, options)
            connections = site.connections
            if site.logon == "anonymous":
                self._supply(server, site.endpoint("").password, options, connections)
            elif site.logon == "normal" and not self.queue.login_refused(server.key):
                run_blocking(
                    self.window.password_store().get,
                    site.id,
                    on_done=lambda pw: self._from_keyring(server, options, connections, pw, None),
                    on_error=lambda exc: self._from_keyring(server, options, connections, None, exc),
                )
            else:
                self._ask(server, options, connections)
            return
        # a quick-connect server (or a site deleted since): its recorded security, encoding and mode
        options = dataclasses.replace(defaults, tls=server.tls, encoding=server.encoding, mode=server.mode)
        options = _plain_as_agreed(server, options)
        if server.anonymous:
            self._supply(server, ANONYMOUS_PASSWORD, options, connections)
        else:
            self._ask(server, options, connections)

    def _from_keyring(
        self, server: Server, options: SessionOptions, connections: int, password: Optional[str], exc: Any
    ) -> None:
        if exc is not None:
            why = exc.text() if isinstance(exc, PasswordUnavailable) else describe_error(exc)
            self.window.show_error_text(
                self.tr("The password for {server} could not be read: {why}").format(server=server.label(), why=why)
            )
        if password is None:
            self._ask(server, options, connections)
        else:
            self._supply(server, password, options, connections)

    def _supply(self, server: Server, password: str, options: SessionOptions, connections: int) -> None:
        endpoint = Endpoint(server.host, server.port, server.user, password)
        self.queue.supply(server, endpoint, options, connections)

    def _give_up(self, server: Server, exc: BaseException) -> None:
        self.window.show_error(exc)
        self.queue.decline(server.key)

    # --- asking the person ------------------------------------------------------------------------
    def _ask(self, server: Server, options: SessionOptions, connections: int) -> None:
        self._waiting.append((server, options, connections))
        if self.prompt is None:
            self._ask_next()

    def _ask_next(self) -> None:
        while self._waiting and not self.queue.needs_login(self._waiting[0][0].key):
            self._waiting.popleft()  # given meanwhile (the person connected to that server)
        if not self._waiting:
            return
        server, options, connections = self._waiting.popleft()
        dialog = PasswordDialog(
            server.address(),
            self.window,
            note=self.tr("Transfers in the queue are waiting for {server}.").format(server=server.label())
            + (
                " "
                + self.tr(
                    "It offers no TLS: as when these transfers were queued, the password will travel unencrypted."
                )
                if server.plain_ok and server.tls == "auto"
                else ""
            ),
        )
        dialog.setObjectName("queuePasswordPrompt")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            self.prompt = None
            if result == QDialog.DialogCode.Accepted:
                self._supply(server, dialog.password(), options, connections)
            else:
                self.queue.decline(server.key)  # its items are paused: Resume asks again
            self._ask_next()

        dialog.finished.connect(finished)
        self.prompt = dialog
        dialog.open()


def _plain_as_agreed(server: Server, options: SessionOptions) -> SessionOptions:
    """A server the person agreed to use without TLS when its items were queued is not asked about again."""
    if not server.plain_ok or options.tls != "auto":
        return options
    return dataclasses.replace(options, allow_plain=allow_plain_also(options.allow_plain, server.host, server.port))
