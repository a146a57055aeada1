"""Logins for the queue's servers other than the one being browsed: from the keyring, or asked once.

The transfer queue runs every item on its own server (``transfers.servers``). For the server being browsed
the main window hands the queue the login the person typed (``TransferQueue.set_site``). For any other
server — items queued from another server earlier in this run keep that server's login in the queue's
memory; items restored from ``queue.json`` after a restart do not — the queue emits ``credentialsNeeded``,
and this object answers it: a saved site's settings and its password from the system keyring (read off
the GUI thread), an anonymous login as it is, and otherwise the person is asked once per server in the
non-modal password dialog. A password is never taken from another server, and never written anywhere.

A server whose certificate the queue's login does not trust (one trusted "once" in the last run, one that
changed since) is the queue's ``certificateNeeded``: asked in the window's certificate dialog, as connecting
asks (``ConnectFlow.certificate_dialog``: a changed one said as a change). The questions come one at a time,
and over TLS the certificate comes before the password: the server is met first (``TransferQueue.look_first``).
"""

from __future__ import annotations

import collections
import dataclasses
import functools
from typing import Any, Callable, Deque, Optional

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
        self.prompt: Optional[QDialog] = None  # the question open now: a password, a certificate (for tests, keyboards)
        self._waiting: Deque[Callable[[], Optional[QDialog]]] = collections.deque()  # asked one at a time
        self.queue.credentialsNeeded.connect(self.find)
        self.queue.certificateNeeded.connect(self.doubt)
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
        ask = functools.partial(self._later, functools.partial(self._password_dialog, server, options, connections))
        if options.tls == "off":
            ask()
        else:  # its certificate first: asked about before the password, if it is not trusted (design note 187)
            self.queue.look_first(server, options, ask)

    def doubt(self, server: Server, exc: Any) -> None:
        """The queue's ``certificateNeeded``: ``server``'s certificate (``exc``, an ``UntrustedCertificate``)
        is not trusted by its login; asked as connecting asks (Trust once, Always trust, Cancel)."""
        self._later(functools.partial(self._certificate_dialog, server, exc))

    def _later(self, opener: Callable[[], Optional[QDialog]]) -> None:
        """One question at a time: ``opener`` opens its dialog when those before it are answered (or returns
        None when it need not be asked any more)."""
        self._waiting.append(opener)
        self._ask_next()

    def _ask_next(self) -> None:
        while self.prompt is None and self._waiting:
            self.prompt = self._waiting.popleft()()

    def _opened(self, dialog: QDialog, name: str) -> QDialog:
        dialog.setObjectName(name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._closed)
        dialog.open()
        return dialog

    def _closed(self, _result: int) -> None:
        self.prompt = None
        self._ask_next()

    def _password_dialog(self, server: Server, options: SessionOptions, connections: int) -> Optional[QDialog]:
        if not self.queue.needs_login(server.key):
            return None  # given meanwhile (the person connected to that server)
        dialog = PasswordDialog(
            server.address(),
            self.window,
            note=self._waiting_for(server)
            + (
                " "
                + self.tr(
                    "It offers no TLS: as when these transfers were queued, the password will travel unencrypted."
                )
                if server.plain_ok and server.tls == "auto"
                else ""
            ),
        )

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self._supply(server, dialog.password(), options, connections)
            else:
                self.queue.decline(server.key)  # its items are paused: Resume asks again

        dialog.finished.connect(finished)  # (before _closed: the answer is in before the next question)
        return self._opened(dialog, "queuePasswordPrompt")

    def _certificate_dialog(self, server: Server, exc: Any) -> Optional[QDialog]:
        if not self.queue.doubted(server.key):
            return None  # answered meanwhile (the person connected to that server and trusted it there)
        key = server.key
        dialog = self.window.certificate_dialog(
            exc,
            trusted=lambda: self.queue.trust_certificate(key, exc.fingerprint),
            refused=lambda: self.queue.refuse_certificate(key),
            note=self._waiting_for(server),
        )
        return self._opened(dialog, "queueCertificatePrompt")

    def _waiting_for(self, server: Server) -> str:
        return self.tr("Transfers in the queue are waiting for {server}.").format(server=server.label())


def _plain_as_agreed(server: Server, options: SessionOptions) -> SessionOptions:
    """A server the person agreed to use without TLS when its items were queued is not asked about again."""
    if not server.plain_ok or options.tls != "auto":
        return options
    return dataclasses.replace(options, allow_plain=allow_plain_also(options.allow_plain, server.host, server.port))
