"""Why a data connection failed, derived from where and how it failed (DESIGN.md, "Diagnosis vocabulary").

Causes are codes; the sentences for people live in ``ftpgui/explain.py``.
"""

from __future__ import annotations

from typing import Optional

from .replies import is_private

SERVER_FIREWALL = "server-firewall"
CLIENT_FIREWALL = "client-firewall"
CLIENT_NAT = "client-nat"
SERVER_REFUSED = "server-refused"
SERVER_REJECTED = "server-rejected"  # passive: our data connection was made, and the server answered 425
PORT_ADDRESS = "port-address"  # active: the server refused the address PORT/EPRT named ("Illegal PORT")
NAT_ADDRESS = "nat-address"
TLS = "tls"
OTHER = "other"

CAUSES = (
    SERVER_FIREWALL,
    CLIENT_FIREWALL,
    CLIENT_NAT,
    SERVER_REFUSED,
    SERVER_REJECTED,
    PORT_ADDRESS,
    NAT_ADDRESS,
    TLS,
    OTHER,
)
# What servers say when PORT/EPRT names another address than the control connection's peer: vsftpd and
# proftpd "Illegal PORT command.", pure-ftpd "I won't open a connection to …".
_ADDRESS_REFUSALS = ("illegal port", "illegal eprt", "won't open a connection", "will not open a connection")


def derive_cause(
    mode: str,
    stage: str,
    *,
    refused_code: Optional[int] = None,
    refused_text: Optional[str] = None,
    advertised_host: Optional[str] = None,
    server_host: Optional[str] = None,
) -> str:
    """The cause for a failure at ``stage`` in ``mode``; never assumed from the mode alone.

    - command stage with a 4xx/5xx to PASV/EPSV/PORT/EPRT → the server refused the mode, or, when its
      words say the address in PORT/EPRT is not allowed, that address (``port-address``);
    - passive, our connect timed out or was refused → a firewall at the server (likely);
    - passive, our connection was made and the server answered 425 to the transfer command → the server
      rejected the data connection (vsftpd: "425 Security: Bad IP connecting");
    - active, our accept timed out or the server answered 425 → a private advertised address seen from
      a public server means NAT at the client, otherwise a firewall at the client (likely);
    - a TLS failure → tls.
    """
    if stage == "tls":
        return TLS
    if stage == "command":
        if refused_code is None or refused_code < 400:
            return OTHER
        said = (refused_text or "").lower()
        if mode == "active" and any(words in said for words in _ADDRESS_REFUSALS):
            return PORT_ADDRESS
        return SERVER_REFUSED
    if mode == "passive" and stage == "connect":
        return SERVER_REJECTED if refused_code == 425 else SERVER_FIREWALL
    if mode == "active" and stage == "accept":
        if advertised_host and server_host and is_private(advertised_host) and not is_private(server_host):
            if not _is_loopback(server_host):
                return CLIENT_NAT
        return CLIENT_FIREWALL
    return OTHER


def _is_loopback(host: str) -> bool:
    return host.startswith("127.") or host == "::1"


# --- causes read from what real daemons answer (issue 21 item 2) and the TLS comparison (item 3) ---------
FOREIGN_ADDRESS = "foreign-address"  # the data connection came from another address than the control's
DATA_REJECTED = "server-rejected"  # our data connection was made, then the server answered 425: its own choice
TLS_HELPER = "tls-helper"  # plain passive works, TLS passive times out: a firewall's FTP helper is blind
EXPERT_CAUSES = (FOREIGN_ADDRESS, DATA_REJECTED, TLS_HELPER)


def cause_from_reply(mode: str, stage: str, code: Optional[int], text: str, *, connected: bool) -> Optional[str]:
    """A sharper cause read from the reply a real daemon gave, or None to keep :func:`derive_cause`'s.

    - ``500 Illegal PORT command.`` (vsftpd, proftpd; EPRT alike): PORT named an address other than the
      one the server sees the control connection come from → the client is behind NAT without an FTP
      helper, or its external address is set wrong;
    - passive, ``425`` after the server accepted our data connection: the server rejected it, never a
      firewall; vsftpd's ``425 Security: Bad IP connecting.`` says it came from another address.
    """
    low = (text or "").lower()
    if mode == "active" and stage == "command" and code is not None and code >= 500:
        if "illegal port" in low or "illegal eprt" in low:
            return CLIENT_NAT
    if mode == "passive" and code == 425 and connected:
        return FOREIGN_ADDRESS if "bad ip" in low else DATA_REJECTED
    return None
