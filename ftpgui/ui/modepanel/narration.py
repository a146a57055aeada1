"""The mode panel's words: one sentence per timeline step, and the labels of the picture, through ``tr()``.

Accurate to RFC 959 and RFC 2428, and deliberately correcting common loose claims: in passive mode the
server's port 20 plays no part; a directory listing travels over a data connection; each transfer opens a
fresh data port; the usual fix for a server firewall is a passive port range; an FTP helper in a firewall
cannot read an encrypted control connection; behind a home router active mode usually fails because of NAT.
The sentences of the data connection's setup (the mode command, its reply, the dial) are ``setupwords``'.
"""

from __future__ import annotations

from typing import List, Optional, Set

from PySide6.QtCore import QCoreApplication

from ftpgui.causewords import other_mode_advice
from ftpgui.explain import explain_cause, tidy
from ftpgui.ftp.causes import LEARNT
from ftpgui.ftp.events import named_elsewhere

from . import controldial
from . import proxywords as pw
from . import scene as sc
from . import setupwords as sw
from .labelwords import (  # noqa: F401 (the panel's short words, from here as well)
    bytes_moved,
    cause_name,
    close_reason,
    failed_because,
    fallback_title,
    labels,
    mode_name,
    number,
    seconds,
    stage_name,
    unasked_words,
)
from .motion import tls_sentence
from .whatifwords import scenario_name, whatif, works  # noqa: F401 (the panel's words, all from here)

CONTEXT = "ModePanel"
translate = QCoreApplication.translate  # lupdate reads the literal translate("ModePanel", …) calls


def decode(ex: sc.Exchange, kinds: Optional[Set[str]] = None) -> List[str]:
    """The command and reply with their numbers decoded in plain sight, one line each; with ``kinds`` (the
    steps shown so far), only what has happened by then."""
    if kinds is None:
        kinds = {sc.REPLY, sc.TRANSFER, sc.CLOSED}
    lines: List[str] = []
    for verb, code, text in ex.refused:
        lines.append(translate("ModePanel", "{verb} → {reply} (refused)").format(verb=verb, reply=text or code))
    replied = sc.REPLY in kinds
    if not ex.planned:
        lines.append(ex.command_line)
        if ex.reply_code is not None and replied:
            lines.append(ex.reply_text)
        return lines
    host, port = ex.advertised or ("?", 0)
    p1, p2 = divmod(port, 256)
    if ex.command == "PORT":
        lines.append(
            translate("ModePanel", "PORT {arg} → {host}, port {p1}×256+{p2} = {port}").format(
                arg=ex.argument, host=host, p1=p1, p2=p2, port=port
            )
        )
    elif ex.command == "EPRT":
        family = "IPv6" if ":" in host else "IPv4"
        lines.append(
            translate("ModePanel", "EPRT {arg} → {family}, {host}, port {port}").format(
                arg=ex.argument, family=family, host=host, port=port
            )
        )
    elif ex.command == "PASV":
        lines.append("PASV")
        if not replied:
            return lines
        if ex.nat:  # the named address is not dialled: said on the reply's own line, never "→ 10.9.8.7"
            said = translate("ModePanel", "227 ({arg}) → {host} (not used), port {p1}×256+{p2} = {port}")
        else:
            said = translate("ModePanel", "227 ({arg}) → {host}, port {p1}×256+{p2} = {port}")
        lines.append(said.format(arg=ex.argument.strip("()"), host=host, p1=p1, p2=p2, port=port))
    else:
        lines.append("EPSV")
        if not replied:
            return lines
        lines.append(
            translate("ModePanel", "229 {arg} → port {port} on the address the control connection goes to").format(
                arg=ex.argument, port=port
            )
        )
    if ex.nat and ex.mode == "passive":  # (before the transfer's line: the one a short picture may leave out)
        lines.append(
            translate("ModePanel", "dialled {target} instead: the address the control connection goes to").format(
                target=sc.show_address(ex.target)
            )
        )
    if ex.transfer_line and sc.TRANSFER in kinds:
        done = ex.final_code and sc.CLOSED in kinds
        lines.append(f"{ex.transfer_line} → {ex.final_code}" if done else ex.transfer_line)
    if ex.nat and ex.mode == "active":
        lines.append(
            translate("ModePanel", "advertised {advertised}, listening on {target}").format(
                advertised=sc.show_address(ex.advertised), target=sc.show_address(ex.target)
            )
        )
    return lines


