"""The fix, written out: for each cause a diagnosis names, the settings to change, ready to paste.

The snippets are configuration text (vsftpd, proftpd, pure-ftpd, iptables, nftables, firewalld, ufw,
netsh…) and stay as they are in every language; the sentences around them are marked with
``QT_TRANSLATE_NOOP("fixes", …)`` and said in the person's language. Where the fix is on the person's own
computer, the platform (``sys.platform``) decides which firewall is named; the control connection's address
family decides between iptables and ip6tables (both when unknown). No Qt here: the CLI prints
these (``diagnose --fix``) and the GUI shows them with copy buttons.
"""

from __future__ import annotations

import ipaddress
import sys
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple
from urllib.parse import quote

from .explain import QT_TRANSLATE_NOOP, translate
from .ftp.diagnose import PASV_ADDRESS, Diagnosis, ModeResult

CONTEXT = "fixes"
PASSIVE_RANGE = (50000, 50100)  # a fixed passive range to suggest: above most systems' ephemeral ports
ACTIVE_RANGE = (50000, 50100)


@dataclass
class Snippet:
    """One step: a sentence for people and, unless the setting is only in a window, text to paste."""

    kind: str  # vsftpd, proftpd, pure-ftpd, filezilla, iis, iptables, nftables, firewalld, ufw, netsh, macos, ftpgui…
    label: str
    text: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "label": self.label, "text": self.text}


@dataclass
class Fix:
    """What to change for one cause, and where (``server`` or ``client``: whose machine or network; ``either``
    where the evidence cannot tell which side's firewall it is)."""

    cause: str
    where: str
    summary: str
    snippets: List[Snippet] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "cause": self.cause,
            "where": self.where,
            "summary": self.summary,
            "snippets": [s.to_json() for s in self.snippets],
        }


def _t(text: str) -> str:
    return translate(CONTEXT, text)


def fixes_for(
    d: Diagnosis,
    platform: Optional[str] = None,
    passive_range: Tuple[int, int] = PASSIVE_RANGE,
    active_range: Tuple[int, int] = ACTIVE_RANGE,
) -> List[Fix]:
    """The fixes for every failed mode and every finding of ``d``; ``platform`` as ``sys.platform`` says it."""
    platform = platform or sys.platform
    found: List[Fix] = []
    seen = set()
    for res in (d.passive, d.active):
        fix = _for_result(d, res, platform, passive_range, active_range)
        if fix is not None and fix.cause not in seen:
            seen.add(fix.cause)
            found.append(fix)
    if any(f.code == PASV_ADDRESS for f in d.findings) and "nat-address" not in seen:
        found.append(pasv_address_fix(d.control.get("remote", ("", 0))[0], d.server[0]))
    return found


def _for_result(
    d: Diagnosis, res: ModeResult, platform: str, passive_range: Tuple[int, int], active_range: Tuple[int, int]
) -> Optional[Fix]:
    if res.ok:
        if res.cause == "nat-address":
            return pasv_address_fix(d.control.get("remote", ("", 0))[0], d.server[0])
        return None
    control_port = d.server[1]
    family = ip_family(d)
    if res.mode == "passive" and res.cause == "server-firewall":
        used = passive_ports_used(d)
        return passive_range_fix("server-firewall", passive_range, control_port, helper=True, family=family, used=used)
    if res.mode == "passive" and res.cause == "tls-helper":
        return passive_range_fix("tls-helper", passive_range, control_port, helper=False, family=family)
    if res.mode == "passive" and res.cause == "foreign-address":
        return foreign_address_fix()
    if res.cause == "server-refused":
        return refused_fix(res.mode)
    from .fixes_client import client_firewall_fix, client_nat_fix  # (it builds on this module's parts)

    if res.mode == "active" and res.cause == "client-firewall":
        return client_firewall_fix(platform, active_range, server_url(d), family)
    if res.mode == "active" and res.cause == "client-nat":
        local = d.control.get("local", ("", 0))[0]
        return client_nat_fix(local, active_range, server_url(d))
    return None


