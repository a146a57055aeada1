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
SERVER_REJECTED = "server-rejected"  # passive: our data connection was made, then the server answered 425
# …because it came from another address than the control connection; or, active, a connection to our listener
# came from another address than the server's, and we turned it away
FOREIGN_ADDRESS = "foreign-address"
TLS_HELPER = "tls-helper"  # plain passive works, TLS passive times out: a firewall's FTP helper is blind
NAT_ADDRESS = "nat-address"
# passive: the server's PASV/EPSV reply named no data port that can be dialled (port 0, a number over 255, no
# address, a broken EPSV form): nothing was dialled, so no firewall is guessed at
BAD_REPLY = "bad-reply"
TLS = "tls"
OTHER = "other"
# not a diagnosis cause: an auto-mode session starts in active mode because another connection to the same
# server found passive mode failing earlier in the app's run (``FtpSession.learn_fallback``; its ModeFallback)
LEARNT = "learnt"

CAUSES = (
    SERVER_FIREWALL,
    CLIENT_FIREWALL,
    CLIENT_NAT,
    SERVER_REFUSED,
    SERVER_REJECTED,
    FOREIGN_ADDRESS,
    TLS_HELPER,
    NAT_ADDRESS,
    BAD_REPLY,
    TLS,
    OTHER,
)
# What servers say when PORT/EPRT names another address than the control connection's peer: vsftpd and
# proftpd "Illegal PORT command.", pure-ftpd "I won't open a connection to …". (Before issue 21 the engine
# called this "port-address"; it is the same situation as a private address the server cannot reach.)
_ADDRESS_REFUSALS = ("illegal port", "illegal eprt", "won't open a connection", "will not open a connection")
# What vsftpd says when the passive data connection comes from another address than the control connection.
_FOREIGN_REFUSALS = ("bad ip",)


def derive_cause(
    mode: str,
    stage: str,
    *,
    refused_code: Optional[int] = None,
    refused_text: Optional[str] = None,
    advertised_host: Optional[str] = None,
    server_host: Optional[str] = None,
    stranger: Optional[str] = None,
    malformed: bool = False,
) -> str:
    """The cause for a failure at ``stage`` in ``mode``; never assumed from the mode alone.

    - command stage with a 4xx/5xx to PASV/EPSV/PORT/EPRT → the server refused the mode, or, when its
      words say the address in PORT/EPRT is not allowed (vsftpd's ``500 Illegal PORT command.``), that
      this computer is behind NAT or its external address is wrong (``client-nat``);
    - command stage, the mode's reply could not be read as a data port (``malformed``) → ``bad-reply``;
    - passive, our connect timed out or was refused → a firewall at the server (likely);
    - passive, our connection was made and the server answered 425 to the transfer command → the server
      rejected the data connection, never a firewall: ``foreign-address`` when its words say the connection
      came from another address (vsftpd: "425 Security: Bad IP connecting."), else ``server-rejected``;
    - active, a connection to our listener came from another address (``stranger``) than the server's, and
      we turned it away → ``foreign-address``: no firewall's doing, it let the connection through;
    - active, our accept timed out or the server answered 425 → a private advertised address seen from
      a public server means NAT at the client, otherwise a firewall at the client (likely);
    - a TLS failure → tls.
    """
    if stage == "tls":
        return TLS
    if stage == "command":
        if malformed:
            return BAD_REPLY
        if refused_code is None or refused_code < 400:
            return OTHER
        said = (refused_text or "").lower()
        if mode == "active" and any(words in said for words in _ADDRESS_REFUSALS):
            return CLIENT_NAT
        return SERVER_REFUSED
    if mode == "passive" and stage == "connect":
        if refused_code == 425:  # (passive: we connect before sending the command, so it had accepted us)
            said = (refused_text or "").lower()
            return FOREIGN_ADDRESS if any(words in said for words in _FOREIGN_REFUSALS) else SERVER_REJECTED
        return SERVER_FIREWALL
    if mode == "active" and stage == "accept":
        if stranger:
            return FOREIGN_ADDRESS
        if advertised_host and server_host and is_private(advertised_host) and not is_private(server_host):
            if not _is_loopback(server_host):
                return CLIENT_NAT
        return CLIENT_FIREWALL
    return OTHER


def _is_loopback(host: str) -> bool:
    return host.startswith("127.") or host == "::1"