def summary(ex: sc.Exchange) -> str:
    """'The 1,998 data connections before it (#1–#1998) went the same way.' for a folded run, else ''."""
    if not ex.more:
        return ""
    return _before_it(
        ex,
        translate("ModePanel", "The data connection before it (#{first}) went the same way."),
        translate("ModePanel", "The {count} data connections before it (#{first}–#{last}) went the same way."),
    )


def went_through(ex: sc.Exchange) -> str:
    """The run a failed transfer was folded into before its failing reply came: those went through."""
    return _before_it(
        ex,
        translate("ModePanel", "The data connection before it (#{first}) went through."),
        translate("ModePanel", "The {count} data connections before it (#{first}–#{last}) went through."),
    )


def _before_it(ex: sc.Exchange, one: str, many: str) -> str:
    """``one`` or ``many`` (a sentence of the run folded into ``ex``) with the run's numbers."""
    first = ex.first_number or ex.number - ex.more
    if ex.more == 1:
        return one.format(first=number(first))
    return many.format(count=number(ex.more), first=number(first), last=number(ex.number - 1))


def narrate(conn: sc.ConnectionScene, step: sc.Step) -> str:
    """One sentence (or two) saying what happens at ``step``."""
    return tidy(_narrate(conn, step))


def _narrate(conn: sc.ConnectionScene, step: sc.Step) -> str:
    if step.dial is not None:
        return controldial.narrate(step)
    ex = step.exchange
    kind = step.kind
    if kind == sc.CONTROL and conn.proxy is not None:
        return pw.control(conn)
    if kind == sc.CONTROL:
        return translate(
            "ModePanel",
            "The client connected from its port {client_port} to the server's port {server_port}: the control "
            "connection. Commands and replies use it for the whole session; files, and the directory listings "
            "of LIST, NLST and MLSD, go over separate data connections. No data port is opened yet: each "
            "transfer will get a fresh one.",
        ).format(client_port=sw.port_of(conn.client), server_port=sw.port_of(conn.server))
    if kind == sc.CONTROL_CLOSED:
        return translate("ModePanel", "The control connection closed ({reason}).").format(
            reason=close_reason(step.reason)
        )
    if kind == sc.TLS:
        return tls_sentence(step.reason)
    if kind == sc.FALLBACK and step.fallback:
        return _fallback(conn, step)
    if ex is None:
        return ""
    if kind == sc.REQUEST:
        return pw.request(ex) or sw.request(ex, step)
    if kind == sc.REPLY:
        return sw.reply(ex, step)
    if kind == sc.TRANSFER:
        return _transfer(ex)
    if kind == sc.DIAL:
        return pw.dial(ex) or sw.dial(ex)
    if kind == sc.CLOSED:
        if ex.aborted and ex.transfer_line and ex.upload:  # (its 426, if any, answers the ABOR)
            return _stopped_upload(ex)
        if ex.transfer_refused and ex.transfer_line:
            # the transfer ended in a refusal or a failure (550 for a missing file, 426, 451): said, not a plain end
            text = translate(
                "ModePanel",
                "The server answered {command} with “{reply}”: {bytes} bytes in {seconds} s, and the data "
                "connection is closed. The next transfer opens a new data connection on a new port.",
            ).format(
                command=sw.verb_of(ex.transfer_line),
                reply=ex.final_text or ex.final_code,
                bytes=number(ex.bytes or 0),
                seconds=seconds(ex.seconds or 0),
            )
            more = went_through(ex) if ex.ended_after_fold else summary(ex)
            return f"{text} {more}" if more else text
        if ex.aborted and ex.transfer_line and ex.stopped_by is not None:  # stopped for the client's own reason
            return translate(
                "ModePanel",
                "The client stopped {command} (ABOR) after {bytes} bytes in {seconds} s, not for a cancel: "
                "{reason}; the data connection is closed. The next transfer opens a new data connection on a new "
                "port.",
            ).format(
                command=sw.verb_of(ex.transfer_line),
                bytes=number(ex.bytes or 0),
                seconds=seconds(ex.seconds or 0),
                reason=engine_words(ex.stopped_by).rstrip(".。"),  # (its own sentence's end: a clause here)
            )
        if ex.aborted and ex.transfer_line:  # a cancel: the bytes are where it stopped, not the whole file
            return translate(
                "ModePanel",
                "The client stopped {command} (ABOR, a cancel) after {bytes} bytes in {seconds} s; the data "
                "connection is closed. The next transfer opens a new data connection on a new port.",
            ).format(
                command=sw.verb_of(ex.transfer_line), bytes=number(ex.bytes or 0), seconds=seconds(ex.seconds or 0)
            )
        if ex.bytes == 1:
            text = translate(
                "ModePanel",
                "1 byte in {seconds} s; the data connection is closed. The next transfer opens a new data "
                "connection on a new port.",
            )
        else:
            text = translate(
                "ModePanel",
                "{bytes} bytes in {seconds} s; the data connection is closed. The next transfer opens a new data "
                "connection on a new port.",
            )
        text = text.format(bytes=number(ex.bytes or 0), seconds=seconds(ex.seconds or 0))
        more = summary(ex)
        return f"{text} {more}" if more else text
    if kind == sc.FAILED and ex.failure:
        return _failed(ex, _other_mode_result(conn, ex))
    return ""


