"""The mode panel's short words: names of modes, stages, causes and close reasons, counts and times in the
person's locale, and the picture's fixed labels, through ``translate()`` (``narration`` re-exports them with its
sentences)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from ftpgui.ftp.causes import LEARNT

translate = QCoreApplication.translate  # lupdate reads the literal translate("ModePanel", …) calls


def seconds(value: float) -> str:
    """A data connection's time to the millisecond; under half of one, "<0.001" (not "0.000": it took time)."""
    return "<0.001" if value < 0.0005 else f"{value:.3f}"


def number(n: int) -> str:
    """``1998`` → "1,998" in the person's locale (English grouping where the locale is plain "C")."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale.toString(int(n))


def mode_name(mode: str) -> str:
    return {
        "passive": translate("ModePanel", "Passive"),
        "active": translate("ModePanel", "Active"),
        "auto": translate("ModePanel", "Auto"),
    }.get(mode, mode)


def mode_word(mode: str) -> str:
    """The mode's name in sentences ("active"; the box's "Active" in Chinese is the same word)."""
    name = mode_name(mode)
    return name.lower() if name.isascii() else name


def close_reason(reason: str) -> str:
    """Why the control connection closed, in words: each of the engine's ``events.CLOSE_REASONS`` (the message
    log says them so too)."""
    return {
        "quit": translate("ModePanel", "quit"),
        "lost": translate("ModePanel", "lost"),
        "error": translate("ModePanel", "error"),
        "cancelled": translate("ModePanel", "cancelled"),
        "closed": translate("ModePanel", "closed"),
        "reconnect": translate("ModePanel", "reconnecting"),
        "untrusted": translate("ModePanel", "certificate not trusted"),
        "timeout": translate("ModePanel", "timed out"),
        "421": translate("ModePanel", "ended by the server with 421"),
    }.get(reason, reason)


def unasked_words() -> str:
    """What a reply no command asked for is marked with, before its text (a server's stray reply: note 426)."""
    return translate("ModePanel", "(not asked for, ignored)")


def stage_name(stage: str) -> str:
    return {
        "command": translate("ModePanel", "command"),
        "connect": translate("ModePanel", "connect"),
        "accept": translate("ModePanel", "accept"),
        "tls": translate("ModePanel", "TLS"),
        "transfer": translate("ModePanel", "transfer"),
    }.get(stage, stage)


def cause_name(cause: str) -> str:
    """A few words for a diagnosis cause code."""
    return {
        "server-firewall": translate("ModePanel", "likely a firewall at the server"),
        "client-firewall": translate("ModePanel", "likely a firewall at the client"),
        "client-nat": translate("ModePanel", "the client is behind NAT"),
        "server-refused": translate("ModePanel", "the server refused"),
        "server-rejected": translate("ModePanel", "the server rejected the data connection"),
        "foreign-address": translate("ModePanel", "the data connection came from another address"),
        "tls-helper": translate("ModePanel", "a firewall's FTP helper cannot see through TLS"),
        "nat-address": translate("ModePanel", "the server advertised another address"),
        "bad-reply": translate("ModePanel", "the server's reply named no usable data port"),
        "tls": translate("ModePanel", "TLS failed"),
        LEARNT: translate("ModePanel", "passive mode failed on another connection to this server"),
        "other": translate("ModePanel", "another reason"),
    }.get(cause, cause)


def failed_because(cause: str) -> str:
    """The picture's label on a failed arrow: "failed: likely a firewall at the server"."""
    return translate("ModePanel", "failed: {cause}").format(cause=cause_name(cause))


def fallback_title(from_mode: str, to_mode: str) -> str:
    return translate("ModePanel", "Auto mode: {from_mode} → {to_mode}").format(
        from_mode=mode_name(from_mode), to_mode=mode_name(to_mode)
    )


def bytes_moved(n: int) -> str:
    if n == 1:  # each its own sentence: languages say "1 byte" and "2 bytes" differently
        return translate("ModePanel", "1 byte")
    return translate("ModePanel", "{bytes} bytes").format(bytes=number(n))


def labels() -> dict:
    """The picture's fixed words."""
    return {
        "client": translate("ModePanel", "Client"),
        "server": translate("ModePanel", "Server"),
        "control": translate("ModePanel", "control connection"),
        "data": translate("ModePanel", "data connection"),
        "listens": translate("ModePanel", "listens"),
        "dials": translate("ModePanel", "dials"),
        "waiting": translate("ModePanel", "Waiting for a connection's events…"),
        "no_data": translate("ModePanel", "No data connection yet."),
        "none_open": translate("ModePanel", "No data connection open."),
        "failed": translate("ModePanel", "failed"),
        "step": translate("ModePanel", "Step {index} of {count}"),
        "data_n": translate("ModePanel", "data connection #{number}"),
        "picture": translate("ModePanel", "Connection picture"),
        "advertised": translate("ModePanel", "advertised"),
        "not_used": translate("ModePanel", "not dialled"),
        "client_wall": translate("ModePanel", "client firewall"),
        "server_wall": translate("ModePanel", "server firewall"),
    }
