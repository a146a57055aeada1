"""Logins for the queue's servers other than the one being browsed: from the keyring, or asked once.

The transfer queue runs every item on its own server (``transfers.servers``). For the server being browsed
the main window hands the queue the login the person typed (``TransferQueue.set_site``). For any other
server — items queued from another server earlier in this run keep that server's login in the queue's
memory; items restored from ``queue.json`` after a restart do not — the queue emits ``credentialsNeeded``,
and this object answers it: a saved site's settings and its password remembered for the run or from the
system keyring (read off the GUI thread), an anonymous login as it is, and otherwise the person is asked once
per server in the non-modal password dialog — with "Remember until the app closes" (for a saved site ticked
when no keyring can keep it), which the Site Manager's Connect then reads too (design note 378), and every way of
connecting to that user@host:port (note 430). A password is never taken from another server, and never written
anywhere.
Items go only through the proxy they were queued through (``Server.proxy``, design note 213): a quick-connect
server's whatever the preferences name now, its password from the keyring only while the preferences still name
that proxy, else asked; a saved site's items pause, said, when the site goes through another proxy now.
Passwords are asked in the order the queue needs them (its items' order): a server's place is held while its
password is looked up in the keyring or, over TLS, while the server is met first — for at most ``HOLD_MS``, so
a server that does not answer never keeps the others' questions waiting (design note 209).

A server whose certificate the queue's login does not trust (one trusted "once" in the last run, one that
changed since) is the queue's ``certificateNeeded``: asked in the window's certificate dialog, as connecting
asks (``ConnectFlow.certificate_dialog``: a changed one said as a change). The questions come one at a time,
and over TLS the certificate comes before the password: the server is met first (``TransferQueue.look_first``).
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import time
from typing import Any, Callable, Deque, Optional, Tuple, Union

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog

from ..explain import describe_error
from ..ftp import SessionOptions
from ..ftp.proxy import parse_proxy
from ..sites.passwords import account
from ..sites.store import ANONYMOUS_PASSWORD
from ..transfers.endpoint import Endpoint
from ..transfers.runner import run_blocking
from ..transfers.servers import Server, proxy_url, server_for
from ..words import Words
from .connect_flow import allow_plain_also
from .dialogs import PasswordDialog
from .proxy_fields import GLOBAL_KEY
from .proxy_password import asked_for, key_for_site, lacks_password, say_refused, unread, with_password
from .site_passwords import remember_first

HOLD_MS = 2000  # how long a server still being met (or its keyring read) holds the password questions after it


class _Place:
    """A password question's place in the order, held while its server's password is looked for (the keyring)
    or its server is met first (``look_first``): ``opener`` once it is to be asked, ``held_until`` (monotonic
    seconds) the moment the questions behind it stop waiting for it."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.opener: Optional[Callable[[], Optional[QDialog]]] = None
        self.held_until = time.monotonic() + HOLD_MS / 1000


Question = Union[Callable[[], Optional[QDialog]], _Place]