IPV4, IPV6, BOTH = "ipv4", "ipv6", "both"
_TOOLS = {IPV4: ("iptables",), IPV6: ("ip6tables",), BOTH: ("iptables", "ip6tables")}


def ip_family(d: Diagnosis) -> str:
    """The control connection's address family (iptables rules never touch IPv6, ip6tables' never IPv4);
    both when no connection was seen."""
    remote = d.control.get("remote", ("", 0))[0] if d.control else ""
    if not remote:
        return BOTH
    return IPV6 if ":" in remote else IPV4


def iptables(family: str, rule: str) -> str:
    """``rule`` (the arguments after the command) for each of the family's tools, a line each."""
    return "\n".join(f"{tool} {rule}" for tool in _TOOLS[family])


def tool_names(family: str) -> str:
    return " / ".join(_TOOLS[family])


def server_url(d: Diagnosis) -> str:
    """The diagnosed server as ``ftpgui-cli`` takes it: its scheme, the login name (never a password; none for
    an anonymous login) and the host and port."""
    host, port = d.server
    shown_host = f"[{host}]" if ":" in host else host
    scheme = {"implicit": "ftps", "require": "ftpes"}.get(d.tls, "ftp")
    default = 990 if scheme == "ftps" else 21
    user = "" if d.user.lower() in ("", "anonymous", "ftp") else quote(d.user, safe="") + "@"
    return f"{scheme}://{user}{shown_host}{'' if port == default else f':{port}'}/"


def passive_ports_used(d: Diagnosis) -> List[int]:
    """The data ports the server named in its replies to PASV/EPSV during ``d`` (sorted, each once)."""
    results = [d.passive, *d.probes.values(), *([d.plain_passive] if d.plain_passive else [])]
    return sorted({r.advertised[1] for r in results if r.mode == "passive" and r.advertised and r.advertised[1]})


def ports_said(ports: Sequence[int]) -> str:
    """ "31150", "31150 and 31163", "31150–31169 (3 ports)": the ports a server named, short."""
    if len(ports) == 1:
        return str(ports[0])
    if len(ports) == 2:
        return _t(QT_TRANSLATE_NOOP("fixes", "{first} and {second}")).format(first=ports[0], second=ports[1])
    return _t(QT_TRANSLATE_NOOP("fixes", "{low}–{high} ({count} ports)")).format(
        low=ports[0], high=ports[-1], count=len(ports)
    )


