"""Site passwords: only in the system keyring (service ``ftpgui``), never in a file, never in plain text.

Every call here may block — the Secret Service can wait for an unlock prompt — so the GUI makes them only
through :func:`ftpgui.transfers.runner.run_blocking`. Only the backends known to encrypt what they keep are
used: the Secret Service (GNOME Keyring, KeePassXC…), KWallet, the macOS Keychain and the Windows
Credential Locker (:data:`ENCRYPTING`). Any other — a plain file (keyrings.alt's ``PlaintextKeyring`` and
the like), one that admits it is a poor choice (priority below 1), keyring's ``fail``/``null`` stand-ins,
or a third-party backend whatever priority it claims — counts as "no usable keyring": then nothing is
stored, and a password the person types can be remembered in this process's memory until the app closes
(:meth:`PasswordStore.remember_for_session`: tied to the account it was typed for and the proxy it went through,
``account``).
"""

from __future__ import annotations

import sys
import threading
from typing import Any, Dict, List, NamedTuple, Optional, Set, Tuple

from ..explain import QT_TRANSLATE_NOOP
from ..ftp.proxy import ProxyUrlError, parse_proxy

SERVICE = "ftpgui"
MIN_PRIORITY = 1

# Backends that keep passwords readable in a file, store nothing, or would block on a terminal prompt.
_REFUSED = {
    "keyring.backends.fail.Keyring": "stand-in",
    "keyring.backends.null.Keyring": "stand-in",
    "keyrings.alt.file.PlaintextKeyring": "plaintext",
    "keyrings.alt.pyfs.PlaintextKeyring": "plaintext",
    "keyrings.alt.file.EncryptedKeyring": "terminal",
    "keyrings.alt.pyfs.EncryptedKeyring": "terminal",
    "keyrings.alt.Gnome.Keyring": "retired",
    "keyrings.alt.Google.DocsKeyring": "remote",
}

# The backends that keep passwords encrypted by the desktop or the OS (keyring's own modules, by full name).
ENCRYPTING = frozenset(
    {
        "keyring.backends.SecretService.Keyring",  # GNOME Keyring, KeePassXC and others over D-Bus
        "keyring.backends.libsecret.Keyring",  # the same service through libsecret
        "keyring.backends.kwallet.DBusKeyring",  # KWallet 5/6
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",  # the macOS Keychain
        "keyring.backends.Windows.WinVaultKeyring",  # the Windows Credential Locker
    }
)
_vouched: Set[type] = set()  # backend classes a caller vouches for (a test's in-memory keyring)
# whom a remembered password was typed for: (host in lower case, port, user), and the proxy the login went
# through when there is one ("kind://host:port", ``proxy_key``)
Account = Tuple[Any, ...]


def account(site: Any, proxy: Any = None) -> Account:
    """The account a saved site (a queue's ``Server``, an ``Endpoint``) logs in to, through ``proxy`` (a
    ``Proxy``, its URL, or None/"" for none; a saved site's own setting is read by ``site_proxy``): a password
    remembered for the run is given only while the site still names that account, and only through the same
    proxy — another proxy would see or relay a login the person never agreed to send that way (design note
    454). Direct: the three as before."""
    who = (site.host.lower(), site.port, site.user)
    via = proxy_key(proxy)
    return (*who, via) if via else who


def proxy_key(proxy: Any) -> str:
    """Which proxy a login goes through, as the memory tells them apart: "kind://host:port" (the host in lower
    case; not its user, the same machine relays the login whoever it is for), "" for none. ``proxy``: a
    ``Proxy``, a URL ("" or "none": none), or None."""
    if proxy is None:
        return ""
    if isinstance(proxy, UnusableProxy):
        return "unusable:" + proxy.text
    if isinstance(proxy, str):
        text = proxy.strip()
        if text.lower() in ("", "none"):
            return ""
        try:
            proxy = parse_proxy(text)
        except ProxyUrlError:
            return "unusable:" + text  # (no connection goes through it: no other proxy's either)
    return f"{proxy.kind}://{proxy.shown.lower()}"


