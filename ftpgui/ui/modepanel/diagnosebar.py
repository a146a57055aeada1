"""The mode panel's diagnosis row: "Diagnose this server" runs the engine's diagnosis off the GUI thread
and shows, per mode, whether it works, where and why it stopped, the explanation and a recommendation.

The two attempts' own events go to the panel too (``recorded``), so the picture shows each attempt — a
blocked arrow stops where it failed. No Qt in the diagnosis itself (``ftpgui.ftp.diagnose``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Dict, Optional

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ftpgui.explain import describe_error, explain_result, tidy

if TYPE_CHECKING:  # the diagnosis, its fixes and the support bundle load when first used, not at start-up
    from ftpgui.ftp import SessionOptions
    from ftpgui.ftp.diagnose import Diagnosis, ModeResult

from . import labelwords as lw
from .fixview import FixView
from .flow import FlowLayout
from .probes import Heard, trying_words

translate = QCoreApplication.translate


@dataclass
class Target:
    """The server to diagnose (the password stays in memory only)."""

    host: str
    port: int
    user: str
    password: str
    options: Optional[SessionOptions] = None
    plain_login_ok: bool = False  # the login may go in clear to compare TLS with plain (the practice server's)
    site_id: str = ""  # the saved site connected to ("": a quick connection): "Use … for this site" saves to it
    site_name: str = ""
    site_mode: str = ""  # the mode the site keeps ("default": the preferences')

    def __repr__(self) -> str:  # never show the password
        return f"Target({self.host!r}, {self.port}, {self.user!r})"


class DiagnoseBar(QWidget):
    """[Diagnose this server]  passive: …  active: …  Recommended: …  [Use … for this site] (a saved site's
    target; a quick connection's: [Use … for this connection])."""

    recorded = Signal(list, str)  # the events of one mode's attempt, and the mode
    running = Signal(bool)  # a diagnosis started (True), or ended or was dropped (False)
    # events of a probe as they happen, its command (EPSV, PASV, EPRT, PORT), and whether they are of the diagnosis
    # running now (False: of one dropped, its target no longer shown — its connections go on to their end)
    probed = Signal(list, str, bool, bool)  # (… its command, whether without TLS, whether of the diagnosis now)
    finished = Signal(object)  # the Diagnosis, or None when the server could not be reached or logged in to
    useMode = Signal(str)
    exported = Signal(str, str)  # the support bundle's path, and "" when it was written, else the error
    _done = Signal(object, str, int)  # (Diagnosis or None, error, generation), from the worker thread
    _heard = Signal(object, int)  # (the probes' events, a ``Heard``; generation), from the worker thread
    _probing = Signal(str, bool, int)  # (a probe's command, whether without TLS, generation), from the worker thread
    _written = Signal(str, str)  # (path, error), from the bundle's worker thread

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.target: Optional[Target] = None
        self.result: Optional[Diagnosis] = None
        self._running = False
        self._stale = False  # a result was cleared because the server diagnosed behaves otherwise now
        self._trying: Optional[tuple] = None  # the probe under way: its command, whether without TLS (note 490)
        self._generation = 0  # grows when the target changes: a late result of the old one is dropped
        self.button = QPushButton()
        self.button.clicked.connect(self.run)
        self.lines = {mode: QLabel() for mode in ("passive", "active")}
        self.summary = QLabel()
        self.use_button = QPushButton()
        self.use_button.clicked.connect(self._use)
        self.use_button.setVisible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = FlowLayout()  # wraps into rows in a narrow dock; the summary wraps instead of widening it
        row.addWidget(self.button)
        row.addWidget(self.summary, 1)
        row.addWidget(self.use_button)
        column.addLayout(row)
        for label in self.lines.values():
            label.setTextFormat(Qt.TextFormat.PlainText)  # server text inside: never rich text
            label.setWordWrap(True)
            label.setVisible(False)
            column.addWidget(label)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.findings = QLabel()  # what did not stop ftpgui but needs the administrator (a wrong PASV address)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)  # server addresses inside: never rich text
        self.findings.setWordWrap(True)
        self.findings.setVisible(False)
        column.addWidget(self.findings)
        self.fixes = FixView()  # How to fix, with copy buttons (issue 21 item 4)
        column.addWidget(self.fixes)
        self.export_button = QPushButton()  # a support bundle (issue 21 item 6)
        self.export_button.clicked.connect(self._ask_export)
        self.mask_user = QCheckBox()
        # more members for the bundle, rendered on the GUI thread when it is written: the panel sets this
        # (e.g. ``lambda: {"picture.svg": …}``); none by default
        self.extras: Optional[Callable[[], Dict[str, bytes]]] = None
        exports = QWidget()
        exports_row = QHBoxLayout(exports)
        exports_row.setContentsMargins(0, 0, 0, 0)
        exports_row.addWidget(self.export_button)
        exports_row.addWidget(self.mask_user)
        exports_row.addStretch(1)
        self.exports = exports
        exports.setVisible(False)
        column.addWidget(exports)
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._heard.connect(self._on_heard, Qt.ConnectionType.QueuedConnection)
        self._probing.connect(self._on_probing, Qt.ConnectionType.QueuedConnection)
        self._written.connect(self._on_written, Qt.ConnectionType.QueuedConnection)
        self.retranslate()

    def set_target(self, target: Optional[Target]) -> None:
        """The server to diagnose; another server than before clears the last result (it was not this one's)."""

        def who(t: Optional[Target]) -> Optional[tuple]:
            return None if t is None else (t.host, t.port, t.user)

        if who(target) != who(self.target):
            self.clear()
        self.target = target
        if self.result is not None:  # the same server reached otherwise (a site, a quick connect): its words
            self._show_recommendation()
        self._name_use_button()
        self._update()

    def _name_use_button(self) -> None:
        if self.target is not None and self.target.site_id:
            self.use_button.setAccessibleName(translate("ModePanel", "Use the recommended mode for this site"))
        else:
            self.use_button.setAccessibleName(translate("ModePanel", "Use the recommended mode for this connection"))

    def clear(self) -> None:
        """Forget the shown result (a result still on its way is dropped too)."""
        self._generation += 1
        if self._running:
            self._running = False
            self.running.emit(False)
        self._stale = False
        self.result = None
        self.summary.clear()
        for label in self.lines.values():
            label.setVisible(False)
        self.findings.setVisible(False)
        self.use_button.setVisible(False)
        self.fixes.set_fixes([])
        self.exports.setVisible(False)

    def outdated(self) -> None:
        """The server diagnosed behaves otherwise now (a practice simulation switched): the result shown, or
        on its way, is cleared, and the summary says to diagnose again."""
        if not self.summary.text() and not self._running:
            return  # nothing shown was about the server as it was (a result, a failure to diagnose, or words)
        self.clear()
        self._stale = True
        self.summary.setText(self._stale_words())

    @staticmethod
    def _stale_words() -> str:
        return translate("ModePanel", "The practice server's simulation changed: diagnose it again.")

    def run(self) -> None:
        """Diagnose the target on a worker thread; ``finished`` follows."""
        if self.target is None or self._running:
            return
        self._running = True
        self._stale = False
        generation = self._generation
        self.result = None
        self._trying = None
        for label in self.lines.values():
            label.setVisible(False)
        self.findings.setVisible(False)
        self.use_button.setVisible(False)
        self.fixes.set_fixes([])
        self.exports.setVisible(False)
        self._update()
        self.running.emit(True)
        t = self.target
        probe = [("", False)]  # the probe under way (the worker thread's): its command, whether without TLS
        inbox = Heard()

        def probing(command: str, in_clear: bool) -> None:
            probe[0] = (command, in_clear)
            self._probing.emit(command, in_clear, generation)

        def heard(event) -> None:  # each probe's events go to the panel as they happen (design notes 450, 490)
            if inbox.put(event, probe[0]):
                self._heard.emit(inbox, generation)

        def work() -> None:
            from ftpgui.ftp import FtpError, SessionOptions
            from ftpgui.ftp.diagnose import diagnose

            try:
                found = diagnose(
                    t.host,
                    t.port,
                    t.user,
                    t.password,
                    t.options or SessionOptions(timeout=10),
                    plain_login_ok=t.plain_login_ok,
                    listener=heard,
                    probing=probing,
                )
            except (FtpError, OSError) as exc:
                self._done.emit(None, describe_error(exc), generation)
                return
            self._done.emit(found, "", generation)

        threading.Thread(target=work, name="ftpgui-diagnose", daemon=True).start()

    def _on_heard(self, inbox: Heard, generation: int) -> None:
        current = generation == self._generation and self._running
        for (command, in_clear), events in inbox.take():
            self.probed.emit(events, command, in_clear, current)

    def _on_probing(self, command: str, in_clear: bool, generation: int) -> None:
        if generation == self._generation and self._running:
            self._trying = (command, in_clear)
            self._update()

    def _on_done(self, found: Optional[Diagnosis], error: str, generation: Optional[int] = None) -> None:
        if generation is not None and generation != self._generation:
            return  # the diagnosis of a server no longer shown
        if self._running:
            self._running = False
            self.running.emit(False)
        self.result = found
        if found is None:
            self.summary.setText(translate("ModePanel", "Could not diagnose: {error}").format(error=error))
            self._update()
            self.finished.emit(None)
            return
        for mode, res in found.modes.items():
            self.recorded.emit(list(res.events), mode)
            self.lines[mode].setText(describe(res, _other(found, mode)))
            self.lines[mode].setVisible(True)
        self._show_findings()
        self._show_recommendation()
        self.fixes.set_fixes(_fixes_for(found))
        self.exports.setVisible(True)
        self._update()
        self.finished.emit(found)

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("ModePanel", "Export diagnosis"), "ftpgui-diagnosis.zip", "Zip (*.zip)"
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        """Write the support bundle (diagnosis, transcript with passwords masked, versions, and the ``extras``:
        the panel's picture and ladder SVGs) to ``path``: painted here, written on a worker thread;
        ``exported`` follows. False when there is no diagnosis to export."""
        if self.result is None or self.target is None:
            return False
        from ftpgui.bundle import write_bundle

        found, target, mask = self.result, self.target, self.mask_user.isChecked()
        fixes = _fixes_for(found)
        extra = self.extras() if self.extras is not None else None
        report = self._written.emit

        def work() -> None:
            try:
                write_bundle(
                    path, found, password=target.password, user=target.user, mask_user=mask, fixes=fixes, extra=extra
                )
            except OSError as exc:
                report(path, describe_error(exc))
                return
            report(path, "")

        threading.Thread(target=work, name="ftpgui-export-diagnosis", daemon=True).start()
        return True

    def _on_written(self, path: str, error: str) -> None:
        if error:
            self.summary.setText(translate("ModePanel", "Could not export the diagnosis: {error}").format(error=error))
        self.exported.emit(path, error)

    def _show_findings(self) -> None:
        found = self.result
        words = [finding_words(f) for f in found.findings] if found is not None else []
        self.findings.setText("\n".join(words))
        self.findings.setVisible(bool(words))

    def _show_recommendation(self) -> None:
        found = self.result
        if found is None:
            return
        best = found.recommended
        if best is None:
            self.summary.setText(translate("ModePanel", "Neither mode works with this server from here."))
            self.use_button.setVisible(False)
            return
        mode = lw.mode_name(best)
        if self._in_use(best):  # the button would do nothing: words say so instead (found by QA)
            self.summary.setText(
                translate("ModePanel", "Recommended: {mode}. This connection already uses {mode} mode.").format(
                    mode=mode
                )
            )
            self.use_button.setVisible(False)
            return
        self.summary.setText(translate("ModePanel", "Recommended: {mode}").format(mode=mode))
        site = self.target.site_name if self.target is not None and self.target.site_id else ""
        if site:  # the window saves the mode in the site, then reconnects
            self.use_button.setText(translate("ModePanel", "Use {mode} for this site").format(mode=mode))
            tip = translate("ModePanel", "Save {mode} as the transfer mode of the site “{site}” and reconnect")
        else:  # a quick connection has no site to keep it in (as in FileZilla: the preferences' mode)
            self.use_button.setText(translate("ModePanel", "Use {mode} for this connection").format(mode=mode))
            tip = translate(
                "ModePanel",
                "Reconnect in {mode} mode, and use it for this server until ftpgui is closed. To keep it after "
                "that, save the server as a site in the Site Manager and set its transfer mode.",
            )
        self.use_button.setToolTip(tip.format(mode=mode, site=site))
        self.use_button.setVisible(True)

    def _in_use(self, best: str) -> bool:
        """The connection diagnosed already uses ``best`` (and its site, if any, keeps it): "Use …" has nothing
        to change."""
        target = self.target
        if target is None or target.options is None or target.options.mode != best:
            return False
        return not target.site_id or target.site_mode == best

    def _use(self) -> None:
        if self.result is not None and self.result.recommended:
            self.useMode.emit(self.result.recommended)

    def _update(self) -> None:
        self.button.setEnabled(self.target is not None and not self._running)
        if self._running and self._trying is not None:
            self.summary.setText(trying_words(*self._trying))
        elif self._running:
            self.summary.setText(translate("ModePanel", "Trying passive mode, then active mode…"))

    def retranslate(self) -> None:
        self.button.setText(translate("ModePanel", "Diagnose this server"))
        self.button.setAccessibleName(translate("ModePanel", "Diagnose this server"))
        self.button.setToolTip(
            translate("ModePanel", "Try passive and then active mode, each on a fresh connection, and say why")
        )
        self.export_button.setText(translate("ModePanel", "Export diagnosis…"))
        self.export_button.setToolTip(
            translate(
                "ModePanel",
                "Save a zip for support: the diagnosis, its transcript (passwords masked) and the versions",
            )
        )
        self.mask_user.setText(translate("ModePanel", "Mask the user name"))
        self._name_use_button()
        if self.result is not None:
            for mode, res in self.result.modes.items():
                self.lines[mode].setText(describe(res, _other(self.result, mode)))
            self._show_findings()
            self._show_recommendation()
            self.fixes.set_fixes(_fixes_for(self.result))
        elif self._stale:
            self.summary.setText(self._stale_words())
        self._update()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _fixes_for(found: Diagnosis) -> list:
    from ftpgui.fixes import fixes_for

    return fixes_for(found)


def finding_words(finding) -> str:
    """A finding of the diagnosis in words (the CLI's sentence: ``cli_output.finding_text``)."""
    from ftpgui.cli_output import finding_text

    return finding_text(finding)


def _other(found: Diagnosis, mode: str) -> bool:
    """Whether the other mode worked in the same diagnosis."""
    return found.modes["active" if mode == "passive" else "passive"].ok


def describe(res: ModeResult, other_works: Optional[bool] = None) -> str:
    """One mode's verdict: works, or where and why it stopped, and the explanation; the advice about the
    other mode comes from ``other_works``, its real result (None: not tried)."""
    mode = lw.mode_name(res.mode)
    if res.ok:
        verdict = translate("ModePanel", "{mode}: works.").format(mode=mode)
        return tidy(f"{verdict} {explain_result(res)}")
    cause = lw.cause_name(res.cause or "other")
    verdict = translate("ModePanel", "{mode}: fails at the “{stage}” stage ({cause}).").format(
        mode=mode, stage=lw.stage_name(res.stage or ""), cause=cause
    )
    return tidy(f"{verdict} {explain_result(res, other_works)}")


class DiagnosisMixin:
    """The panel's side of "Diagnose this server" and of the practice row (mixed into ``ModePanel``): the
    attempts' connections are named and the failing one is shown; the practice server becomes the target."""

    def set_diagnose_target(
        self,
        host: Optional[str],
        port: int = 21,
        user: str = "anonymous",
        password: str = "",
        options=None,
        site=None,
    ) -> None:
        """The server "Diagnose this server" tries (None: none), reached through the saved ``site`` (None: a
        quick connection). The password stays in memory only. The practice server (however it was reached) is
        diagnosed as its simulations need: under TLS while *Simulate TLS with a firewall helper* is on, and its
        throwaway login may be compared in clear."""
        srv = self.practice.server
        practice = bool(host) and srv is not None and (host, port, user) == (srv.host, srv.port, srv.user)
        self._target_options = options
        self._target_is_practice = practice
        if not host:
            self.diagnosis.set_target(None)
        elif practice:
            self.diagnosis.set_target(Target(host, port, user, password, self._practice_options(options), True))
        else:
            named = {"site_id": site.id, "site_name": site.name, "site_mode": site.mode} if site is not None else {}
            self.diagnosis.set_target(Target(host, port, user, password, options, **named))

    def forget_target(self) -> None:
        """The window left its server (Disconnect, a refused login): nothing of it is diagnosed any more — a
        wrong password tried again by two more logins could lock the account. The practice server, while
        it runs, is the target again, as when it started with nothing else to diagnose."""
        srv = self.practice.server
        if srv is not None and srv.running:
            self.set_diagnose_target(srv.host, srv.port, srv.user, srv.password)
        else:
            self.set_diagnose_target(None)

    def _practice_options(self, options):
        """The practice server's diagnosis options: at most 5 s per wait (its simulated firewalls drop, on this
        computer: waiting longer tells nothing more), and TLS with its certificate while the helper is
        simulated."""
        from dataclasses import replace

        from ftpgui.ftp import SessionOptions
        from ftpgui.practicetls import tls_options

        base = replace(options, timeout=min(options.timeout, 5.0)) if options else SessionOptions(timeout=5)
        srv = self.practice.server
        if srv is not None and srv.simulate_tls_helper and srv.tls:
            return tls_options(base, srv.fingerprint)
        return base

    def _on_practice_switched(self) -> None:
        """A simulation changed: the practice target follows (the TLS-helper one needs TLS), and its diagnosis,
        about the server as it behaved before, is cleared (its recommendation, its "Use …" and its fixes no
        longer apply: found by QA, note 325); the summary says why it went."""
        target = self.diagnosis.target
        if self._target_is_practice and target is not None:
            target.options = self._practice_options(self._target_options)
            self.diagnosis.outdated()

    def _use_mode(self, mode: str) -> None:
        """The diagnosis' "Use … for this site/connection": the window saves it to the site (if the target is
        one) and reconnects (``useRecommended``)."""
        self.set_mode(mode)
        self.useRecommended.emit(mode)

    def _on_practice_started(self, host: str, port: int, user: str, password: str) -> None:
        if self.diagnosis.target is None:  # nothing else to diagnose: the practice server is the target
            self.set_diagnose_target(host, port, user, password)

    def _pick_practice(self, connection_id: int) -> None:
        """The practice exchange is starting: show it as soon as it speaks."""
        self._pick_next = connection_id

    def _on_practice_stopped(self) -> None:
        if self._target_is_practice:
            self.set_diagnose_target(None)
