"""The remote pane's file actions: rename, move, delete, create folder, permissions, copy URL.

Mixed into :class:`~ftpgui.ui.main_window.MainWindow`; every change runs on the browsing connection and
ends by re-listing the folders it touched.
"""

from __future__ import annotations

import posixpath
from typing import Callable, List, Optional, Sequence, Set, Tuple, Union
from urllib.parse import quote

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from ..explain import describe_error
from ..ftp import Entry, UnsafePath
from ..ftp.localpath import check_listed
from ..ftp.names import remote_join
from ..ftp.renaming import in_the_way
from ..ftp.replies import unsendable
from ..ftp.safetext import shown
from ..ftp.url import default_port, scheme_for
from ..transfers.endpoint import Endpoint
from .current_row import take_current
from .dialogs import ask, fitted_name
from .name_hint import NOT_CHANGED, unread_words
from .permissions import ModeChange, PermissionsDialog, mode_from_permissions
from .remote_browser import ChmodLeft, chmod_tree, list_folder, remove_tree
from .remote_pane import is_inside
from .window_actions import tip_text

MAX_NAMED = 10  # files named in one "Replace them?" question; more are "…"
LEFT_NAMED = 5  # items named in "left unchanged" (permissions of a mode not known); more are "…"
Chosen = Tuple[str, bool, Optional[int]]  # a path chosen for new permissions, is it a folder, its mode as listed


def remote_url(endpoint: Endpoint, path: str, tls: str = "off") -> str:
    """``ftp://user@host:port/path`` for a remote path — never with the password. The scheme is the
    connection's (``tls``, the engine's: ``ftps://`` for implicit TLS, ``ftpes://`` for TLS required): an
    ``ftp://`` URL of an implicit-TLS port sent its client to wait for a greeting that never comes in plain
    text (found by QA). A name's byte that no codec read (``\udcff``) is that byte again (``%FF``)."""
    scheme = scheme_for(tls)
    host = f"[{endpoint.host}]" if ":" in endpoint.host else endpoint.host
    user = "" if endpoint.user == "anonymous" else quote(endpoint.user, safe="") + "@"
    port = "" if endpoint.port == default_port(scheme) else f":{endpoint.port}"
    return f"{scheme}://{user}{host}{port}{quote(path, safe='/', errors='surrogateescape')}"


def valid_name(name: str) -> bool:
    """A single remote file or folder name (no slashes, not empty, not . or ..)."""
    return bool(name) and "/" not in name and name not in (".", "..") and not any(c in name for c in "\r\n\0")


