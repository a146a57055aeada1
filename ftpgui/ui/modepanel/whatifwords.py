"""The mode panel's what-if words: what imagined firewalls would do to a real exchange, and the table's titles.

Said through ``tr()``; ``narration`` re-exports them so the picture finds every sentence in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ftpgui.explain import tidy

from . import scene as sc
from . import whatif as wi
from .canvas import FIREWALL_SIDE
from .labelwords import cause_name

translate = QCoreApplication.translate  # lupdate reads the literal translate("ModePanel", …) calls


def whatif(ex: sc.Exchange, walls: wi.Firewalls, control_port: int = 21) -> str:
    """What the imagined firewalls would do to ``ex``'s data connection, in a sentence or three."""
    block = wi.blocked(ex, walls)
    port = block.port if block else (ex.target[1] if ex.target else 0)
    parts = []
    if block is not None and block.wall == "client":
        parts.append(
            translate(
                "ModePanel",
                "What if this computer had a firewall: it lets the computer's own outgoing connections through, "
                "so the control connection and passive mode work, but it stops the server's incoming connection "
                "to port {port}. Active mode fails (the server answers 425, or the wait times out). Use passive "
                "mode, or open the port; an FTP helper in the firewall can open it by itself, unless the control "
                "connection is encrypted (FTPS).",
            ).format(port=port)
        )
    elif block is not None:
        parts.append(
            translate(
                "ModePanel",
                "What if the server's firewall admitted only its control port {control_port}: the client's "
                "connection to the server's data port {port} is stopped, and passive mode fails (the connection "
                "times out). The usual fix is on the server: open a passive port range in its firewall and in the "
                "FTP server's settings. Meanwhile active mode works, unless this computer has a firewall or is "
                "behind NAT.",
            ).format(port=port, control_port=control_port)
        )
    elif ex.failure is not None:  # it really failed, and not because of the walls imagined: say what it did fail of
        parts.append(_really_failed(ex, walls, port))
    elif wi.bound_by_proxy(ex):
        parts.append(
            translate(
                "ModePanel",
                "What if: this data connection still works. Through the proxy, the server dials out to the "
                "proxy's port {port}, not to this computer: a firewall at the server lets the server's own "
                "outgoing connections through, and one on this computer sees only its own connections to the "
                "proxy.",
            ).format(port=port)
        )
    elif wi.dialer_of(ex) == "client" and walls.server:
        parts.append(
            translate(
                "ModePanel",
                "What if: this data connection still works. In passive mode the client dials the server's port "
                "{port}, and the server's firewall admits its passive port range.",
            ).format(port=port)
        )
    elif wi.dialer_of(ex) == "client":
        parts.append(
            translate(
                "ModePanel",
                "What if: this data connection still works. In passive mode the client dials out to the server's "
                "port {port}; a firewall on the client's side lets outgoing connections and their replies through.",
            ).format(port=port)
        )
    else:
        parts.append(
            translate(
                "ModePanel",
                "What if: this data connection still works. In active mode the server dials out to the client; a "
                "firewall at the server lets the server's own outgoing connections through.",
            )
        )
    if walls.client and walls.server and not walls.passive_range_open and not wi.bound_by_proxy(ex):
        parts.append(
            translate(
                "ModePanel",
                "With both firewalls neither mode works until the server opens its passive port range.",
            )
        )
    return tidy(" ".join(parts))


SAID_CAUSES = ("server-refused", "server-rejected", "foreign-address", "bad-reply")  # said as they are, not "another"


def _really_failed(ex: sc.Exchange, walls: wi.Firewalls, port: int) -> str:
    """The imagined walls would not stop ``ex``, which really failed: said with what the real step concluded
    (a real server firewall, then "a server firewall whose passive range is open" lets it through - the fix)."""
    cause = ex.failure[1] if ex.failure else "other"
    passive_range = walls.passive_range_open and wi.dialer_of(ex) == "client"
    if passive_range and ex.failed_how == "refused":  # not known to be a firewall's doing (design note 390)
        return translate(
            "ModePanel",
            "What if the server's firewall admitted its passive port range: a firewall that refused the client's "
            "connection to port {port} would let it through. But the port itself may be closed: the refusal also "
            "comes when nothing listens there. The fix is on the server, its firewall or its passive port settings.",
        ).format(port=port)
    if passive_range and FIREWALL_SIDE.get(cause) == "server":
        return translate(
            "ModePanel",
            "What if the server's firewall admitted its passive port range: the client's connection to port {port} "
            "would get through. It really failed ({cause}): the fix is on the server, to open the passive port "
            "range in its firewall and in the FTP server's settings.",
        ).format(port=port, cause=cause_name(cause))
    if cause not in FIREWALL_SIDE and cause not in SAID_CAUSES:
        if walls.client and walls.server:
            return translate(
                "ModePanel", "What if: these firewalls would not stop this connection (it failed for another reason)."
            )
        if walls.server:
            return translate(
                "ModePanel",
                "What if: a server firewall would not stop this connection (it failed for another reason).",
            )
        return translate(
            "ModePanel",
            "What if: a client firewall would not stop this connection (it failed for another reason).",
        )
    if walls.client and walls.server:
        text = translate(
            "ModePanel", "What if: these firewalls would not stop this connection; it really failed: {cause}."
        )
    elif walls.server:
        text = translate(
            "ModePanel", "What if: a server firewall would not stop this connection; it really failed: {cause}."
        )
    else:
        text = translate(
            "ModePanel", "What if: a client firewall would not stop this connection; it really failed: {cause}."
        )
    return text.format(cause=cause_name(cause))


def scenario_name(name: str) -> str:
    """The what-if table's row titles."""
    return {
        "none": translate("ModePanel", "no firewall"),
        "client": translate("ModePanel", "client firewall"),
        "server": translate("ModePanel", "server firewall, only its control port open"),
        "server-range": translate("ModePanel", "server firewall, passive range open"),
        "both": translate("ModePanel", "both, only the control port open"),
        "both-range": translate("ModePanel", "both, passive range open"),
    }[name]


def works(ok: bool) -> str:
    return translate("ModePanel", "works") if ok else translate("ModePanel", "blocked")
