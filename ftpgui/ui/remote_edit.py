"""View and Edit a remote file: a copy in a private temporary folder, opened in an application, uploaded back
when it is saved (issue 20 item 1).

The copy is downloaded on the browsing connection (never on the GUI thread) into its own folder inside one
private folder per run (0700, under the system's temporary folder, removed when the window closes). *View*
makes a read-only copy and forgets it. *Edit* watches its copy with :class:`QFileSystemWatcher` (the file and
its folder: editors often save by writing another file and renaming it over the old one, which ends the
watch on the file) and, when it changes, asks — or by the preference does not ask — to upload it. Before an
upload the server's file is looked at again (SIZE and MDTM, or a listing): when it differs from what was
opened, the person chooses to overwrite it, save the copy under a new name, or discard the change.
"""

from __future__ import annotations

import atexit
import os
import posixpath
import re
import shlex
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from PySide6.QtCore import QFileSystemWatcher, QObject, QProcess, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton

from ..explain import describe_error
from ..ftp import ProtocolError, ReplyError, UnsafePath
from ..ftp.localpath import safe_name
from ..ftp.names import RemotePath, remote_join
from ..ftp.safetext import CONTROL_OR_BIDI, readable
from .dialogs import ask
from .remote_actions import valid_name

if TYPE_CHECKING:
    from ..ftp.session import FtpSession

# the server's file as last seen: (size, modification time); None when it is not there
Stamp = Optional[Tuple[Optional[int], Optional[datetime]]]
_SURROGATES = re.compile("[\udc80-\udcff]")  # a server's bytes that no codec of the session read
SETTLE_MS = 300  # an editor's save may be several writes and a rename: look once they have settled
# kinds of file the system's opener runs (or installs) rather than shows: Windows, macOS, Linux desktops
RUN_BY_THE_SYSTEM = frozenset(
    ".exe .com .bat .cmd .scr .pif .msi .msp .msc .cpl .hta .js .jse .vbs .vbe .wsf .wsh .ps1 .lnk .url .reg .jar "
    ".appref-ms .application .scf .inf .command .tool .terminal .app .pkg .mpkg .workflow .desktop .sh .run "
    ".appimage".split()
)


def remote_stamp(session: FtpSession, path: RemotePath) -> Stamp:
    """On the connection's thread: the size and modification time of ``path`` (SIZE and MDTM; a listing of
    its folder for what the server does not answer), or None when there is no such file. ``path`` may be the
    bytes the server listed it with."""
    size = session.size_or_none(path)
    try:
        when: Optional[datetime] = session.mdtm(path)
    except (ReplyError, ProtocolError):
        when = None
    if size is not None and when is not None:
        return size, when
    folder, name = posixpath.split(path)
    listed = isinstance(name, bytes)
    for entry in session.listdir(folder or ("/" if isinstance(folder, str) else b"/")):
        if (entry.wire_name if listed else entry.name) == name:
            return (size if size is not None else entry.size), (when or entry.modified)
    return None if size is None else (size, when)


def copy_name(name: str) -> str:
    """The local copy's name for a remote ``name``: the name itself where the editor can be given it and show
    it. Qt's strings (the editor's arguments, the file watcher) hold no lone surrogates — a name in a codec the
    session does not read keeps its bytes as those — so they, control and bidi characters become ``_``; a name
    no system may have (``..``, Windows' ``CON``) is made safe, or ``file`` with its extension."""
    text = CONTROL_OR_BIDI.sub("_", _SURROGATES.sub("_", name))
    try:
        return safe_name(text)
    except UnsafePath:
        ext = os.path.splitext(text)[1]
        return "file" + (ext if valid_name(ext) and "\\" not in ext else "")


def command_line(command: str, path: str) -> List[str]:
    """The editor's program and arguments: ``path`` where ``%f`` is, else after the rest."""
    args = shlex.split(command)
    if any("%f" in a for a in args):
        return [a.replace("%f", path) for a in args]
    return [*args, path]


