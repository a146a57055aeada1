"""Small dialogs the main window opens: an untrusted certificate, plain FTP, a password, a yes/no question (the
permissions: ``permissions``).

Every dialog here is opened with ``open()`` (window-modal, not a nested event loop) and reports its answer
by signal, so the GUI thread never waits inside ``exec()`` and tests can answer it like a person would.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Match, Optional, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..explain import certificate_problem
from ..ftp.safetext import dated, shown, shown_lines

PROMPT_WIDTH = 340  # a password prompt's least width (its widest word's, where that is more)
LINE_WIDTH = 560  # pixels: a question's line wider than this wraps (a long name: ``fitted``, note 240)


def wrap_when_wide(label: QLabel) -> None:
    """``label`` wraps its lines when they would be wider than ``LINE_WIDTH``; shorter, it keeps them whole (a
    wrapped label asks for less width than its text: a name of 50 letters broke over two lines)."""
    label.setWordWrap(label.sizeHint().width() > LINE_WIDTH)


def keep_text_whole(dialog: QDialog, width: int = PROMPT_WIDTH) -> None:
    """``dialog`` no smaller than its text needs: ``width`` wide at least (its widest word's, or its buttons',
    where that is more) and as tall as its word-wrapped labels' lines at that width. Qt's own least size of a
    window is its layout's — a wrapped label one line high — so a prompt shrunk cut its words (note 206). It
    opens that size (or as wide as its layout would be, where that is more), as tall as its lines at that width:
    Qt's own first size was as tall as the labels' lines at their narrower width of choice, then only widened,
    an empty band left under the words (note 279)."""
    layout = dialog.layout()
    dialog.ensurePolished()
    width = max(width, layout.totalMinimumSize().width())
    dialog.setMinimumSize(width, layout.totalHeightForWidth(width))
    natural = max(width, layout.totalSizeHint().width())
    dialog.resize(natural, layout.totalHeightForWidth(natural))


TITLE_ROOM = 160  # pixels beside a title in a window manager's title bar: its icon and buttons


def fit_title(dialog: QWidget) -> None:
    """``dialog`` at least as wide as its title needs in a title bar (drawn bold by many window managers, with
    an icon and buttons beside it): a small dialog's title was cut ("Save a…Name", by QA at 1366×768)."""
    font = QFont(dialog.font())
    font.setBold(True)
    need = QFontMetrics(font).horizontalAdvance(dialog.windowTitle()) + TITLE_ROOM
    field = dialog.findChild(QLineEdit) if isinstance(dialog, QInputDialog) else None
    if field is None:
        dialog.setMinimumWidth(max(dialog.minimumWidth(), need))
        return
    margins = dialog.layout().contentsMargins() if dialog.layout() is not None else None
    side = margins.left() + margins.right() if margins is not None else 0
    field.setMinimumWidth(need - side)  # (a QInputDialog sets its own least size from its layout's when shown)


