"""The site manager's import and export: FileZilla's sitemanager.xml, ftpgui's own export file, and the
file dialogs for them and for a site's local folder."""

from __future__ import annotations

import os
from typing import Dict, Tuple

from PySide6.QtWidgets import (
    QFileDialog,
)

from ..explain import describe_error
from ..sites import exchange, filezilla
from ..transfers.runner import run_blocking

NOTES_SHOWN = 50  # skipped sites and notes listed after an import; the rest are counted


class SiteImportExport:
    """Import and export (a mixin: ``self`` is the :class:`SiteManagerDialog`)."""

    # --- import and export --------------------------------------------------------------------------
    def _file_dialog(self, title: str, accept_mode, start: str, name_filter: str, on_chosen) -> QFileDialog:
        """A window-modal file chooser whose answer arrives as a signal (the GUI thread keeps running)."""
        dialog = QFileDialog(self, title)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # no nested native loop to wait on
        dialog.setAcceptMode(accept_mode)
        if name_filter:
            dialog.setNameFilter(name_filter)
            if accept_mode == QFileDialog.AcceptMode.AcceptOpen:
                dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        else:  # a folder
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if not start:  # (else the process's working folder: the app's own, found by QA)
            dialog.setDirectory(os.path.expanduser("~"))
        elif not name_filter:
            dialog.setDirectory(start)
        elif start:
            dialog.setDirectory(os.path.dirname(start) or start)
            dialog.selectFile(os.path.basename(start))
        dialog.fileSelected.connect(on_chosen)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def choose_local_dir(self) -> QFileDialog:
        return self._file_dialog(
            self.tr("Default local folder"),
            QFileDialog.AcceptMode.AcceptOpen,
            self.local_dir.text() or os.path.expanduser("~"),
            "",
            self._local_dir_chosen,
        )

    def _local_dir_chosen(self, path: str) -> None:
        self.local_dir.setText(path)
        self._form_edited()

    def choose_filezilla_file(self) -> QFileDialog:
        found = filezilla.find_sitemanager() or ""
        return self._file_dialog(
            self.tr("Import FileZilla sites"),
            QFileDialog.AcceptMode.AcceptOpen,
            found,
            self.tr("FileZilla site manager (sitemanager.xml *.xml)"),
            self.import_filezilla,
        )

    def choose_export_file(self) -> QFileDialog:
        return self._file_dialog(
            self.tr("Import an ftpgui export"),
            QFileDialog.AcceptMode.AcceptOpen,
            "",
            self.tr("ftpgui sites (*.json)"),
            self.import_export,
        )

    def choose_export_target(self) -> QFileDialog:
        return self._file_dialog(
            self.tr("Export sites (without passwords)"),
            QFileDialog.AcceptMode.AcceptSave,
            os.path.join(os.path.expanduser("~"), "ftpgui-sites.json"),
            self.tr("ftpgui sites (*.json)"),
            self.export_to,
        )

    def import_filezilla(self, path: str) -> None:
        """Read ``path`` off the GUI thread and add its sites under one new folder."""
        self._show_status(self.tr("Reading {path}…").format(path=path))
        self.calls.append(
            run_blocking(filezilla.import_file, path, on_done=self._filezilla_read, on_error=self._import_failed)
        )

    def _import_failed(self, exc: BaseException) -> None:
        self._show_status(self.tr("Nothing was imported: {reason}").format(reason=describe_error(exc)))

    def _filezilla_read(self, result: filezilla.FileZillaImport) -> None:
        top = self._unique_name("", self.tr("Imported from FileZilla"))
        self.working.add_folder(top)
        for folder in result.folders:
            self.working.add_folder(f"{top}/{folder}")
        for item in result.sites:
            item.site.folder = f"{top}/{item.site.folder}" if item.site.folder else top
            self.working.add(item.site)
            if item.password:
                self._new_passwords[item.site.id] = item.password
        self.model.rebuild()
        self.select("folder", top)
        self.tree.expandRecursively(self.tree.currentIndex())
        passwords = sum(1 for item in result.sites if item.password)
        if self.keyring_ok is not False:  # (a refusal on OK is said then; none usable is said now)
            self._imported_passwords.update(item.site.id for item in result.sites if item.password)
        lines = [
            self.tr("Sites imported: {sites}; skipped: {skipped}.").format(
                sites=len(result.sites), skipped=len(result.skipped)
            )
        ]
        if passwords:
            lines.append(self._imported_passwords_text(passwords))
        for skipped in result.skipped:
            lines.append(self.tr("Skipped “{site}”: {reason}").format(site=skipped.path, reason=skipped.reason.text()))
        for item in result.sites:
            for note in item.notes:
                lines.append(self.tr("“{site}”: {note}").format(site=item.site.path, note=note.text()))
        if len(lines) > NOTES_SHOWN + 1:  # (a crafted file can bring a note for every one of many sites)
            more = len(lines) - 1 - NOTES_SHOWN
            lines[NOTES_SHOWN + 1 :] = [self.tr("…and {n} more notes like these.").format(n=more)]
        self._show_status("\n".join(lines))

    def _imported_passwords_text(self, n: int) -> str:
        """What becomes of ``n`` imported passwords: the keyring takes them on OK, or — none usable — they are
        not saved (never in clear: DESIGN) and the person is asked for them."""
        if self.keyring_ok is False:
            return self.tr(
                "Passwords NOT saved: {n} ({reason}). They are kept only until ftpgui closes; after that you will "
                "be asked for them when you connect."
            ).format(n=n, reason=self.keyring_reason)
        return self.tr("Passwords to save in the system keyring when you press OK or Connect: {n}.").format(n=n)

    def _imported_not_saved(self, saved: int, failed: int, reason: str) -> None:
        """OK or Connect: the keyring refused some of the imported passwords; said, the dialog stays open."""
        self._show_status(
            self.tr(
                "Imported passwords saved in the system keyring: {saved}; NOT saved: {failed} ({reason}). Those are "
                "kept only until ftpgui closes; after that you will be asked for them when you connect."
            ).format(saved=saved, failed=failed, reason=reason)
        )

    def import_export(self, path: str) -> None:
        self.calls.append(
            run_blocking(exchange.read_export, path, on_done=self._export_read, on_error=self._import_failed)
        )

    def _export_read(self, result) -> None:
        sites, folders = result
        for folder in folders + [site.folder for site in sites]:  # (a site's own folder may not be listed)
            self.working.add_folder(folder)
        # the names in every folder, gathered in one look at all the sites and folders (each folder looked at
        # all of them: 5,000 folders of 3 sites took 36 s - the review), and the next number for each name
        # given twice (each name counted up from "2" past every one taken - found by QA)
        taken = self._names_by_folder()
        numbered: Dict[Tuple[str, str], int] = {}
        for site in sites:
            names = taken.setdefault(site.folder, set())
            base = site.name
            site.name = self._unique_name(site.folder, base, names, numbered.get((site.folder, base), 2))
            if site.name != base:
                numbered[(site.folder, base)] = int(site.name.rsplit(" ", 1)[1]) + 1
            names.add(site.name)
            self.working.add(site)
        self.model.rebuild()
        self._show_status(self.tr("Sites imported: {sites}.").format(sites=len(sites)))

    def export_to(self, path: str) -> None:
        """Write every site (no passwords) to ``path`` off the GUI thread."""
        self.calls.append(
            run_blocking(
                exchange.export_sites,
                path,
                self.working.sites(),
                self.working.folders(),
                on_done=lambda n: self._show_status(
                    self.tr("Sites exported to {path} (without passwords): {sites}.").format(sites=n, path=path)
                ),
                on_error=lambda exc: self._show_status(
                    self.tr("Export failed: {reason}").format(reason=getattr(exc, "strerror", None) or str(exc))
                ),
            )
        )
