"""Connecting the main window to a server: quick connect and saved sites, the questions on the way (a
password, an untrusted certificate, plain FTP), and where the remote pane lands.

Mixed into :class:`~ftpgui.ui.main_window.MainWindow`. Every question is a dialog opened with ``open()``
(no nested event loop) whose answer starts a fresh connection, so nothing waits on the GUI thread and
nothing about the account is sent before the person has answered.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import posixpath
from typing import Any, Callable, Optional

from PySide6.QtWidgets import QMessageBox

from ..explain import describe_error
from ..ftp import LoginError, ReplyError, SessionOptions, TlsRefused, TlsUnavailable, UntrustedCertificate
from ..ftp.safetext import format_address, shown
from ..ftp.url import SCHEME_TLS, scheme_for
from ..sites.passwords import account
from ..sites.plain import PlainStore
from ..transfers.endpoint import Endpoint
from ..transfers.servers import ANONYMOUS_USERS
from .certificate_flow import CertificateFlow, trust_store
from .dialogs import PasswordDialog, PlainFtpDialog, ask
from .kept_listings import Listings, kept_listings, put_back
from .proxy_fields import GLOBAL_KEY
from .proxy_password import key_for_site, with_proxy_password
from .server_tab import server_words
from .site_passwords import site_password_prompt

AllowPlain = Optional[Callable[[str, int, str], bool]]


def plain_store() -> PlainStore:
    """The servers the person always allows plain FTP for (per host:port, in the config folder)."""
    return PlainStore()


def allow_plain_also(allow: AllowPlain, host: str, port: int) -> Callable[[str, int, str], bool]:
    """The engine's ``allow_plain`` callback widened by one server (the person said "connect without
    encryption" for it)."""

    def allowed(h: str, p: int, reason: str) -> bool:
        if (h.lower(), p) == (host.lower(), port):
            return True
        return bool(allow is not None and allow(h, p, reason))

    return allowed


