"""Close Tab's question while transfers of the tab's server are still in the queue, and what its "Cancel the
transfers" cut off (design note 471, found by QA).

The transfers go on while the question is open. It follows the queue as Quit's does (note 280): the files it says
a cancel leaves incomplete on the server are the uploads under way *now* — it named those under way when it
opened, which had finished by the time the person answered, and never the files the cancel did cut off. And a
cancel takes effect a moment after the click (a file may end meanwhile): once it has reached every item, the
log and the status bar say which uploads it cut off and what the server kept of each, or that it cut none.
"""

from __future__ import annotations

import contextlib
import posixpath
from typing import Any, List

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from ..ftp.safetext import shown, shown_lines
from ..transfers.items import ACTIVE, CANCELLED, QUEUED, RETRYING, UPLOAD, WAITING
from .dialogs import breakable
from .window_transfers import cut_uploads

IN_PROGRESS = (ACTIVE, QUEUED, RETRYING, WAITING)  # "transfers in progress" (paused ones stay, unasked)


translate = QCoreApplication.translate  # lupdate reads the literal translate("WindowTabs", …) calls (the window's
# words for its tabs: one context)


def question_lines(window: Any, tab: Any, edits: List[str], asked: bool) -> List[str]:
    """What the question says now: the transfers of ``tab``'s server still in the queue, and the uploads a cancel
    cuts off at this moment; then ``edits`` (the files open for editing). ``asked``: it was asked about transfers,
    which have all ended since."""
    pending = window.transfers_of(tab)
    lines = []
    if pending:
        lines.append(
            translate(
                "WindowTabs",
                "Transfers of {server} are still in the queue ({n}). Cancel them, or keep them running in the "
                "queue after the tab is closed?",
            ).format(n=len(pending), server=tab.title())
        )
        cut = cut_uploads(pending)
        if cut:  # (as Quit says it: what a cancel leaves on the server)
            names = translate("WindowTabs", ", ").join(shown(posixpath.basename(item.remote)) for item in cut)
            lines.append(
                translate(
                    "WindowTabs",
                    "If you cancel them, a file cut off in its upload is left incomplete on the server: {names}.",
                ).format(names=names)
            )
    elif asked:
        lines.append(
            translate(
                "WindowTabs",
                "The transfers of {server} have ended while you were asked: closing the tab cancels nothing.",
            ).format(server=tab.title())
        )
    return lines + edits


def follow(window: Any, box: QMessageBox, tab: Any, edits: List[str]) -> None:
    """The open question said again as the queue is now (each change of its totals, and when it goes idle)."""

    following = [True]

    def again(*_args: Any) -> None:
        if not following[0] or tab not in window.tabs:
            return
        text = breakable(shown_lines("\n".join(question_lines(window, tab, edits, True))))
        if box.text() != text:
            box.setText(text)

    def stop(*_args: Any) -> None:  # (answered, or gone with the window unanswered)
        if following[0]:
            following[0] = False
            with contextlib.suppress(RuntimeError):  # (the queue gone first, with the window)
                window.queue.totalsChanged.disconnect(again)
                window.queue.idle.disconnect(again)

    window.queue.totalsChanged.connect(again)
    window.queue.idle.connect(again)
    box.finished.connect(stop)
    box.destroyed.connect(stop)


class CutReport(QObject):
    """After "Cancel the transfers": waits until the cancel has reached each of the items (a job under way ends
    a moment later — or finishes its file first), then says in the log and the status bar which uploads it cut
    off, at how many bytes the server kept of each."""

    def __init__(self, window: Any, server: str, ids: List[str]):
        super().__init__(window)  # (kept until it has spoken)
        self.window, self.server = window, server
        queue = window.queue
        self.ids = [i for i in ids if (item := queue.model.item(i)) is not None and item.direction == UPLOAD]
        if not self.ids:
            self.deleteLater()
            return  # (no upload among them: nothing of theirs is left on the server)
        queue.totalsChanged.connect(self.check)
        queue.idle.connect(self.check)
        self.check()

    def check(self, *_args: Any) -> None:
        queue = self.window.queue
        items = [queue.model.item(i) for i in self.ids]
        if any(item is not None and item.state in IN_PROGRESS for item in items):
            return  # (a job the cancel has not ended yet)
        queue.totalsChanged.disconnect(self.check)
        queue.idle.disconnect(self.check)
        text = cut_words(self.server, [item for item in items if item is not None])
        # said once the queue's batch that ended the last job has given its events (the ABOR, the 426, the SIZE
        # it tells of): the queue says its totals first and then passes them on (design note 484)
        QTimer.singleShot(0, self, lambda: self.say(text))

    def say(self, text: str) -> None:
        self.deleteLater()
        self.window.log.add_lines([("status", text)])
        self.window.status_message(text)


def cut_words(server: str, items: List[Any]) -> str:
    """What a cancel of ``items`` (settled: none in progress) left on ``server``: the uploads it cut off, each at
    the bytes the server says it has; those cut off while the server was still taking in what was sent (the
    connection hung up under the wait for its reply: their size there is not known), as files that may be
    incomplete; or that it cut none off."""
    known, unknown = [], []
    for item in items:
        if item.state != CANCELLED or item.direction != UPLOAD or item.is_dir or not item.started:
            continue  # (finished before the cancel reached it, or never began: nothing of it is cut off)
        name = shown(posixpath.basename(item.remote))
        if item.server_size is not None:
            kept, size = f"{item.server_size:,}", f"{item.size:,}" if item.size is not None else ""
            words = (
                translate("WindowTabs", "{name} ({kept} of {size} bytes)")
                if size
                else translate("WindowTabs", "{name} ({kept} bytes)")
            )
            known.append(words.format(name=name, kept=kept, size=size))
        elif item.done:  # (no byte sent, size not known: it may never have made a file there)
            unknown.append(name)
    comma = translate("WindowTabs", ", ")
    said = [translate("WindowTabs", "Transfers of {server} cancelled.").format(server=server)]
    if known:  # (one file said in the singular: "these files are" of one read wrong)
        words = (
            translate("WindowTabs", "Cut off in its upload, this file is left incomplete on the server: {files}.")
            if len(known) == 1
            else translate(
                "WindowTabs", "Cut off in their upload, these files are left incomplete on the server: {files}."
            )
        )
        said.append(words.format(files=comma.join(known)))
    if unknown:
        words = (
            translate(
                "WindowTabs",
                "Cut off while the server was still taking in what was sent, this file may be incomplete there (its "
                "size on the server was not read): {files}.",
            )
            if len(unknown) == 1
            else translate(
                "WindowTabs",
                "Cut off while the server was still taking in what was sent, these may be incomplete there (their "
                "size on the server was not read): {files}.",
            )
        )
        said.append(words.format(files=comma.join(unknown)))
    if not known and not unknown:
        said.append(translate("WindowTabs", "No upload was cut off: no file is left incomplete on the server."))
    text = said[0]
    for sentence in said[1:]:  # (Chinese puts no space between sentences)
        text = translate("WindowTabs", "{said} {sentence}").format(said=text, sentence=sentence)
    return text


def set_text(box: QMessageBox, lines: List[str]) -> None:
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(breakable(shown_lines("\n".join(lines))))  # (names in it: escaped, free to break)