def _stopped_upload(ex: sc.Exchange) -> str:
    """An upload the client stopped: its count is the bytes the server had acknowledged (``datamove.send``), said
    as such — its file may hold more (sent before the data connection closed: proftpd kept 863 bytes more than
    the panel said, QA) or fewer (pyftpdlib drops what it had not read); the file's size, when the session then
    asked it (SIZE: the queue does), is said too (note 310)."""
    values = dict(command=sw.verb_of(ex.transfer_line), bytes=number(ex.bytes or 0), seconds=seconds(ex.seconds or 0))
    if ex.stopped_by is not None:
        text = translate(
            "ModePanel",
            "The client stopped {command} (ABOR) after the server had acknowledged {bytes} bytes, in {seconds} s, "
            "not for a cancel: {reason}; the data connection is closed.",
        ).format(reason=engine_words(ex.stopped_by).rstrip(".。"), **values)
    else:
        text = translate(
            "ModePanel",
            "The client stopped {command} (ABOR, a cancel) after the server had acknowledged {bytes} bytes, in "
            "{seconds} s; the data connection is closed.",
        ).format(**values)
    if ex.server_size is not None:
        text += " " + translate("ModePanel", "The server has {size} bytes of the file (SIZE).").format(
            size=number(ex.server_size)
        )
    else:
        text += " " + translate(
            "ModePanel", "The server's file may hold more or fewer: what was on the way was kept or dropped."
        )
    return text + " " + translate("ModePanel", "The next transfer opens a new data connection on a new port.")


def engine_words(e) -> str:
    """An engine event's words (``DataFailed``, ``TransferStopped``) translated from its template; its English
    words when that cannot be."""
    if not e.template:
        return e.detail
    try:
        return translate("engine", e.template).format(**dict(e.values)).rstrip()
    except (KeyError, IndexError, ValueError):  # a template whose values the event did not carry
        return e.detail


def _fallback(conn: sc.ConnectionScene, step: sc.Step) -> str:
    """Auto mode switches: whether the transfer command had been sent decides what "nothing lost" means."""
    if step.fallback[2] == LEARNT:  # (no failure here: another connection's, earlier)
        return translate(
            "ModePanel",
            "Auto mode: passive mode already failed on another connection to this server in this run, so this "
            "connection uses active mode from its first transfer and does not try passive mode again.",
        )
    before = conn.step(step.serial - 1)
    failed = before.exchange if before is not None else None
    cause = cause_name(step.fallback[2]) if step.fallback else ""
    if failed is not None and failed.transfer_line:
        return translate(
            "ModePanel",
            "Auto mode: passive mode failed ({cause}): the server answered {code} to {command}, so no data moved. "
            "The client switches to active mode for this session and sends {command} again.",
        ).format(cause=cause, code=failed.final_code or failed.reply_code or "?", command=failed.transfer_line)
    return translate(
        "ModePanel",
        "Auto mode: passive mode failed ({cause}), so the client switches to active mode for this session "
        "and tries again. The transfer command had not been sent yet, so nothing is lost.",
    ).format(cause=cause)


