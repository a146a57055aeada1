"""Deleted sites' passwords the keyring refused to delete, for the window's life (design note 169).

The site manager deletes a deleted site's passwords in its one keyring call, and closes when it has answered;
a refusal said only in the dialog went with it. :class:`KeyringLeftovers` belongs to the main window: a
refusal is said in the window's message log and status bar, the entries are remembered (their names, never a
password: :mod:`ftpgui.sites.leftovers`), said again at the next start, and deleted again each time the Site
Manager opens, until the keyring lets them go. A deletion with no keyring to reach (no Secret Service in this
session: the keyring another session reaches may hold the password) is said once and remembered too, and done
when the Site Manager opens with the keyring there; its retries meanwhile say nothing (design note 352).
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from PySide6.QtCore import QObject

from ..sites import leftovers
from ..sites.passwords import PasswordStore, PasswordUnavailable, refused_keyring
from ..transfers.runner import Call, run_blocking
from ..words import tidy

SHOWN_NAMES = 3  # sites named in a message; the rest counted


def unreached(problem: BaseException) -> bool:
    """Whether a deletion failed for want of a keyring to reach (none here, or none fit for passwords), not
    because one that is there said no (locked, its prompt cancelled, failing). Either may have left an entry:
    "no keyring" in an SSH session, or with the Secret Service not running, is not "no password stored" — the
    keyring of the next desktop login may hold it (found by QA: note 169 remembered nothing then)."""
    return refused_keyring(problem)


def reason_of(problem: BaseException) -> str:
    return problem.text() if isinstance(problem, PasswordUnavailable) else type(problem).__name__


class KeyringLeftovers(QObject):
    """The window's memory of keyring entries still to delete; ``retry`` runs when the Site Manager opens."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.path = leftovers.path_beside(window.store.path) if window.store is not None else ""
        self.retrying: Optional[Call] = None
        self.last_text = ""  # what was said last (the Site Manager shows it in its status line too)
        entries = self._prune()
        quiet = leftovers.unreached(self.path) if entries else set()  # (said when deleted: not at every start)
        entries = {key: site for key, site in entries.items() if key not in quiet}
        if entries:
            self._say_error(
                self.tr(
                    "The passwords of deleted sites may still be in the system keyring ({sites}): it refused to "
                    "delete them. ftpgui will try again when you next open the Site Manager."
                ).format(sites=self._names(entries))
            )

    # --- what is said ----------------------------------------------------------------------------------
    def _names(self, entries: Dict[str, str], keys: Optional[Iterable[str]] = None) -> str:
        names = leftovers.sites_named(entries, keys)
        text = ", ".join(f"“{name}”" for name in names[:SHOWN_NAMES])
        if len(names) > SHOWN_NAMES:
            text = self.tr("{names} and {n} more").format(names=text, n=len(names) - SHOWN_NAMES)
        return text

    def _say_error(self, text: str) -> None:
        self.last_text = text
        self.window.show_error_text(text)

    def _say_status(self, text: str) -> None:
        self.last_text = text
        self.window.log.add_lines([("status", text)])
        self.window.status_message(text)

    def _refusal(self, entries: Dict[str, str], keys: Iterable[str], problem: BaseException, noted: str) -> None:
        text = self.tr(
            "The system keyring did not delete the passwords of deleted sites ({sites}): {reason}. They may still "
            "be stored there."
        ).format(sites=self._names(entries, keys), reason=reason_of(problem))
        if noted:
            text += " " + self.tr("ftpgui could not note them to try again: {reason}").format(reason=noted)
        else:
            text += " " + self.tr("ftpgui will try again when you next open the Site Manager.")
        self._say_error(tidy(text))

    def _unreached(self, entries: Dict[str, str], problem: BaseException, noted: str) -> None:
        text = self.tr(
            "The system keyring could not be reached to delete the passwords of deleted sites ({sites}): {reason}. "
            "They stay there if it holds them."
        ).format(sites=self._names(entries), reason=reason_of(problem))
        if noted:
            text += " " + self.tr("ftpgui could not note them to try again: {reason}").format(reason=noted)
        else:
            text += " " + self.tr(
                "ftpgui will delete them when you next open the Site Manager with the system keyring there."
            )
        self._say_error(tidy(text))

    # --- the file --------------------------------------------------------------------------------------
    def entries(self) -> Dict[str, str]:
        return leftovers.load(self.path) if self.path else {}

    def _prune(self) -> Dict[str, str]:
        """The entries still to delete; those whose site is saved again are forgotten (their password is that
        site's now)."""
        entries = self.entries()
        store = self.window.store
        wanted = leftovers.still_wanted(entries, (s.id for s in store.sites())) if store is not None else []
        if wanted:
            try:
                entries = leftovers.forget(self.path, wanted)
            except OSError:
                entries = {k: v for k, v in entries.items() if k not in wanted}
        return entries

    # --- refused, retried ------------------------------------------------------------------------------
    def refused(self, failed: List[Tuple[str, str, BaseException]]) -> None:
        """The site manager's deletions the keyring refused, or could not be reached for: ``(keyring entry, site
        name, problem)``."""
        if not self.path:
            return
        for is_unreached in (False, True):
            entries = {key: site for key, site, problem in failed if unreached(problem) == is_unreached}
            if not entries:
                continue
            noted = ""
            try:
                leftovers.add(self.path, entries, is_unreached)
            except OSError as exc:
                noted = exc.strerror or type(exc).__name__
            problem = next(p for key, _s, p in failed if key in entries)
            if is_unreached:
                self._unreached(entries, problem, noted)
            else:
                self._refusal(entries, entries, problem, noted)

    def retry(self, passwords: PasswordStore) -> Optional[Call]:
        """Delete the remembered entries again, off the GUI thread (None: nothing to do, or already doing it)."""
        if self.retrying is not None or not self.path:
            return None
        entries = self._prune()
        if not entries:
            return None
        from .site_passwords import _write_passwords  # (loaded with the site manager, which calls this)

        keys = list(entries)
        self.retrying = run_blocking(
            _write_passwords,
            passwords,
            [("delete", key, None) for key in keys],
            on_done=lambda failed: self._retried(entries, keys, failed),
            on_error=lambda exc: self._retried(entries, keys, [(key, exc) for key in keys]),
        )
        return self.retrying

    def _retried(self, entries: Dict[str, str], keys: List[str], failed: List[Tuple[str, BaseException]]) -> None:
        self.retrying = None
        refused = {key for key, _problem in failed}
        deleted = [key for key in keys if key not in refused]
        noted = ""
        try:
            leftovers.forget(self.path, deleted)
        except OSError as exc:
            noted = exc.strerror or type(exc).__name__
        done = [key for key in deleted if leftovers.site_of(key) not in {leftovers.site_of(k) for k in refused}]
        if done:
            self._say_status(
                self.tr("Deleted from the system keyring: the passwords of deleted sites ({sites}).").format(
                    sites=self._names(entries, done)
                )
            )
        said = [(key, problem) for key, problem in failed if not unreached(problem)]
        for is_unreached in (False, True):  # (marked as they failed now: the next start says the refused ones)
            keys_now = {key: entries[key] for key, problem in failed if unreached(problem) == is_unreached}
            if keys_now:
                try:
                    leftovers.add(self.path, keys_now, is_unreached)
                except OSError:
                    pass
        if said:  # (still no keyring to reach: said when they were deleted, not at each opening)
            self._refusal(entries, [key for key, _p in said], said[0][1], noted)
