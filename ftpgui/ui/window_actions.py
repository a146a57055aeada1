"""The main window's actions: menus, the toolbar, the panes' context menus and the status bar — a mixin of
:class:`MainWindow`. Each action calls a method of the window; none holds logic of its own."""

from __future__ import annotations

import re
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QStyle, QToolBar

from . import pane_menus
from .bookmarks_menu import BookmarksMenu
from .compare_view import Comparison
from .pane_keys import PaneKeys, TreeKeys
from .sync_browse import SyncBrowsing

translate = QCoreApplication.translate


def tip_text(text: str) -> str:
    """An action's text as its tooltip (the toolbar's buttons): without its mnemonic or trailing "…". Qt's own
    tooltip drops the "&" only: a Chinese "上一级(&U)" showed "上一级(U)" over the button."""
    text = re.sub(r"\(&[^&\s]\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip().removesuffix("…").removesuffix("...").rstrip()


def refresh_keys() -> list:
    """Refresh's keys: the platform's (F5 on Linux and Windows) and Ctrl+R, each once."""
    keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Refresh), QKeySequence("Ctrl+R")]
    return [k for i, k in enumerate(keys) if k not in keys[:i]]


class WindowActions:
    """The window's actions and where they appear (a mixin: ``self`` is the :class:`MainWindow`)."""

    def _install_pane_menus(self, remote_view: Any, local_view: Any) -> None:
        """A tab's panes' context menus (``pane_menus``): what needs a selection is greyed out without one. A
        right click is on the tab shown, whose panes ``self.remote`` and ``self.local`` are."""
        acting = (self.act_download, *self.edit_actions, self.act_enqueue, self.act_delete, self.act_permissions)
        needs = {act: pane_menus.ANY for act in (*acting, self.act_upload, self.act_open)}
        needs[self.act_rename] = pane_menus.ONE
        needs.update(dict.fromkeys(self.edit_actions, pane_menus.FILE))  # (a folder is not viewed or edited)

        def files() -> int:
            return sum(e.type != "dir" for e in self.remote.selected_entries())

        view_act, edit_act = self.edit_actions
        counted = {  # (each file selected is opened: the menu says how many, note 386)
            view_act: lambda n: translate("RemoteEditor", "&View {count} Files").format(count=n),
            edit_act: lambda n: translate("RemoteEditor", "&Edit {count} Files").format(count=n),
        }
        # (a pane's menu acts on its pane, whatever had the focus: note 460)
        remote_menu, local_menu = (lambda: self.set_active_side("remote")), (lambda: self.set_active_side("local"))
        pane_menus.install(
            remote_view, lambda: len(self.remote.selected_entries()), needs, files, counted, opening=remote_menu
        )
        pane_menus.install(local_view, lambda: len(self.local.selected_paths()), needs, opening=local_menu)
        self._install_column_menus(remote_view.horizontalHeader(), local_view.header())

    def _action(
        self, name: str, text: str, slot: Callable, shortcut: Any = None, icon: Any = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip_text(text))
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        a = self._action
        self._build_tab_actions()  # New Tab, Close Tab, Next and Previous Tab (window_tabs)
        self.act_site_manager = a("siteManager", self.tr("&Site Manager…"), self.open_site_manager, "Ctrl+S")
        self.act_disconnect = a(
            "disconnect", self.tr("&Disconnect"), self.disconnect_server, None, sp.SP_DialogCloseButton
        )
        self.act_preferences = a(
            "preferences", self.tr("&Preferences…"), self.open_preferences, QKeySequence.Preferences
        )
        self.act_quit = a("quit", self.tr("&Quit"), self.close, QKeySequence.Quit)
        self.act_download = a("download", self.tr("&Download"), self.download_selected, "Ctrl+D", sp.SP_ArrowDown)
        self.act_upload = a("upload", self.tr("&Upload"), self.upload_selected, "Ctrl+U", sp.SP_ArrowUp)
        self.act_enqueue = a("addToQueue", self.tr("&Add to Queue"), self.add_to_queue)
        self.act_rename = a("rename", self.tr("&Rename…"), self.rename_selected, Qt.Key.Key_F2)
        self.act_delete = a("delete", self.tr("De&lete…"), self.delete_selected, QKeySequence.Delete, sp.SP_TrashIcon)
        self.act_mkdir = a(
            "createFolder", self.tr("Create &Folder…"), self.create_folder, "Ctrl+N", sp.SP_FileDialogNewFolder
        )
        self.act_refresh = a("refresh", self.tr("&Refresh"), self.refresh, QKeySequence.Refresh, sp.SP_BrowserReload)
        self.act_refresh.setShortcuts(refresh_keys())  # F5 and Ctrl+R, as in FileZilla, WinSCP and the browsers
        self.act_up = a("up", self.tr("&Up"), self.go_up, Qt.Key.Key_Backspace, sp.SP_FileDialogToParent)
        self.act_copy_url = a("copyUrl", self.tr("Copy &URL"), self.copy_url, "Ctrl+Shift+C")
        self.act_permissions = a("permissions", self.tr("File &Permissions…"), self.edit_permissions)
        self.act_open = a("openLocal", self.tr("&Open"), self.open_local, "Ctrl+O")
        self.act_hidden_remote = a("showHiddenRemote", self.tr("Show &Hidden Remote Files"), self._hidden_remote)
        self.act_hidden_local = a("showHiddenLocal", self.tr("Show Hidden &Local Files"), self._hidden_local)
        self.act_diagnose = a("diagnose", self.tr("Dia&gnose This Server"), self.diagnose_server)
        # F6: the focus to the other file list (as in file managers; FileZilla has no key for it; Ctrl+Tab is
        # Next Tab here) — note 410
        self.act_other_list = a("otherList", self.tr("Switch to the &Other List"), self.focus_other_list, "F6")
        for act, on in (
            (self.act_hidden_remote, self.prefs.show_hidden),
            (self.act_hidden_local, self.prefs.show_hidden),
        ):
            act.setCheckable(True)
            act.setChecked(on)

        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        for act in (
            self.act_new_tab,
            self.act_close_tab,
            None,
            self.act_site_manager,
            self.act_disconnect,
            None,
            self.act_preferences,
            None,
            self.act_quit,
        ):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu(self.tr("&Transfer"))
        for act in (self.act_download, self.act_upload, self.act_enqueue):
            m.addAction(act)
        m = self.edit_menu = bar.addMenu(self.tr("&Edit"))
        for act in (
            self.act_open,
            self.act_view_remote,
            self.act_edit_remote,
            self.act_rename,
            self.act_delete,
            self.act_mkdir,
            None,
            self.act_permissions,
            self.act_copy_url,
        ):
            m.addSeparator() if act is None else m.addAction(act)
        m = self.view_menu = bar.addMenu(self.tr("&View"))
        for act in (self.act_refresh, self.act_up, None, self.act_hidden_local, self.act_hidden_remote, None):
            m.addSeparator() if act is None else m.addAction(act)
        dock = self.mode_dock.toggleViewAction()
        dock.setText(self.tr("Connection &modes"))  # (the dock's title, with the menu's Alt+M)
        m.addAction(dock)
        m.addAction(self.act_diagnose)
        self.comparison, self.sync_browsing = Comparison(self), SyncBrowsing(self)  # both panes together
        for act in (None, self.comparison.action, self.comparison.by_menu, self.sync_browsing.action):
            m.addSeparator() if act is None else m.addMenu(act) if isinstance(act, QMenu) else m.addAction(act)
        m.addSeparator()
        m.addAction(self.act_next_tab)
        m.addAction(self.act_prev_tab)
        m.addAction(self.act_other_list)
        self.bookmarks = BookmarksMenu(self, bar)
        m = bar.addMenu(self.tr("&Help"))
        self.act_about = a("about", self.tr("&About ftpgui"), self.show_about)
        self.act_log_folder = a("logFolder", self.tr("Open &Log Folder"), self.open_log_folder)
        m.addAction(self.act_log_folder)
        m.addAction(self.act_about)

        tools = QToolBar(self.tr("Actions"), self)
        tools.setObjectName("actionsBar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for act in (
            self.act_disconnect,
            None,
            self.act_refresh,
            self.act_up,
            self.act_mkdir,
            self.act_delete,
            None,
            self.act_download,
            self.act_upload,
        ):
            tools.addSeparator() if act is None else tools.addAction(act)
        self.addToolBar(tools)
        self.addToolBarBreak()
        self.addToolBar(self.connect_bar)
        for view, acts in (
            (
                self.remote.view,
                (
                    self.act_download,
                    *self.edit_actions,
                    self.act_enqueue,
                    self.act_rename,
                    self.act_delete,
                    self.act_mkdir,
                ),
            ),
            (
                self.local.view,
                (self.act_upload, self.act_enqueue, self.act_open, self.act_rename, self.act_delete, self.act_mkdir),
            ),
        ):
            for act in acts:
                view.addAction(act)
        for act in (self.act_permissions, self.act_copy_url, self.act_refresh, self.act_diagnose):
            self.remote.view.addAction(act)
        self._keys_on_panes()
        self._install_pane_menus(self.remote.view, self.local.view)
        self.act_site_manager.setEnabled(self.store is not None)
        self.act_disconnect.setEnabled(False)  # until a connect begins (connect_to, _events)

    def _keys_on_panes(self) -> None:
        """The keys of the actions on a pane's selection (Delete, F2, Ctrl+D…) work where a pane has the focus,
        the pane last used acting: not the window over, where Delete in the queue's table asked to delete the
        remote pane's selection (found by QA). The menus and the toolbar still act on the pane last used."""
        for act in (
            self.act_download,
            self.act_upload,
            self.act_open,
            self.act_rename,
            self.act_delete,
            self.act_mkdir,
            self.act_up,
            self.act_copy_url,
            *self.edit_actions,
        ):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.removeAction(act)
            self.pane_stack.addAction(act)  # (every tab's panes)
        # the keys on a selection only from a file list: a text box has its keys, a tree its Delete (note 185)
        self.pane_keys = PaneKeys(self.pane_stack, (self.act_up, self.act_mkdir))

    def _pane_with_focus(self) -> str:
        """ "remote" or "local": the pane of the shown tab the keyboard focus is in (its list, tree, path field…);
        "" when it is in neither (the queue, the log, the quick-connect bar, another window)."""
        widget = QApplication.focusWidget()
        while widget is not None:
            if widget is self.remote:
                return "remote"
            if widget is self.local:
                return "local"
            widget = widget.parentWidget()
        return ""

    def acting_side(self) -> str:
        """The pane Delete and Rename act on, from a key, a pane's context menu, the Edit menu or the toolbar
        (design note 460): the pane the keyboard focus is in (a right click puts it there); with the focus in
        neither pane, the pane used last. "remote" only when that is the remote pane, never by default: a remote
        delete cannot be undone, a local one goes to the trash."""
        here = self._pane_with_focus()
        if here:
            self._active = here  # (what focusChanged keeps: the same pane for the actions that read it)
        return "remote" if (here or self._active) == "remote" else "local"

    def focus_other_list(self) -> None:
        """F6: from a pane (its list, tree, path field or filter box) to the other pane's file list; from
        elsewhere (the queue, the log) to the list of the pane last used. The actions then work on that pane."""
        here = self._pane_with_focus()
        if not here:
            self.set_active_side(self._active)
        else:
            self.set_active_side("local" if here == "remote" else "remote")

    def _tree_keys(self, tab: Any) -> None:
        """Delete and F2 in a tab's folder trees delete and rename the folder selected there (``pane_keys``)."""
        remote = {self.act_delete: self.delete_remote_tree_folder, self.act_rename: self.rename_remote_tree_folder}
        local = {self.act_delete: self.delete_local_tree_folder, self.act_rename: self.rename_local_tree_folder}
        TreeKeys(tab.remote.tree_view, {act: self.for_tab(tab, fn) for act, fn in remote.items()})
        TreeKeys(tab.local.tree, {act: self.for_tab(tab, fn) for act, fn in local.items()})

    def _build_status_bar(self) -> None:
        """The queue's totals; then the current server tab's part: its TLS lock, state, Reconnect and
        Diagnose (each tab has its own, see server_tab)."""
        self.totals_label = QLabel()
        self.statusBar().insertPermanentWidget(0, self.totals_label)

    def show_about(self) -> None:
        from .about import show_about  # loaded when first opened, not with the first window (design note 229)

        show_about(self)
