"""The quick-connect bar: host, user, password, port, Connect, and the recent servers (never passwords).

The host field takes a host name or a URL; its scheme says how TLS is used, as in FileZilla: ``ftp://`` or a
bare host is FTP over TLS if available (the preferences can change that), ``ftpes://`` explicit TLS required,
``ftps://`` implicit TLS (port 990 unless given).

What a URL in the host field names (user, password, port, path) wins over the fields, and the fields then show
what is used. A field the URL does not name is used only if the person typed it (or picked a recent server)
for this connect, not if it is still what the last connection left there; and the Password field is sent only
with the user and server it was typed for: one left from the last connection only to that connection's server,
port and user, one typed now only if the User field shows no other user. Otherwise it is not sent, and the
window asks for the password (design note 314).
"""

from __future__ import annotations

from typing import Any, List, Optional, Tuple
from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QToolButton, QWidget

from ..explain import describe_error
from ..ftp import UrlError, parse_url
from ..ftp.safetext import format_address
from ..transfers.endpoint import Endpoint


class QuickConnectError(ValueError):
    """What is wrong with the fields, in words."""


def with_scheme(scheme: str, host: str) -> str:
    """What the host field shows for a recent server: the bare host for ``ftp``, else a URL."""
    if scheme == "ftp":
        return host
    return f"{scheme}://[{host}]" if ":" in host else f"{scheme}://{host}"


def _target(host: str, port: int, user: str) -> Tuple[str, int, str]:
    """Whom a password is for: the server, its port and the user ("anonymous" for none)."""
    return host.strip("[]").lower(), int(port), user.strip() or "anonymous"