class QueueLogins(QObject):
    """Answers the queue's ``credentialsNeeded`` for ``window`` (a ``MainWindow``)."""

    def __init__(self, window: Any):
        super().__init__(window)
        self.queue = window.queue
        self.prompt: Optional[QDialog] = None  # the question open now: a password, a certificate (for tests, keyboards)
        self._waiting: Deque[Question] = collections.deque()  # asked one at a time, passwords in the queue's order
        self._hold_ends = QTimer(self)  # when a held place stops holding the questions behind it
        self._hold_ends.setSingleShot(True)
        self._hold_ends.timeout.connect(self._ask_next)
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
        """The queue has items for ``server`` and no login for it: find one (or ask), then ``supply`` it. The
        items go only through the proxy they were queued through (``Server.proxy``, design note 213): a
        quick-connect server's is used whatever the preferences say now; a site that goes another way now (its
        own proxy, or the preferences' it uses, changed) pauses them, said."""
        site = self.window.store.get(server.site_id) if server.site_id and self.window.store is not None else None
        defaults = self.window.session_defaults()
        if site is not None:
            try:
                options = site.session_options(defaults)
            except ValueError as exc:  # the site's settings cannot be used now; the store says why
                self._give_up(server, exc)
                return
            if proxy_url(options.proxy) != server.proxy:
                self.queue.decline(server.key, _other_way(server.proxy, proxy_url(options.proxy)))
                return
            plain_ok = server.plain_ok
            server = server_for(site.endpoint(""), options, site.id, site.name)  # the site as it is now
            server = dataclasses.replace(server, plain_ok=server.plain_ok or plain_ok)
            go = functools.partial(self._site_login, server, site)
            self._with_proxy_password(server, _plain_as_agreed(server, options), key_for_site(site), go)
            return
        # a quick-connect server (or a site deleted since): its recorded security, encoding, mode and proxy
        recorded = parse_proxy(server.proxy) if server.proxy else None
        options = dataclasses.replace(
            defaults, tls=server.tls, encoding=server.encoding, mode=server.mode, proxy=recorded
        )
        # the preferences' proxy password is that proxy's only while the preferences name it
        key = GLOBAL_KEY if proxy_url(defaults.proxy) == server.proxy else None
        go = functools.partial(self._login, server)
        self._with_proxy_password(server, _plain_as_agreed(server, options), key, go)

    def _site_login(self, server: Server, site: Any, options: SessionOptions) -> None:
        connections = site.connections
        passwords = self.window.password_store()
        refused = self.queue.login_refused(server.key)
        who = account(site, options.proxy)  # (through the proxy its items go through: note 454)
        if refused:  # not the one remembered for the run any more: the window would have tried it again (note 378)
            passwords.forget(site.id, who)  # (nor one any other way remembered for its account: note 430)
        remembered = passwords.remembered(site.id, who) if site.logon == "ask" else None
        if site.logon == "anonymous":
            self._supply(server, site.endpoint("").password, options, connections)
        elif remembered is not None:  # a site that asks: typed once in this run, in a prompt that remembers it
            self._supply(server, remembered, options, connections)
        elif site.logon == "normal" and not refused:
            self._hold(server.key)  # (the keyring's answers may come in another order)
            run_blocking(
                passwords.get,
                site.id,
                who,  # (one remembered for the run first: typed at the Site Manager's Connect)
                on_done=lambda pw: self._from_keyring(server, options, connections, pw, None),
                on_error=lambda exc: self._from_keyring(server, options, connections, None, exc),
            )
        else:
            self._ask(server, options, connections)

    def _login(self, server: Server, options: SessionOptions) -> None:
        connections = self.window.prefs.transfer_connections
        if server.anonymous:
            self._supply(server, ANONYMOUS_PASSWORD, options, connections)
            return
        passwords = self.window.password_store()
        if self.queue.login_refused(server.key):  # (one remembered for its account was refused: asked, note 430)
            passwords.forget(None, account(server, server.proxy))
        # typed for this account, through this proxy, in a prompt that remembers (notes 430, 454)
        remembered = passwords.remembered(None, account(server, server.proxy))
        if remembered is not None:
            self._supply(server, remembered, options, connections)
        else:
            self._ask(server, options, connections)

    def _with_proxy_password(
        self, server: Server, options: SessionOptions, key: Optional[str], then: Callable[[SessionOptions], None]
    ) -> None:
        """``then(options)`` with the password of the proxy ``server``'s items go through (a proxy without a user
        at once): from the keyring entry ``key`` — where the window reads that proxy's now, the preferences' or
        the site's; None when no entry is that proxy's any more — else asked in its turn. Not given: the items
        pause, said. (Before, a restored item went to a proxy that needs one with none.)"""
        if not lacks_password(options):
            then(options)
            return
        place = self._hold(server.key)

        def found(password: Optional[str]) -> None:
            if password is None:
                ask()
            else:
                then(with_password(options, password))

        def ask(problem: Optional[BaseException] = None) -> None:
            if problem is not None and say_refused(self.window, problem):
                problem = None  # no keyring fit for passwords: said once a run, in words (note 305)
            # a keyring that cannot be read is said, now and in the prompt (it opened without a word: note 233)
            note = unread(asked_for(options.proxy), problem) if problem is not None else ""
            if note:
                self.window.show_error_text(note)
            self._fill(place, functools.partial(self._proxy_dialog, server, options, then, note))

        if key is None:
            ask()
        else:
            run_blocking(self.window.password_store().get, key, on_done=found, on_error=ask)

    def _from_keyring(
        self, server: Server, options: SessionOptions, connections: int, password: Optional[str], exc: Any
    ) -> None:
        if exc is not None and not say_refused(self.window, exc):  # (a refused keyring: once a run, note 305)
            self.window.show_error_text(unread(server.label(), exc))
        if password is None:
            self._ask(server, options, connections)
        else:
            self._supply(server, password, options, connections)

    def _supply(self, server: Server, password: str, options: SessionOptions, connections: int) -> None:
        self._release(server.key)
        endpoint = Endpoint(server.host, server.port, server.user, password)
        self.queue.supply(server, endpoint, options, connections)

    def _give_up(self, server: Server, exc: BaseException) -> None:
        self._release(server.key)
        self.window.show_error(exc)
        self.queue.decline(server.key)

    # --- asking the person ------------------------------------------------------------------------
    def _ask(self, server: Server, options: SessionOptions, connections: int) -> None:
        opener = functools.partial(self._password_dialog, server, options, connections)
        place = self._hold(server.key)
        if options.tls == "off":
            self._fill(place, opener)
        else:  # its certificate first: asked about before the password, if it is not trusted (design note 187)
            self.queue.look_first(server, options, functools.partial(self._fill, place, opener))

    def _hold(self, key: str) -> _Place:
        """``key``'s place among the password questions: the one it holds (asked again: its certificate was
        trusted meanwhile, or the keyring had no password), held anew, or a new one at the end."""
        for question in self._waiting:
            if isinstance(question, _Place) and question.key == key and question.opener is None:
                question.held_until = time.monotonic() + HOLD_MS / 1000
                break
        else:
            question = _Place(key)
            self._waiting.append(question)
        return question

    def _fill(self, place: _Place, opener: Callable[[], Optional[QDialog]]) -> None:
        if place in self._waiting:
            place.opener = opener
        else:  # (its place was given up: its server's login came meanwhile, and the dialog will not open)
            self._waiting.append(opener)
        self._ask_next()

    def _release(self, key: str) -> None:
        """``key`` needs no question any more (a login was found): its place, if it holds one, goes."""
        for question in list(self._waiting):
            if isinstance(question, _Place) and question.key == key and question.opener is None:
                self._waiting.remove(question)
        self._ask_next()

    def doubt(self, server: Server, exc: Any) -> None:
        """The queue's ``certificateNeeded``: ``server``'s certificate (``exc``, an ``UntrustedCertificate``)
        is not trusted by its login; asked as connecting asks (Trust once, Always trust, Cancel)."""
        question = functools.partial(self._certificate_dialog, server, exc)
        question.certificate = True  # (asked ahead of the servers still being met: ``_next``)
        self._later(question)

    def _later(self, opener: Callable[[], Optional[QDialog]]) -> None:
        """One question at a time: ``opener`` opens its dialog when those before it are answered (or returns
        None when it need not be asked any more)."""
        self._waiting.append(opener)
        self._ask_next()

    def _ask_next(self) -> None:
        while self.prompt is None:
            question, held_until = self._next()
            if question is None:
                if held_until is not None:  # looked at again when that place stops holding (a coarse timer
                    # may fire a little early: then it is set again)
                    self._hold_ends.start(max(1, int((held_until - time.monotonic()) * 1000) + 5))
                return
            self.prompt = question()

    def _next(self) -> Tuple[Optional[Callable[[], Optional[QDialog]]], Optional[float]]:
        """(the next question to ask, taken out of the line, or None; when the first place still held ends
        holding). The next is the first, unless a server's place still held (its server being met) is before
        it — then the first certificate question: a certificate question never waits for a held place (that
        server's look may be waiting for its answer)."""
        now = time.monotonic()
        held: Optional[float] = None
        for question in list(self._waiting):
            if isinstance(question, _Place):
                if question.opener is not None:
                    if held is not None:
                        continue
                    self._waiting.remove(question)
                    return question.opener, None
                if not self.queue.needs_login(question.key):
                    self._waiting.remove(question)  # its login came meanwhile (the person connected to it)
                    continue
                if held is None and now < question.held_until:
                    held = question.held_until
                continue
            if held is not None and not getattr(question, "certificate", False):
                continue
            self._waiting.remove(question)
            return question, None
        return None, held

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
        # asked again after the server refused the password typed (or the keyring's): said first, in its words
        refusal = self.queue.login_refusal(server.key)
        waiting = self._waiting_for(server) + (
            " "
            + self.tr("It offers no TLS: as when these transfers were queued, the password will travel unencrypted.")
            if server.plain_ok and server.tls == "auto"
            else ""
        )
        note = "\n".join(filter(None, (describe_error(refusal) if refusal is not None else "", waiting)))
        # a password can be remembered for the run, as a site's own prompt does: the Site Manager's Connect then
        # does not ask for it again (design note 378), nor a quick connect to the same account (note 430)
        store, passwords = self.window.store, self.window.password_store()
        site = store.get(server.site_id) if server.site_id and store is not None else None
        remember = remember_first(site, passwords) if site is not None and site.logon != "anonymous" else False
        dialog = PasswordDialog(server.address(), self.window, note=note, remember=remember)
        dialog.server_key = server.key  # (``given``)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                if dialog.remembers():  # (a quick-connect server's: for its account, note 430)
                    who = account(server, server.proxy)  # (through the proxy its items go through: note 454)
                    passwords.remember_for_session(site.id if site else None, dialog.password(), who)
                self._supply(server, dialog.password(), options, connections)
            elif self.queue.needs_login(server.key):  # (not when the window's connect gave it: ``given``)
                self.queue.decline(server.key)  # its items are paused: Resume asks again

        dialog.finished.connect(finished)  # (before _closed: the answer is in before the next question)
        return self._opened(dialog, "queuePasswordPrompt")

    def given(self, key: str) -> None:
        """The window logged in to the server ``key`` (the person typed its password at the Site Manager's
        Connect): a question open for that server's password is not asked any more — it stayed open, asking
        for a password the queue already had (design note 378)."""
        if self.prompt is not None and getattr(self.prompt, "server_key", None) == key:
            self.prompt.reject()

    def _proxy_dialog(
        self, server: Server, options: SessionOptions, then: Callable[[SessionOptions], None], why: str = ""
    ) -> Optional[QDialog]:
        """The question for the password of the proxy ``server``'s items go through (``why``: why the keyring
        gave none, said first)."""
        if not self.queue.needs_login(server.key):
            return None  # given meanwhile (the person connected to that server, through that proxy)
        proxy = options.proxy
        note = "\n".join(filter(None, (why, self._waiting_for(server))))
        dialog = PasswordDialog(asked_for(proxy), self.window, note=note)
        dialog.server_key = server.key  # (``given``)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                then(with_password(options, dialog.password()))
            elif self.queue.needs_login(server.key):  # its items are paused: Resume asks again
                self.queue.decline(server.key, Words("QueueModel", NO_PROXY_PASSWORD, proxy=proxy.url()))

        dialog.finished.connect(finished)  # (before _closed: the answer is in before the next question)
        return self._opened(dialog, "queueProxyPasswordPrompt")

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


