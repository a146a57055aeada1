"""The mode panel's words for the data connection's setup: the mode command the client sends (PASV, EPSV, PORT,
EPRT), the server's reply to it, and the dial that opens the data connection (``narration`` says them at their
steps; split from it, no change of words).

In passive mode the server's port 20 plays no part; in active mode a private address cannot be reached from
across the internet behind a home router (NAT), which is why active mode usually fails there.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication

from ftpgui.ftp.replies import is_private

from . import proxywords as pw
from . import scene as sc

translate = QCoreApplication.translate  # lupdate reads the literal translate("ModePanel", …) calls


def port_of(addr: Optional[sc.Address]) -> str:
    """The port of ``addr`` as the sentences say it ("?" when unknown)."""
    return str(addr[1]) if addr else "?"


def _refused_prefix(ex: sc.Exchange) -> str:
    if not ex.refused:
        return ""
    verb, code, _ = ex.refused[-1]
    return (
        translate("ModePanel", "The server refused {verb} ({code}), so the client tries {next}.").format(
            verb=verb, code=code, next=ex.command
        )
        + " "
    )


def verb_of(line: str) -> str:
    """The command of a command line (``RETR a.txt`` → ``RETR``)."""
    return line.split(" ", 1)[0].upper()


def request(ex: sc.Exchange, step: Optional[sc.Step] = None) -> str:
    """The client sends the mode command (PASV, EPSV, PORT, EPRT) of ``ex`` — or of ``step``, an earlier attempt."""
    verb = verb_of(step.line) if step is not None and step.line else ex.command
    prefix = _refused_prefix(ex) if verb == ex.command else ""  # an earlier, refused attempt has none
    if sc.PLANNING_VERBS.get(verb) == "passive":
        if verb == "PASV":
            return prefix + translate(
                "ModePanel",
                "Passive mode: the client sends PASV on the control connection, asking the server to listen on a "
                "new port and name it. The server's port 20 plays no part in passive mode.",
            )
        return prefix + translate(
            "ModePanel",
            "Passive mode: the client sends EPSV on the control connection, asking the server to listen on a new "
            "port and name it. The server's port 20 plays no part in passive mode.",
        )
    if not ex.planned:
        return prefix + translate(
            "ModePanel", "Active mode: the client opens a port of its own and sends {command} to name it."
        ).format(command=verb)
    host, port = ex.advertised or ("?", 0)
    text = prefix + translate(
        "ModePanel",
        "Active mode: the client listens on port {port} and sends {command}, asking the server to connect to "
        "{host} port {port} for the next transfer.",
    ).format(port=port, command=verb, host=host)
    if is_private(host):
        text += " " + translate(
            "ModePanel",
            "{host} is a private address: a server across the internet cannot reach it when this computer is "
            "behind a home router (NAT), unless the router's FTP helper rewrites the address (it cannot under "
            "TLS) — the usual reason active mode fails there.",
        ).format(host=host)
    return text


def reply(ex: sc.Exchange, step: Optional[sc.Step] = None) -> str:
    """The server's reply to the mode command (``step``'s own, when it has one)."""
    own = step is not None and step.code is not None
    code = step.code if own else (ex.reply_code or 0)
    reply = step.text if own else ex.reply_text
    verb = verb_of(step.line) if own and step.line else ex.command
    proxied = pw.reply(ex, code, reply, verb)  # active mode through a proxy: the proxy's port, not the client's
    if proxied is not None:
        return proxied
    if code == 425 and sc.PLANNING_VERBS.get(verb) == "active":  # (some servers dial at once; some only say no)
        port = ex.advertised[1] if ex.advertised else sc.named_port(step.line if step is not None else ex.command_line)
        return translate(
            "ModePanel",
            "The server could not, or would not, connect to the client's port {port}: {reply}",
        ).format(port=port, reply=reply)
    if code >= 400 and verb != ex.command:
        return translate(
            "ModePanel", "The server refused {command} ({reply}); the client tries {next} instead."
        ).format(command=verb, reply=reply, next=ex.command)
    if code >= 400:
        return translate("ModePanel", "The server refused {command}: {reply}").format(command=verb, reply=reply)
    if ex.mode == "active":
        return _accepted(ex, code)
    if not ex.planned:
        return translate("ModePanel", "The server answered {code}.").format(code=code)
    port = ex.target[1] if ex.target else 0
    if ex.command == "PASV" and ex.nat:  # (the port it listens on decoded under the boxes: the words say why)
        text = ""
    elif ex.command == "PASV":
        p1, p2 = divmod(ex.advertised[1] if ex.advertised else 0, 256)
        text = translate(
            "ModePanel",
            "The server listens on a new port and names it in its 227 reply: the last two numbers are "
            "{p1}×256+{p2} = {port}.",
        ).format(p1=p1, p2=p2, port=ex.advertised[1] if ex.advertised else port)
    else:
        text = translate(
            "ModePanel",
            "The server listens on port {port} and names only the port in its 229 reply: the address is the "
            "one the control connection already goes to (RFC 2428).",
        ).format(port=port)
    if ex.nat:
        named = ex.advertised[0] if ex.advertised else "?"
        if is_private(named):
            why = translate(
                "ModePanel",
                "The server's 227 reply named {advertised}, not the address the client reaches the server at "
                "(probably a server behind NAT whose public address is not configured): the client dials {target}, "
                "the control connection's peer, instead.",
            )
        else:  # not a private address: one was configured, and it is wrong (design note 445)
            why = translate(
                "ModePanel",
                "The server's 227 reply named {advertised}, not the address the client reaches the server at "
                "(probably a passive address set wrongly in the server, or an old one): the client dials {target}, "
                "the control connection's peer, instead.",
            )
        text = " ".join(filter(None, (text, why.format(advertised=named, target=sc.show_address(ex.target)))))
        text += " " + translate(
            "ModePanel",
            "It never follows a 227 to another host: a hostile server could steer it to a third party that way (an "
            "FTP bounce).",
        )
    return text


def _accepted(ex: sc.Exchange, code: int) -> str:
    """Active mode's PORT/EPRT accepted: when the server connected, as the events tell it (it may have already:
    design note 322), never a future they may contradict."""
    if ex.early:
        text = translate(
            "ModePanel",
            "The server accepted {command} ({code}): it connected to the client's port as soon as it got "
            "{command}, before the transfer command — some servers do, others wait for the transfer command.",
        )
    elif ex.local is not None:
        text = translate(
            "ModePanel",
            "The server accepted {command} ({code}) without connecting yet: it connected to the client's port "
            "only after the transfer command, as many servers do (others connect as soon as they get {command}).",
        )
    else:
        text = translate(
            "ModePanel",
            "The server accepted {command} ({code}) and has not connected yet: many servers connect to the "
            "client's port only once they have the transfer command.",
        )
    return text.format(command=ex.command, code=code)


def dial(ex: sc.Exchange) -> str:
    """Who dialled whom, from which port to which: the data connection is up."""
    if ex.dialer == "client":
        return translate(
            "ModePanel",
            "The client dials the server: from its port {client_port} to the server's port {server_port}. "
            "The data connection is up.",
        ).format(client_port=port_of(ex.local), server_port=port_of(ex.remote))
    text = translate(
        "ModePanel",
        "The server dials the client: from its port {server_port} to the client's port {client_port}. "
        "The data connection is up.",
    ).format(client_port=port_of(ex.local), server_port=port_of(ex.remote))
    if ex.remote and ex.remote[1] == 20:
        return text + " " + translate("ModePanel", "It dialled from port 20 (ftp-data), as RFC 959 describes.")
    return (
        text
        + " "
        + translate("ModePanel", "Its source port is {port}, not 20: many servers dial from any port.").format(
            port=port_of(ex.remote)
        )
    )
