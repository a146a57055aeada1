"""The mode panel's words for a connection through a proxy: who dials whom through it (issue 20 item 8).

With a proxy, ftpgui never dials the server itself: it asks the proxy to (SOCKS5 CONNECT, HTTP CONNECT), and
in active mode asks a SOCKS5 proxy to listen for the server instead of listening itself (BIND).
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication

from ftpgui.ftp.events import ProxyHop
from ftpgui.ftp.safetext import format_address

from . import scene as sc

translate = QCoreApplication.translate  # lupdate reads the literal translate("ModePanel", …) calls


def kind_name(hop: ProxyHop) -> str:
    return "SOCKS5" if hop.kind == "socks5" else "HTTP CONNECT"  # protocol names: the same in every language


def _port(addr: Optional[sc.Address]) -> str:
    return str(addr[1]) if addr else "?"


def control(conn: sc.ConnectionScene) -> str:
    hop = conn.proxy
    assert hop is not None
    return translate(
        "ModePanel",
        "ftpgui asks the proxy {proxy} ({kind}) to connect to the server's port {server_port}; the proxy dials "
        "the server and passes the bytes both ways: the control connection. The server sees the proxy's "
        "address, not this computer's. Files and directory listings will go over separate data connections, "
        "through the proxy too.",
    ).format(proxy=format_address(hop.address), kind=kind_name(hop), server_port=_port(conn.server))


def request(ex: sc.Exchange) -> Optional[str]:
    """Active mode through a SOCKS5 proxy: the proxy listens, and PORT/EPRT names its address."""
    hop = ex.proxy
    if hop is None or ex.mode != "active" or not ex.planned or ex.advertised is None:
        return None
    host, port = ex.advertised
    return translate(
        "ModePanel",
        "Active mode through the proxy: ftpgui asks the proxy {proxy} to listen for the server (SOCKS BIND). "
        "The proxy listens on {host} port {port}, and {command} names that address, asking the server to "
        "connect there for the next transfer.",
    ).format(proxy=format_address(hop.address), host=host, port=port, command=ex.command)


def reply(ex: sc.Exchange, code: int, reply: str, verb: str) -> Optional[str]:
    """Active mode through a SOCKS5 proxy: the server's answer to PORT/EPRT is about the proxy's port, which
    the server is to connect to — not the client's, which the server never sees."""
    if ex.proxy is None or sc.PLANNING_VERBS.get(verb) != "active":
        return None
    if code == 425:
        return translate(
            "ModePanel", "The server could not, or would not, connect to the proxy's port {port}: {reply}"
        ).format(port=_port(ex.advertised), reply=reply)
    if code >= 400:
        return None  # (a refusal of the command: the same words as without a proxy)
    return translate(
        "ModePanel",
        "The server accepted {command} ({code}): it will connect to the proxy's port {port}, and the proxy hands "
        "the connection to ftpgui.",
    ).format(command=verb, code=code, port=_port(ex.advertised))


def dial(ex: sc.Exchange) -> Optional[str]:
    hop = ex.proxy
    if hop is None:
        return None
    if ex.dialer == "client":
        return translate(
            "ModePanel",
            "ftpgui asks the proxy {proxy} to connect to the server's data port {server_port}; the proxy dials "
            "it, and the data connection is up (ftpgui's end is its port {client_port}, to the proxy).",
        ).format(proxy=format_address(hop.address), server_port=_port(ex.remote), client_port=_port(ex.local))
    return translate(
        "ModePanel",
        "The server dials the proxy's port {proxy_port} from its port {server_port}; the proxy hands the "
        "connection to ftpgui over the connection ftpgui opened to it. The data connection is up.",
    ).format(proxy_port=_port(ex.target), server_port=_port(ex.remote))


def box_label(hop: ProxyHop) -> str:
    """The picture's proxy box: "SOCKS5 proxy" or "HTTP proxy"."""
    kind = "SOCKS5" if hop.kind == "socks5" else "HTTP"
    return translate("ModePanel", "{kind} proxy").format(kind=kind)
