"""The proxy's password at connect time: from the keyring (off the GUI thread), else asked for; and saving
the one typed in the preferences. The main window's connect flow and preferences call these."""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Optional

from PySide6.QtCore import QCoreApplication

from ..ftp import SessionOptions
from ..transfers.runner import run_blocking
from .dialogs import PasswordDialog
from .proxy_fields import GLOBAL_KEY, password_key


def key_for_site(site: Any) -> str:
    """Where a site's proxy password is kept: its own proxy's entry, or the preferences' one."""
    return password_key(site.id) if site is not None and site.proxy not in ("default", "none") else GLOBAL_KEY


def lacks_password(options: SessionOptions) -> bool:
    """Whether ``options`` go through a proxy with a user and, as yet, no password (one to read or ask for)."""
    proxy = options.proxy
    return proxy is not None and bool(proxy.user) and not proxy.password


def with_password(options: SessionOptions, password: str) -> SessionOptions:
    """``options`` with their proxy's password filled in."""
    return dataclasses.replace(options, proxy=dataclasses.replace(options.proxy, password=password))


def asked_for(proxy: Any) -> str:
    """What a password prompt for ``proxy``'s password names."""
    return QCoreApplication.translate("proxy", "the proxy {user}@{proxy}").format(user=proxy.user, proxy=proxy.shown)


def unread(what: str, problem: BaseException) -> str:
    """Why the keyring gave no password for ``what`` (a server's label, or ``asked_for``'s proxy): ``problem``,
    the read's failure, in the words the queue says for a site's own password (design note 233)."""
    from ..explain import describe_error
    from ..sites.passwords import PasswordUnavailable

    why = problem.text() if isinstance(problem, PasswordUnavailable) else describe_error(problem)
    return QCoreApplication.translate("QueueLogins", "The password for {server} could not be read: {why}").format(
        server=what, why=why
    )


def say_refused(window: Any, problem: BaseException) -> bool:
    """When ``problem`` (a keyring read's failure) only says that no keyring fit for passwords is there — a
    plain-text one the allow-list refuses, none at all — it is said once a run, in the words the Site Manager
    says it in, as news in the log and the status bar (it was a red "could not be read" error for every site's
    password at every start: design note 305); True then. A keyring that is there and failed (locked): False,
    the caller says it as an error."""
    from ..sites.passwords import refused_keyring

    if not refused_keyring(problem):
        return False
    store = window.password_store()
    if not store.refusal_said:
        store.refusal_said = True
        text = QCoreApplication.translate(
            "QueueLogins",
            "Passwords cannot be saved: {reason}. You will be asked for them when you connect, and can have them "
            "remembered until ftpgui closes.",
        ).format(reason=problem.text())
        window.log.add_lines([("status", text)])
        window.status_message(text)
    return True


def with_proxy_password(window: Any, options: SessionOptions, key: str, then: Callable[[SessionOptions], None]) -> None:
    """``then(options)`` with the proxy's password filled in; a proxy without a user goes on at once. A keyring
    that cannot be read is said, in the status bar, the log and the prompt that asks instead (note 233)."""
    if not lacks_password(options):
        then(options)
        return
    proxy = options.proxy

    def go(password: str) -> None:
        then(with_password(options, password))

    def ask(problem: Optional[BaseException] = None) -> None:
        if problem is not None and say_refused(window, problem):
            problem = None  # (said: the prompt asks as with an empty keyring)
        note = unread(asked_for(proxy), problem) if problem is not None else ""
        if note:
            window.show_error_text(note)
        dialog = PasswordDialog(asked_for(proxy), window, note=note)
        dialog.accepted.connect(lambda: go(dialog.password()))
        window._open_prompt(dialog)

    run_blocking(
        window.password_store().get,
        key,
        on_done=lambda password: go(password) if password is not None else ask(),
        on_error=ask,
    )


def show_keyring(window: Any, fields: Any) -> None:
    """Let the preferences' proxy fields say whether the keyring can keep the password typed there: what the
    window's store last found at once, then a look at the keyring off the GUI thread (``keyring_found``)."""
    store = window.password_store()
    if store.can_save is not None:
        fields.keyring_found(store.problem if not store.can_save else None)
    run_blocking(store.status, on_done=fields.keyring_found)


def save_typed_password(window: Any, password: Optional[str]) -> None:
    """The preferences' proxy password, when one was typed: into the keyring, off the GUI thread."""
    if password is None:
        return
    store = window.password_store()
    if password:
        run_blocking(store.set, GLOBAL_KEY, password, on_error=window.show_error)
    else:
        run_blocking(store.delete, GLOBAL_KEY, on_error=window.show_error)
