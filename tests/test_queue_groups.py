"""The queue's tabs (``transfers/groups.py``): each group model lists exactly its group's items in queue
order, whatever happens to the queue — items inserted, changing state, removed, moved — and answers a
whole cell in one call (``multiData``) what ``data`` answers role by role."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from ftpgui.transfers.groups import GroupViews, runs
from ftpgui.transfers.items import CANCELLED, DONE, DOWNLOAD, FAILED, PAUSED, QUEUED, SKIPPED, TransferItem
from ftpgui.transfers.model import COLUMNS, GroupRole, ItemIdRole, ProgressRole, QueueModel

pytestmark = pytest.mark.usefixtures("qapp")
GROUPS = ("queued", "failed", "cancelled", "finished")
STATES = (QUEUED, PAUSED, FAILED, CANCELLED, DONE, SKIPPED)


def item(n: int, state: str = QUEUED) -> TransferItem:
    return TransferItem(DOWNLOAD, local=f"/l/f{n}", remote=f"/r/f{n}", size=1000, state=state)


def in_step(model: QueueModel, views: GroupViews) -> None:
    """Each group model shows its group's items in the queue's order, and its rows say so (after the
    update that brings deferred changes in)."""
    model.flush()
    for group, shown in views.models.items():
        want = [i.id for i in model.items() if i.group == group]
        assert [i.id for i in shown.items] == want, group
        assert shown.rowCount() == len(want)
        assert [shown.index(r, 0).data(ItemIdRole) for r in range(shown.rowCount())] == want
        assert all(shown.index(r, 0).data(GroupRole) == group for r in range(shown.rowCount()))


def test_runs_of_adjacent_positions():
    assert runs([5, 1, 2, 3, 9, 8]) == [[1, 3], [5, 5], [8, 9]]
    assert runs([]) == []


def test_the_groups_follow_every_change_of_the_queue(qtmodeltester):
    model = QueueModel()
    model.append([item(n, STATES[n % len(STATES)]) for n in range(12)])
    views = GroupViews(model, GROUPS)  # (made after items exist: it takes them in)
    in_step(model, views)
    for shown in views.models.values():
        qtmodeltester.check(shown)
    rng = random.Random(22)
    count = 12
    for _step in range(400):
        action = rng.random()
        items = model.items()
        if action < 0.5 and items:  # state changes, several before one flush
            for it in rng.sample(items, min(len(items), rng.randint(1, 6))):
                it.state = rng.choice(STATES)
                model.touch(it.id)
            model.flush()
        elif action < 0.6:  # items are added (at the end, or as a person drops them somewhere)
            new = [item(count + k, rng.choice(STATES)) for k in range(rng.randint(1, 5))]
            count += len(new)
            model.insert(rng.randint(0, len(items)), new)
        elif action < 0.7 and items:  # a folder's entries take its place, in the tabs at the next update
            folder = rng.choice(items)
            new = [item(count + k, rng.choice(STATES)) for k in range(rng.randint(0, 5))]
            count += len(new)
            with model.deferred():
                row = model.row_of(folder.id)
                model.remove([folder.id])
                model.insert(row, new)
            if rng.random() < 0.5:
                continue  # sometimes more changes come before the update
        elif action < 0.85 and items:
            model.remove([it.id for it in rng.sample(items, min(len(items), rng.randint(1, 4)))])
        elif items:
            model.move(rng.choice(items).id, rng.choice((-3, -1, 1, 2)))
        in_step(model, views)
    assert count > 12 and model.rowCount() > 0  # the walk did grow and shrink the queue


def test_one_flush_moves_many_items_between_groups_a_run_at_a_time(qtbot):
    model = QueueModel()
    views = GroupViews(model, GROUPS)
    model.append([item(n) for n in range(10)])
    queued, finished = views.models["queued"], views.models["finished"]
    removed, inserted = [], []
    queued.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    finished.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    for it in model.items()[2:6] + model.items()[8:9]:
        it.state = DONE
        model.touch(it.id)
    model.flush()
    in_step(model, views)
    assert removed == [(8, 8), (2, 5)]  # from the bottom, so the rows above keep their numbers
    assert inserted == [(0, 4)]  # five rows in one go: nothing lies between them in the finished tab


def test_a_whole_cell_in_one_call_says_what_data_says(qtbot):
    model = QueueModel()
    views = GroupViews(model, GROUPS)
    it = item(1)
    it.done, it.error = 250, "the target exists"
    model.append([it, item(2, FAILED)])
    shown = views.models["queued"]
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.FontRole,
        ProgressRole,
        ItemIdRole,
    ]
    for column in range(COLUMNS):
        index = shown.index(0, column)
        for role in roles:
            slot = QModelRoleData(int(role))
            shown.multiData(index, QModelRoleDataSpan(slot))
            assert slot.data() == index.data(role), (column, role)
    # a delegate asks for its roles at once: the text and alignment it draws come from one multiData call,
    # not from data() role by role (seven calls from Qt into Python a cell)
    asked = []
    answer = shown.data
    shown.data = lambda index, role=Qt.ItemDataRole.DisplayRole: (asked.append(role), answer(index, role))[1]
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, shown.index(0, 3))
    assert option.text == "1000 B" and option.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert asked == []
    assert shown.index(0, 0).data(ProgressRole) == 25
    assert not shown.index(1, 0).isValid() and not shown.index(0, COLUMNS).isValid()


def test_a_folder_listed_in_the_background_shows_at_the_next_update_in_one_go(qtbot):
    """A listed folder's entries take its place in the queue at once, and in the tabs at the next update:
    one removal and one insertion for the tab, however many folders were listed meanwhile."""
    model = QueueModel()
    views = GroupViews(model, GROUPS)
    folders = [item(n) for n in range(3)]
    for f in folders:
        f.is_dir = True
    model.append(folders)
    queued = views.models["queued"]
    changes = []
    queued.rowsRemoved.connect(lambda _p, first, last: changes.append(("removed", first, last)))
    queued.rowsInserted.connect(lambda _p, first, last: changes.append(("inserted", first, last)))
    for n, folder in enumerate(folders[:2]):
        with model.deferred():
            row = model.row_of(folder.id)
            model.remove([folder.id])
            model.insert(row, [item(10 * (n + 1) + k) for k in range(4)])
    assert changes == [] and queued.rowCount() == 3  # not yet: the queue itself has changed
    assert model.rowCount() == 9
    model.flush()
    assert changes == [("removed", 0, 1), ("inserted", 0, 7)]
    in_step(model, views)