def _transfer(ex: sc.Exchange) -> str:
    listing = ex.transfer_verb in ("LIST", "NLST", "MLSD")
    if not listing and ex.done is not None and ex.bytes is None and ex.failure is None:
        # bytes are moving now (the count on the arrow grows): said as it happens, not as what is to come
        if ex.upload:
            text = translate(
                "ModePanel",
                "The client sent {command} on the control connection; the file's bytes are going over the data "
                "connection now. The server's reply on the control connection (226) will end the transfer.",
            )
        else:
            text = translate(
                "ModePanel",
                "The client sent {command} on the control connection; the file's bytes are coming over the data "
                "connection now. The server's reply on the control connection (226) will end the transfer.",
            )
        return text.format(command=ex.transfer_line)
    if listing:
        text = translate(
            "ModePanel",
            "The client sends {command} on the control connection. The directory listing itself travels over "
            "the data connection, like a file.",
        )
    elif ex.upload:
        text = translate(
            "ModePanel",
            "The client sends {command} on the control connection; the file's bytes will go over the data connection.",
        )
    else:
        text = translate(
            "ModePanel",
            "The client sends {command} on the control connection; the file's bytes will come over the data "
            "connection.",
        )
    return text.format(command=ex.transfer_line)


def _other_mode_result(conn: sc.ConnectionScene, ex: sc.Exchange) -> Optional[bool]:
    """Whether the other mode worked on this connection before ``ex``: True if one of its earlier data
    connections went through, False if it was tried and failed; else what it did on another
    connection (a diagnosis's: ``ConnectionScene.other_mode``), None if it was not tried. (A diagnosis where
    both modes failed said "Active mode may work meanwhile" under its verdict that neither works - QA.)"""
    # only the data connections before this one: a step says what was known then (auto mode's retry in active
    # mode comes after its passive failure, whose step said "Active mode failed too" - QA)
    tried = [
        e for e in conn.exchanges() if e.number < ex.number and e.mode != ex.mode and (e.ok or e.failure is not None)
    ]
    if not tried:
        return conn.other_mode.get("active" if ex.mode == "passive" else "passive")
    return any(e.ok for e in tried)


def _failed(ex: sc.Exchange, other_works: Optional[bool] = None) -> str:
    stage, cause, _detail = ex.failure or ("", "", "")
    text = translate("ModePanel", "The data connection failed at the “{stage}” stage.").format(stage=stage_name(stage))
    # a 227's other host was not dialled: the control connection's peer was, at that port (design note 295)
    elsewhere = stage == "connect" and ex.mode == "passive" and named_elsewhere(ex.advertised, ex.target)
    named = ex.advertised[0] if elsewhere else None
    if ex.failed_how == "refused" and ex.mode == "passive" and not elsewhere and cause == "server-firewall":
        return text + " " + _refused_passive(ex, other_works)
    if ex.failed_how == "timeout" and ex.mode == "passive" and not elsewhere and cause == "server-firewall":
        return text + " " + _timed_out_passive(ex, other_works)
    if elsewhere and ex.failed_how in ("refused", "timeout") and cause == "server-firewall":
        return text + " " + _elsewhere_passive(ex, named, other_works)
    if ex.failed_how == "refused" and ex.mode == "active" and cause == "client-firewall":
        return text + " " + _refused_active() + " " + other_mode_advice("active", other_works)
    text += " " + explain_cause(ex.mode, cause, other_works, stage, named=named)
    if ex.failed_how == "refused" and ex.mode == "active":  # the client listens there: "nothing listens" is false
        text += " " + _refused_active()
    elif ex.failed_how == "refused":  # a refusal is no proof of a firewall (note 390); the server's too (note 446)
        # only ECONNREFUSED is known: a TCP reset and an ICMP "unreachable" (iptables' REJECT, which a router on
        # the way may send too) look the same to the client (design note 442)
        text += " " + translate(
            "ModePanel",
            "This connect was refused (a TCP reset or an ICMP “unreachable” came back): nothing listens on that "
            "port, or a firewall refuses; a firewall that drops the packets makes the connect time out.",
        )
    if cause in ("server-firewall", "client-firewall"):
        text += " " + _helper()
    return text