def plain_label(text: str, parent: Optional[QWidget] = None) -> QLabel:
    """A label that shows ``text`` literally (server-supplied text is never rich text), its control and bidi
    characters as visible escapes (``shown_lines``: our own line breaks kept)."""
    label = QLabel(shown_lines(text), parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


SERVER_SHOWN = 512  # characters of a server's text (a certificate's subject, a reply) a dialog says
SHOWN_END = 128  # of them, the last of a long name or path (``fitted_name``): the name it ends in
RUN_SHOWN = 32  # characters with no space, slash or hyphen that a line holds: a longer run may break after each
# a line may break after a slash or hyphen, and between Chinese characters, already: they end a run
_LONG_RUN = re.compile(rf"[^\s/\-\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]{{{RUN_SHOWN + 1},}}")
_BREAK = "\u200b"  # a zero-width space: where a line may break, drawn as nothing


def fitted(text: str, end: int = 0) -> str:
    """A server's ``text`` as a dialog says it: :func:`shown` (escapes); when it has more than ``SERVER_SHOWN``
    characters, as many of its first ones and "…" (and its last ``end`` after it); and a run of more than
    ``RUN_SHOWN`` characters with no space free to break. A label breaks lines only at spaces: a certificate's
    subject of 10 KB with none made its dialog 95,000 pixels wide, the buttons off the screen (found by QA)."""
    text = shown(text)  # (then cut: a run of escapes is six times the characters it stands for)
    if len(text) > SERVER_SHOWN:
        text = text[: SERVER_SHOWN - end] + "…" + (text[-end:] if end else "")
    return breakable(text)


def fitted_name(name: str) -> str:
    """A name or path as a question says it: :func:`fitted`, a long one keeping its last ``SHOWN_END``
    characters — the name a long path ends in."""
    return fitted(name, SHOWN_END)


def breakable(text: str) -> str:
    """``text`` with each run of more than ``RUN_SHOWN`` characters with no space free to break after each
    ``RUN_SHOWN`` (a zero-width space): a word-wrapped label cannot break it otherwise, and is clipped."""
    return _LONG_RUN.sub(_breakable, text)


def _breakable(run: Match[str]) -> str:
    text = run.group()
    return _BREAK.join(text[i : i + RUN_SHOWN] for i in range(0, len(text), RUN_SHOWN))


def _when(value: Any) -> str:
    if value is None:
        return "?"
    return dated(value, "%Y-%m-%d %H:%M UTC") if hasattr(value, "strftime") else str(value)


def in_halves(fingerprint: str) -> str:
    """A SHA-256 fingerprint (32 bytes as ``AB:CD:…``) on two lines of 16 bytes: on one, its 95 characters with
    no space made the certificate question 837 pixels wide (design note 242)."""
    parts = fingerprint.split(":")
    half = (len(parts) + 1) // 2
    return ":".join(parts[:half]) + ("\n" + ":".join(parts[half:]) if len(parts) > 1 else "")


def cancel_on_enter(cancel: QPushButton, *risky: QPushButton) -> None:
    """Enter cancels, as Escape does: a question whose other answers trust a certificate or send a password in
    plain text is answered so only by a click (or Tab to the button and Space). Called once the buttons are in
    their dialog: a default set before that was lost, and the first button, with the focus, took Enter (QA,
    design note 315)."""
    for button in risky:
        button.setAutoDefault(False)  # (a focused auto-default button takes Enter from the dialog's default)
        button.setDefault(False)
    cancel.setAutoDefault(True)
    cancel.setDefault(True)
    cancel.setFocus()


class CertificateDialog(QDialog):
    """An untrusted server certificate: subject, issuer, validity and SHA-256 fingerprint.

    ``info`` is the engine's untrusted-certificate error (or anything with ``subject``, ``issuer``,
    ``not_before``, ``not_after``, ``fingerprint`` and optionally ``host``, ``port``, ``reason``).
    ``decided`` carries ``"once"``, ``"always"`` or ``"cancel"``.
    """

    decided = Signal(str)

    def __init__(self, info: Any, parent: Optional[QWidget] = None, known: Sequence[str] = (), note: str = ""):
        """``known``: the fingerprints trusted for the server before; ``note``: why it is asked, at the top (the
        queue asks for a server not being browsed)."""
        super().__init__(parent)
        self.info = info
        self.choice = "cancel"
        self.changed = bool(known)  # another certificate was trusted for this server before: a change
        layout = QVBoxLayout(self)
        if note:
            layout.addWidget(plain_label(note))
        host = getattr(info, "host", "")
        where = (
            self.tr("{host} port {port}").format(host=host, port=getattr(info, "port", ""))
            if host
            else self.tr("the server")
        )
        if self.changed:  # (it read as a first certificate - found by QA)
            self.setWindowTitle(self.tr("Certificate changed"))
            warning = plain_label(
                self.tr(
                    "The certificate of {where} has CHANGED: it is not the one you trusted before. This can be "
                    "an attack. Trust the new one only if you know why it changed (a renewal the server's "
                    "administrator confirms)."
                ).format(where=where)
            )
            warning.setStyleSheet("font-weight: bold")
            layout.addWidget(warning)
        else:
            self.setWindowTitle(self.tr("Unknown certificate"))
            layout.addWidget(
                plain_label(
                    self.tr(
                        "The certificate of {where} could not be verified. Check its fingerprint with the server's "
                        "administrator before you trust it."
                    ).format(where=where)
                )
            )
        form = QFormLayout()
        if getattr(info, "reason", ""):  # (OpenSSL's words after the person's: design note 256)
            self.problem = plain_label(fitted(certificate_problem(info)))
            form.addRow(self.tr("Problem:"), self.problem)
        # the server's own words: a subject's ESC, bidi override or line break is shown as an escape, as the CLI
        # says it (a CN holding "\nFAKE: trusted" showed a line of its own, "gpj.exe" reversed - found by QA)
        form.addRow(self.tr("Subject:"), plain_label(fitted(str(getattr(info, "subject", "") or "?"))))
        form.addRow(self.tr("Issuer:"), plain_label(fitted(str(getattr(info, "issuer", "") or "?"))))
        valid = self.tr("{start} to {end}").format(
            start=_when(getattr(info, "not_before", None)), end=_when(getattr(info, "not_after", None))
        )
        form.addRow(self.tr("Valid:"), plain_label(valid))
        self.fingerprint = plain_label(in_halves(str(getattr(info, "fingerprint", ""))))
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        form.addRow(self.tr("SHA-256 fingerprint:"), self.fingerprint)
        if self.changed:
            before = plain_label("\n".join(in_halves(fingerprint) for fingerprint in known))
            before.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            form.addRow(self.tr("Trusted before:"), before)
        layout.addLayout(form)
        # what each button does, in a line (the first question did not say it; found by QA, design note 405)
        if self.changed:
            once = self.tr("“Trust once”: the new one is trusted until ftpgui closes, and not saved.")
        else:
            once = self.tr(
                "“Trust once”: trusted until ftpgui closes, not saved. “Always trust”: saved, not asked again."
            )
        self.buttons_said = plain_label(once)
        layout.addWidget(self.buttons_said)
        if self.changed:  # (both were kept: a server that went back to the old one was not asked about - QA)
            self.replaces = plain_label(
                self.tr(
                    "“Always trust” replaces the certificate trusted before: the old one will no longer be "
                    "accepted for {where}."
                ).format(where=where)
            )
            layout.addWidget(self.replaces)
        box = QDialogButtonBox()
        self.once_button = box.addButton(self.tr("Trust once"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.always_button = box.addButton(self.tr("Always trust"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.once_button.clicked.connect(lambda: self._finish("once"))
        self.always_button.clicked.connect(lambda: self._finish("always"))
        self.cancel_button.clicked.connect(lambda: self._finish("cancel"))
        layout.addWidget(box)
        cancel_on_enter(self.cancel_button, self.once_button, self.always_button)
        self.rejected.connect(lambda: self._finish("cancel"))
        self._done = False

    def _finish(self, choice: str) -> None:
        if self._done:
            return
        self._done = True
        self.choice = choice
        self.decided.emit(choice)
        if choice == "cancel":
            self.reject()
        else:
            self.accept()


class PlainFtpDialog(QDialog):
    """ "FTP over TLS if available" found no TLS: asked before the user name and password are sent.

    ``info`` is the engine's ``TlsUnavailable`` (``host``, ``port``, ``reason``: "not-offered" or "refused",
    ``reply``). ``decided`` carries ``"once"``, ``"always"`` (the box "Always allow plain FTP for this
    server" was ticked) or ``"cancel"``.
    """

    decided = Signal(str)

    def __init__(self, info: Any, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.info = info
        self.choice = "cancel"
        self.setWindowTitle(self.tr("Insecure FTP connection"))
        layout = QVBoxLayout(self)
        where = self.tr("{host} port {port}").format(host=getattr(info, "host", ""), port=getattr(info, "port", ""))
        layout.addWidget(
            plain_label(
                self.tr(
                    "{where} does not support FTP over TLS. Nothing has been sent yet. If you connect without "
                    "encryption, your user name, password and files travel in plain text: anyone on the way "
                    "can read them."
                ).format(where=where)
            )
        )
        form = QFormLayout()
        self.server = plain_label(where)
        form.addRow(self.tr("Server:"), self.server)
        if getattr(info, "reason", "") == "refused":
            reason = self.tr("The server refused TLS: {reply}").format(reply=fitted(str(getattr(info, "reply", ""))))
        else:
            reason = self.tr("The server does not offer TLS.")
        self.reason = plain_label(reason)
        form.addRow(self.tr("Reason:"), self.reason)
        layout.addLayout(form)
        self.always = QCheckBox(self.tr("Always allow plain FTP for this server"))
        layout.addWidget(self.always)
        box = QDialogButtonBox()
        self.connect_button = box.addButton(
            self.tr("Connect &without encryption"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button.clicked.connect(lambda: self._finish("always" if self.always.isChecked() else "once"))
        self.cancel_button.clicked.connect(lambda: self._finish("cancel"))
        layout.addWidget(box)
        cancel_on_enter(self.cancel_button, self.connect_button)
        self.rejected.connect(lambda: self._finish("cancel"))
        self._done = False

    def _finish(self, choice: str) -> None:
        if self._done:
            return
        self._done = True
        self.choice = choice
        self.decided.emit(choice)
        if choice == "cancel":
            self.reject()
        else:
            self.accept()


class PasswordDialog(QDialog):
    """Asks for the password of a site whose password is not saved ("ask" logon)."""

    def __init__(self, what: str, parent: Optional[QWidget] = None, note: str = "", remember: Optional[bool] = None):
        """``note``: why it is asked, above the field (the queue asks for a server not being browsed);
        ``remember``: a "Remember until the app closes" box, ticked or not (None: none — a password nothing else
        would ask for again)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Password"))
        layout = QVBoxLayout(self)
        if note:
            layout.addWidget(plain_label(note))
            layout.addSpacing(self.fontMetrics().height() // 2)  # (why, apart from what is asked)
        layout.addWidget(plain_label(self.tr("Password for {what}:").format(what=what)))
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.field)
        self.remember: Optional[QCheckBox] = None
        if remember is not None:
            self.remember = QCheckBox(self.tr("Remember until the app closes"))
            self.remember.setChecked(remember)
            layout.addWidget(self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        keep_text_whole(self)

    def remembers(self) -> bool:
        """Whether the person left "Remember until the app closes" ticked."""
        return self.remember is not None and self.remember.isChecked()

    def password(self) -> str:
        return self.field.text()


def ask(
    parent: QWidget,
    title: str,
    text: str,
    yes_text: str,
    on_yes: Callable[[], None],
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    check: Optional[QCheckBox] = None,
) -> QMessageBox:
    """A yes/cancel question, opened without blocking; ``on_yes`` runs when the person agrees. ``check``: a box
    under the text ("Don't ask again"), given before the question opens — set after, it was laid out over the
    text's last line or not shown at all (design note 397)."""
    text = breakable(shown_lines(text))  # (a name in it: escaped, and a long one free to break)
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes: QPushButton = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if check is not None:
        box.setCheckBox(check)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(finished)
    box.yes_button = yes  # type: ignore[attr-defined]  # for tests and keyboard users alike
    box.open()
    return box
