"""The site manager's tree actions: new site and folder, rename, duplicate, delete, and the recent servers list."""

from __future__ import annotations

import dataclasses
from typing import Dict, Optional, Set

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListWidgetItem, QMessageBox

from ..ftp.safetext import format_address
from ..sites.store import RecentServer, Site, new_id
from .dialogs import ask
from .proxy_fields import password_key
from .site_model import _basename, _parent_folder


class SiteTreeActions:
    """The tree's actions (a mixin: ``self`` is the :class:`SiteManagerDialog`)."""

    # --- tree actions -------------------------------------------------------------------------------
    def _names_in(self, folder: str) -> Set[str]:
        """The names of the sites and folders in ``folder``."""
        return self._names_by_folder().get(folder, set())

    def _names_by_folder(self) -> Dict[str, Set[str]]:
        """The names of the sites and folders in each folder, every site and folder looked at once."""
        names: Dict[str, Set[str]] = {}
        for site in self.working.sites():
            names.setdefault(site.folder, set()).add(site.name)
        for folder in self.working.folders():
            names.setdefault(_parent_folder(folder), set()).add(_basename(folder))
        return names

    def _unique_name(self, folder: str, base: str, taken: Optional[Set[str]] = None, n: int = 2) -> str:
        """``base``, or ``base 2``, ``base 3``… (from ``n``): a name not among ``taken`` (default: those in
        ``folder``)."""
        taken = self._names_in(folder) if taken is None else taken
        name = base
        while name in taken:
            name, n = f"{base} {n}", n + 1
        return name

    def _refuse(self, text: str) -> None:
        """Say why the tree refused (a rename's name): shown until the next tree action that works."""
        self._refusal = text
        self._show_status(text)

    def _acted(self) -> None:
        """A tree action worked: a refusal still shown is no longer about what the person sees (it stayed after a
        later rename or delete; found by QA, design note 403)."""
        if self._refusal and self.status.text() == self._refusal:
            self._show_status("")
        self._refusal = ""

    def new_site(self) -> Site:
        self._acted()
        folder = self.model.folder_of(self.tree.currentIndex())
        site = Site(id=new_id(), name=self._unique_name(folder, self.tr("New site")), folder=folder)
        self.working.add(site)
        self.model.rebuild()
        self.select("site", site.id)
        self.tabs.setCurrentIndex(0)
        self.host.setFocus()
        return site

    def new_folder(self) -> str:
        self._acted()
        parent = self.model.folder_of(self.tree.currentIndex())
        name = self._unique_name(parent, self.tr("New folder"))
        path = f"{parent}/{name}" if parent else name
        self.working.add_folder(path)
        self.model.rebuild()
        self.select("folder", path)
        self.tree.edit(self.tree.currentIndex())
        return path

    def rename(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.edit(index)

    def duplicate(self) -> Optional[Site]:
        site = self.current_site()
        if site is None:
            return None
        self._acted()
        copy = dataclasses.replace(site, id=new_id(), name=self._unique_name(site.folder, site.name))
        self.working.add(copy)
        if site.id in self._new_passwords:
            self._new_passwords[copy.id] = self._new_passwords[site.id]
        elif site.logon == "normal" and self.store.get(site.id) is not None:
            self._copy_password[copy.id] = site.id
        key = password_key(site.id)  # the proxy's password goes with the copy too (typed, or the saved one)
        if key in self._new_passwords:
            self._new_passwords[password_key(copy.id)] = self._new_passwords[key]
        elif "://" in site.proxy and self.store.get(site.id) is not None:
            self._copy_password[password_key(copy.id)] = key
        self.model.rebuild()
        self.select("site", copy.id)
        return copy

    def delete(self) -> Optional[QMessageBox]:
        """Delete the selected site or folder (with its contents), once the person says so, as FileZilla asks
        ("Really delete …?"); final only on OK or Connect: the Site Manager's Cancel brings it back."""
        kind, key = self.model.item(self.tree.currentIndex())
        if kind == "site":
            site = self.working.get(key)
            text = self.tr("Delete the site “{name}”?").format(name=site.name if site is not None else key)
        elif kind == "folder":
            inside = [s for s in self.working.sites() if s.folder == key or s.folder.startswith(key + "/")]
            if not inside:
                text = self.tr("Delete the folder “{name}”?")
            elif len(inside) == 1:  # each its own sentence: languages say "1 site" and "2 sites" differently
                text = self.tr("Delete the folder “{name}” and the site in it?")
            else:
                text = self.tr("Delete the folder “{name}” and the {n} sites in it?")
            text = text.format(name=key, n=len(inside))
        else:
            return None
        text += "\n" + self.tr(
            "It is deleted when you click OK or Connect in the Site Manager; its Cancel brings it back."
        )
        self.prompt = ask(self, self.tr("Delete"), text, self.tr("Delete"), lambda: self._delete(kind, key))
        self.prompt.finished.connect(lambda _r: setattr(self, "prompt", None))
        return self.prompt

    def _delete(self, kind: str, key: str) -> None:
        self._acted()
        if kind == "site":
            self.working.remove(key)
            gone = [key]
        else:
            gone = self.working.remove_folder(key)
        for id in gone:
            self._new_passwords.pop(id, None)
            self._copy_password.pop(id, None)
        self.model.rebuild()
        self.tree.setCurrentIndex(QModelIndex())
        self._show_site(None)

    def _tree_changed(self) -> None:
        self._acted()  # (a rename, or a drag that refiled)
        if self._current and self.working.get(self._current):
            self.select("site", self._current)
        self._show_site(self._current)

    def _folder_indexes(self, parent: Optional[QModelIndex] = None):
        parent = parent or QModelIndex()
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if self.model.item(index)[0] == "folder":
                yield index
                yield from self._folder_indexes(index)

    def _remember_expanded(self) -> None:
        self._expanded = {self.model.item(i)[1] for i in self._folder_indexes() if self.tree.isExpanded(i)}

    def _restore_expanded(self) -> None:
        for index in self._folder_indexes():
            if self.model.item(index)[1] in self._expanded:
                self.tree.expand(index)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.item(index)[0] == "site":
            self.connect_current()

    # --- recent servers -----------------------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.recent_list.clear()
        for entry in self.store.recent():
            server = format_address((entry.host, entry.port))
            text = f"{entry.user}@{server}" if entry.user else server
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.recent_list.addItem(item)
        self.save_recent_button.setEnabled(self.recent_list.count() > 0)
        self.recent_box.setVisible(self.recent_list.count() > 0)
        if self.recent_list.count():
            self.recent_list.setCurrentRow(0)

    def save_recent(self) -> Optional[Site]:
        item = self.recent_list.currentItem()
        if item is None:
            return None
        entry: RecentServer = item.data(Qt.ItemDataRole.UserRole)
        site = entry.to_site()
        self._acted()
        site.name = self._unique_name("", site.name)
        self.working.add(site)
        self.model.rebuild()
        self.select("site", site.id)
        return site
