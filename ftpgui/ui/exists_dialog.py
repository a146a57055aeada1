"""The question "the target exists": overwrite, overwrite if newer, resume, rename or skip, with "apply to all"."""

from __future__ import annotations

from typing import Dict, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..ftp.safetext import shown_lines
from ..transfers.items import (
    CHOICES,
    DOWNLOAD,
    NEWER,
    OVERWRITE,
    RENAME,
    RESUME,
    SKIP,
    Existing,
    ExistsQuestion,
    resume_possible,
)
from ..transfers.model import human_size, local_time
from ..transfers.servers import Server
from .dialogs import fitted_name, wrap_when_wide

translate = QCoreApplication.translate  # lupdate reads the literal translate("ExistsDialog", …) calls


def tr(text: str) -> str:
    """``text``, marked with ``QT_TRANSLATE_NOOP("ExistsDialog", …)`` where it is defined, in the person's language."""
    return translate("ExistsDialog", text)


def _when(ts: Optional[float]) -> str:
    if ts is None:
        return translate("ExistsDialog", "time unknown")
    return local_time(ts, "%Y-%m-%d %H:%M:%S")


def _size(n: Optional[int]) -> str:
    return (
        translate("ExistsDialog", "size unknown")
        if n is None
        else translate("ExistsDialog", "{size} ({n} bytes)").format(size=human_size(n), n=f"{n:,}")
    )


LABELS = {
    OVERWRITE: QT_TRANSLATE_NOOP("ExistsDialog", "Overwrite"),
    NEWER: QT_TRANSLATE_NOOP("ExistsDialog", "Overwrite if the source is newer"),
    RESUME: QT_TRANSLATE_NOOP("ExistsDialog", "Resume (continue the smaller file)"),
    RENAME: QT_TRANSLATE_NOOP("ExistsDialog", "Rename (keep both)"),
    SKIP: QT_TRANSLATE_NOOP("ExistsDialog", "Skip"),
}


# said when Resume, given to all (or the preferences' default), cannot stand for this file
RESUME_REFUSED_LARGER = QT_TRANSLATE_NOOP(
    "ExistsDialog", "Resume cannot continue this file: the target is larger than the source. Choose what to do with it."
)
RESUME_REFUSED_UNKNOWN = QT_TRANSLATE_NOOP(
    "ExistsDialog",
    "Resume cannot continue this file: the size of the source or of the target is not known, so nothing says that "
    "the target is the start of the source. Choose what to do with it.",
)


# a download's local target that is a symbolic link: said, with what Resume and Overwrite do to it — Resume is
# not offered (it could only fail: design note 376)
LINK_LINE = QT_TRANSLATE_NOOP(
    "ExistsDialog",
    "a link to {path}; ftpgui does not write through links: Resume cannot continue it, Overwrite replaces the link",
)
# …a link that leads to nothing (no file at {path}): nothing to continue either
DANGLING_LINE = QT_TRANSLATE_NOOP(
    "ExistsDialog",
    "a link to {path}, which does not exist: there is nothing to continue; Overwrite replaces the link",
)
# the disabled Resume's tooltip, for a link
RESUME_NOT_THROUGH_LINK = QT_TRANSLATE_NOOP(
    "ExistsDialog", "The target is a link; ftpgui does not write through links, so Resume cannot continue it."
)
# said when Resume, given to all (or the preferences' default), cannot stand for a link
RESUME_REFUSED_LINK = QT_TRANSLATE_NOOP(
    "ExistsDialog",
    "Resume cannot continue this file: the target is a link, and ftpgui does not write through links. Choose what "
    "to do with it.",
)


