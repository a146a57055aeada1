"""View and Edit a remote file: a copy in a private temporary folder, opened in an application, uploaded back
when it is saved (issue 20 item 1).

The copy is downloaded on the browsing connection (never on the GUI thread) into its own folder inside one
private folder per run (0700, under the system's temporary folder, removed when the window closes). *View*
makes a read-only copy and forgets it. *Edit* watches its copy with :class:`QFileSystemWatcher` (the file and
its folder: editors often save by writing another file and renaming it over the old one, which ends the
watch on the file) and, when it changes, asks — or by the preference does not ask — to upload it. Before an
upload the server's file is looked at again (SIZE and MDTM, or a listing): when it differs from what was
opened, the person chooses to overwrite it, save the copy under a new name, or discard the change. The upload
goes to a temporary name beside the file and is renamed over it once whole (``edit_files.put_back``); how
it all ends — Quit, a tab closed, a crash's copies at the next start — is :mod:`.edit_ending` (note 145).
"""

from __future__ import annotations

import contextlib
import functools
import os
import posixpath
import shutil
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from PySide6.QtCore import QFileSystemWatcher, QObject, QProcess, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from ..explain import describe_error
from ..ftp.names import RemotePath
from ..ftp.safetext import shown
from .current_row import take_current
from .dialogs import ask
from .edit_conflict import EditConflict
from .edit_ending import EditEnding
from .edit_files import (
    DONE,
    RUN_BY_THE_SYSTEM,
    EditedFile,
    PutBack,
    Stamp,
    command_line,
    copy_name,
    local_state,
    put_back,
    remote_stamp,
)
from .edit_folder import EditFolder

if TYPE_CHECKING:
    from ..ftp.session import FtpSession

__all__ = ["RemoteEditor", "command_line"]
SETTLE_MS = 300  # an editor's save may be several writes and a rename: look once they have settled


