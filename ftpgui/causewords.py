"""The words for why a data connection failed — a sentence per cause and mode (and, where it matters, stage),
and what the other mode can do — in ``explain``'s translation context; ``explain`` says them with the rest.
"""

from __future__ import annotations

from typing import Any, Optional

from .words import Words, say, tidy

CONTEXT = "explain"


def tr(text: str) -> str:
    """``text`` (marked with ``QT_TRANSLATE_NOOP("explain", …)`` where it is defined) in the person's language."""
    return say(CONTEXT, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation where it is defined; ``tr()`` translates it where it is used."""
    return text


_TLS = QT_TRANSLATE_NOOP(
    "explain",
    "The encrypted (TLS) data connection failed. Servers such as vsftpd refuse a data connection that "
    "does not resume the control connection's TLS session, and some firewalls or proxies break TLS on "
    "data ports.",
)
_CAUSES = {
    ("passive", "server-firewall"): QT_TRANSLATE_NOOP(
        "explain",
        "Passive mode failed: our connection to the data port the server named went unanswered or was "
        "refused, likely a firewall at the server. The usual fix is on the server: open its passive port "
        "range.",
    ),
    ("passive", "server-rejected"): QT_TRANSLATE_NOOP(
        "explain",
        "Passive mode failed: the server accepted our data connection and then rejected it (425). That is the "
        "server's own decision, not a firewall; its log says why.",
    ),
    ("passive", "foreign-address"): QT_TRANSLATE_NOOP(
        "explain",
        "Passive mode failed: the server accepted our data connection, then rejected it because it came from "
        "another address than the control connection (vsftpd: “425 Security: Bad IP connecting”). This "
        "computer reaches the server through more than one address: a second network interface, a proxy, or "
        "carrier-grade NAT with address pooling.",
    ),
    ("passive", "tls-helper"): QT_TRANSLATE_NOOP(
        "explain",
        "Passive mode works in plain FTP but times out under TLS: a firewall's FTP helper opens data ports by "
        "reading the server's 227/229 replies to PASV/EPSV and the client's PORT/EPRT commands; under TLS it "
        "can't read them — open a fixed passive port range instead.",
    ),
    ("active", "client-firewall"): QT_TRANSLATE_NOOP(
        "explain",
        "Active mode failed: no connection from the server reached the port we opened, likely a firewall "
        "on this computer or its network.",
    ),
    ("active", "foreign-address"): QT_TRANSLATE_NOOP(
        "explain",
        "Active mode failed: the connection to the port we opened came from another address than the server's, "
        "and ftpgui turned it away, as it could be another computer taking the transfer. No firewall stopped it. "
        "A server with more than one address (a second network interface, NAT with address pooling, a load "
        "balancer) connects from another address than the one we reach it at.",
    ),
    ("active", "client-nat"): QT_TRANSLATE_NOOP(
        "explain",
        "Active mode failed: we told the server to connect to a private address, which it cannot reach "
        "from across the internet (this computer is behind NAT, e.g. a home router). Setting the external "
        "address for active mode helps only if the router also forwards the active port range to this "
        "computer (or its FTP helper opens the ports).",
    ),
    ("passive", "server-refused"): QT_TRANSLATE_NOOP("explain", "The server refused passive mode."),
    ("active", "server-refused"): QT_TRANSLATE_NOOP(
        "explain", "The server refused active mode; some servers disable it."
    ),
    ("passive", "nat-address"): QT_TRANSLATE_NOOP(
        "explain",
        "The server's passive reply named an address that is not the one we reach it at (a server behind NAT "
        "that names its private address, or one whose passive address is set wrongly); ftpgui connects to the "
        "control connection's peer instead.",
    ),
    ("passive", "bad-reply"): QT_TRANSLATE_NOOP(
        "explain",
        "Passive mode failed: the server's reply named no data port that can be connected to, so nothing was "
        "dialled. The reply itself is at fault: the server's passive settings, or a router or firewall that "
        "rewrites FTP replies.",
    ),
    ("passive", "tls"): _TLS,
    ("active", "tls"): _TLS,
}
# Where one cause has more than one kind of evidence, the words for each stage: client-nat is a private
# address the server could not reach (accept stage) or an address the server refused to use (command stage:
# vsftpd's and proftpd's "500 Illegal PORT command.", pure-ftpd's "I won't open a connection to …").
_CAUSES_AT_STAGE = {
    # a 227 that named another host: the control connection's peer was dialled at that port instead (note 259)
    ("passive", "server-firewall", "elsewhere"): QT_TRANSLATE_NOOP(
        "explain",
        "Passive mode failed: the server's reply named {named}, not the address we reach it at, so ftpgui "
        "connected to that port at the server's own address instead (it never dials another host a reply "
        "names), and that went unanswered or was refused. The server may accept data connections only at the "
        "address it named, or a firewall at the server stops them. The fix is on the server: set its passive "
        "address to the one clients reach it at, and open its passive port range.",
    ),
    ("active", "client-nat", "command"): QT_TRANSLATE_NOOP(
        "explain",
        "Active mode failed: the server refused the address in our PORT/EPRT command. vsftpd answers “500 "
        "Illegal PORT command.” when that address is not the one it sees the control connection come from "
        "(its default port_promiscuous=NO): the usual sign that this computer is behind NAT with no FTP "
        "helper rewriting PORT, or that the external address for active mode is wrong.",
    ),
}
# What the other mode can do, said after a failure's cause: from its real result when it is known.
_ADVISED = {
    "server-firewall",
    "server-rejected",
    "server-refused",
    "client-firewall",
    "client-nat",
    "foreign-address",
    "tls-helper",
    "bad-reply",
}
_OTHER_MODE = {
    ("passive", None): QT_TRANSLATE_NOOP("explain", "Active mode may work meanwhile."),
    ("passive", True): QT_TRANSLATE_NOOP("explain", "Active mode works with this server: use it meanwhile."),
    ("passive", False): QT_TRANSLATE_NOOP("explain", "Active mode failed too, so switching modes does not help here."),
    ("active", None): QT_TRANSLATE_NOOP("explain", "Use passive mode."),
    ("active", True): QT_TRANSLATE_NOOP("explain", "Passive mode works with this server: use it."),
    ("active", False): QT_TRANSLATE_NOOP("explain", "Passive mode failed too, so switching modes does not help here."),
}
_OK = {
    "passive": QT_TRANSLATE_NOOP("explain", "Passive mode works: we connected to the data port the server opened."),
    "active": QT_TRANSLATE_NOOP("explain", "Active mode works: the server connected back to the port we opened."),
}


# Where the words are shown, and so where the exchange behind a failure ftpgui cannot classify can be read:
# the window's message log; ftpgui-cli, which shows it with -v (run again with it, or it is above); a support
# bundle's transcript.txt. The CLI said "see the log" and has none (left by note 138; design note 140).
WINDOW, CLI, CLI_VERBOSE, BUNDLE = "window", "cli", "cli-verbose", "bundle"
_UNCLASSIFIED = {
    WINDOW: QT_TRANSLATE_NOOP(
        "explain", "The data connection failed for a reason ftpgui cannot classify; see the log."
    ),
    CLI: QT_TRANSLATE_NOOP(
        "explain",
        "The data connection failed for a reason ftpgui cannot classify; run again with -v to see the exchange "
        "with the server.",
    ),
    CLI_VERBOSE: QT_TRANSLATE_NOOP(
        "explain",
        "The data connection failed for a reason ftpgui cannot classify; the exchange with the server is above.",
    ),
    BUNDLE: QT_TRANSLATE_NOOP(
        "explain",
        "The data connection failed for a reason ftpgui cannot classify; transcript.txt has the exchange with "
        "the server.",
    ),
}


def explain_cause(*args: Any, **kwargs: Any) -> str:
    """``cause_words`` (the same arguments), said in the person's language."""
    return cause_words(*args, **kwargs).text()


def cause_words(
    mode: str,
    cause: str | None,
    other_works: Optional[bool] = None,
    stage: Optional[str] = None,
    shown_in: str = WINDOW,
    named: Optional[str] = None,
    advise: bool = True,
) -> Words:
    """One sentence on why ``mode`` failed with ``cause`` at ``stage`` (or that it worked, for ``None``), and
    what the other mode can do: ``other_works`` is its real result when it was tried (None: not tried). The
    same words for a live session's failure and for the diagnosis (``explain_result``); ``shown_in`` (WINDOW,
    CLI, CLI_VERBOSE, BUNDLE) says where the exchange can be read when the cause is not known. ``named``:
    passive, the host the server's reply named when the control connection's peer was dialled instead (the
    words say so: it was not the port "the server named" that failed). ``advise``: False leaves out what the
    other mode can do (said once for both, where both failed)."""
    if cause is None:
        return Words(CONTEXT, _OK.get(mode, QT_TRANSLATE_NOOP("explain", "It worked.")))
    advice = _OTHER_MODE.get((mode, other_works)) if cause in _ADVISED and advise else None
    elsewhere = _CAUSES_AT_STAGE.get((mode, cause, "elsewhere")) if named else None
    if elsewhere is not None:
        words = Words(CONTEXT, elsewhere, named=named)
    else:
        words = Words(CONTEXT, _cause_template(mode, cause, stage, shown_in))
    return Words(None, "{cause} {advice}", cause=words, advice=Words(CONTEXT, advice)) if advice else words


def other_mode_advice(mode: str, other_works: Optional[bool] = None) -> str:
    """What the other mode can do after ``mode`` failed (``cause_words``' second sentence), in the person's
    language: "Active mode may work meanwhile." and the like."""
    return tr(_OTHER_MODE[(mode, other_works)])


def _cause_words(mode: str, cause: str, stage: Optional[str], shown_in: str = WINDOW) -> str:
    """The sentence for a failure's cause (one definition per cause and, where it matters, stage)."""
    return tr(_cause_template(mode, cause, stage, shown_in))


def _cause_template(mode: str, cause: str, stage: Optional[str], shown_in: str = WINDOW) -> str:
    text = _CAUSES_AT_STAGE.get((mode, cause, stage or "")) or _CAUSES.get((mode, cause))
    return text if text is not None else _UNCLASSIFIED[shown_in]


_ENDED = (".", "!", "?", "。", "！", "？")
_THEN = QT_TRANSLATE_NOOP("explain", "{said}. {cause}")  # a sentence that ends in a server's reply, and the next


def then_cause(said: str, cause: str) -> str:
    """``said`` (a failure, in the person's language) and ``cause`` after it as a sentence of its own."""
    return tidy(f"{said} {cause}" if said.rstrip().endswith(_ENDED) else tr(_THEN).format(said=said, cause=cause))