class ExistsDialog(QDialog):
    """Asks one ``ExistsQuestion``; OK answers it with the chosen action, closing the dialog skips."""

    def __init__(
        self, question: ExistsQuestion, parent: Optional[QWidget] = None, default: str = OVERWRITE, server: str = ""
    ):
        """``server``: the item's server in words (``server_words``): said, as several tabs may have one each."""
        super().__init__(parent)
        self.question = question
        self.setWindowTitle(translate("ExistsDialog", "The target exists"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ex = question.existing
        layout = QVBoxLayout(self)
        if ex.collision:
            head = translate(
                "ExistsDialog", "Another file in the target folder has the same name apart from case:\n{target}"
            )
        else:
            head = translate("ExistsDialog", "The target already exists:\n{target}")
        source_side = (
            translate("ExistsDialog", "Server")
            if question.direction == DOWNLOAD
            else translate("ExistsDialog", "Local")
        )
        target_side = (
            translate("ExistsDialog", "Local")
            if question.direction == DOWNLOAD
            else translate("ExistsDialog", "Server")
        )
        lines = [
            head.format(target=fitted_name(question.target))
        ]  # (a server's name: a line break or bidi mark escaped)
        if server:  # (which of the servers: the dialog said only "Server", found by QA: note 472)
            lines.append(translate("ExistsDialog", "Server: {server}").format(server=server))
        lines += [
            "",
            translate("ExistsDialog", "Source ({side}): {path}").format(
                side=source_side, path=fitted_name(question.source)
            ),
            "    "
            + translate("ExistsDialog", "{size}, {when}").format(
                size=_size(ex.source_size), when=_when(ex.source_mtime)
            ),
            translate("ExistsDialog", "Target ({side}):").format(side=target_side),
            "    " + translate("ExistsDialog", "{size}, {when}").format(size=_size(ex.size), when=_when(ex.mtime)),
        ]
        info = QLabel(shown_lines("\n".join(lines)))  # (a name's bytes no codec read: \xd6, not dropped)
        info.setTextFormat(Qt.TextFormat.PlainText)  # names come from the server
        wrap_when_wide(info)  # (a long name: cut, and free to break, note 240)
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lines_box = QVBoxLayout()  # (the link's line right under the target's, as one text: no gap)
        lines_box.setSpacing(0)
        lines_box.addWidget(info)
        if ex.link:  # (its size and time are those of the file it leads to; no Resume there: notes 372, 376)
            lines_box.addWidget(_link_line(info, ex))
        layout.addLayout(lines_box)
        if question.resume_refused:  # (Resume given to all stands only where it can continue the file, note 171)
            larger = ex.size is not None and ex.source_size is not None and ex.size > ex.source_size
            refused = RESUME_REFUSED_LINK if ex.link else RESUME_REFUSED_LARGER if larger else RESUME_REFUSED_UNKNOWN
            why = QLabel(translate("ExistsDialog", refused))
            why.setObjectName("resumeRefused")
            why.setWordWrap(True)
            layout.addWidget(why)
        self.buttons: Dict[str, QRadioButton] = {}
        self.group = QButtonGroup(self)
        for choice in CHOICES:
            button = QRadioButton(tr(LABELS[choice]))
            button.setObjectName(f"choice-{choice}")
            self.group.addButton(button)
            self.buttons[choice] = button
            layout.addWidget(button)
        chosen = default if default in CHOICES else OVERWRITE
        if not resume_possible(ex):  # nothing to continue, or nothing says the target is the source's start
            self.buttons[RESUME].setEnabled(False)
            if ex.link:  # (a link: why, where the person looks — it was offered, and could only fail: note 376)
                self.buttons[RESUME].setToolTip(translate("ExistsDialog", RESUME_NOT_THROUGH_LINK))
            if chosen == RESUME or question.resume_refused:
                chosen = SKIP  # (Resume was wanted: nothing is replaced unless the person chooses so)
        self.buttons[chosen].setChecked(True)
        # (the files of the same request, the same server and direction: ``transfers.questions``)
        self.apply_all = QCheckBox(
            translate("ExistsDialog", "Apply to the other files queued with this one that exist")
        )
        layout.addWidget(self.apply_all)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("ExistsDialog", "Skip"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.box = box
        layout.addWidget(box)

    def choice(self) -> str:
        return next(c for c, b in self.buttons.items() if b.isChecked())

    def withdraw(self) -> None:
        """The queue took the question back (its item was cancelled, paused or removed): closed, unanswered."""
        self.question.withdrawn = True
        self.reject()

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.question.answer(self.choice(), self.apply_all.isChecked())
        else:
            self.question.answer(SKIP, self.apply_all.isChecked())
        super().done(result)


def _link_line(info: QLabel, ex: Existing) -> QLabel:
    """The line under the target's size saying it is a link and where it leads: a label of its own, indented as
    the lines above it, so that its wrapped lines keep that indent (one label's wrapped line began at its left
    edge: note 376)."""
    words = translate("ExistsDialog", DANGLING_LINE if ex.dangling else LINK_LINE)
    line = QLabel(shown_lines(words.format(path=fitted_name(ex.link))))
    line.setObjectName("linkLine")
    line.setTextFormat(Qt.TextFormat.PlainText)
    line.setIndent(info.fontMetrics().horizontalAdvance("    "))  # (the lines above: four spaces in)
    line.setWordWrap(True)
    line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return line


def server_words(server: Optional[Server]) -> str:
    """A queue item's server as the question says it: ``user@host:port`` (and its proxy), after its site's name."""
    if server is None:
        return ""
    if server.name:
        return translate("ExistsDialog", "{site} ({address})").format(site=server.name, address=server.address())
    return server.address()


def ask_exists(
    question: ExistsQuestion, parent: Optional[QWidget] = None, default: str = OVERWRITE, server: str = ""
) -> ExistsDialog:
    """Show the question without blocking; the dialog answers it when closed (``default`` is preselected)."""
    dialog = ExistsDialog(question, parent, default, server)
    dialog.show()
    return dialog