class QuickConnectBar(QWidget):
    """Emits ``connectRequested(endpoint, path, scheme)``; recent servers fill the fields, never a password."""

    # Endpoint, initial remote path ("" for the login folder), scheme ("ftp" also for a bare host, "ftpes", "ftps")
    connectRequested = Signal(object, str, str)
    invalid = Signal(str)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("quickConnect")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 12, 2)
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("host or ftp:// address"))
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("anonymous"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.port = QLineEdit()
        self.port.setPlaceholderText("21")
        self.port.setValidator(QIntValidator(1, 65535, self.port))
        self.port.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 8)
        for label, field, stretch in (
            (self.tr("H&ost:"), self.host, 3),  # Alt+H is Help
            (self.tr("&User:"), self.user, 2),
            (self.tr("Pass&word:"), self.password, 2),
            (self.tr("&Port:"), self.port, 0),
        ):
            lab = QLabel(label)
            lab.setBuddy(field)
            row.addWidget(lab)
            row.addWidget(field, stretch)
            field.returnPressed.connect(self.submit)
        self.connect_button = QPushButton(self.tr("Co&nnect"))  # Alt+C: the mode panel's Connection
        self.connect_button.clicked.connect(self.submit)
        row.addWidget(self.connect_button)
        self.recent_button = QToolButton()
        self.recent_button.setText(self.tr("Recent"))
        self.recent_button.setToolTip(self.tr("Recent servers"))
        self.recent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent_menu = QMenu(self.recent_button)
        self.recent_button.setMenu(self.recent_menu)
        row.addWidget(self.recent_button)
        self.set_recent([])
        self._left: Optional[Tuple[str, ...]] = None  # the fields as the last connection left them
        self._password_for: Optional[Tuple[str, int, str]] = None  # (host, port, user) the left password is for

    def _fields(self) -> List[QLineEdit]:
        return [self.host, self.port, self.user, self.password]

    def _leave(self, password_for: Optional[Tuple[str, int, str]]) -> None:
        """The fields as they are now name a connection (made or shown): each is "left", not typed for the
        next connect, until the person changes it; the password in the field is for ``password_for``."""
        for field in self._fields():
            field.setModified(False)
        self._left = tuple(field.text() for field in self._fields())
        self._password_for = password_for

    def _typed(self, field: QLineEdit) -> str:
        """The field's text if the person typed it (or picked a recent server) for this connect; "" if it is
        what the last connection left there."""
        index = self._fields().index(field)
        left = self._left is not None and not field.isModified() and self._left[index] == field.text()
        return "" if left else field.text().strip()

    def set_recent(self, servers: List[Any]) -> None:
        """Fill the drop-down from ``SiteStore.recent()`` (objects with host, port, user and scheme)."""
        self.recent_menu.clear()
        for srv in servers:
            user = getattr(srv, "user", "") or ""
            scheme = getattr(srv, "scheme", "ftp") or "ftp"
            server = format_address((srv.host, srv.port))
            label = f"{user}@{server}" if user else server
            action = self.recent_menu.addAction(label if scheme == "ftp" else f"{scheme}://{label}")
            action.triggered.connect(lambda _=False, s=srv, u=user, sc=scheme: self.fill(s.host, s.port, u, sc))
        self.recent_button.setEnabled(bool(servers))

    def fill(self, host: str, port: int, user: str, scheme: str = "ftp") -> None:
        self.host.setText(with_scheme(scheme, host))
        self.port.setText(str(port))
        self.user.setText(user)
        self.password.clear()
        for field in (self.host, self.port, self.user):
            field.setModified(True)  # picked for this connect
        self.password.setFocus()

    def show_connection(self, host: str, port: int, user: str, scheme: str = "ftp") -> None:
        """The connection in use (a site, the practice server), so the bar never shows another; the
        password field is cleared unless the bar already named this server (it never shows a site's)."""
        text = with_scheme(scheme, host)
        same = (self.host.text().strip(), self.port.text().strip(), self.user.text().strip() or "anonymous") == (
            text,
            str(port),
            user,
        )
        if not same:
            self.host.setText(text)
            self.port.setText(str(port))
            self.user.setText(user)
            self.password.clear()
        self._leave(_target(host, port, user))

    def clear_connection(self) -> None:
        """No server (a server tab not connected yet): empty fields, ready to type one."""
        for field in self._fields():
            field.clear()
        self._left = self._password_for = None

    def endpoint(self) -> tuple:
        """``(Endpoint, path, scheme)`` from the fields; raises :class:`QuickConnectError`."""
        text = self.host.text().strip()
        if not text:
            raise QuickConnectError(self.tr("Enter the server's host name or address."))
        path, scheme = "", "ftp"
        if "://" in text:
            try:
                url = parse_url(text)
            except UrlError as exc:
                raise QuickConnectError(describe_error(exc)) from None
            host, path, scheme = url.host, url.path, url.scheme
            port_text = "" if urlsplit(text).port is not None else self._typed(self.port)
            port = int(port_text) if port_text else url.port  # (the scheme's port if neither names one)
            user = url.user or self._typed(self.user)
            if url.password is not None:
                return self._checked(Endpoint(host, port, user or "anonymous", url.password), path, scheme)
        else:
            host = text.strip("[]")
            if any(c.isspace() for c in host) or "/" in host:
                raise QuickConnectError(self.tr("The host name {host!r} is not valid.").format(host=text))
            port_text = self.port.text().strip()
            port = int(port_text) if port_text else 21
            user = self.user.text().strip()
        password = self.password.text() if self._password_fits(host, port, user) else ""
        return self._checked(Endpoint(host, port, user or "anonymous", password), path, scheme)

    def _password_fits(self, host: str, port: int, user: str) -> bool:
        """Whether the Password field is for this account: typed for this connect with no other user in the User
        field, or left from the last connection to this server, port and user. Never sent to another (design
        note 314)."""
        if self._typed(self.password):
            beside = self.user.text().strip()
            return not beside or beside == (user or "anonymous")
        return self._password_for == _target(host, port, user)

    def _checked(self, endpoint: Endpoint, path: str, scheme: str) -> tuple:
        if not 1 <= endpoint.port <= 65535:
            raise QuickConnectError(self.tr("The port must be between 1 and 65535."))
        return endpoint, path, scheme

    def show_used(self, endpoint: Endpoint) -> None:
        """The fields show what a connect uses (a URL's port and user, the password sent or none), and are left:
        what the person types next is for the next connect."""
        self.port.setText(str(endpoint.port))
        self.user.setText("" if endpoint.user == "anonymous" and not self.user.text().strip() else endpoint.user)
        if self.password.text() != endpoint.password:
            self.password.setText(endpoint.password)
        self._leave(_target(endpoint.host, endpoint.port, endpoint.user))

    def submit(self) -> None:
        try:
            endpoint, path, scheme = self.endpoint()
        except QuickConnectError as exc:
            self.invalid.emit(str(exc))
            return
        self.show_used(endpoint)
        self.connectRequested.emit(endpoint, path, scheme)
