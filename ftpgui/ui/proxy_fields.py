"""The proxy fields of the site manager and the preferences: which proxy (or none), host, port, user, password.

A proxy is kept as text (``Site.proxy``, ``Preferences.proxy``): a site's "default" (the preferences'),
"none", or a URL such as ``socks5://user@host:1080``; its password only in the keyring, under
:func:`password_key` (typed here, written by the dialog when it saves).
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from ..ftp.proxy import DEFAULT_PORTS, Proxy, ProxyUrlError, parse_proxy

DEFAULT, NONE = "default", "none"
GLOBAL_KEY = "proxy:global"  # the keyring entry of the preferences' proxy password


def password_key(site_id: Optional[str]) -> str:
    """The keyring entry of a site's proxy password (or the global one for ``None``)."""
    return f"proxy:{site_id}" if site_id else GLOBAL_KEY


def proxy_from_text(text: str) -> Optional[Proxy]:
    """A stored proxy: None for "", "none" and "default"; ProxyUrlError for a URL that cannot be used."""
    if text in ("", NONE, DEFAULT):
        return None
    return parse_proxy(text)


class ProxyFields(QWidget):
    """Kind (the preferences' / none / SOCKS5 / HTTP), host, port, user, password; ``edited`` on any change."""

    edited = Signal()

    def __init__(
        self, with_default: bool, parent: Optional[QWidget] = None, *, compact: bool = False, page: bool = False
    ):
        """``compact``: the note on active mode is the kind's tooltip, not a line (the long preferences form);
        ``page``: the fields are a tab's page, with margins (a form's field has none)."""
        super().__init__(parent)
        self._with_default = with_default
        self._compact = compact
        self.kind = QComboBox()
        if with_default:
            self.kind.addItem(self.tr("As in the preferences"), DEFAULT)
        self.kind.addItem(self.tr("No proxy"), NONE)
        self.kind.addItem("SOCKS5", "socks5")  # (protocol names: the same in every language)
        self.kind.addItem(self.tr("HTTP (CONNECT)"), "http")
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("proxy host"))
        self.port = QLineEdit()
        self.port.setMaximumWidth(70)
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("none"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self._keyring = True  # whether a password typed here can be kept (``keyring_found``: none usable)
        self.password.setPlaceholderText(self.tr("kept in the system keyring"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        grid = QGridLayout(self)
        if not page:  # (a tab of its own, as the Site Manager's Proxy: the style's margins, as its other tabs have)
            grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.kind, 0, 0, 1, 4)
        grid.addWidget(QLabel(self.tr("Host:")), 1, 0)
        grid.addWidget(self.host, 1, 1)
        grid.addWidget(QLabel(self.tr("Port:")), 1, 2)
        grid.addWidget(self.port, 1, 3)
        grid.addWidget(QLabel(self.tr("User:")), 2, 0)
        grid.addWidget(self.user, 2, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Password:")), 3, 0)
        grid.addWidget(self.password, 3, 1, 1, 3)
        grid.addWidget(self.note, 4, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)  # in a tab of its own, the fields stay at the top
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for field in (self.host, self.port, self.user):
            field.textEdited.connect(lambda _text: self.edited.emit())
        self.password_typed = False
        self.password.textEdited.connect(self._password_edited)
        self._loading = False
        self._update()

    def _password_edited(self, _text: str) -> None:
        self.password_typed = True
        self.edited.emit()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        if not self._loading and kind in DEFAULT_PORTS and not self.port.text().strip():
            self.port.setText(str(DEFAULT_PORTS[kind]))
        self._update()
        if not self._loading:
            self.edited.emit()

    def _update(self) -> None:
        kind = self.kind.currentData()
        on = kind in DEFAULT_PORTS
        for field in (self.host, self.port, self.user):
            field.setEnabled(on)
        self.password.setEnabled(on and self._keyring)
        if kind == "http":
            self.note.setText(
                self.tr("Passive mode only: an HTTP proxy cannot pass the server's connection back (active mode).")
            )
        elif kind == "socks5":
            self.note.setText(self.tr("Active mode works only if the proxy allows SOCKS BIND (many do not)."))
        else:
            self.note.setText("")
        self.kind.setToolTip(self.note.text())
        self.note.setVisible(bool(self.note.text()) and not self._compact)

    def set_value(self, text: str, password: str = "") -> None:
        """Show a stored proxy (a URL, "none" or "default"); ``password``: one typed before, not yet saved."""
        self._loading = True
        try:
            try:
                proxy = proxy_from_text(text)
            except ProxyUrlError:
                proxy = None
            key = proxy.kind if proxy else (text if text in (DEFAULT, NONE) else NONE)
            if key == DEFAULT and not self._with_default:
                key = NONE
            self.kind.setCurrentIndex(max(0, self.kind.findData(key)))
            self.host.setText(proxy.host if proxy else "")
            self.port.setText(str(proxy.port) if proxy else "")
            self.user.setText(proxy.user if proxy else "")
            self.password.setText(password)
            self.password_typed = bool(password)
        finally:
            self._loading = False
        self._update()

    def keyring_found(self, problem: object) -> None:
        """What a look at the keyring found (``PasswordStore.status``: None, or why passwords cannot be kept): with
        none usable, the password field says so plainly, as the site manager's does, and takes no password it
        could not keep — the proxy's password is asked for when a connection needs it."""
        self._keyring = problem is None
        if self._keyring:
            self.password.setPlaceholderText(self.tr("kept in the system keyring"))
            self.password.setToolTip("")
        else:  # (short: the whole sentence was cut in the preferences' field, "…you will be asked when ...")
            self.password.setPlaceholderText(self.tr("No keyring: asked when you connect"))
            self.password.setToolTip(
                self.tr("No usable keyring can keep the proxy's password: you will be asked for it when you connect.")
            )
        self._update()

    def value(self) -> str:
        """What to store: "default", "none" or the URL (never the password)."""
        kind = self.kind.currentData()
        if kind not in DEFAULT_PORTS:
            return kind
        host = self.host.text().strip()
        host = f"[{host}]" if ":" in host and not host.startswith("[") else host
        user = self.user.text().strip()
        port = self.port.text().strip() or str(DEFAULT_PORTS[kind])
        return f"{kind}://{user + '@' if user else ''}{host}:{port}"

    def problem(self) -> str:
        """Why the proxy as entered cannot be used (in the person's language), or ""."""
        from ..explain import describe_error

        try:
            proxy_from_text(self.value())
        except ProxyUrlError as exc:
            return describe_error(exc)
        return ""

    def typed_password(self) -> Optional[str]:
        """The password typed since ``set_value`` (None: untouched, keep the saved one)."""
        return self.password.text() if self.password_typed else None