class UnusableProxy(NamedTuple):
    """A saved site's own proxy setting that names no proxy ftpgui can use (``text``): none of its connections
    is made (``Site.session_options`` refuses the site), so it is no other proxy's account either."""

    text: str


def site_proxy(site: Any, default: Any) -> Any:
    """The proxy a saved site's connections go through, as ``Site.proxy_via`` reads its setting (the reading its
    connections use): its own ``Proxy``, none, or ``default`` (the preferences' — a ``Proxy``, a URL, or None) for
    "default"; an ``UnusableProxy`` for a setting that cannot be used ("" too: it had counted as "default" here
    and was refused as a URL for the connection — design note 477)."""
    try:
        return site.proxy_via(default)
    except ProxyUrlError:
        return UnusableProxy(site.proxy)


def vouch_for(backend_class: type) -> None:
    """Accept ``backend_class`` as if it were on :data:`ENCRYPTING`: its caller vouches that it keeps
    passwords safe (the tests' in-memory keyring). Nothing in ftpgui itself calls this."""
    _vouched.add(backend_class)


# The words for each reason; shown through the translator the GUI installs (ftpgui.explain.tr).
_WORDS = {
    "none": QT_TRANSLATE_NOOP("explain", "no system keyring was found"),
    "setup": QT_TRANSLATE_NOOP("explain", "the keyring could not be set up ({detail})"),
    # keyring's "fail" and "null" backends stand in when no real one answered: say that, not their class name
    "stand-in": QT_TRANSLATE_NOOP(
        "explain",
        "no system keyring answered (no Secret Service such as GNOME Keyring or KeePassXC, and no KWallet)",
    ),
    "plaintext": QT_TRANSLATE_NOOP("explain", "{backend} keeps passwords in a plain-text file"),
    "terminal": QT_TRANSLATE_NOOP("explain", "{backend} asks for its own password on a terminal"),
    "retired": QT_TRANSLATE_NOOP("explain", "{backend} relies on retired GNOME bindings"),
    "remote": QT_TRANSLATE_NOOP("explain", "{backend} keeps passwords in an online document"),
    "low-priority": QT_TRANSLATE_NOOP("explain", "{backend} says it is not a real keyring (priority {detail})"),
    "unknown": QT_TRANSLATE_NOOP("explain", "{backend} is not a keyring known to encrypt the passwords it keeps"),
    "locked": QT_TRANSLATE_NOOP("explain", "the system keyring is locked"),
    "failed": QT_TRANSLATE_NOOP("explain", "the system keyring failed ({detail})"),
}


class PasswordUnavailable(Exception):
    """The keyring cannot be used (none, plaintext only, locked, or it failed); ``code`` says which."""

    def __init__(self, code: str, backend: str = "", detail: str = ""):
        self.code, self.backend, self.detail = code, backend, detail
        super().__init__(_WORDS[code].format(backend=backend, detail=detail))

    def text(self) -> str:
        """The reason in the person's language."""
        from ..explain import tr

        return tr(_WORDS[self.code]).format(backend=self.backend, detail=self.detail)


def refused_keyring(problem: BaseException) -> bool:
    """``problem`` says there is no keyring fit for passwords (none, or one the allow-list refuses) — not that a
    usable one failed to answer (locked, failing)."""
    return isinstance(problem, PasswordUnavailable) and problem.code not in ("locked", "failed")


def backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _priority(backend: object) -> float:
    try:
        return float(backend.priority)  # type: ignore[attr-defined]
    except Exception:  # a backend's priority probe may raise (no D-Bus, missing library)
        return float("-inf")