class RemoteEditor(EditConflict, EditEnding, QObject):
    """The remote pane's View and Edit (``act_view``, ``act_edit``); ``window`` is the main window, which makes
    it when first used (``window_edit``)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.copies: Optional[EditFolder] = None  # the private temporary folder, made on first use
        self.edited: Dict[str, EditedFile] = {}  # by local path
        self._init_ending()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._touched)
        self.watcher.directoryChanged.connect(lambda d: self._touched(self._in_folder(d)))
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._look)
        self._touched_files: set = set()
        self.act_view, self.act_edit = window.act_view_remote, window.act_edit_remote  # (the window's: ``window_edit``)
        self.actions = (self.act_view, self.act_edit)

    # --- opening --------------------------------------------------------------------------------------
    def view_selected(self) -> None:
        self._open_selected(read_only=True)

    def edit_selected(self) -> None:
        self._open_selected(read_only=False)

    @property
    def folder(self) -> str:
        """The private temporary folder ("" before the first View or Edit, and after the window closed)."""
        return self.copies.path if self.copies is not None else ""

    def _open_selected(self, read_only: bool) -> None:
        w = self.window
        if w._active != "remote":
            w.show_error_text(self.tr("Select a file in the remote pane to view or edit it."))
            return
        take_current(w.remote.view)  # (nothing selected: the row with the focus, note 417)
        entries = w.remote.selected_entries()
        action = self.act_view if read_only else self.act_edit
        if not entries or not w._remote_ready() or w._cannot_send_entries(entries, action):
            return
        for entry in entries:
            if entry.type == "dir":
                text = self.tr("{name} is a folder: only files can be viewed or edited.")
                w.show_error_text(text.format(name=shown(entry.name)))
                continue
            model = w.remote.model
            path, wire = model.full_path(entry), model.wire_path(entry)
            self.open_remote(path, entry.size, read_only, wire=wire, straight=entry.type != "file")

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
        self,
        remote: str,
        size: Optional[int],
        read_only: bool,
        asked: bool = False,
        wire: Optional[bytes] = None,
        straight: bool = False,
    ) -> None:
        """Download ``remote`` (``wire``: its bytes as listed) into a fresh folder of the private one, then open
        it (and, to edit, watch it). A program or script the system would run is downloaded only once the person
        said so. ``straight``: saves are uploaded over the server's file itself, never renamed over it (a link,
        which a rename would replace with a file)."""
        w = self.window
        ext = "" if asked else self.run_by_the_system(posixpath.basename(remote))
        if ext:
            text = self.tr(
                "{name} is a kind of file (“{ext}”) that the system runs rather than shows: opening it runs a "
                "program from the server on this computer. Choose an editor in File ▸ Preferences… to read it "
                "safely. Open it anyway?"
            ).format(name=shown(posixpath.basename(remote)), ext=shown(ext))
            again = w.for_tab(w._tab(), lambda: self.open_remote(remote, size, read_only, True, wire, straight))
            w.prompt = ask(w, self.tr("Run a program?"), text, self.tr("Open Anyway"), again, QMessageBox.Icon.Warning)
            return
        server, route = self._server_words(w.remote_browser), w.remote_browser.route
        if not read_only:
            for edited in self.edited.values():
                if edited.route == route and edited.remote == remote:  # open already: the copy has its edits
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
                state = local_state(local)
                edited = EditedFile(server, route, remote, local, stamp, state, w._tab(), wire=wire, straight=straight)
                self.edited[local] = edited
                self.copies.note(local, server, remote, state)  # (made by _new_folder)
                self.watcher.addPaths([local, os.path.dirname(local)])
            self._launch(local)

        def failed(exc: BaseException) -> None:
            shutil.rmtree(os.path.dirname(local), ignore_errors=True)
            text = self.tr("Could not download {path} to open it: {reason}")
            w.show_error_text(text.format(path=shown(remote), reason=describe_error(exc)))

        w.remote_browser.run(fetch, fetched, failed)

    def _server_words(self, browser: Any) -> str:
        """The server as said of an edited file: ``user@host:port``, and the proxy it is reached through."""
        proxy = browser.options.proxy if browser.options is not None else None
        if proxy is None:
            return str(browser.endpoint)
        return self.tr("{server} through the proxy {proxy}").format(server=browser.endpoint, proxy=proxy.url())

    def _new_folder(self) -> str:
        if self.copies is None:
            self.copies = EditFolder()
        return self.copies.new_folder()

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

    def follow(self, route: str, moves: List[Tuple[str, str, Optional[bytes], Optional[bytes]]]) -> None:
        """This window renamed or moved remote paths on ``route`` (each: old, new, the bytes sent for each or
        None): the edits on one, or inside one, follow (``EditedFile.moved``; "deleted on the server", by QA)."""
        for edited in self.edited.values():
            if edited.route == route and any([edited.moved(*move) for move in moves]) and self.copies is not None:
                self.copies.renamed(edited.local, edited.remote)

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

    def _run(self, edited: EditedFile, tab: Any, fn, done, failed) -> None:
        """Run ``fn`` on ``tab``'s browsing connection for ``edited``, which remembers the job until its result
        comes (``done`` or ``failed``). The job hears its connection close (``_cut_off``) until then, and no
        longer: each job's handler went with the connection, so a long session's every close called them all."""
        browser = tab.remote_browser
        heard: List[Any] = []  # (the connection, its handler's Qt connection) while the job runs

        def ended(callback):
            def run(value: Any) -> None:
                edited.job = None
                for conn, handler in heard:
                    with contextlib.suppress(RuntimeError):  # (the connection is gone already)
                        conn.closed.disconnect(handler)
                heard.clear()
                callback(value)

            return run

        conn = browser.connection
        job = browser.run(fn, ended(done), ended(failed))  # its callbacks act for the tab
        edited.job = (browser, job)
        if conn is not None:
            heard.append((conn, conn.closed.connect(functools.partial(self._cut_off, edited, edited.job))))

    def _cut_off(self, edited: EditedFile, job: Any) -> None:
        """The connection ``job`` ran on closed before its result came (the tab closed, disconnected, or
        connected elsewhere; an upload the person let be stopped is said by ``_stopped``): nothing was
        uploaded, and the person is told — a later save asks again."""
        if self.edited.get(edited.local) is not edited or edited.job is not job:
            return  # (its result came, or Quit)
        if edited.uploading:
            self._stopped([edited])  # (as far as it came: renamed in place, it is uploaded)
        edited.job = None
        edited.busy = edited.again = False
        if not edited.changed:
            return
        text = self.tr("{path} was not uploaded: the connection to {server} ended first. Save it again to upload it.")
        self.window.show_error_text(text.format(path=shown(edited.remote), server=edited.server))

    def _saved(self, edited: EditedFile) -> None:
        job = edited.job
        if edited.busy and job is not None and not job[0].pending(job[1]):  # dropped with its connection
            edited.busy = edited.uploading = False
            edited.job = None
        if edited.busy:  # (a save while its question is open is the change the question is about: one question
            edited.again = edited.again or not edited.asking  # — "Not now" asked again at once, found by QA)
            return
        if self.window.prefs.upload_edited_without_asking:
            self._check_server(edited)
            return
        edited.busy = True
        name = shown(posixpath.basename(edited.remote))
        box = ask(
            self.window,
            self.tr("Upload"),
            self.tr("{name} was saved. Upload it to {server} as\n{path}?").format(  # (a path on its own line: it
                name=name,
                server=edited.server,
                path=shown(edited.remote),  # broke after its "/", note 362)
            ),
            self.tr("Upload"),
            lambda: self._check_server(edited),
        )
        edited.asking = True

        def answered(_result: int) -> None:
            edited.asking = False
            if box.clickedButton() is not box.yes_button:  # (Upload: ``ask`` runs _check_server)
                self._done(edited)

        box.finished.connect(answered)
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Not now"))
        self.window.prompt = box

    # --- uploading ------------------------------------------------------------------------------------
    def _on_server(self, edited: EditedFile) -> Any:
        """The server tab to upload through: the one the file was opened in, else another browsing its server
        the same way (``RemoteBrowser.route``: the same address and login, through the same proxy, in the same
        TLS mode — never the same address by another way); None (and said) when no tab is connected so."""
        w = self.window
        tabs = [edited.tab] if edited.tab in w.tabs else []
        for tab in (*tabs, *w.tabs):
            rb = tab.remote_browser
            if rb.connected and rb.route == edited.route:
                edited.tab = tab
                return tab
        w.show_error_text(
            self.tr("{path} was not uploaded: connect to {server} again, then save it once more.").format(
                path=shown(edited.remote), server=edited.server
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
                self._upload(edited, edited.remote, sent, gone=stamp is None)
            else:  # the pane's row is what was opened: list the folder again, the server's size and time shown
                self.window._after_change(posixpath.dirname(edited.remote) or "/")  # (by QA: 5 B shown, 17 read)
                self._conflict(edited, stamp)

        self._run(edited, tab, lambda s: remote_stamp(s, sent), looked, self._failed(edited))

    def _upload(self, edited: EditedFile, target: str, wire: RemotePath, gone: bool = False) -> None:
        """Upload the copy to ``target`` (``wire``: what names it to the server) through a temporary name
        (``put_back``); from then on it is the file this copy belongs to. ``gone``: the server's file was not
        there when last looked at (deleted meanwhile): nothing of it to keep, a new file as a new name is."""
        local = edited.local
        tab = self._on_server(edited)
        if tab is None:
            self._done(edited)
            return
        new_file = gone or target != edited.remote  # (a new name: Save as New Name…)
        straight = edited.straight and not new_file
        connection = tab.remote_browser.connection
        put = PutBack(target, wire, edited.seen, connection=connection)
        if not straight:
            put.choose_part(connection.session.names)  # (the session's codec: only read on this thread)
            self.copies.note_part(local, put.part_shown)
        edited.uploading, edited.put = True, put

        def put_it(session: FtpSession) -> Tuple[bool, Stamp]:
            renamed = put_back(session, local, wire, straight, new_file, put)
            return renamed, remote_stamp(session, wire)

        def uploaded(result: Tuple[bool, Stamp]) -> None:
            renamed, stamp = result
            edited.straight = not renamed  # (a server that would not take it so: the next save goes straight)
            self._took_place(edited, put, stamp)
            self.settle(edited, put, self.copies)
            self._done(edited)
            self.upload_ended(edited, True)

        def failed(exc: BaseException) -> None:
            edited.uploading = False
            if put.stage == DONE:  # uploaded; reading its new size and time failed
                self._took_place(edited, put, None)
                text = self.tr("Uploaded {path} to {server}, but its new size and time could not be read: {reason}")
                reason = describe_error(exc)
                self.window.show_error_text(text.format(path=shown(target), server=edited.server, reason=reason))
                self._done(edited)
            else:
                self._failed(edited)(exc)
            self.settle(edited, put, self.copies)
            self.upload_ended(edited, put.stage == DONE)

        self._run(edited, tab, put_it, uploaded, failed)

    def _took_place(self, edited: EditedFile, put: PutBack, stamp: Stamp, refresh: bool = True) -> None:
        """The server's file holds the copy as ``put`` uploaded it (``stamp``: its size and time then, None when
        not known: the next save asks as for a file changed on the server); ``refresh``: list its folder."""
        edited.remote, edited.stamp = put.target, stamp
        edited.wire = put.wire if isinstance(put.wire, bytes) else None
        edited.uploading = False
        if edited.seen == put.state:
            edited.changed = False
        if self.copies is not None:
            self.copies.note(edited.local, edited.server, put.target, put.state)
        text = self.tr("Uploaded {path} to {server}.").format(path=shown(put.target), server=edited.server)
        self.window.log.add_lines([("status", text)])
        if refresh:
            self.window._after_change(posixpath.dirname(put.target) or "/")

    def _failed(self, edited: EditedFile):
        def failed(exc: BaseException) -> None:
            self.window.show_error_text(
                self.tr("Could not upload {path} to {server}: {reason}").format(
                    path=shown(edited.remote), server=edited.server, reason=describe_error(exc)
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
