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
NAT_ADDRESS = "nat-address"
TLS = "tls"
OTHER = "other"

CAUSES = (SERVER_FIREWALL, CLIENT_FIREWALL, CLIENT_NAT, SERVER_REFUSED, NAT_ADDRESS, TLS, OTHER)


def derive_cause(
    mode: str,
    stage: str,
    *,
    refused_code: Optional[int] = None,
    advertised_host: Optional[str] = None,
    server_host: Optional[str] = None,
) -> str:
    """The cause for a failure at ``stage`` in ``mode``; never assumed from the mode alone.

    - command stage with a 4xx/5xx to PASV/EPSV/PORT/EPRT → the server refused the mode;
    - passive, our connect timed out or was refused → a firewall at the server (likely);
    - active, our accept timed out or the server answered 425 → a private advertised address seen from
      a public server means NAT at the client, otherwise a firewall at the client (likely);
    - a TLS failure → tls.
    """
    if stage == "tls":
        return TLS
    if stage == "command":
        return SERVER_REFUSED if refused_code is not None and refused_code >= 400 else OTHER
    if mode == "passive" and stage == "connect":
        return SERVER_FIREWALL
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
