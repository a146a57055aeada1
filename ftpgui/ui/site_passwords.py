"""The site manager's passwords: whether the keyring holds one, reading and writing them off the GUI thread (a keyring
may wait for an unlock prompt) — :class:`SitePasswords` is a mixin of the dialog — and the prompt for a site's
password, which the main window opens once it has met the site's server (:func:`site_password_prompt`)."""

from __future__ import annotations

from typing import Callable, List, Optional, Tuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ..ftp.safetext import format_address
from ..sites.passwords import Account, PasswordStore, PasswordUnavailable, account, site_proxy
from ..sites.store import Site
from ..transfers.runner import run_blocking
from .dialogs import keep_text_whole

translate = QCoreApplication.translate  # lupdate reads the literal translate("PasswordPrompt", …) calls


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class PasswordPrompt(QDialog):
    """Asks for a site's password at connect time; can remember it until the app closes (memory only), and save
    it in the keyring (``can_save``); ``problem``: why the keyring cannot keep it, said above the field."""

    def __init__(
        self,
        site: Site,
        can_save: bool,
        parent=None,
        problem: Optional[PasswordUnavailable] = None,
        note: str = "",
        remember: bool = False,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Password for {site}").format(site=site.name))
        self.setObjectName("passwordPrompt")
        layout = QVBoxLayout(self)
        if note:  # (the server refused the password remembered for it: in its words)
            layout.addWidget(_plain(QLabel(note)))
        if problem is not None:
            reason = self.tr("The password cannot be saved: {reason}.").format(reason=problem.text())
            layout.addWidget(_plain(QLabel(reason)))
        who = f"{site.user}@{format_address((site.host, site.port))}"
        layout.addWidget(_plain(QLabel(self.tr("Enter the password for {who}:").format(who=who))))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        layout.addWidget(self.password)
        self.remember = QCheckBox(self.tr("Remember until the app closes"))
        self.remember.setChecked(remember)
        layout.addWidget(self.remember)
        self.save = QCheckBox(self.tr("Save in the system keyring"))
        self.can_save = can_save
        self.save.setVisible(can_save)
        layout.addWidget(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        keep_text_whole(self)  # (a long reason was cut off at the top)


def remember_first(site: Site, passwords: PasswordStore) -> bool:
    """Whether a prompt for ``site``'s password has "Remember until the app closes" ticked to begin with: for a
    site that keeps its password when the keyring was found unable to keep it — as FileZilla and WinSCP keep a
    password they cannot store for the rest of the run, so that the queue and the Site Manager do not ask for it
    again (design note 378). A site that asks each time: unticked, as the person chose."""
    return site.logon == "normal" and passwords.can_save is False


def site_password_prompt(
    site: Site,
    passwords: PasswordStore,
    parent,
    then: Callable[[str], None],
    failed: Callable[[str], None],
    note: str = "",
    who: Optional[Account] = None,
) -> PasswordPrompt:
    """The question for ``site``'s password, asked where its connection is made: after its server was met, so
    that a certificate is trusted or refused before a password is typed for it (the site manager asked first:
    design note 199). "Remember until the app closes" keeps it in memory, for the site's account (ticked at
    first when the keyring cannot keep it: ``remember_first``); "Save in the system keyring" (a site that keeps
    its password, a keyring found fit for it) saves it off the GUI thread — a keyring that refuses is said in
    words, ``failed(text)``, and the password is remembered for the run instead (the site manager's notice,
    which said it, had closed with the dialog). ``note``: why it is asked again (the server refused the one
    remembered), said first. ``who``: the account as the connection reaches it, through its proxy (``account``; by
    default the site's, direct) — remembered for that. ``then(password)`` connects. The caller opens it."""
    keeps = site.logon == "normal"
    problem = passwords.problem if keeps else None
    can_save = keeps and passwords.can_save is True
    prompt = PasswordPrompt(site, can_save, parent, problem, note, remember_first(site, passwords))
    who = who if who is not None else account(site)

    def answered() -> None:
        password = prompt.password.text()
        if prompt.remember.isChecked():
            passwords.remember_for_session(site.id, password, who)
        if prompt.can_save and prompt.save.isChecked():

            def refused(problem: BaseException) -> None:
                passwords.remember_for_session(site.id, password, who)  # given to us: kept for the run
                reason = problem.text() if isinstance(problem, PasswordUnavailable) else type(problem).__name__
                failed(
                    translate(
                        "PasswordPrompt",
                        "The password for {site} was not saved: {reason}. It is remembered until ftpgui closes.",
                    ).format(site=site.name, reason=reason)
                )

            run_blocking(passwords.set, site.id, password, on_error=refused)
        then(password)

    prompt.accepted.connect(answered)
    return prompt


class SitePasswords:
    """Passwords in the keyring (a mixin: ``self`` is the :class:`SiteManagerDialog`)."""

    # --- keyring ------------------------------------------------------------------------------------
    def _keyring_holds(self, site_id: Optional[str]) -> bool:
        """Whether the keyring holds a password for this saved site; asked once off the GUI thread (False
        until it answers; the form is updated then)."""
        if not site_id or self.store.get(site_id) is None or self._saved_logon.get(site_id) != "normal":
            return False
        if site_id not in self._kept:
            self._kept[site_id] = False
            self.calls.append(
                run_blocking(
                    self.passwords.saved,  # (the keyring's only: one remembered for the run is said apart, note 395)
                    site_id,
                    on_done=lambda pw, sid=site_id: self._kept_known(sid, pw is not None),
                    on_error=lambda _exc: None,  # a keyring that cannot be read: nothing is said to be kept
                )
            )
        return self._kept[site_id]

    def _kept_known(self, site_id: str, kept: bool) -> None:
        self._kept[site_id] = kept
        shown = (self._current, self._copy_password.get(self._current or ""))  # (a duplicate's original)
        if kept and not self._closed and site_id in shown:
            self._update_logon_widgets()

    def _remembered_only(self, site_id: Optional[str]) -> bool:
        """Whether a password is remembered for the saved site in this run (memory only: typed in a prompt
        with "Remember until the app closes", or kept when the keyring refused it) for the account the site
        names — the one its Connect uses before the keyring's (design note 395)."""
        site = self.store.get(site_id) if site_id else None
        return site is not None and self.passwords.remembered(site.id, self._account(site)) is not None

    def _account(self, site: Site) -> Account:
        """The account ``site`` logs in to, through the proxy it goes through now (its own, none, or the
        preferences': ``default_proxy``) — as the window's connection to it reaches it (note 454)."""
        return account(site, site_proxy(site, self.default_proxy()))

    def _copied_from(self) -> Optional[str]:
        """The name of the site whose saved password OK copies to the duplicate shown (None: no such copy,
        or the keyring holds none for the original)."""
        original = self._copy_password.get(self._current or "")
        if original is None or not self._keyring_holds(original):
            return None
        site = self.working.get(original) or self.store.get(original)
        return site.name if site is not None else None

    def _keyring_checked(self, problem: Optional[PasswordUnavailable]) -> None:
        self.keyring_ok = problem is None
        if problem is not None:
            self._keyring_unavailable(problem)
        self._update_logon_widgets()

    def _keyring_unavailable(self, problem: BaseException) -> None:
        """Say once per run that passwords cannot be saved, and why."""
        reason = problem.text() if isinstance(problem, PasswordUnavailable) else type(problem).__name__
        self.keyring_ok = False
        self.keyring_reason = reason
        self._update_logon_widgets()
        if self.passwords.notice_shown:
            return
        self.passwords.notice_shown = True
        self.notice.setText(
            self.tr(
                "Passwords cannot be saved: {reason}. You will be asked for them when you connect, and can have "
                "them remembered until ftpgui closes."
            ).format(reason=reason)
        )
        self.notice.setVisible(True)

    def _retry_leftovers(self) -> None:
        """Delete again what the keyring refused to delete for sites deleted before (the window remembers it,
        and says how it went)."""
        call = self.leftovers.retry(self.passwords) if self.leftovers is not None else None
        if call is None:
            return
        self.calls.append(call)
        self._show_status(self.tr("Deleting the passwords of deleted sites from the system keyring…"))
        call.done.connect(self._leftovers_retried)
        call.failed.connect(self._leftovers_retried)

    def _leftovers_retried(self, _result: object) -> None:
        if not self._closed:
            self._show_status(self.leftovers.last_text)

    def _fetch_password(self, site_id: str, typed: Optional[str]) -> None:
        """Connect with the password typed in the form, the keyring's, or none: the window then asks for it
        once it has met the server (``site_password_prompt``)."""
        site = self.store.get(site_id)
        if site is None:
            return
        if site.logon == "anonymous":
            self._connect(site, None)
        elif site.logon == "normal" and typed:
            self._connect(site, typed)
        elif site.logon == "normal":
            self._set_busy(True, self.tr("Reading the password from the system keyring…"))
            self.calls.append(
                run_blocking(
                    self.passwords.get,
                    site_id,
                    self._account(site),  # (one remembered for the run first: the queue's prompt may have given it)
                    on_done=lambda pw: self._password_fetched(site, pw, None),
                    on_error=lambda exc: self._password_fetched(site, None, exc),
                )
            )
        else:
            self._connect(site, None)

    def _password_fetched(self, site: Site, password: Optional[str], exc: Optional[BaseException]) -> None:
        self._set_busy(False, " ")
        if self._closed:
            return
        if exc is not None:
            self._keyring_unavailable(exc)
        self._connect(site, password)  # (None: asked for in the window, the keyring's problem said there)


def _write_passwords(
    passwords: PasswordStore, jobs: List[Tuple[str, str, Optional[str]]]
) -> List[Tuple[str, Exception]]:
    """On a pool thread: set, copy or delete each password; returns (site id, problem) for each failure."""
    failed: List[Tuple[str, Exception]] = []
    for what, site_id, arg in jobs:
        try:
            if what == "set" and arg is not None:
                passwords.set(site_id, arg)
            elif what == "copy" and arg is not None:
                original = passwords.saved(arg)  # (the keyring's: one only remembered for the run stays so)
                if original is not None:
                    passwords.set(site_id, original)
            elif what == "delete":
                passwords.delete(site_id)
        except PasswordUnavailable as exc:
            failed.append((site_id, exc))
    return failed