def _refused_passive(ex: sc.Exchange, other_works: Optional[bool]) -> str:
    """A refused passive connect to the port the server named, said in three sentences (design note 483): what
    came back and what it means, the fix, what the other mode can do. The longer words of a firewall that drops
    the connect ("went unanswered or was refused, likely a firewall at the server", and the FTP helper's
    sentence) filled a 360 px dock's picture so that its boxes were drawn at 7 px; a refusal is no sign of a
    firewall's helper, and "likely a firewall" was not true of it (note 390)."""
    from .failedarrow import listening_port

    text = translate(
        "ModePanel",
        "The connect to port {port}, which the server named, was refused (a TCP reset or an ICMP “unreachable” "
        "came back): nothing listens there, or a firewall refuses. The usual fix is on the server: open its "
        "passive port range.",
    ).format(port=listening_port(ex))
    return text + " " + other_mode_advice("passive", other_works)


def _timed_out_passive(ex: sc.Exchange, other_works: Optional[bool]) -> str:
    """A passive connect to the port the server named that went unanswered: said as what happened to that port,
    the fix, the other mode, and what an FTP helper would have done (design note 489). The general words ("our
    connection to the data port the server named went unanswered or was refused, likely a firewall at the
    server", and the helper's sentence for both modes) named a refusal that did not happen, and drew a 360 px
    dock's boxes under 9 px."""
    from .failedarrow import listening_port

    text = translate(
        "ModePanel",
        "The connect to port {port}, which the server named, went unanswered: most likely a firewall at the "
        "server dropped it. The usual fix is on the server: open its passive port range.",
    ).format(port=listening_port(ex))
    helper = translate(
        "ModePanel",
        "A firewall with an FTP helper opens such a port by itself, from the 227/229 reply it reads — but not once "
        "the control connection is encrypted (FTPS).",
    )
    return text + " " + other_mode_advice("passive", other_works) + " " + helper


def _elsewhere_passive(ex: sc.Exchange, named: str, other_works: Optional[bool]) -> str:
    """A 227 that named another host: ftpgui dialled its port at the control connection's peer, and that connect
    was refused or went unanswered — said in what happened, why it may, and the fix (design note 491). The
    general words (the cause's, "went unanswered or was refused", the refusal's own sentence and the FTP
    helper's) took 970 characters: in a 360 px dock the picture's words were drawn at 6 px and its decoded
    lines left out."""
    from .failedarrow import listening_port

    if ex.failed_how == "refused":
        words = translate(
            "ModePanel",
            "ftpgui dialled port {port} at the server's own address (it never dials another host a reply names), "
            "and that was refused: the server may take data connections "
            "only at {named}. The fix: set its passive address to the one clients reach it at.",
        )
    else:
        words = translate(
            "ModePanel",
            "ftpgui dialled port {port} at the server's own address (it never dials another host a reply names), "
            "and that went unanswered: the server may take data "
            "connections only at {named}, or a firewall drops them. The fix: set its passive address to the one "
            "clients reach it at, and open its passive port range.",
        )
    text = words.format(named=named, port=listening_port(ex))
    return text + " " + other_mode_advice("passive", other_works)


def _helper() -> str:
    """What an FTP helper in a firewall does, and where it cannot."""
    return translate(
        "ModePanel",
        "A stateful firewall with an FTP helper reads PORT/EPRT and the 227/229 replies on the control "
        "connection (PASV itself carries no numbers) and opens the data port by itself — but not once the "
        "control connection is encrypted (FTPS).",
    )


def _refused_active() -> str:
    """The server's connect to the client's port was refused, as its 425 says (ProFTPD's "Connection refused"):
    the client does listen on that port, so the refusal came from a firewall on the way, or from another host
    the server dialled — never "nothing listens on that port" (design note 482)."""
    return translate(
        "ModePanel",
        "The server says its connect was refused (a TCP reset or an ICMP “unreachable” came back to it): the client "
        "listens on that port, so a firewall on the way refused it, or the server dialled another address than this "
        "computer's.",
    )