def passive_range_fix(
    cause: str,
    ports: Tuple[int, int],
    control_port: int = 21,
    helper: bool = True,
    family: str = BOTH,
    used: Sequence[int] = (),
) -> Fix:
    """Give the server a fixed passive port range and open it in the firewall (and, for plain FTP only,
    the FTP helper instead). ``used``: the ports the server named in its PASV/EPSV replies, said first — the
    range it has may only need opening (design note 445)."""
    lo, hi = ports
    if cause != "server-firewall":
        summary = _t(
            QT_TRANSLATE_NOOP(
                "fixes",
                "On the server: under TLS a firewall's FTP helper cannot read the server's 227/229 replies to "
                "PASV/EPSV or the client's PORT/EPRT commands, so open a fixed passive port range instead of "
                "relying on it.",
            )
        )
    elif used:
        summary = _t(
            QT_TRANSLATE_NOOP(
                "fixes",
                "On the server: the server named port {ports} in its replies to PASV/EPSV — open the passive port "
                "range it uses (these ports are in it) in the server's firewall (and in any firewall in front of "
                "it); or give the FTP server a fixed passive port range, {lo}–{hi} below, and open that.",
            )
        ).format(ports=ports_said(used), lo=lo, hi=hi)
    else:
        summary = _t(
            QT_TRANSLATE_NOOP(
                "fixes",
                "On the server: give the FTP server a fixed passive port range and open that range in the "
                "server's firewall (and in any firewall in front of it).",
            )
        )
    snippets = [
        Snippet(
            "vsftpd",
            _t(QT_TRANSLATE_NOOP("fixes", "vsftpd: in /etc/vsftpd.conf, then restart vsftpd:")),
            f"pasv_enable=YES\npasv_min_port={lo}\npasv_max_port={hi}",
        ),
        Snippet(
            "proftpd",
            _t(QT_TRANSLATE_NOOP("fixes", "proftpd: in proftpd.conf, then restart proftpd:")),
            f"PassivePorts {lo} {hi}",
        ),
        Snippet(
            "pure-ftpd",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "pure-ftpd: start it with this option (Debian: write “{lo} {hi}” to "
                    "/etc/pure-ftpd/conf/PassivePortRange):",
                )
            ).format(lo=lo, hi=hi),
            f"-p {lo}:{hi}",
        ),
        Snippet(
            "filezilla",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "FileZilla Server: Server › Configure › Connection › FTP and FTP over TLS › Passive mode: "
                    "choose “Use custom port range” and enter {lo} to {hi}.",
                )
            ).format(lo=lo, hi=hi),
        ),
        Snippet(
            "iis",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "IIS: in IIS Manager, at the server level, open FTP Firewall Support and set the Data "
                    "Channel Port Range to {lo}-{hi}; then restart the Microsoft FTP Service.",
                )
            ).format(lo=lo, hi=hi),
        ),
        Snippet(
            "iptables",
            _t(QT_TRANSLATE_NOOP("fixes", "{tool} on the server: admit the passive range:")).format(
                tool=tool_names(family)
            ),
            iptables(family, f"-I INPUT -p tcp --dport {lo}:{hi} -m conntrack --ctstate NEW -j ACCEPT"),
        ),
        Snippet(
            "nftables",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes", "nftables on the server (in its inet filter table): admit the passive range:"
                )
            ),
            f"nft add rule inet filter input tcp dport {lo}-{hi} ct state new accept",
        ),
    ]
    if helper:
        snippets += helper_snippets(control_port, family)
    return Fix(cause, "server", summary, snippets)


def helper_snippets(control_port: int = 21, family: str = BOTH) -> List[Snippet]:
    """The firewall's FTP helper: it reads the server's 227/229 replies and the client's PORT/EPRT commands on
    the control port and admits the data port they name. Plain FTP only: under TLS it cannot read them."""
    return [
        Snippet(
            "iptables-helper",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "Or, for plain FTP only (not FTPS), let the FTP helper of {tool} admit each data port it "
                    "reads in the server's 227/229 replies and the client's PORT/EPRT commands:",
                )
            ).format(tool=tool_names(family)),
            "modprobe nf_conntrack_ftp\n"
            + iptables(family, f"-t raw -A PREROUTING -p tcp --dport {control_port} -j CT --helper ftp")
            + "\n"
            + iptables(family, "-I INPUT -m conntrack --ctstate RELATED -m helper --helper ftp -j ACCEPT"),
        ),
        Snippet(
            "nftables-helper",
            _t(QT_TRANSLATE_NOOP("fixes", "The same with nftables (plain FTP only):")),
            'nft add ct helper inet filter ftp-standard "{ type \\"ftp\\" protocol tcp; }"\n'
            "nft add chain inet filter pre '{ type filter hook prerouting priority 0; }'\n"
            f'nft add rule inet filter pre tcp dport {control_port} ct helper set "ftp-standard"\n'
            'nft insert rule inet filter input ct helper "ftp" accept',
        ),
    ]