NO_PROXY_PASSWORD = QT_TRANSLATE_NOOP("QueueModel", "no password was given for its proxy {proxy}")
OTHER_WAY = QT_TRANSLATE_NOOP(
    "QueueModel",
    "queued to go {then}, and its site goes {now} now: not sent another way (set the proxy back, or queue it again)",
)
DIRECTLY = QT_TRANSLATE_NOOP("QueueModel", "directly")
THROUGH = QT_TRANSLATE_NOOP("QueueModel", "through the proxy {proxy}")


def _other_way(then: str, now: str) -> Words:
    """Why a site's items pause: they were queued through the proxy ``then`` and the site goes through ``now``
    (proxy URLs; "" direct). One address through another proxy may be another machine."""

    def way(url: str) -> Words:
        return Words("QueueModel", THROUGH, proxy=url) if url else Words("QueueModel", DIRECTLY)

    return Words("QueueModel", OTHER_WAY, then=way(then), now=way(now))


def unrecorded_proxy(window: Any, server: Server) -> str:
    """The proxy a server an older ftpgui saved in ``queue.json`` (no proxy recorded) is taken to go through: the
    one that ftpgui took at each restart, and likely the one its items were queued through — its site's now,
    else the preferences' (design note 213). A site that cannot be read now: none (its items pause, said)."""
    site = window.store.get(server.site_id) if server.site_id and window.store is not None else None
    try:
        options = window.prefs.session_options()
        return proxy_url(site.session_options(options).proxy if site is not None else options.proxy)
    except ValueError:
        return ""


def _plain_as_agreed(server: Server, options: SessionOptions) -> SessionOptions:
    """A server the person agreed to use without TLS when its items were queued is not asked about again."""
    if not server.plain_ok or options.tls != "auto":
        return options
    return dataclasses.replace(options, allow_plain=allow_plain_also(options.allow_plain, server.host, server.port))