class ConnectFlow(CertificateFlow):
    """The connect half of the main window: ``connect_to`` a server, ``connect_site``, quick connect."""

    def session_defaults(self) -> SessionOptions:
        """Options for a new connection: the preferences, the certificates trusted before and the servers
        allowed plain FTP before (any other is asked about when "TLS if available" finds no TLS)."""
        options = self.prefs.session_options()
        trust = self.run_trust().with_saved(trust_store())  # (and those trusted once in this run)
        return dataclasses.replace(options, trust=trust, allow_plain=plain_store().allow_plain)

    def _quick_connect(self, endpoint: Endpoint, path: str, scheme: str = "ftp") -> None:
        """``ftp://`` or a bare host: the preference (TLS if available by default); ``ftpes://``, ``ftps://``.
        A user's account with no password (a recent server fills in none) is asked for one before anything is
        sent: an empty PASS is a failed login on the server, which counts it (fail2ban locks the address out)."""
        tls = SCHEME_TLS.get(scheme, self.prefs.quick_connect_tls)
        self.mode_panel.follow_new_server()  # (a pin on the server left ends: design note 381)
        self._site = None  # queued items are bound to this endpoint, not to a saved site
        options = self.remembered_mode(endpoint, dataclasses.replace(self.session_defaults(), tls=tls))
        if not endpoint.password and endpoint.user.lower() not in ANONYMOUS_USERS:
            connect = functools.partial(self.connect_asking_password, endpoint)
        else:
            connect = functools.partial(self.connect_to, endpoint)
        connections = self.prefs.transfer_connections  # (a new server: not the number the tab had)
        go = self.for_tab(self._tab(), lambda o: connect(o, "", path, connections))  # (the proxy's password may
        with_proxy_password(self, options, GLOBAL_KEY, go)  # be asked for, or read from the keyring, meanwhile)

    def connect_to(
        self,
        endpoint: Endpoint,
        options: SessionOptions,
        site_name: str = "",
        path: str = "",
        connections: Optional[int] = None,
        look: bool = False,
    ) -> None:
        """Open ``endpoint`` for browsing and hand it to the queue (``connections`` transfer connections; by
        default the number the tab's server had — another mode or encoding keeps a site's own, which the
        preference's replaced: design note 199 — else the preference's); lands in ``path`` or the login folder.
        An edited file's upload running on the tab's connection, which this ends, is waited for first if the
        person says so. With ``look``, the server is only met, its password not known yet
        (``connect_asking_password``)."""
        tab = self._tab()
        again = functools.partial(
            self.for_tab(tab, self.connect_to), endpoint, options, site_name, path, connections, look
        )
        if self.editing is not None and self.editing.hold(tab, again, True):
            return
        if connections is None:
            connections = self.transfer_connections or self.prefs.transfer_connections
        self.transfer_connections = connections
        self._site_name = site_name or server_words(endpoint)
        self._update_title()
        self.conn_status.reset()  # no Reconnect or Diagnose offer from the last server
        self.logged_in = False
        self._show_quick(endpoint.host, endpoint.port, endpoint.user, scheme_for(options.tls))
        self._set_state(
            self.tr("Connecting to {server}…").format(server=format_address((endpoint.host, endpoint.port)))
        )
        self.tls_label.hide()
        if self._is_current():  # the mode panel shows the current tab's server
            options = self.with_chosen_mode(options, endpoint)  # (a mode picked in the box with nothing connected)
            self.show_mode(endpoint, options, self._site)
            if look:  # no password yet: nothing to diagnose with (an empty PASS is a failed login the server counts)
                self.mode_panel.forget_target()
            else:
                self.mode_panel.set_diagnose_target(
                    endpoint.host, endpoint.port, endpoint.user, endpoint.password, options, self._site
                )
        if look:  # (a mode picked meanwhile in the Mode box: the look again in it, then the password)
            self.look_again = functools.partial(
                self.connect_asking_password, endpoint, site_name=site_name, path=path, connections=connections
            )
            done = lambda _none: self._looked(endpoint, options, site_name, path, connections)  # noqa: E731
        else:
            kept = self._kept_pairing(endpoint, path)  # (before the reset below: it ends the pair)
            # (another mode only: the listings shown stay, the tree kept whole — note 387)
            listings = kept_listings(self.remote_browser, endpoint, options, path, self.remote.path)
            done = lambda home: self._connected(endpoint, options, home, path, connections, kept, listings)  # noqa: E731
        self.remote_browser.open(
            endpoint,
            options,
            on_done=done,
            on_error=lambda exc: self._connect_failed(endpoint, options, site_name, path, exc, connections, look),
            look=look,
        )
        self.remote.reset(self.remote_browser.key)
        self.connecting = True
        self._set_can_disconnect(True)  # Disconnect stops the attempt (a silent server, proxy or name server)

    def close_browsing(self) -> None:
        """Disconnect: close the tab's browsing connection. While the tab connects, the attempt ends now —
        whatever it waits for (the name lookup, the connect, a proxy's answer, the greeting) is cut short, as
        ``RemoteBrowser.close`` cancels its job — and the log says so."""
        if self.connecting:
            self.connecting = False
            endpoint = self.remote_browser.endpoint
            server = format_address((endpoint.host, endpoint.port)) if endpoint is not None else ""
            self.log.add_lines([("status", self.tr("Stopped connecting to {server}.").format(server=server))])
        self.remote_browser.close(end=True)

    def _connected(
        self,
        endpoint: Endpoint,
        options: SessionOptions,
        home: str,
        path: str,
        connections: int,
        kept: Optional[Callable[[], None]] = None,
        listings: Optional[Listings] = None,
    ) -> None:
        # the queue gets the server once logged in: after every question (a certificate, plain FTP) was
        # answered, with the options the answers gave. The site's time offset is in
        # options.server_time_offset: the engine already turns LIST times into UTC.
        self.queue_server = self.queue.set_site(  # this tab's server: items queued from the tab go to it
            endpoint,
            options,
            connections,
            server=self.queue_logins.server(endpoint, options, self._site),
        )
        self.queue_logins.given(self.queue_server.key)  # (its question, if the queue was asking, is answered)
        self.queue.use_server(self.current_tab.queue_server)  # new items: the server of the tab shown
        self.welcome.hide()
        self.logged_in = True
        self.connecting = False
        self.say_connected(format_address((endpoint.host, endpoint.port)))
        quick = self._site is None  # (a saved site is not a recent server: FileZilla's quick connect bar only)
        if self.store is not None and quick and endpoint != getattr(self, "practice_endpoint", None):
            scheme = scheme_for(options.tls)  # recent servers keep ftpes:// and ftps://
            self.store.remember_recent(endpoint.host, endpoint.port, endpoint.user, scheme)
            try:
                self.store.save()  # a small file: fine on the GUI thread
            except OSError as exc:
                self.show_error(exc)
            self._refresh_recent()
        paired = kept or self._site_pairing(endpoint)
        if listings:
            paired = put_back(listings, self.remote_browser, self.remote, paired)
        if path and path != home:
            self._open_start_folder(path, home, paired)
        else:
            self.navigate(home, on_found=paired)

    def _kept_pairing(self, endpoint: Endpoint, path: str) -> Optional[Callable[[], None]]:
        """A reconnect (another mode or encoding: the same server again, into the folder shown) while the panes
        are paired: what pairs the same two folders again once that folder is shown — not the site's own, which
        moved the local pane back to the site's folder beside the remote one kept (design note 328)."""
        sync, browser = self.sync_browsing, self.remote_browser
        shown_before = browser.endpoint
        if not sync.enabled or not path or path != self.remote.path or shown_before is None:
            return None
        if (shown_before.host, shown_before.port, shown_before.user) != (endpoint.host, endpoint.port, endpoint.user):
            return None
        roots = (sync.local_root, sync.remote_root)
        return lambda: sync.start(*roots, say=True)

    def _site_pairing(self, endpoint: Endpoint) -> Optional[Callable[[], None]]:
        """A site that browses its default folders synchronized (FileZilla's SyncBrowsing): what pairs them once
        its remote folder is shown — not the login folder shown instead of one not found (design note 283)."""
        site = self._site
        if site is None or not site.browses_synchronized or (site.host, site.port) != (endpoint.host, endpoint.port):
            return None
        local = os.path.expanduser(site.local_dir)
        if not os.path.isdir(local):
            text = self.tr("The site's local folder {path} does not exist: synchronized browsing is not turned on.")
            self.show_error_text(text.format(path=site.local_dir))
            return None
        sync = self.sync_browsing

        def pair() -> None:
            if sync.enabled:
                sync.stop()  # a pair from before means nothing on this server
            if os.path.normpath(self.local.path) != os.path.normpath(local):
                with sync.quiet():
                    self.local.set_path(local)
            sync.start(self.local.path, self.remote.path, say=True)

        return pair

    def connect_asking_password(
        self,
        endpoint: Endpoint,
        options: SessionOptions,
        site_name: str = "",
        path: str = "",
        connections: Optional[int] = None,
    ) -> None:
        """For sites that do not keep a password, and a quick connect's account without one: ask, then connect
        (with ``connections`` transfer connections: a site's own, the preference's by default).
        Over TLS the server is met first, nothing about the account sent (``connect_to``'s ``look``): a
        certificate not trusted — or no TLS where it was wanted — is asked about BEFORE the password, so that
        nobody types a password for a server they then refuse (it came after: design note 187)."""
        if options.tls == "off":
            self._ask_password(endpoint, options, site_name, path, connections)
        else:
            self.connect_to(endpoint, options, site_name, path, connections, look=True)

    def _ask_password(
        self,
        endpoint: Endpoint,
        options: SessionOptions,
        site_name: str = "",
        path: str = "",
        connections: Optional[int] = None,
        refusal: Optional[BaseException] = None,
    ) -> None:
        """The password, then the connection: a saved site's in its own prompt (remember it for the run, save it
        in the keyring) — unless one was remembered for its account in this run, in that prompt or the queue's
        (design note 378) —, a quick connect's in the plain one. ``refusal``: how the server refused the one
        remembered (said first in the prompt)."""
        connect = self.for_tab(  # the tab it was asked for connects, whichever is shown by then
            self._tab(),
            lambda password: self.connect_to(
                dataclasses.replace(endpoint, password=password), options, site_name, path, connections
            ),
        )
        # the account through the proxy this connection takes: one remembered through another proxy, or directly,
        # is not sent this way (note 454)
        site, passwords, who = self._site, self.password_store(), account(endpoint, options.proxy)
        ours = site is not None and account(site, options.proxy) == who
        remembered = passwords.remembered(site.id if ours else None, who)  # (any way's, for this account: note 430)
        if remembered is not None and refusal is None:
            connect(remembered)
            return
        note = describe_error(refusal) if refusal is not None else ""
        if ours:
            self._open_prompt(site_password_prompt(site, passwords, self, connect, self.show_error_text, note, who))
            return
        # user@host:port (the host alone read "alice@127.0.0.1:"), remembered for the account if ticked (note 430)
        dialog = PasswordDialog(f"{endpoint.user}@{format_address((endpoint.host, endpoint.port))}", self, note, False)

        def answered() -> None:
            if dialog.remembers():
                passwords.remember_for_session(None, dialog.password(), who)
            connect(dialog.password())

        dialog.accepted.connect(answered)
        self._open_prompt(dialog)

    def _looked(
        self, endpoint: Endpoint, options: SessionOptions, site_name: str, path: str, connections: Optional[int]
    ) -> None:
        """The server was met and nothing needs asking first (its certificate trusted, TLS up): the password.
        (The browser closed the look: nothing may log in on it.)"""
        self._not_connected()
        self._ask_password(endpoint, options, site_name, path, connections)

    def _not_connected(self) -> None:
        """A connect that ended without a session (a look done, or a failure at any step): nothing said of a
        connection stays — "Encrypted (TLSv1.3)" stayed beside "Not connected" after a 530 (design note 262)."""
        self.connecting = False
        self._set_can_disconnect(False)
        self._set_state(self.tr("Not connected"))
        self.tls_label.hide()
        self.conn_status.reset()  # (a loss while logging in offered Reconnect, which had no session to go back to)
        self._site_name = ""  # the title names no server it is not connected to
        self._update_title()

    def connect_site(self, site: Any, password: Optional[str]) -> None:
        """From the site manager: a Site and its password — None for an anonymous site, and for one whose
        password is not kept (it asks each time, or the keyring has none): asked for here, over TLS after its
        server was met (the site manager asked before its certificate: design note 199)."""
        try:
            options = site.session_options(self.session_defaults())
        except ValueError as exc:  # the site's settings cannot be used; the store says which
            self.show_error(exc)
            return
        self.mode_panel.follow_new_server()  # (a pin on the server left ends: design note 381)
        if site.mode == "default":  # (a site's own mode wins over the one picked for its server in this run)
            options = self.remembered_mode(site.endpoint(""), options)
        self._site = site
        if site.local_dir:
            self.local.set_path(site.local_dir)
        if password is None and site.logon != "anonymous":  # (its connections too: the preference's were used)
            go = lambda o: self.connect_asking_password(  # noqa: E731
                site.endpoint(""), o, site.name, site.remote_dir, site.connections
            )
        else:
            go = lambda o: self.connect_to(  # noqa: E731
                site.endpoint(password or ""), o, site.name, site.remote_dir, site.connections
            )
        with_proxy_password(self, options, key_for_site(site), self.for_tab(self._tab(), go))  # this tab's site

    def _open_start_folder(self, path: str, home: str, on_found: Optional[Callable[[], None]] = None) -> None:
        """The folder of a URL or a site (``on_found`` once it is shown). One the server refuses to enter or list
        opens the folder of that name inside the login folder when there is one (``/docs`` → ``/home/u/docs``),
        else the login folder; the log and the status bar say so."""

        def say(text: str) -> None:
            self.log.add_lines([("status", text)])
            self.status_message(text)

        def login_folder(_exc: Optional[BaseException] = None) -> None:
            self.show_error_text(
                self.tr("The folder {path} was not found; showing the login folder {home} instead.").format(
                    path=shown(path), home=shown(home)
                )
            )
            with self.remote_browser.by_itself():  # (the error says why: it stays, note 239)
                self.navigate(home)

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, ReplyError):  # a lost connection, a data connection problem: say that
                self.show_error(exc)
                return
            inside = posixpath.join(home, path.lstrip("/"))
            if not path.startswith("/") or home in ("", "/") or inside == path:
                login_folder()
                return
            self.navigate(
                inside,
                on_error=login_folder,
                on_found=lambda: say(
                    self.tr("The folder {path} was not found; opened {inside} in the login folder instead.").format(
                        path=shown(path), inside=shown(inside)
                    )
                ),
            )

        self.navigate(path, on_error=refused, on_found=on_found)

    def _connect_failed(
        self,
        endpoint: Endpoint,
        options: SessionOptions,
        site_name: str,
        path: str,
        exc: BaseException,
        connections: Optional[int] = None,
        looked: bool = False,
    ) -> None:
        """A connection that did not come up: say why, and ask what may be asked (a certificate, plain FTP,
        plain text after TLS was required); an answer connects again with it (and the same ``connections``) —
        after a look before the password (``looked``), it asks for the password with it."""
        if looked:
            again = functools.partial(
                self._ask_password, endpoint, site_name=site_name, path=path, connections=connections
            )
        else:
            again = functools.partial(
                self.connect_to, endpoint, site_name=site_name, path=path, connections=connections
            )
        self.remote_browser.close()  # (QUIT, if the server did not end it): the tab names no server it is not on
        self._not_connected()
        if isinstance(exc, TlsUnavailable):  # not a failure yet: a question, its reason in the log
            self.log.add_lines([("status", describe_error(exc))])
            self._ask_plain_ftp(exc, options, again)
            return
        if isinstance(exc, TlsRefused) and exc.permanent and options.tls == "require":
            # only a server that said no to AUTH TLS: one that answered 234 and then failed the handshake did
            # offer TLS, and "continue in plain text?" there is the downgrade an attacker wants (found by QA).
            # A question, not a failure yet: "not continuing" only once the person said no (note 413)
            reply = shown(f"{exc.code} {exc.text[:200]}".rstrip())
            said = self.tr("{host} port {port} refused TLS (AUTH TLS: {reply}).")
            said = said.format(host=endpoint.host, port=endpoint.port, reply=reply)
            self.log.add_lines([("status", said)])
            self.status_message(said)  # (the question asks what next)
            self._ask_plain_text(exc, endpoint, options, again)
            return
        self.show_error(exc)
        if isinstance(exc, LoginError) and self._is_current():  # (a server that cannot be reached stays the
            self.mode_panel.forget_target()  # target: diagnosing it says why; a refused login is not retried)
        if isinstance(exc, LoginError) and self._forgot_refused(endpoint, options):  # asked again, in its words
            self._ask_password(endpoint, options, site_name, path, connections, refusal=exc)
            return
        if isinstance(exc, UntrustedCertificate):
            self._ask_certificate(exc, options, again)

    def _forgot_refused(self, endpoint: Endpoint, options: SessionOptions) -> bool:
        """The server refused the password remembered in this run for ``endpoint``'s account (the tab's site's, or
        one a quick connect's prompt remembered): it is forgotten, and True — it would have been tried again at
        every connect, by the queue too."""
        site, passwords, who = self._site, self.password_store(), account(endpoint, options.proxy)
        site_id = site.id if site is not None and account(site, options.proxy) == who else None
        if not endpoint.password or passwords.remembered(site_id, who) != endpoint.password:
            return False
        passwords.forget(site_id, who)  # (every way's for the account: none is tried again, note 430)
        return True

    def _ask_plain_ftp(
        self, exc: TlsUnavailable, options: SessionOptions, again: Callable[[SessionOptions], None]
    ) -> None:
        """TLS if available found none: the engine stopped before USER; connect again only if the person
        says so (and remember the server when they tick "Always allow plain FTP for this server")."""
        dialog = PlainFtpDialog(exc, self)

        def decided(choice: str) -> None:
            if choice == "cancel":
                return
            if choice == "always":
                try:
                    plain_store().allow(exc.host, exc.port)
                except (OSError, ValueError) as err:
                    self.show_error(err)
            allowed = allow_plain_also(options.allow_plain, exc.host, exc.port)
            again(dataclasses.replace(options, allow_plain=allowed))

        dialog.decided.connect(decided)
        self._open_prompt(dialog)

    def _ask_plain_text(
        self, exc: TlsRefused, endpoint: Endpoint, options: SessionOptions, again: Callable[[SessionOptions], None]
    ) -> None:
        """TLS required, and the server refused AUTH TLS (a 5xx): continue in plain text only if the person says."""
        box = ask(
            self,
            self.tr("No encryption"),
            self.tr(
                "{server} does not offer TLS: it answered AUTH TLS with “{reply}”.\n\nContinue in plain text? The "
                "password and the files would travel unencrypted."
            ).format(server=endpoint.host, reply=shown(f"{exc.code} {exc.text[:200]}".rstrip())),
            self.tr("Continue in &plain text"),  # (Cancel keeps Alt+C)
            lambda: again(dataclasses.replace(options, tls="off")),
            QMessageBox.Icon.Warning,
        )
        self.prompt = box
        # declined: now the failure, in the log and the status bar ("…; not continuing")
        box.finished.connect(lambda: box.clickedButton() is not box.yes_button and self.show_error(exc))
