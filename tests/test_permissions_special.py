"""Setuid, setgid and sticky (design notes 363 and 364): a LIST-only server's ``ls -l`` letters (``s``, ``S``,
``t``, ``T``) are read into the mode, so the Permissions dialog shows them in its number and a box changed keeps
them (before, ``drwxrwxrwt`` showed 777 and Others Write cleared sent ``SITE CHMOD 775``: the sticky bit was
gone); pyftpdlib's MLSD ``unix.mode`` (``0o644``) is shown as other servers write it, ``0644``."""

from __future__ import annotations

import json
import os
import stat

import pytest
import test_remote_edit
from PySide6.QtCore import Qt
from test_permissions_unknown import UNIX_MODE, box, chmods, ok, permissions_of
from test_remote_edit import connect, content, select
from test_remote_edit_ending import save_again

from ftpgui.ui.remote_model import COL_NAME, COL_PERMISSIONS

from guihelpers import quick_connect, wait_listing
from test_cli import run

pytestmark = pytest.mark.gui
editor = test_remote_edit.editor  # (a fixture)
window = test_remote_edit.window  # (a fixture: quits answering "Quit Anyway")

SPECIAL = {"shared": 0o1777, "team": 0o2775, "run.sh": 0o4755, "odd.txt": 0o6644}


def special_tree(srv) -> None:
    for name, mode in SPECIAL.items():
        if name.endswith((".sh", ".txt")):
            with open(srv.path(name), "wb") as f:
                f.write(b"x")
        else:
            os.mkdir(srv.path(name))
        os.chmod(srv.path(name), mode)
    assert {n: stat.S_IMODE(os.stat(srv.path(n)).st_mode) for n in SPECIAL} == SPECIAL  # (the disk keeps them)


def mode_of(srv, name: str) -> int:
    return stat.S_IMODE(os.stat(srv.path(name)).st_mode)


@pytest.mark.parametrize(
    ("name", "shown", "boxed", "after"),
    [
        ("shared", "1777", "Others Write", 0o1775),  # drwxrwxrwt
        ("run.sh", "4755", "Group Write", 0o4775),  # -rwsr-xr-x
        ("team", "2775", "Others Write", 0o2777),  # drwxrwsr-x
        ("odd.txt", "6644", "Owner Execute", 0o6744),  # -rwSr-Sr--: setuid and setgid without execute
    ],
)
def test_a_box_changed_on_a_list_only_server_keeps_the_special_bits(
    qtbot, window, make_server, name, shown, boxed, after
):
    """The QA round's steps on a server with no MLSD or MLST: File Permissions… shows the special digit in the
    number; one box changed, OK: SITE CHMOD sends four digits and the disk keeps setuid, setgid, sticky."""
    srv = make_server("127.0.0.1", list_only=True)
    special_tree(srv)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    assert not [c for c in srv.record.commands if c.upper().startswith(("MLSD", "MLST"))]
    dialog = permissions_of(qtbot, window, [name])
    assert dialog.octal.text() == shown and "setuid (4), setgid (2) and sticky (1)" in dialog.octal.toolTip()
    qtbot.mouseClick(box(dialog, boxed), Qt.MouseButton.LeftButton)
    assert dialog.octal.text() == f"{after:o}"
    ok(qtbot, window, dialog)
    qtbot.waitUntil(lambda: mode_of(srv, name) != SPECIAL[name])
    assert mode_of(srv, name) == after and chmods(srv) == [f"SITE CHMOD {after:o} /{name}"]


def test_pyftpdlib_mlsd_modes_read_as_other_servers_write_them(qtbot, window, make_server):
    """pyftpdlib's ``unix.mode=0o640``: the pane's Permissions column, ``ls`` and ``ls --json`` say ``0640``,
    as proftpd's MLSD reads (they said ``0o640``)."""
    srv = make_server("127.0.0.1", mlst_facts=UNIX_MODE)
    os.mkdir(srv.path("sub"))
    with open(srv.path("notes.txt"), "wb") as f:
        f.write(b"x")
    os.chmod(srv.path("sub"), 0o750)
    os.chmod(srv.path("notes.txt"), 0o640)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    model = window.remote.model
    shown = {model.index(r, COL_NAME).data(): model.index(r, COL_PERMISSIONS).data() for r in range(model.rowCount())}
    assert shown == {"sub": "0750", "notes.txt": "0640"}

    code, out, err = run("ls", srv.url + "/")
    assert code == 0, err
    assert sorted(line.split()[0] for line in out.splitlines()) == ["0640", "0750"]
    code, out, err = run("ls", srv.url + "/", "--json")
    assert code == 0, err
    assert {e["name"]: e["permissions"] for e in json.loads(out)} == {"sub": "0750", "notes.txt": "0640"}


def test_an_edited_file_keeps_its_setuid_on_a_list_only_server(qtbot, window, make_server, editor):
    """An edit goes back through a temporary name, given the old file's mode before the rename: ``-rwsr-xr-x``
    read as 755 gave the edited ``run.sh`` 755, its setuid gone unsaid; now SITE CHMOD 4755."""
    srv = make_server("127.0.0.1", list_only=True)
    special_tree(srv)
    connect(qtbot, window, srv, editor[0], without_asking=True)
    select(window, "run.sh")
    save_again(qtbot, window, srv, "run.sh", 1)
    assert content(srv, "run.sh") == b"xedited line\n" and mode_of(srv, "run.sh") == 0o4755
