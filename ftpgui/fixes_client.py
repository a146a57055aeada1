"""The fixes for active mode blocked between the server and this computer (``fixes`` names them): a
firewall on either side, or this computer behind NAT. The command lines for ``ftpgui-cli`` are written to run
as they are (the options after the command, the diagnosed server's URL), but for a placeholder in capitals."""

from __future__ import annotations

from typing import List, Tuple

from .explain import QT_TRANSLATE_NOOP, translate
from .fixes import ACTIVE_RANGE, Fix, Snippet, iptables, tool_names

CONTEXT = "fixes"
PUBLIC_IP = "PUBLIC_IP"  # the placeholder for the router's public address: only the person knows it


def _t(text: str) -> str:
    return translate(CONTEXT, text)


def client_firewall_fix(
    platform: str, ports: Tuple[int, int] = ACTIVE_RANGE, url: str = "ftp://SERVER/", family: str = "both"
) -> Fix:
    """Active mode timed out waiting for the server's connection: a firewall on this computer (or its network)
    kept it out, or one at the server kept it from going out — the evidence (nothing arrived) cannot tell
    which. This platform's firewall is named for this side; iptables/nftables output rules for the server's."""
    lo, hi = ports
    summary = _t(
        QT_TRANSLATE_NOOP(
            "fixes",
            "On this computer or on the server: the server's connection for active mode never arrived — kept "
            "out by a firewall on this computer or its network, or kept from leaving by the server's own "
            "firewall; from here ftpgui cannot tell which. Simplest: use passive mode. Or limit ftpgui's active "
            "ports to a fixed range, allow that range in on this computer, and let the server connect out to it:",
        )
    )
    snippets = [_ftpgui_ports(ports, url)]
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
                _t(QT_TRANSLATE_NOOP("fixes", "{tool} on this computer:")).format(tool=tool_names(family)),
                iptables(family, f"-I INPUT -p tcp --dport {lo}:{hi} -m conntrack --ctstate NEW -j ACCEPT"),
            ),
        ]
    snippets += _server_outgoing(ports, family)
    return Fix("client-firewall", "either", summary, snippets)


def _server_outgoing(ports: Tuple[int, int], family: str) -> List[Snippet]:
    """The server's side: a firewall there that filters outgoing connections lets it connect out to the range."""
    lo, hi = ports
    return [
        Snippet(
            "iptables-out",
            _t(
                QT_TRANSLATE_NOOP(
                    "fixes",
                    "{tool} on the server, if it filters outgoing connections: let it connect out to the range:",
                )
            ).format(tool=tool_names(family)),
            iptables(family, f"-I OUTPUT -p tcp --dport {lo}:{hi} -m conntrack --ctstate NEW -j ACCEPT"),
        ),
        Snippet(
            "nftables-out",
            _t(QT_TRANSLATE_NOOP("fixes", "The same with nftables on the server (in its inet filter table):")),
            f"nft add rule inet filter output tcp dport {lo}-{hi} ct state new accept",
        ),
    ]


def client_nat_fix(local: str, ports: Tuple[int, int] = ACTIVE_RANGE, url: str = "ftp://SERVER/") -> Fix:
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
                    "and limit the active ports to the same range; from the command line (with the public address "
                    "for {placeholder}):",
                )
            ).format(placeholder=PUBLIC_IP),
            f"ftpgui-cli ls --mode active --active-address {PUBLIC_IP} --active-port-range {lo}-{hi} {url}",
        ),
    ]
    return Fix("client-nat", "client", summary, snippets)


def _ftpgui_ports(ports: Tuple[int, int], url: str) -> Snippet:
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
        f"ftpgui-cli ls --mode active --active-port-range {lo}-{hi} {url}",
    )
