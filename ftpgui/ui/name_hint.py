"""Saying that a server's names are not in the session's encoding, and which setting would read them.

A listing whose names the session's codec cannot read (GBK names on a UTF-8 session: their bytes shown as
``\\xd6``) is said once a session: in the message log, and in a note above the remote files that names the
code page the names look like (``ftpgui.ftp.nameguess``) and the encoding choice that reads them. Nothing
changes by itself: the note's button opens the site's settings with that choice made (nothing is saved
until OK or Connect there), or, for a quick connection, connects again with it when the person presses it.

A listing's lines that no format reads are said in the message log, each time the folder is listed: what
they name is not among the remote files (a size past 2⁶⁴ or below zero, a line of an unknown format). The
walks through folders say theirs in the same words (``unread_words``): a search, in its dialog; a
recursive delete and a permission change, in the log and the status bar.
"""

from __future__ import annotations

import dataclasses
from typing import Any, List, Optional, Sequence, Tuple

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from ..explain import QT_TRANSLATE_NOOP
from ..ftp.safetext import UnreadLines, shown
from ..words import Words

# (nameguess and encoding_box are imported where a note is made: their code pages and character classes cost
# ~30 ms at import, which the first window does not need)

translate = QCoreApplication.translate  # lupdate reads the literal translate("NameHint", …) calls

# the code page a region's servers use, tried first when two read the names equally well
_REGION_CODECS = {"zh_TW": "big5", "zh_HK": "big5", "zh_MO": "big5", "ja": "shift_jis", "ko": "euc_kr"}


# what was left out where a folder's listing had lines no format reads (each said by ``unread_words``)
NOT_SHOWN = QT_TRANSLATE_NOOP(
    "NameHint", "{count} line(s) of the listing of {folder} could not be read; what they name is not shown: “{lines}"
)
NOT_SEARCHED = QT_TRANSLATE_NOOP(
    "NameHint",
    "{count} line(s) of the listing of {folder} could not be read; what they name is not searched: “{lines}",
)
NOT_DELETED = QT_TRANSLATE_NOOP(
    "NameHint",
    "{count} line(s) of the listing of {folder} could not be read; what they name is not deleted, and so neither "
    "is the folder: “{lines}",
)
NOT_CHANGED = QT_TRANSLATE_NOOP(
    "NameHint",
    "{count} line(s) of the listing of {folder} could not be read; what they name is not changed: “{lines}",
)


def unread_words(unread: UnreadLines, left_out: str = NOT_SHOWN) -> Words:
    """The lines of ``unread`` that no format read and what was therefore ``left_out`` (one of the sentences
    above), with the first few lines quoted."""
    quoted = "”, “".join(unread.lines) + ("”, …" if unread.count > len(unread.lines) else "”")
    return Words("NameHint", left_out, count=unread.count, folder=shown(unread.folder), lines=quoted)


def region_codecs() -> List[str]:
    name = QLocale().name()
    found = _REGION_CODECS.get(name) or _REGION_CODECS.get(name.split("_")[0])
    return [found] if found else []


class NameHintBar(QFrame):
    """The note above the remote files: words, the button that takes the suggestion, and one that hides it."""

    taken = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("nameHint")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.suggested: Optional[str] = None  # the encoding choice the button takes
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.take = QPushButton(self)
        self.take.clicked.connect(self.taken)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this note"))
        self.close_button.setAccessibleName(self.tr("Hide this note"))
        self.close_button.clicked.connect(self.hide)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.text, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.take)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 4, 6)
        layout.addLayout(top)
        layout.addLayout(buttons)
        self.hide()

    def say(self, text: str, action: str) -> None:
        """Show ``text``, with the button ``action`` (none when empty)."""
        self.text.setText(text)
        self.take.setText(action)
        self.take.setVisible(bool(action))
        self.show()