class RemoteFileActions:
    """Actions on the selected remote entries (needs ``remote``, ``remote_browser``, ``show_error``…)."""

    def _remote_ready(self) -> bool:
        if not self.remote_browser.connected or not self.remote.path:
            self.show_error_text(self.tr("Not connected. Connect to a server first."))
            return False
        return True

    def cannot_send(self, names: Sequence[Tuple[str, Union[str, bytes]]], action: Union[QAction, str]) -> bool:
        """True, said in the log and the status bar before anything is asked, when one of ``names`` — each (the
        name as listed, what would be sent for it) — holds a character no FTP command can carry (CR, LF, NUL:
        ``replies.unsendable``): ``action`` (its words, or the action itself) cannot be done. The question came
        first and the engine's refusal after it, to an answer that could not be carried out (design note 186)."""
        odd = [(name, char) for name, sent in names if (char := unsendable(sent)) is not None]
        if not odd:
            return False
        what = tip_text(action.text()) if isinstance(action, QAction) else action
        (name, char), n = odd[0], len(odd)
        if n == 1:
            text = self.tr(
                "{action}: not possible, because the name {name} holds the control character {char}, which FTP "
                "cannot send to a server."
            )
        else:
            text = self.tr(
                "{action}: not possible, because {n} of the selected names, {name} among them, hold control "
                "characters (CR, LF or NUL) that FTP cannot send to a server."
            )
        self.show_error_text(text.format(action=what, name=shown(name), char=char, n=n))
        return True

    def cannot_use(self, names: Sequence[str], action: Union[QAction, str]) -> bool:
        """True, said as ``cannot_send`` says it, when one of ``names`` — as their folder's listing gave them —
        names no entry of that folder (``localpath.check_listed``: a "/" in it, "." or ".."): joined to the
        folder's path it is another path, and a command for the row would act on another file (a download of
        "sub/inner.txt" fetched /evil/sub/inner.txt and saved it as "inner.txt": design note 247). The reason
        is said in the words ``ftpgui-cli get -r`` fails such an entry with."""
        refused = []
        for name in names:
            try:
                check_listed(name)
            except UnsafePath as exc:
                refused.append(exc)
        if not refused:
            return False
        what = tip_text(action.text()) if isinstance(action, QAction) else action
        if len(refused) == 1:
            text = self.tr("{action}: not possible, because this name names no file in the folder. {refusal}.")
        else:
            text = self.tr(
                "{action}: not possible, because {n} of the selected names name no file in the folder. The first: "
                "{refusal}."
            )
        self.show_error_text(text.format(action=what, n=len(refused), refusal=describe_error(refused[0])))
        return True

    def refuse_drop_target(self, name: str, kind: str) -> None:
        """A drop (``kind``: "move" or "upload") on a folder row whose listed name names no folder here, said
        (``RemoteView.refusedTarget``: the drop is not made)."""
        self.cannot_use([name], self.tr("Move") if kind == "move" else self.tr("Upload"))

    def cannot_open(self, path: str) -> bool:
        """True, said as ``cannot_send`` says it, when the name of a folder on ``path`` holds a character no FTP
        command can carry: the folder cannot be opened, and nothing is tried (the engine's refusal of the CWD,
        "Refused to send a command containing CR", was all that was said: design note 195)."""
        name = next((n for n in path.split("/") if unsendable(n) is not None), None)
        return name is not None and self.cannot_send([(name, name)], self.open_folder_words())

    def open_folder_words(self) -> str:
        return self.tr("Open Folder")

    def _cannot_send_entries(self, entries: Sequence[Entry], action: QAction) -> bool:
        """``cannot_send``, then ``cannot_use``: an action on these rows that cannot be done, said."""
        return self.cannot_send([(e.name, e.wire_name) for e in entries], action) or self.cannot_use(
            [e.name for e in entries], action
        )

    def rename_selected(self) -> None:
        if self.acting_side() != "remote":  # (the pane decided as Delete decides it: note 460)
            self.rename_local()
            return
        take_current(self.remote.view)  # (nothing selected: the row with the focus, note 417)
        entries = self.remote.selected_entries()
        if len(entries) != 1 or not self._remote_ready():
            return
        if self._cannot_send_entries(entries, self.act_rename):
            return
        entry, folder, model = entries[0], self.remote.path, self.remote.model
        self._ask_rename(folder, entry.name, model.wire_path(entry), model.folder_wire)

    def _ask_rename(
        self, folder: str, old: str, wire: Optional[bytes], folder_wire: Optional[bytes], after=None
    ) -> None:
        """The new name for ``folder``/``old`` asked, then ``rename_remote``."""
        self._ask_name(
            self.tr("Rename"),
            self.tr("New name for {name}:").format(name=fitted_name(old)),  # (the name sent stays the real one)
            old,
            lambda name: self.rename_remote(folder, old, name, wire, folder_wire, after=after),
        )

    def rename_remote_tree_folder(self) -> None:
        """F2 in the remote folder tree: the folder selected there renamed, asked as from the list (FileZilla's
        tree does so; it did nothing, note 185). The tree and the folder shown follow it (``_after_rename``)."""
        path = self.remote.tree_folder()
        if not path or path == "/" or not self._remote_ready():
            return
        folder, name = posixpath.dirname(path) or "/", posixpath.basename(path)
        listed = self.remote_browser.cache.get(folder)  # (its parent's listing: the bytes the server wrote)
        folder_wire = getattr(listed, "wire", None)
        names = getattr(listed, "names", [])
        wire = None
        if folder_wire is not None and names.count(name) == 1:  # (two names read alike: the text is sent)
            wire = remote_join(folder_wire, listed[names.index(name)].wire_name)
        if self.cannot_send([(name, wire if wire is not None else path)], self.act_rename):
            return
        self._ask_rename(folder, name, wire, folder_wire if wire is not None else None, after=self._after_rename)

    def _after_rename(self, folder: str, old: str, new: str) -> None:
        """``folder``/``old`` is ``folder``/``new`` now (a folder renamed from the tree): ``folder`` listed again,
        for the tree; the pane shows the folder under its new name when it showed it or a folder inside it."""
        old_path, new_path = posixpath.join(folder, old), posixpath.join(folder, new)
        shown_path = self.remote.path
        self.remote_browser.invalidate(folder, *[p for p in list(self.remote_browser.cache) if is_inside(p, old_path)])
        if shown_path and is_inside(shown_path, old_path):
            self.navigate(new_path + shown_path[len(old_path) :], refresh=True)
        else:
            self._after_change(folder, select=new)
        if folder != shown_path:
            self._list_for_tree(folder)  # (the tree still shows the old name)

    def rename_remote(
        self,
        folder: str,
        old: str,
        new: str,
        wire: Optional[bytes] = None,
        folder_wire: Optional[bytes] = None,
        after: Optional[Callable[[str, str, str], None]] = None,
    ) -> None:
        """Rename ``folder``/``old`` to ``new``; ``wire`` and ``folder_wire``, the bytes of the entry's path and
        of its folder as the server listed them, are what is sent when known (the new name in the session's
        codec). A name the folder's listing already has (``renaming.in_the_way``) is asked about first: RNTO
        would replace that file. ``after(folder, old, new)`` once renamed (else the folder shown is listed
        again, the entry selected)."""
        new = new.strip()
        if new == old:
            return
        if not valid_name(new):
            self.show_error_text(self.tr("{name!r} is not a valid name.").format(name=new))
            return
        src, dst = posixpath.join(folder, old), posixpath.join(folder, new)
        browser, listed = self.remote_browser, self.remote_browser.cache.get(folder)  # (the folder shown)
        route, sent = browser.route, [None]  # (sent: the new path's bytes, when sent so)

        def rename(session, look: bool = True) -> Optional[Entry]:
            raw = session.names.encode(new)
            if look:
                own = session.names.encode(old) if wire is None else posixpath.basename(wire)
                entries = listed if listed is not None else list_folder(session, folder)[1]
                (clash,) = in_the_way(entries, [(new, raw)], session.welcome, own)
                if clash is not None:
                    return clash  # nothing sent: the person is asked
            if wire is None or folder_wire is None:
                session.rename(src, dst)
            else:
                sent[0] = remote_join(folder_wire, raw)
                session.rename(wire, sent[0])
            return None

        def done(clash: Optional[Entry]) -> None:
            if clash is None:
                self.edits_follow(route, [(src, dst, wire, sent[0])])  # (the edits open on it: note 276)
                (after or (lambda f, _o, n: self._after_change(f, select=n)))(folder, old, new)
                return
            again = lambda: browser.run(lambda s: rename(s, False), done, self.show_error)  # noqa: E731
            self._ask_replace([(clash.name, clash)], again, self.tr("Choose another name."))

        browser.run(rename, done, self.show_error)

    def move_remote(self, sources: Sequence[tuple], folder: str, ask_first: Optional[Callable] = None) -> None:
        """Move remote entries into ``folder`` (RNFR/RNTO), as a drag inside the remote pane does: each source
        is (its path, the bytes the server listed it with, or None[, its name as listed: checked by
        ``cannot_use``]), and keeps its name's bytes. Names the
        folder already has are asked about first, from its listing (listed now when not cached). ``ask_first``
        (the drag's question, note 380): called as ``ask_first(found, move)`` once the folder is read — ``found``
        the files in the way, each (its path, its entry), none when nothing is — and asking the person once
        (design note 397); ``move()`` moves, replacing those files only: a name in the way that was not said
        then (the folder listed afresh) is asked about as before. A folder in the way is refused, unasked."""
        if not sources or not self._remote_ready() or self.cannot_move(sources):
            return
        sources = [(s[0], s[1]) for s in sources]
        browser, listed = self.remote_browser, self.remote_browser.cache.get(folder)
        names = [posixpath.basename(src) for src, _wire in sources]
        route, moves = browser.route, []  # (each moved: for the edits open on it)

        def move_all(session, look: bool = True, said: Optional[Set[int]] = None) -> Optional[List[Optional[Entry]]]:
            fresh = listed is None or said is not None  # (after a question: the folder as it is now)
            entries = list_folder(session, folder)[1] if fresh else listed
            into = getattr(entries, "wire", None) or session.names.encode(folder)
            raws = [
                session.names.encode(posixpath.basename(s)) if w is None else posixpath.basename(w) for s, w in sources
            ]
            if look:
                clashes = in_the_way(entries, list(zip(names, raws, strict=True)), session.welcome)
                if said is not None:  # the files the person agreed to replace (never a folder)
                    clashes = [
                        None if c is None or (i in said and c.type != "dir") else c for i, c in enumerate(clashes)
                    ]
                if any(clashes) or (ask_first is not None and said is None):
                    return clashes  # nothing moved: the person is asked
            for (src, wire), raw, name in zip(sources, raws, names, strict=True):
                dst = remote_join(into, raw)
                session.rename(src if wire is None else wire, dst)
                moves.append((src, posixpath.join(folder, name), wire, None if wire is None else dst))
            return None

        changed = {posixpath.dirname(s) or "/" for s, _w in sources} | {folder}
        reload = self._error_and_reload(changed)

        def failed(exc: BaseException) -> None:
            self.edits_follow(route, moves)
            moves.clear()
            reload(exc)

        def done(clashes: Optional[List[Optional[Entry]]], asked: bool = True) -> None:
            self.edits_follow(route, moves)  # (those moved before a failure too: ``failed``)
            moves.clear()
            if clashes is None:
                self._after_change(*changed)
                return
            found = [(posixpath.join(folder, n), e) for n, e in zip(names, clashes, strict=True) if e is not None]
            if not asked and not any(e.type == "dir" for _n, e in found):  # the drag's one question
                said = {i for i, e in enumerate(clashes) if e is not None}
                ask_first(
                    found, lambda: self._run_if_connected(browser, lambda s: move_all(s, True, said), done, failed)
                )
                return
            again = lambda: browser.run(lambda s: move_all(s, False), done, failed)  # noqa: E731
            self._ask_replace(found, again, self.tr("Nothing was moved."))

        browser.run(move_all, done if ask_first is None else lambda c: done(c, False), failed)

    def _run_if_connected(self, browser, fn: Callable, done: Callable, failed: Callable) -> None:
        """``browser.run``, or said in words when its connection ended while the person was asked."""
        if browser.connection is None:
            self.show_error_text(self.tr("Not connected. Connect to a server first."))
            return
        browser.run(fn, done, failed)

    def cannot_move(self, sources: Sequence[tuple]) -> bool:
        """True, said (``cannot_send``, ``cannot_use``), when ``move_remote`` could not move these sources: checked
        before the question a drag asks too (``DragMove``), never after the person agreed."""
        listed = [s[2] for s in sources if len(s) > 2 and s[2] is not None]  # (a drag's: the names as listed)
        odd = [(posixpath.basename(s[0]), s[0] if s[1] is None else s[1]) for s in sources]
        return self.cannot_send(odd, self.tr("Move")) or self.cannot_use(listed, self.tr("Move"))

    def _ask_replace(self, found: List[Tuple[str, Entry]], replace: Callable[[], None], refused: str) -> None:
        """What a rename or move would replace, each (as the person is told of it, its entry): "Replace?", with
        Cancel the default. A folder in the way is refused (``refused`` says what then): RNTO does not merge
        folders, and a Unix daemon's rename(2) replaces an empty one."""
        endpoint = self.remote_browser.endpoint
        server = endpoint.host if endpoint is not None else ""
        names = [fitted_name(name) for name, _e in found]  # (the server's names: a line break or bidi mark escaped)
        folders = [fitted_name(name) for name, e in found if e.type == "dir"]
        if folders:
            text = self.tr("A folder named {name} already exists on {server}.").format(name=folders[0], server=server)
            self.show_error_text(text + " " + refused)
            return
        if len(names) == 1:
            text = self.tr("{name} already exists on {server}. Replace it?").format(name=names[0], server=server)
        else:
            text = self.tr("These {n} files already exist on {server}:").format(n=len(names), server=server)
            text += "\n" + "\n".join(names[:MAX_NAMED]) + ("\n…" if len(names) > MAX_NAMED else "")
            text += "\n" + self.tr("Replace them?")
        box = self.prompt = ask(self, self.tr("Replace"), text, self.tr("Replace"), replace, QMessageBox.Icon.Warning)
        box.finished.connect(lambda _r: setattr(self, "prompt", None) if self.prompt is box else None)

    def _error_and_reload(self, folders) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            self.show_error(exc)
            self._after_change(*folders)  # part of the work may have been done

        return failed

    def delete_selected(self) -> None:
        if self.acting_side() != "remote":  # the focus's pane, else the last used; never the remote by default
            self.delete_local()
            return
        take_current(self.remote.view)  # (nothing selected: the row with the focus, note 417)
        entries = self.remote.selected_entries()
        if not entries or not self._remote_ready() or self._cannot_send_entries(entries, self.act_delete):
            return
        folder, model = self.remote.path, self.remote.model
        # (the path, a folder or not, and what is sent: the bytes the server listed when known)
        items = [(posixpath.join(folder, e.name), e.type == "dir", model.wire_path(e)) for e in entries]
        self._ask_delete(folder, items, entries[0].name)

    def delete_remote_tree_folder(self) -> None:
        """Delete in the remote folder tree: the folder selected there, asked as from the list (not the list's
        selection, which Delete there asked about before — found by QA). A name no FTP command can carry is
        refused before the question, as from the list (design note 186)."""
        path = self.remote.tree_folder()
        if not path or path == "/" or not self._remote_ready():
            return
        name = posixpath.basename(path)
        if not self.cannot_send([(name, path)], self.act_delete):
            self._ask_delete(posixpath.dirname(path) or "/", [(path, True, None)], name)

    def _ask_delete(self, folder: str, items: List[Tuple[str, bool, Optional[bytes]]], name: str) -> None:
        """Ask, then delete ``items`` (path, is a folder, its listed bytes or None) of remote ``folder``;
        ``name``: the first one's, said when it is the only one."""
        if len(items) == 1:
            kind = self.tr("folder") if items[0][1] else self.tr("file")
            text = self.tr("Delete the {kind} “{name}” from the server?")  # (quoted: a folder named "renamed")
            text = text.format(kind=kind, name=fitted_name(name))
        else:
            text = self.tr("Delete these {n} items from the server?").format(n=len(items))
        if any(d for _p, d, _w in items):
            text += "\n" + self.tr("Folders are deleted with everything in them.")

        def delete_all(session) -> None:
            for path, is_dir, wire in items:
                remove_tree(session, path if wire is None else wire, is_dir)

        def confirmed() -> None:
            subfolders = [p for p, d, _w in items if d]
            self.remote_browser.run(
                delete_all,
                lambda _r: self._after_delete(folder, subfolders),
                self._error_and_reload([folder, *subfolders]),
            )

        self.prompt = ask(self, self.tr("Delete"), text, self.tr("&Delete"), confirmed, QMessageBox.Icon.Warning)

    def _after_delete(self, folder: str, subfolders: List[str]) -> None:
        """Deleted from ``folder``: the folder shown listed again — its parent ``folder`` when it was one of
        the folders deleted or inside one (a folder deleted from the tree) — and ``folder`` in the tree."""
        if any(is_inside(self.remote.path, p) for p in subfolders):
            self.remote_browser.invalidate(folder, *subfolders)
            self.navigate(folder, refresh=True)
            return
        self._after_change(folder, *subfolders)
        if folder != self.remote.path:
            self._list_for_tree(folder)  # (the tree still showed the folder deleted)

    def create_folder(self) -> None:
        if self._active == "local":
            self.create_local_folder()
            return
        if not self._remote_ready():
            return
        folder = self.remote.path
        self._ask_name(
            self.tr("Create folder"),
            self.tr("Name of the new folder in {folder}:").format(folder=fitted_name(folder)),
            self.tr("New folder"),
            lambda name: self.make_folder(folder, name),
        )

    def make_folder(self, folder: str, name: str) -> None:
        name = name.strip()
        if not valid_name(name):
            self.show_error_text(self.tr("{name!r} is not a valid name.").format(name=name))
            return
        path = posixpath.join(folder, name)
        self.remote_browser.run(  # (the new folder selected, as a renamed entry is)
            lambda s: s.mkd(path), lambda _r: self._after_change(folder, select=name), self.show_error
        )

    def edit_permissions(self) -> None:
        take_current(self.remote.view)  # (nothing selected: the row with the focus, note 417)
        entries = self.remote.selected_entries()
        if not entries or not self._remote_ready() or self._cannot_send_entries(entries, self.act_permissions):
            return
        folder = self.remote.path
        modes = [mode_from_permissions(e.permissions) for e in entries]  # (None: the listing gives none)
        name = entries[0].name if len(entries) == 1 else self.tr("{n} items").format(n=len(entries))
        folders = any(e.type == "dir" for e in entries)
        dialog = PermissionsDialog(name, modes, self, folders=folders)
        targets = [(posixpath.join(folder, e.name), e.type == "dir", m) for e, m in zip(entries, modes, strict=True)]
        dialog.accepted.connect(lambda: self.chmod_remote(targets, dialog.change(), folder, dialog.scope()))
        self._open_prompt(dialog)

    def chmod_remote(self, targets: List[Chosen], change: ModeChange, folder: str, scope: Optional[str] = None):
        """``targets``: (path, is a folder, its mode as listed or None); ``change``: the bits set; ``scope``:
        recurse into the folders (``remote_browser.chmod_tree``). The folders whose listing had lines no format
        reads, and the items whose mode no listing gave while not every bit was set, are said as failures: they
        are as they were."""

        def chmod_all(session) -> ChmodLeft:
            left = ChmodLeft()
            for path, is_dir, mode in targets:
                chmod_tree(session, path, is_dir, change, scope, mode, left=left)
            return left

        def done(left: ChmodLeft) -> None:
            for unread in left.unread:
                self.show_error_text(unread_words(unread, NOT_CHANGED).text())
            if left.unknown:
                self.show_error_text(self._left_unknown(left.unknown))
            self._after_change(folder)

        self.remote_browser.run(chmod_all, done, self.show_error)

    def _left_unknown(self, paths: List[str]) -> str:
        """Said of the items a change of permissions left as they were: no listing gave their mode, and the
        change did not set every bit (the first few named)."""
        named = "”, “".join(shown(p) for p in paths[:LEFT_NAMED]) + ("”, …" if len(paths) > LEFT_NAMED else "”")
        return self.tr(
            "{count} item(s) left unchanged: the server's listing does not give their permissions, and not every "
            "box was set (set every box, or type the whole number, to change them too): “{names}"
        ).format(count=len(paths), names=named)

    def copy_url(self) -> None:
        endpoint = self.remote_browser.endpoint
        if endpoint is None or not self.remote.path:
            return
        entries = self.remote.selected_entries()
        if self.cannot_use([e.name for e in entries], self.act_copy_url):  # (its URL would name another file)
            return
        targets = [self.remote.model.full_path(e) for e in entries] or [self.remote.path]
        tls = self.remote_browser.options.tls if self.remote_browser.options is not None else "off"
        QGuiApplication.clipboard().setText("\n".join(remote_url(endpoint, p, tls) for p in targets))
