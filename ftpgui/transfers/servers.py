"""Which server a queued transfer belongs to: a saved site, or the endpoint of a quick connect.

A :class:`Server` is what the queue records for every item (by its ``key``) and saves in ``queue.json``:
enough to find the same server again after a restart and to reconnect with the same security — never a
password. A saved site is known by its id (its host, port and user are kept too, for the queue view and in
case the site is deleted); a quick-connect server by its host, port, user, TLS mode and encoding, so that an
item queued over TLS never runs over plain FTP, and a name typed in one encoding is never sent in another.
Both by the proxy the items were queued through too (``proxy``: its URL — kind, user, host, port — never its
password): one address behind two proxies may be two machines, and the preferences' proxy changes for every
server at once (design note 213). The transfer mode is recorded but is not part of the identity: a person
who switches the browsing session to active mode is still on the same server, and the queue follows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Callable, Dict, Optional

from PySide6.QtCore import QCoreApplication

from ..ftp.options import TLS_MODES
from ..ftp.proxy import ProxyUrlError, parse_proxy
from ..ftp.safetext import format_address
from .items import NotSaved

ANONYMOUS_USERS = ("anonymous", "ftp")


@dataclass(frozen=True)
class Server:
    """A queue item's server. ``site_id`` is set for a saved site ("" for quick connect)."""

    host: str
    port: int = 21
    user: str = "anonymous"
    tls: str = "off"  # SessionOptions.tls: off | auto | require | implicit
    encoding: str = "utf-8"  # SessionOptions.encoding
    mode: str = "passive"  # SessionOptions.mode (recorded; not part of the identity)
    site_id: str = ""
    name: str = ""  # the site's name, for the queue view
    # "TLS if available" found none and the person said "connect without encryption" when the items were
    # queued: they may reconnect in plain FTP without asking again (not part of the identity)
    plain_ok: bool = False
    # the proxy the items go through, as ``Proxy.url()`` ("socks5://user@host:port": never its password); ""
    # direct. Part of the identity: the items go only this way (design note 213)
    proxy: str = ""

    @property
    def key(self) -> str:
        """The identity items refer to: equal keys are the same server for the queue. (A direct server's key
        is as it was before proxies were recorded.)"""
        via = f" via {self.proxy}" if self.proxy else ""
        if self.site_id:
            return f"site:{self.site_id}{via}"
        return f"{self.tls}:{self.user}@{format_address((self.host.lower(), self.port))}/{self.encoding}{via}"

    @property
    def anonymous(self) -> bool:
        """Logs in without a password of its own (anonymous FTP)."""
        return self.user.lower() in ANONYMOUS_USERS

    def label(self) -> str:
        """What the queue view shows: the site's name, else ``user@host:port``."""
        return self.name or f"{self.user}@{format_address((self.host, self.port))}"

    def address(self) -> str:
        """``user@host:port`` and the proxy it is reached through: for a password prompt and the queue view's
        tooltip (a site's name alone does not say where; one address through two proxies is two servers)."""
        address = f"{self.user}@{format_address((self.host, self.port))}"
        if not self.proxy:
            return address
        return QCoreApplication.translate("QueueModel", "{server} through the proxy {proxy}").format(
            server=address, proxy=self.proxy
        )

    def to_json(self) -> Dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any, unrecorded_proxy: Optional[Callable[[Server], str]] = None) -> Server:
        """From ``to_json``'s dict; a wrong shape raises ``NotSaved`` (the queue file is then set aside). A
        record of an older ftpgui names no proxy: ``unrecorded_proxy(server)`` gives the one it is taken to have
        gone through (the way that ftpgui would have taken now), else direct."""
        if not isinstance(data, dict):
            raise NotSaved(f"not a server: {data!r}")
        if not isinstance(data.get("host"), str) or not data["host"]:
            raise NotSaved(f"not a server: {data!r}", "host")
        known = {f.name: f for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        server = cls(**values)
        if "proxy" not in data and unrecorded_proxy is not None:
            server = replace(server, proxy=unrecorded_proxy(server))
        if not isinstance(server.proxy, str):
            raise NotSaved("server field 'proxy' must be text", "proxy")
        if server.proxy:
            try:
                server = replace(server, proxy=parse_proxy(server.proxy).url())  # (no password: it refuses one)
            except ProxyUrlError:
                raise NotSaved(f"not a proxy: {server.proxy!r}", "proxy") from None
        if not isinstance(server.port, int) or isinstance(server.port, bool) or not 1 <= server.port <= 65535:
            raise NotSaved(f"not a port: {server.port!r}", "port")
        if server.tls not in TLS_MODES:
            raise NotSaved(f"not a TLS mode: {server.tls!r}", "tls")
        for name in ("user", "encoding", "mode", "site_id", "name"):
            if not isinstance(getattr(server, name), str):
                raise NotSaved(f"server field {name!r} must be text", name)
        if not isinstance(server.plain_ok, bool):
            raise NotSaved("server field 'plain_ok' must be true or false", "plain_ok")
        return server


def server_for(endpoint: Any, options: Any, site_id: str = "", name: str = "") -> Server:
    """The :class:`Server` a session to ``endpoint`` (``worker.Endpoint``) with ``options`` (``SessionOptions``)
    is on (through ``options.proxy``); ``site_id`` and ``name`` when it was opened from a saved site."""
    allow = getattr(options, "allow_plain", None)
    plain_ok = options.tls == "auto" and allow is not None and bool(allow(endpoint.host, endpoint.port, ""))
    return Server(
        host=endpoint.host,
        port=endpoint.port,
        user=endpoint.user,
        tls=options.tls,
        encoding=options.encoding,
        mode=options.mode,
        site_id=site_id,
        name=name if site_id else "",
        plain_ok=plain_ok,
        proxy=proxy_url(options.proxy),
    )


def proxy_url(proxy: Any) -> str:
    """A ``Proxy`` as a server record names it: its URL (never its password); "" for none."""
    return proxy.url() if proxy is not None else ""