def local_state(path: str) -> Optional[Tuple[int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


@dataclass(eq=False)
class EditedFile:
    """One remote file opened for editing, and where its copy is."""

    server: str  # the endpoint (user@host:port) it came from: uploaded only there
    remote: str
    local: str
    stamp: Stamp  # the server's file when it was opened (or last uploaded)
    seen: Optional[Tuple[int, int]]  # the copy's size and time when last looked at
    changed: bool = False  # saved in the editor and not uploaded yet
    busy: bool = False  # a question open or an upload running
    again: bool = False  # saved once more while busy
    tab: object = None  # the server tab it was opened in: uploaded on that tab's browsing connection
    wire: Optional[bytes] = None  # ``remote`` as the server listed it, sent instead of the text when known

    @property
    def sent(self) -> RemotePath:
        """What names the file to the server: its bytes as listed, else its path."""
        return self.wire if self.wire is not None else self.remote


class RemoteEditor(QObject):
    """The remote pane's View and Edit (``act_view``, ``act_edit``); ``window`` is the main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.folder = ""  # the private temporary folder, made on first use
        self._count = 0
        self.edited: Dict[str, EditedFile] = {}  # by local path
        self._quit_confirmed = False
        self._keep_unsaved = False  # (ending_unasked)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._touched)
        self.watcher.directoryChanged.connect(lambda d: self._touched(self._in_folder(d)))
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._look)
        self._touched_files: set = set()
        self.act_view = window._action("viewRemote", self.tr("&View File"), self.view_selected, Qt.Key.Key_F3)
        self.act_edit = window._action("editRemote", self.tr("&Edit File"), self.edit_selected, Qt.Key.Key_F4)
        self.act_view.setStatusTip(self.tr("Open a read-only copy of the remote file"))
        self.actions = (self.act_view, self.act_edit)
        self.act_edit.setStatusTip(self.tr("Open a copy of the remote file; what you save is uploaded back"))

    # --- opening --------------------------------------------------------------------------------------
    def view_selected(self) -> None:
        self._open_selected(read_only=True)

    def edit_selected(self) -> None:
        self._open_selected(read_only=False)

    def _open_selected(self, read_only: bool) -> None:
        w = self.window
        if w._active != "remote":
            w.show_error_text(self.tr("Select a file in the remote pane to view or edit it."))
            return
        entries = w.remote.selected_entries()
        if not entries or not w._remote_ready():
            return
        for entry in entries:
            if entry.type == "dir":
                text = self.tr("{name} is a folder: only files can be viewed or edited.")
                w.show_error_text(text.format(name=entry.name))
                continue
            model = w.remote.model
            self.open_remote(model.full_path(entry), entry.size, read_only, wire=model.wire_path(entry))

    def run_by_the_system(self, name: str) -> str:
        """The extension of ``name`` when no editor is set for it and the system's opener would run it rather
        than show it ("" otherwise). Windows drops trailing dots and spaces, so ``x.exe.`` is a program too."""
        ext = os.path.splitext(name.rstrip(" ."))[1].lower()
        prefs = self.window.prefs
        if (prefs.editor_by_extension.get(ext) or prefs.editor_command).strip():
            return ""
        pathext = os.environ.get("PATHEXT", "").lower().split(";") if os.name == "nt" else []
        return ext if ext in RUN_BY_THE_SYSTEM or (ext and ext in pathext) else ""

    def open_remote(
        self, remote: str, size: Optional[int], read_only: bool, asked: bool = False, wire: Optional[bytes] = None
    ) -> None:
        """Download ``remote`` (``wire``: its bytes as listed) into a fresh folder of the private one, then open
        it (and, to edit, watch it). A program or script the system would run is downloaded only once the person
        said so."""
        w = self.window
        ext = "" if asked else self.run_by_the_system(posixpath.basename(remote))
        if ext:
            text = self.tr(
                "{name} is a kind of file (“{ext}”) that the system runs rather than shows: opening it runs a "
                "program from the server on this computer. Choose an editor in File ▸ Preferences… to read it "
                "safely. Open it anyway?"
            ).format(name=posixpath.basename(remote), ext=ext)
            again = w.for_tab(w._tab(), lambda: self.open_remote(remote, size, read_only, True, wire))
            w.prompt = ask(w, self.tr("Run a program?"), text, self.tr("Open Anyway"), again, QMessageBox.Icon.Warning)
            return
        server = str(w.remote_browser.endpoint)
        if not read_only:
            for edited in self.edited.values():
                if edited.server == server and edited.remote == remote:  # open already: the copy has its edits
                    self._launch(edited.local)
                    return
        try:
            name = posixpath.basename(remote)
            local = os.path.join(self._new_folder(), copy_name(name))
        except OSError as exc:
            w.show_error_text(self.tr("Could not create a temporary folder: {reason}").format(reason=exc))
            return

        sent = remote if wire is None else wire

        def fetch(session: FtpSession) -> Stamp:
            stamp = None if read_only else remote_stamp(session, sent)
            session.download(sent, local, size=size)
            return stamp

        def fetched(stamp: Stamp) -> None:
            if read_only:
                os.chmod(local, 0o400)
            else:
                edited = EditedFile(server, remote, local, stamp, local_state(local), tab=w._tab(), wire=wire)
                self.edited[local] = edited
                self.watcher.addPaths([local, os.path.dirname(local)])
            self._launch(local)

        def failed(exc: BaseException) -> None:
            shutil.rmtree(os.path.dirname(local), ignore_errors=True)
            text = self.tr("Could not download {path} to open it: {reason}")
            w.show_error_text(text.format(path=remote, reason=describe_error(exc)))

        w.remote_browser.run(fetch, fetched, failed)

    def _new_folder(self) -> str:
        if not self.folder:
            self.folder = tempfile.mkdtemp(prefix="ftpgui-edit-")  # 0700, this user's only
            atexit.register(shutil.rmtree, self.folder, True)  # should the window never close
        self._count += 1
        path = os.path.join(self.folder, str(self._count))
        os.mkdir(path, 0o700)
        return path

    def _launch(self, local: str) -> None:
        """The editor chosen for the file's extension, or the one for every file, or the system's default."""
        prefs = self.window.prefs
        ext = os.path.splitext(local)[1].lower()
        command = prefs.editor_by_extension.get(ext) or prefs.editor_command
        if not command.strip():
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(local)):
                self.window.show_error_text(
                    self.tr("No application is set up to open {path}. Choose an editor in File ▸ Preferences…").format(
                        path=local
                    )
                )
            return
        args = command_line(command, local)
        ok = QProcess.startDetached(args[0], args[1:], os.path.dirname(local))
        if not (ok[0] if isinstance(ok, tuple) else ok):
            self.window.show_error_text(self.tr("Could not start the editor “{command}”.").format(command=command))

    # --- watching -------------------------------------------------------------------------------------
    def _in_folder(self, folder: str) -> str:
        for local in self.edited:
            if os.path.dirname(local) == folder:
                return local
        return ""

    def _touched(self, local: str) -> None:
        if local in self.edited:
            self._touched_files.add(local)
            self._settle.start()

    def _look(self) -> None:
        """The copies touched have settled: watch them again (a rename ends the watch), and upload what changed."""
        touched, self._touched_files = self._touched_files, set()
        for local in touched:
            edited = self.edited.get(local)
            if edited is None:
                continue
            state = local_state(local)
            if state is None:  # in the middle of a rename: its folder's next change brings it back
                continue
            if local not in self.watcher.files():
                self.watcher.addPath(local)
            if state != edited.seen:
                edited.seen = state
                edited.changed = True
                self._saved(edited)

    def _saved(self, edited: EditedFile) -> None:
        if edited.busy:
            edited.again = True
            return
        if self.window.prefs.upload_edited_without_asking:
            self._check_server(edited)
            return
        edited.busy = True
        name = posixpath.basename(edited.remote)
        box = ask(
            self.window,
            self.tr("Upload"),
            self.tr("{name} was saved. Upload it to {server} as {path}?").format(
                name=name, server=edited.server, path=edited.remote
            ),
            self.tr("Upload"),
            lambda: self._check_server(edited),
        )
        box.finished.connect(lambda _r: None if box.clickedButton() is box.yes_button else self._done(edited))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Not now"))
        self.window.prompt = box

    # --- uploading ------------------------------------------------------------------------------------
    def _on_server(self, edited: EditedFile) -> Any:
        """The server tab to upload through: the one the file was opened in, else another browsing its server;
        None (and said) when no tab is connected to it."""
        w = self.window
        tabs = [edited.tab] if edited.tab in w.tabs else []
        for tab in (*tabs, *w.tabs):
            rb = tab.remote_browser
            if rb.connected and str(rb.endpoint) == edited.server:
                edited.tab = tab
                return tab
        w.show_error_text(
            self.tr("{path} was not uploaded: connect to {server} again, then save it once more.").format(
                path=edited.remote, server=edited.server
            )
        )
        return None

    def _check_server(self, edited: EditedFile) -> None:
        """Upload, unless the server's file changed since it was opened: then ask what to do."""
        edited.busy = True
        tab = self._on_server(edited)
        if tab is None:
            self._done(edited)
            return
        sent = edited.sent

        def looked(stamp: Stamp) -> None:
            if stamp == edited.stamp:
                self._upload(edited, edited.remote, sent)
            else:
                self._conflict(edited, stamp)

        tab.remote_browser.run(lambda s: remote_stamp(s, sent), looked, self._failed(edited))

    def _conflict(self, edited: EditedFile, stamp: Stamp) -> None:
        name = posixpath.basename(edited.remote)
        if stamp is None:
            text = self.tr("{path} was deleted on the server after you opened it.").format(path=edited.remote)
        else:
            text = self.tr("{path} changed on the server after you opened it.").format(path=edited.remote)
        title = self.tr("Changed on the server")
        box = QMessageBox(QMessageBox.Icon.Warning, title, readable(text), parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(readable(self.tr("Your changes to {name} are not uploaded yet.").format(name=name)))
        overwrite: QPushButton = box.addButton(self.tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        new_name: QPushButton = box.addButton(self.tr("Save as New Name…"), QMessageBox.ButtonRole.AcceptRole)
        discard: QPushButton = box.addButton(self.tr("Discard My Changes"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(new_name)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.overwrite_button, box.new_name_button, box.discard_button = overwrite, new_name, discard

        def chosen() -> None:
            clicked = box.clickedButton()
            if clicked is overwrite:
                self._upload(edited, edited.remote, edited.sent)
            elif clicked is new_name:
                self._ask_new_name(edited)
            else:
                edited.changed = False  # not uploaded, on purpose; a later save asks again
                self._done(edited)

        box.finished.connect(chosen)
        self.window.prompt = box
        box.open()

    def _ask_new_name(self, edited: EditedFile) -> None:
        stem, ext = os.path.splitext(posixpath.basename(edited.remote))
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Save as New Name"))
        dialog.setLabelText(
            self.tr("Name for your version, in {folder}:").format(folder=posixpath.dirname(edited.remote) or "/")
        )
        dialog.setTextValue(self.tr("{stem} (edited){ext}").format(stem=stem, ext=ext))
        dialog.textValueSelected.connect(lambda name: self._save_as(edited, name.strip()))
        dialog.rejected.connect(lambda: self._done(edited))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.prompt = dialog
        dialog.open()

    def _save_as(self, edited: EditedFile, name: str) -> None:
        if not valid_name(name):
            self.window.show_error_text(self.tr("{name!r} is not a valid name.").format(name=name))
            self._done(edited)
            return
        target = posixpath.join(posixpath.dirname(edited.remote) or "/", name)
        tab = self._on_server(edited)
        if tab is None:
            self._done(edited)
            return

        folder_wire = None if edited.wire is None else posixpath.dirname(edited.wire)

        def look(session: FtpSession) -> Tuple[RemotePath, Stamp]:
            sent = target if folder_wire is None else remote_join(folder_wire, session.names.encode(name))
            return sent, remote_stamp(session, sent)

        def free(looked: Tuple[RemotePath, Stamp]) -> None:
            sent, stamp = looked
            if stamp is None:
                self._upload(edited, target, sent)
                return
            self.window.show_error_text(
                self.tr("{path} already exists on the server: choose another name.").format(path=target)
            )
            self._ask_new_name(edited)

        tab.remote_browser.run(look, free, self._failed(edited))

    def _upload(self, edited: EditedFile, target: str, wire: RemotePath) -> None:
        """Upload the copy to ``target`` (``wire``: what names it to the server); from then on it is the file
        this copy belongs to."""
        sent = edited.seen
        local = edited.local
        tab = self._on_server(edited)
        if tab is None:
            self._done(edited)
            return

        def put(session: FtpSession) -> Stamp:
            session.upload(local, wire)
            return remote_stamp(session, wire)

        def uploaded(stamp: Stamp) -> None:
            edited.remote, edited.stamp = target, stamp
            edited.wire = wire if isinstance(wire, bytes) else None
            if edited.seen == sent:
                edited.changed = False
            text = self.tr("Uploaded {path} to {server}.").format(path=target, server=edited.server)
            self.window.log.add_lines([("status", text)])
            self.window._after_change(posixpath.dirname(target) or "/")
            self._done(edited)

        tab.remote_browser.run(put, uploaded, self._failed(edited))  # its callbacks act for the tab

    def _failed(self, edited: EditedFile):
        def failed(exc: BaseException) -> None:
            self.window.show_error_text(
                self.tr("Could not upload {path} to {server}: {reason}").format(
                    path=edited.remote, server=edited.server, reason=describe_error(exc)
                )
            )
            self._done(edited)

        return failed

    def _done(self, edited: EditedFile) -> None:
        """The question or upload is over; a save made meanwhile is dealt with now."""
        edited.busy = False
        if edited.again:
            edited.again = False
            if edited.changed:
                self._saved(edited)

    # --- quitting ---------------------------------------------------------------------------------------
    def may_close(self, event) -> bool:
        """From the window's closeEvent: True to close now. With files open for editing the person is warned
        first (changes not uploaded named), and the window closes if they still want to quit."""
        if self._quit_confirmed or not self.edited:
            return True
        event.ignore()
        names = [posixpath.basename(e.remote) for e in self.edited.values()]
        unsaved = [posixpath.basename(e.remote) for e in self.edited.values() if e.changed or e.busy]
        text = self.tr("Files you opened for editing may still be open: {names}.").format(names=", ".join(names))
        if unsaved:
            text += "\n" + self.tr("Changes not uploaded: {names}.").format(names=", ".join(unsaved))
        text += "\n" + self.tr("Their temporary copies are deleted when ftpgui quits; later saves are not uploaded.")

        def quit_anyway() -> None:
            self._quit_confirmed = True
            self.window.close()

        self.window.prompt = ask(self.window, self.tr("Quit"), text, self.tr("Quit Anyway"), quit_anyway)
        return False

    def ending_unasked(self) -> None:
        """The app ends with no one to ask (a signal): no question, and a copy with changes not uploaded is not
        deleted (``cleanup`` keeps the folder then: nothing a person typed is lost)."""
        self._quit_confirmed = True
        self._keep_unsaved = True

    def cleanup(self) -> None:
        """At exit: stop watching and remove the temporary folder with every copy in it (kept when the app
        ends unasked and a copy has changes not uploaded)."""
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        unsaved = any(e.changed or e.busy for e in self.edited.values())
        self.edited.clear()
        if unsaved and self._keep_unsaved:
            return
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = ""
