"""The target exists: the queue asks the GUI, one question at a time, or answers from "apply to all".

"Apply to all" reaches the items queued together with the one asked about — its batch (``TransferItem.batch``:
one request, a folder's entries with it), on its server, in its direction — never another request's items or
another server's, and it ends when the queue has nothing left to do and none of the batch's files waits for an
answer (``_forget_answers``). An answer for every later item, on any server, until the app closed silently
overwrote another server's file (found by QA); an answer dropped as soon as only questions were left (the queue
idle) was gone for the batch's next question, asked with Overwrite chosen (found by QA, design note 465).

Resume given to all (or as the preferences' default) stands only for a file it can continue or finds complete
(``items.resume_fits``); any other file of the batch is asked about, the question saying why — Resume there
would write the target from its first byte (found by QA: larger local and server files were overwritten).

Mixed into :class:`~ftpgui.transfers.queue.TransferQueue` (its ``askExists`` signal lives there).
"""

from __future__ import annotations

from typing import Any, Deque, Dict, Optional, Tuple

from .items import (
    CHOICES,
    DOWNLOAD,
    QUEUED,
    RESUME,
    WAITING,
    Existing,
    ExistsQuestion,
    Outcome,
    TransferItem,
    resume_fits,
)

Batch = Tuple[str, str, str]  # (server key, direction, batch)


def batch_of(item: TransferItem) -> Batch:
    """The items an "apply to all" answer about ``item`` reaches: its server's, its direction's, its batch's."""
    return (item.server, item.direction, item.batch)


class ExistsQuestions:
    """Asks "the target exists" for ``TransferQueue`` (a mixin)."""

    exists_default: str
    model: Any
    askExists: Any
    existsWithdrawn: Any
    _questions: Deque[ExistsQuestion]
    _asked: Optional[ExistsQuestion]
    _apply_all: Dict[Batch, str]  # an answer given "to all" → it (``_forget_answers``: kept while its batch asks)
    _stopping: bool

    def _exists(self, item: TransferItem, out: Outcome) -> None:
        assert out.existing is not None
        default = self.exists_default if self.exists_default in CHOICES else None
        preset, refused = _standing(self._apply_all.get(batch_of(item)) or default, out.existing)
        if preset is not None or self._stopping:  # (the app is closing: asked when the item comes up next time)
            item.choice = preset
            self._set_state(item, QUEUED)
            return
        refused = refused or item.choice == RESUME  # (Resume chosen, and its job found it cannot continue the file)
        item.choice = None
        self._set_state(item, WAITING)
        source = item.remote if item.direction == DOWNLOAD else item.local
        question = ExistsQuestion(
            item.id, item.direction, source, out.existing, self._answered, batch=batch_of(item), resume_refused=refused
        )
        self._questions.append(question)
        self._ask_next()

    def _ask_next(self) -> None:
        if self._asked is not None and self._asked.answered is None:
            return
        self._asked = None
        while self._questions:
            q = self._questions.popleft()
            item = self.model.item(q.item_id)
            if item is None or item.state != WAITING:
                continue
            preset, refused = _standing(self._apply_all.get(q.batch), q.existing)
            if preset is not None:
                item.choice = preset
                self._set_state(item, QUEUED)
                continue
            q.resume_refused = q.resume_refused or refused
            self._asked = q
            self.askExists.emit(q)
            return

    def pending_question(self) -> Optional[ExistsQuestion]:
        """The question the GUI is being asked now, if any."""
        return self._asked if self._asked is not None and self._asked.answered is None else None

    def _answered(self, question: ExistsQuestion, choice: str, apply_to_all: bool) -> None:
        if apply_to_all and question.batch[2]:  # (an item saved by an older ftpgui has no batch: itself alone)
            self._apply_all[question.batch] = choice
        item = self.model.item(question.item_id)
        if item is not None and item.state == WAITING:
            item.choice = choice
            self._set_state(item, QUEUED)
        if self._asked is question:
            self._asked = None
        self._ask_next()
        self._changed()

    def _withdraw_stale(self) -> None:
        """The question being asked is about an item that no longer waits for its answer — cancelled (its tab
        closed with "Cancel the transfers"), paused or removed: it is taken back (the dialog closes, an answer
        given to it does nothing) and the next one is asked. It stayed open over the other tabs, and the
        questions behind it waited until someone answered it (found by QA, design note 472)."""
        q = self._asked
        if q is None or q.answered is not None:
            return
        item = self.model.item(q.item_id)
        if item is not None and item.state == WAITING:
            return
        q.withdrawn = True
        self._asked = None
        self.existsWithdrawn.emit(q)
        self._ask_next()

    def _forget_answers(self) -> None:
        """The queue has nothing left to do by itself (``_check_idle``): the batches answered "to all" are over
        (an item of one paused, or failed, and started again later is asked again) — all but those with a file
        still waiting for its question. The queue is idle while only questions are left, and the answer given to
        all was dropped there: the batch's next question, asked once another one's dialog was answered, came
        with Overwrite chosen where Resume had been given to all (found by QA, design note 465)."""
        if not self._apply_all:
            return
        asking = {batch_of(item) for item in self.model.items() if item.state == WAITING}
        for batch in [b for b in self._apply_all if b not in asking]:
            del self._apply_all[batch]


def _standing(preset: Optional[str], existing: Existing) -> Tuple[Optional[str], bool]:
    """(the answer that stands for a target nobody was asked about, or None to ask; whether Resume was refused):
    Resume only where it fits (``items.resume_fits``)."""
    if preset == RESUME and not resume_fits(existing):
        return None, True
    return preset, False
