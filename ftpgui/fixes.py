"""The fix, written out: for each cause a diagnosis names, the settings to change, ready to paste.

The snippets are configuration text (vsftpd, proftpd, pure-ftpd, iptables, nftables, firewalld, ufw,
netsh…) and stay as they are in every language; the sentences around them are marked with
``QT_TRANSLATE_NOOP("fixes", …)`` and said in the person's language. Where the fix is on the person's own
computer, the platform (``sys.platform``) decides which firewall is named. No Qt here: the CLI prints
these (``diagnose --fix``) and the GUI shows them with copy buttons.
"""

from __future__ import annotations

import ipaddress
import sys
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

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
    """What to change for one cause, and where (``server`` or ``client``: whose machine or network)."""

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
    if res.mode == "passive" and res.cause == "server-firewall":
        return passive_range_fix("server-firewall", passive_range, control_port, helper=True)
    if res.mode == "passive" and res.cause == "tls-helper":
        return passive_range_fix("tls-helper", passive_range, control_port, helper=False)
    if res.mode == "passive" and res.cause == "foreign-address":
        return foreign_address_fix()
    if res.cause == "server-refused":
        return refused_fix(res.mode)
    if res.mode == "active" and res.cause == "client-firewall":
        return client_firewall_fix(platform, active_range)
    if res.mode == "active" and res.cause == "client-nat":
        local = d.control.get("local", ("", 0))[0]
        return client_nat_fix(local, active_range)
    return None


def passive_range_fix(cause: str, ports: Tuple[int, int], control_port: int = 21, helper: bool = True) -> Fix:
    """Give the server a fixed passive port range and open it in the firewall (and, for plain FTP only,
    the FTP helper instead)."""
    lo, hi = ports
    summary = (
        _t(
            QT_TRANSLATE_NOOP(
                "fixes",
                "On the server: give the FTP server a fixed passive port range and open that range in the "
                "server's firewall (and in any firewall in front of it).",
            )
        )
        if cause == "server-firewall"
        else _t(
            QT_TRANSLATE_NOOP(
                "fixes",
                "On the server: a firewall's FTP helper cannot read encrypted PASV and PORT replies, so open a "
                "fixed passive port range instead of relying on it.",
            )
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
            _t(QT_TRANSLATE_NOOP("fixes", "iptables on the server: admit the passive range:")),
            f"iptables -I INPUT -p tcp --dport {lo}:{hi} -m conntrack --ctstate NEW -j ACCEPT",
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
        snippets += helper_snippets(control_port)
    return Fix(cause, "server", summary, snippets)


def helper_snippets(control_port: int = 21) -> List[Snippet]:
    """The firewall's FTP helper: it reads PASV and PORT on the control port and admits the data port they
    name. Plain FTP only: under TLS it cannot read them."""
    return [
        Snippet(
            "iptables-helper",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "Or, for plain FTP only (not FTPS), let iptables' FTP helper admit each data port it "
                    "reads in PASV and PORT:",
                )
            ),
            f"modprobe nf_conntrack_ftp\n"
            f"iptables -t raw -A PREROUTING -p tcp --dport {control_port} -j CT --helper ftp\n"
            "iptables -I INPUT -m conntrack --ctstate RELATED -m helper --helper ftp -j ACCEPT",
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


def client_firewall_fix(platform: str, ports: Tuple[int, int] = ACTIVE_RANGE) -> Fix:
    """Active mode blocked by an inbound firewall on this computer: name the platform's firewall."""
    lo, hi = ports
    summary = _t(
        QT_TRANSLATE_NOOP(
            "fixes",
            "On this computer: let the server connect in to a fixed range of ports for active mode, or simply "
            "use passive mode. Limit ftpgui's active ports to the range, then allow the range in the firewall:",
        )
    )
    snippets = [_ftpgui_ports(ports)]
    if platform.startswith("win"):
        snippets.append(
            Snippet(
                "netsh",
                _t(
                    QT_TRANSLATE_NOOP(
                        "fixes",
                        "Windows Defender Firewall: allow ftpgui through it (Windows Security › Allow an app through "
                        "firewall), or add an inbound rule for the range "
                        "(in a command prompt run as administrator):",
                    )
                ),
                f'netsh advfirewall firewall add rule name="ftpgui active mode" dir=in action=allow '
                f"protocol=TCP localport={lo}-{hi}",
            )
        )
    elif platform == "darwin":
        snippets.append(
            Snippet(
                "macos",
                _t(
                    QT_TRANSLATE_NOOP(
                        "fixes",
                        "macOS Application Firewall: in System Settings › Network › Firewall › Options, allow "
                        "incoming connections for ftpgui; or in Terminal:",
                    )
                ),
                "sudo /usr/libexec/ApplicationFirewall/socketfilterfw --add /Applications/ftpgui.app\n"
                "sudo /usr/libexec/ApplicationFirewall/socketfilterfw --unblockapp /Applications/ftpgui.app",
            )
        )
    else:
        snippets += [
            Snippet(
                "firewalld",
                _t(QT_TRANSLATE_NOOP("fixes", "firewalld (Fedora, RHEL, openSUSE):")),
                f"sudo firewall-cmd --permanent --add-port={lo}-{hi}/tcp && sudo firewall-cmd --reload",
            ),
            Snippet(
                "ufw",
                _t(QT_TRANSLATE_NOOP("fixes", "ufw (Ubuntu):")),
                f"sudo ufw allow {lo}:{hi}/tcp",
            ),
            Snippet(
                "iptables",
                _t(QT_TRANSLATE_NOOP("fixes", "iptables:")),
                f"iptables -I INPUT -p tcp --dport {lo}:{hi} -m conntrack --ctstate NEW -j ACCEPT",
            ),
        ]
    return Fix("client-firewall", "client", summary, snippets)


def client_nat_fix(local: str, ports: Tuple[int, int] = ACTIVE_RANGE) -> Fix:
    """Active mode from behind NAT: the router forwards the active range, ftpgui advertises its public address."""
    lo, hi = ports
    summary = _t(
        QT_TRANSLATE_NOOP(
            "fixes",
            "On this side: use passive mode; or, for active mode, forward a fixed port range on the router to "
            "this computer and tell ftpgui the router's public address.",
        )
    )
    snippets = [
        Snippet(
            "router",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "On the router (port forwarding): forward TCP ports {lo} to {hi} to this computer ({address}).",
                )
            ).format(lo=lo, hi=hi, address=local or "?"),
        ),
        Snippet(
            "ftpgui",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "ftpgui: in Preferences set “External address for active mode” to the router's public address "
                    "and limit the active ports to the same range; from the command line:",
                )
            ),
            f"ftpgui-cli --active-address PUBLIC_IP --active-port-range {lo}-{hi} …",
        ),
    ]
    return Fix("client-nat", "client", summary, snippets)


def _ftpgui_ports(ports: Tuple[int, int]) -> Snippet:
    lo, hi = ports
    return Snippet(
        "ftpgui",
        _t(
            QT_TRANSLATE_NOOP(
                "fixes",
                "ftpgui: in Preferences tick “Limit the local ports active mode listens on” and enter {lo} to "
                "{hi}; from the command line:",
            )
        ).format(lo=lo, hi=hi),
        f"ftpgui-cli --active-port-range {lo}-{hi} …",
    )


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