def pasv_address_fix(reached: str, host: str = "") -> Fix:
    """The server's PASV reply names another address than the one clients reach: set its public address."""
    summary = _t(
        QT_TRANSLATE_NOOP(
            "fixes",
            "On the server: set the address it advertises in passive mode to {address}, the address clients reach.",
        )
    ).format(address=reached)
    vsftpd = f"pasv_address={reached}"
    if host and not _is_ip(host):  # a name: vsftpd can look it up itself (a dynamic address stays right)
        vsftpd += f"\n# or, if {host} follows a changing address:\npasv_addr_resolve=YES\npasv_address={host}"
    snippets = [
        Snippet("vsftpd", _t(QT_TRANSLATE_NOOP("fixes", "vsftpd: in /etc/vsftpd.conf, then restart vsftpd:")), vsftpd),
        Snippet(
            "proftpd",
            _t(QT_TRANSLATE_NOOP("fixes", "proftpd: in proftpd.conf, then restart proftpd:")),
            f"MasqueradeAddress {reached}",
        ),
        Snippet(
            "pure-ftpd",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "pure-ftpd: start it with this option (Debian: write the address to "
                    "/etc/pure-ftpd/conf/ForcePassiveIP):",
                )
            ),
            f"-P {reached}",
        ),
        Snippet(
            "filezilla",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "FileZilla Server: Server › Configure › Connection › FTP and FTP over TLS › Passive mode: "
                    "set “Public IPv4” to {address}.",
                )
            ).format(address=reached),
        ),
        Snippet(
            "iis",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "IIS: in IIS Manager, open the site's FTP Firewall Support and set the External IP Address "
                    "of Firewall to {address}; then restart the Microsoft FTP Service.",
                )
            ).format(address=reached),
        ),
    ]
    return Fix("nat-address", "server", summary, snippets)


def foreign_address_fix() -> Fix:
    """The data connection came from another address than the control connection."""
    summary = _t(
        QT_TRANSLATE_NOOP(
            "fixes",
            "Best on this side: make the data connection leave from the same address as the control "
            "connection (connect without the proxy or VPN, or from one network interface), or use active mode. "
            "Or, on the server, accept data connections from another address — this turns off a protection "
            "against a stranger taking over the data connection:",
        )
    )
    snippets = [
        Snippet(
            "vsftpd",
            _t(QT_TRANSLATE_NOOP("fixes", "vsftpd: in /etc/vsftpd.conf, then restart vsftpd:")),
            "pasv_promiscuous=YES",
        ),
        Snippet(
            "proftpd",
            _t(QT_TRANSLATE_NOOP("fixes", "proftpd: in proftpd.conf, then restart proftpd:")),
            "AllowForeignAddress on",
        ),
    ]
    return Fix("foreign-address", "client", summary, snippets)


def refused_fix(mode: str) -> Fix:
    """The server refuses the mode's commands: enable the mode, if the administrator wants it."""
    if mode == "passive":
        summary = _t(QT_TRANSLATE_NOOP("fixes", "On the server: enable passive mode (EPSV and PASV)."))
        vsftpd = "pasv_enable=YES"
    else:
        summary = _t(
            QT_TRANSLATE_NOOP(
                "fixes", "On the server: enable active mode (EPRT and PORT), if it was not turned off on purpose."
            )
        )
        vsftpd = "port_enable=YES"
    label = _t(QT_TRANSLATE_NOOP("fixes", "vsftpd: in /etc/vsftpd.conf, then restart vsftpd:"))
    return Fix("server-refused", "server", summary, [Snippet("vsftpd", label, vsftpd)])


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def fixes_text(fixes: List[Fix]) -> str:
    """The fixes as the CLI prints them: the summary, then each step and its snippet, indented."""
    if not fixes:
        return _t(QT_TRANSLATE_NOOP("fixes", "Nothing to fix.")) + "\n"
    lines: List[str] = []
    for fix in fixes:
        lines.append(_t(QT_TRANSLATE_NOOP("fixes", "How to fix ({cause}):")).format(cause=fix.cause))
        lines.append(f"  {fix.summary}")
        for s in fix.snippets:
            lines.append(f"  - {s.label}")
            lines.extend(f"        {line}" for line in s.text.splitlines())
    return "\n".join(lines) + "\n"