def _reads(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _join(*sentences: str) -> str:
    """Sentences one after the other: a space between English ones, none after a Chinese full stop."""
    out = ""
    for sentence in sentences:
        out += sentence if not out or out.endswith("。") else " " + sentence
    return out


def changed_names(current: str, suggested: str, readable: Sequence[bytes]) -> List[Tuple[str, str]]:
    """The names among ``readable`` (bytes of names that read on a session set to ``current``) that a session
    set to ``suggested`` would read otherwise: each as it reads now and as it would then."""
    from ..ftp.names import NameCodec, parse_encoding

    try:
        now, then = (NameCodec.for_session(parse_encoding(v), server_utf8=False) for v in (current, suggested))
    except ValueError:
        return []
    pairs = [(now.decode(raw), then.decode(raw)) for raw in readable]
    return [(a, b) for a, b in pairs if a != b]


def describe(
    current: str, raws: List[bytes], codec: Optional[str], site: bool, readable: Sequence[bytes] = ()
) -> Tuple[str, str]:
    """The words for the note and for the log: the names are not in the codecs of ``current`` (the session's
    setting); they look like ``codec`` (one name read so, as an example), and the choice that reads them —
    with, where that choice would read names that read now (``readable``, their bytes) otherwise, how many and
    one of them before and after; or, without a guess, where to set the server's code page. ``site``: a saved
    site's session (else quick connect). The note is short (it stands above the files it speaks of; its button
    names the choice)."""
    from .encoding_box import choice_label, codec_name, reading, suggestion

    byte = next((f"\\x{b:02x}" for b in raws[0] if b > 0x7F), "\\x80")
    head = translate(
        "NameHint",
        "Some file names on this server are not {codec}; bytes that cannot be read show as codes such as {byte}.",
    ).format(codec=reading(current), byte=byte)
    if codec is None:
        if site:
            advice = translate("NameHint", "If you know the server's code page, choose it as this site's encoding.")
        else:
            advice = translate(
                "NameHint",
                "If you know the server's code page, save the server as a site and choose it as its encoding.",
            )
        return _join(head, advice), _join(head, advice)
    example = shown(next((r.decode(codec) for r in raws if _reads(r, codec)), raws[0].decode(codec, "replace")))
    note = translate(
        "NameHint", "Some names are not {codec} (unreadable bytes show as {byte}); they look like {guess}: “{example}”."
    ).format(codec=reading(current), byte=byte, guess=codec_name(codec), example=example)
    guess = translate("NameHint", "They look like {codec}: “{example}”.").format(
        codec=codec_name(codec), example=example
    )
    suggested = suggestion(current, codec)
    choice = choice_label(suggested)
    if site:
        advice = translate("NameHint", "To read them, set this site's encoding to “{choice}”.").format(choice=choice)
    else:
        advice = translate(
            "NameHint", "To read them, connect with the encoding “{choice}” (a saved site keeps it)."
        ).format(choice=choice)
    changed = changed_names(current, suggested, readable)
    if changed:  # (Latin-1 after GBK: the GBK names would read wrong)
        before, after = changed[0]
        warning = translate(
            "NameHint",
            "That would also change {count} name(s) that read correctly now: “{before}” would show as “{after}”.",
        ).format(count=len(changed), before=shown(before), after=shown(after))
        note, advice = _join(note, warning), _join(advice, warning)
    return note, _join(head, guess, advice)


class LegacyNames:
    """The window's side (a mixin of :class:`~ftpgui.ui.main_window.MainWindow`, acting for the tab whose
    browsing connection listed the names)."""

    def _names_undecoded(self, raws: List[bytes], readable: List[bytes]) -> None:
        """A listing held names the session cannot read (their bytes); ``readable``: the bytes of a few of its
        names beyond ASCII that read (the note says which of them the suggested choice would read otherwise)."""
        browser = self.remote_browser
        if browser.options is None or not raws:
            return
        from ..ftp.nameguess import guess_codec
        from .encoding_box import choice_label, suggestion

        current = browser.options.encoding
        codec = guess_codec(raws, prefer=region_codecs())
        site = self._site is not None
        note, said = describe(current, raws, codec, site, readable)
        suggested = suggestion(current, codec) if codec else None
        self.log.add_lines([("status", said)])
        self.remote.model.read_as = codec
        if site and suggested is not None:
            action = translate("NameHint", "Use “{choice}” for this site…").format(choice=choice_label(suggested))
        elif site:
            action = translate("NameHint", "Site's encoding…")
        elif suggested is not None:
            action = translate("NameHint", "Connect with “{choice}”").format(choice=choice_label(suggested))
        else:
            action = ""
        self.remote.hint_bar.suggested = suggested
        self.remote.hint_bar.say(note, action)

    def _lines_unread(self, unread: UnreadLines, left_out: str = NOT_SHOWN) -> None:
        """A listing held lines no format reads: what they name is ``left_out`` (not shown in the pane; not
        searched, deleted or changed by a walk), and the log says so."""
        self.log.add_lines([("error", unread_words(unread, left_out).text())])

    def _take_name_hint(self) -> None:
        """The note's button: the site's settings with the suggested encoding chosen; or, for a quick
        connection, the same server again with it (this connection only)."""
        suggested: Any = self.remote.hint_bar.suggested
        browser = self.remote_browser
        if self._site is not None:
            dialog = self._make_site_manager()
            if dialog is None:
                return
            dialog.suggest_encoding(self._site.id, suggested)
            self._open_prompt(dialog)
            return
        if suggested is None or browser.endpoint is None or browser.options is None:
            return
        self.remote.hint_bar.hide()
        options = dataclasses.replace(browser.options, encoding=suggested)
        self.connect_to(browser.endpoint, options, path=self.remote.path)