def refusal(backend: object) -> Optional[PasswordUnavailable]:
    """Why ``backend`` may not hold passwords, or ``None`` when it may."""
    name = backend_name(backend)
    if name in _REFUSED:
        return PasswordUnavailable(_REFUSED[name], name)
    if "plaintext" in name.lower():
        return PasswordUnavailable("plaintext", name)
    prio = _priority(backend)
    if prio < MIN_PRIORITY:
        return PasswordUnavailable("low-priority", name, f"{prio:g}")
    if not _known_encrypting(backend):  # whatever priority it claims: a high one is easily claimed
        return PasswordUnavailable("unknown", name)
    return None


def _known_encrypting(backend: object) -> bool:
    """True for an instance of exactly one of keyring's own encrypting classes (not a subclass, and not a
    class that merely names itself like one: the class in keyring's module must be this very class)."""
    cls = type(backend)
    if cls in _vouched:
        return True
    if backend_name(backend) not in ENCRYPTING:
        return False
    module = sys.modules.get(cls.__module__)
    return module is not None and getattr(module, cls.__qualname__, None) is cls


class PasswordStore:
    """Get, set and delete a site's password in the keyring; blocking — call it off the GUI thread."""

    def __init__(self, backend: object = None):
        self._backend = backend  # None: whatever keyring.get_keyring() chooses (tests set_keyring an own one)
        # "remember until the app closes" — this process's memory only: key → (the account it was typed for, or
        # None for a proxy's; the password)
        self._memory: Dict[Any, Tuple[Optional[Account], str]] = {}  # (a site id, or ("account", who))
        self._lock = threading.Lock()
        self.notice_shown = False  # the GUI says "no usable keyring" once per run
        self.refusal_said = False  # (the window's log and status bar, once per run: ``proxy_password.say_refused``)
        # what the last look at the keyring found (``status``, or a read that failed): None before any; False
        # with ``problem`` saying why passwords cannot be saved now (the window's password prompt offers to
        # save only when True)
        self.can_save: Optional[bool] = None
        self.problem: Optional[PasswordUnavailable] = None

    # --- which backend -------------------------------------------------------------------------------
    def _candidates(self) -> List[object]:
        if self._backend is not None:
            return [self._backend]
        import keyring
        from keyring.backends import chainer

        kr = keyring.get_keyring()
        if isinstance(kr, chainer.ChainerBackend):
            return sorted(kr.backends, key=_priority, reverse=True)
        return [kr]

    def backend(self) -> object:
        """The keyring backend passwords go to; :class:`PasswordUnavailable` when there is none fit for it."""
        try:
            candidates = self._candidates()
        except Exception as exc:
            raise PasswordUnavailable("setup", detail=type(exc).__name__) from None
        first: Optional[PasswordUnavailable] = None
        for candidate in candidates:
            why = refusal(candidate)
            if why is None:
                return candidate
            first = first or why
        raise first or PasswordUnavailable("none")

    def status(self) -> Optional[PasswordUnavailable]:
        """``None`` when passwords can be kept, else why not (blocking: it may probe D-Bus)."""
        try:
            self.backend()
        except PasswordUnavailable as exc:
            self._found(exc)
            return exc
        self._found(None)
        return None

    def _found(self, problem: Optional[PasswordUnavailable]) -> None:
        self.can_save, self.problem = problem is None, problem

    def usable(self) -> Tuple[bool, str]:
        """``(True, backend name)`` or ``(False, why not)``."""
        try:
            return True, backend_name(self.backend())
        except PasswordUnavailable as exc:
            return False, str(exc)

    # --- the passwords -------------------------------------------------------------------------------
    def get(self, site_id: str, who: Optional[Account] = None) -> Optional[str]:
        """The password for the site: one remembered for it in this run (for the account ``who`` when given), else
        the keyring's, else one remembered for that account by another way (a quick connect's: design note 430 —
        after the keyring's, which was saved for this very site); ``None`` if there is none."""
        own = self.remembered(site_id, who, others=False)
        if own is not None:
            return own
        other = self.remembered(None, who) if who is not None else None
        try:
            saved = self.saved(site_id)
        except PasswordUnavailable:
            if other is not None:  # (no keyring fit for passwords: the one the person let us remember)
                return other
            raise
        return saved if saved is not None else other

    def saved(self, site_id: str) -> Optional[str]:
        """The password the keyring holds for the site (never one remembered for the run: the Site Manager says
        which of the two there is, design note 395), ``None`` if it holds none."""
        try:
            backend = self.backend()
            try:
                return backend.get_password(SERVICE, site_id)  # type: ignore[attr-defined]
            except Exception as exc:
                raise _unavailable("read", exc) from None
        except PasswordUnavailable as problem:
            self._found(problem)
            raise

    def set(self, site_id: str, password: str) -> None:
        backend = self.backend()
        try:
            backend.set_password(SERVICE, site_id, password)  # type: ignore[attr-defined]
        except Exception as exc:
            raise _unavailable("save", exc) from None
        with self._lock:
            self._memory.pop(site_id, None)

    def delete(self, site_id: str) -> None:
        """Forget the password (keyring and memory); no entry is not an error."""
        from keyring.errors import PasswordDeleteError

        with self._lock:
            self._memory.pop(site_id, None)
        backend = self.backend()
        try:
            backend.delete_password(SERVICE, site_id)  # type: ignore[attr-defined]
        except PasswordDeleteError:
            pass
        except Exception as exc:
            raise _unavailable("delete", exc) from None

    def remember_for_session(self, site_id: Optional[str], password: str, who: Optional[Account] = None) -> None:
        """Keep ``password`` in memory until the app closes (never on disk), for the account ``who`` (``account``:
        user@host:port and the proxy the login goes through) when given: every way of connecting to the site reads
        it there (``remembered``), and every way of connecting to that account through the same proxy (or none), a
        quick connect's too. ``site_id`` None: typed for
        the account alone (a quick connect's prompt, the queue's for a quick-connect server)."""
        key: Any = site_id if site_id is not None else ("account", who)
        with self._lock:
            self._memory.pop(key, None)  # (the newest last: an account's is looked for from the end)
            self._memory[key] = (who, password)

    def remembered(self, site_id: Optional[str], who: Optional[Account] = None, others: bool = True) -> Optional[str]:
        """The password remembered for this run (memory only, never blocking), ``None`` if there is none. With
        ``who``: only one typed for that account through the same proxy (or none: note 454) — one typed before
        the site's host, port, user or proxy changed is forgotten, never sent to the server the site names now;
        the site's own first, else the newest typed for that same account by any other way (another site, a quick
        connect: design note 430) unless ``others`` is False."""
        with self._lock:
            kept = self._memory.get(site_id) if site_id is not None else None
            if kept is not None:
                typed_for, password = kept
                if who is None or typed_for is None or typed_for == who:
                    return password
                del self._memory[site_id]
            if who is None or not others:
                return None
            for typed_for, password in reversed(list(self._memory.values())):
                if typed_for == who:
                    return password
            return None

    def forget(self, site_id: Optional[str], who: Optional[Account] = None) -> None:
        """Forget the password remembered for this run (the site's account changed); with ``who``, every one
        remembered for that account too, through whichever proxy (its server refused one: none of them is tried
        again). The keyring is not touched."""
        with self._lock:
            if site_id is not None:
                self._memory.pop(site_id, None)
            if who is not None:
                gone = [k for k, (typed_for, _pw) in self._memory.items() if typed_for and typed_for[:3] == who[:3]]
                for key in gone:
                    del self._memory[key]

    def forget_session(self) -> None:
        with self._lock:
            self._memory.clear()


def _unavailable(action: str, exc: BaseException) -> PasswordUnavailable:
    # Only the exception's class goes into the message: a backend's own text might quote what it was given.
    from keyring.errors import KeyringLocked

    if isinstance(exc, KeyringLocked):
        return PasswordUnavailable("locked", detail=action)
    return PasswordUnavailable("failed", detail=f"{action}: {type(exc).__name__}")
