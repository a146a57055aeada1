"""The mode panel's diagnosis row: "Diagnose this server" runs the engine's diagnosis off the GUI thread
and shows, per mode, whether it works, where and why it stopped, the explanation and a recommendation.

The two attempts' own events go to the panel too (``recorded``), so the picture shows each attempt — a
blocked arrow stops where it failed. No Qt in the diagnosis itself (``ftpgui.ftp.diagnose``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Dict, Optional

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from ftpgui.bundle import write_bundle
from ftpgui.explain import describe_error, explain_result
from ftpgui.fixes import fixes_for
from ftpgui.ftp import FtpError, SessionOptions
from ftpgui.ftp.diagnose import Diagnosis, ModeResult, diagnose

from . import narration as nr
from .fixview import FixView, expert_cause_name

translate = QCoreApplication.translate


@dataclass
class Target:
    """The server to diagnose (the password stays in memory only)."""

    host: str
    port: int
    user: str
    password: str
    options: Optional[SessionOptions] = None

    def __repr__(self) -> str:  # never show the password
        return f"Target({self.host!r}, {self.port}, {self.user!r})"


class DiagnoseBar(QWidget):
    """[Diagnose this server]  passive: …  active: …  Recommended: …  [Use … for this site]."""

    recorded = Signal(list, str)  # the events of one mode's attempt, and the mode
    finished = Signal(object)  # the Diagnosis, or None when the server could not be reached or logged in to
    useMode = Signal(str)
    _done = Signal(object, str)  # (Diagnosis or None, error), from the worker thread

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.target: Optional[Target] = None
        self.result: Optional[Diagnosis] = None
        self._running = False
        self.button = QPushButton()
        self.button.clicked.connect(self.run)
        self.lines = {mode: QLabel() for mode in ("passive", "active")}
        self.summary = QLabel()
        self.use_button = QPushButton()
        self.use_button.clicked.connect(self._use)
        self.use_button.setVisible(False)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.button, 0, 0)
        grid.addWidget(self.summary, 0, 1)
        grid.addWidget(self.use_button, 0, 2)
        for row, label in enumerate(self.lines.values(), start=1):
            label.setTextFormat(Qt.TextFormat.PlainText)  # server text inside: never rich text
            label.setWordWrap(True)
            label.setVisible(False)
            grid.addWidget(label, row, 0, 1, 3)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.fixes = FixView()  # How to fix, with copy buttons (issue 21 item 4)
        grid.addWidget(self.fixes, 3, 0, 1, 3)
        self.export_button = QPushButton()  # a support bundle (issue 21 item 6)
        self.export_button.clicked.connect(self._ask_export)
        self.mask_user = QCheckBox()
        # more members for the bundle, rendered on the GUI thread when it is written: the panel sets this
        # (e.g. ``lambda: {"picture.svg": …, "ladder.svg": …}``); none by default
        self.extras: Optional[Callable[[], Dict[str, bytes]]] = None
        exports = QWidget()
        row = QHBoxLayout(exports)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.export_button)
        row.addWidget(self.mask_user)
        row.addStretch(1)
        self.exports = exports
        exports.setVisible(False)
        grid.addWidget(exports, 4, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self.retranslate()

    def set_target(self, target: Optional[Target]) -> None:
        self.target = target
        self._update()

    def run(self) -> None:
        """Diagnose the target on a worker thread; ``finished`` follows."""
        if self.target is None or self._running:
            return
        self._running = True
        self.result = None
        for label in self.lines.values():
            label.setVisible(False)
        self.use_button.setVisible(False)
        self.fixes.set_fixes([])
        self.exports.setVisible(False)
        self._update()
        t = self.target

        def work() -> None:
            try:
                found = diagnose(t.host, t.port, t.user, t.password, t.options or SessionOptions(timeout=10))
            except (FtpError, OSError) as exc:
                self._done.emit(None, describe_error(exc))
                return
            self._done.emit(found, "")

        threading.Thread(target=work, name="ftpgui-diagnose", daemon=True).start()

    def _on_done(self, found: Optional[Diagnosis], error: str) -> None:
        self._running = False
        self.result = found
        if found is None:
            self.summary.setText(translate("ModePanel", "Could not diagnose: {error}").format(error=error))
            self._update()
            self.finished.emit(None)
            return
        for mode, res in found.modes.items():
            self.recorded.emit(list(res.events), mode)
            self.lines[mode].setText(describe(res))
            self.lines[mode].setVisible(True)
        self._show_recommendation()
        self.fixes.set_fixes(fixes_for(found))
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
        """Write the support bundle (diagnosis, transcript with passwords masked, versions) to ``path``."""
        if self.result is None or self.target is None:
            return False
        try:
            write_bundle(
                path,
                self.result,
                password=self.target.password,
                user=self.target.user,
                mask_user=self.mask_user.isChecked(),
                fixes=fixes_for(self.result),
                extra=self.extras() if self.extras is not None else None,
            )
        except OSError as exc:
            self.summary.setText(
                translate("ModePanel", "Could not export the diagnosis: {error}").format(error=describe_error(exc))
            )
            return False
        return True

    def _show_recommendation(self) -> None:
        found = self.result
        if found is None:
            return
        best = found.recommended
        if best is None:
            self.summary.setText(translate("ModePanel", "Neither mode works with this server from here."))
            self.use_button.setVisible(False)
            return
        self.summary.setText(translate("ModePanel", "Recommended: {mode}").format(mode=nr.mode_name(best)))
        self.use_button.setText(translate("ModePanel", "Use {mode} for this site").format(mode=nr.mode_name(best)))
        self.use_button.setVisible(True)

    def _use(self) -> None:
        if self.result is not None and self.result.recommended:
            self.useMode.emit(self.result.recommended)

    def _update(self) -> None:
        self.button.setEnabled(self.target is not None and not self._running)
        if self._running:
            self.summary.setText(translate("ModePanel", "Trying passive mode, then active mode…"))

    def retranslate(self) -> None:
        self.button.setText(translate("ModePanel", "Diagnose this server"))
        self.button.setAccessibleName(translate("ModePanel", "Diagnose this server"))
        self.button.setToolTip(
            translate("ModePanel", "Try passive and then active mode, each on a fresh connection, and say why")
        )
        self.use_button.setAccessibleName(translate("ModePanel", "Use the recommended mode for this site"))
        self.export_button.setText(translate("ModePanel", "Export diagnosis…"))
        self.export_button.setToolTip(
            translate(
                "ModePanel",
                "Save a zip for support: the diagnosis, its transcript (passwords masked) and the versions",
            )
        )
        self.mask_user.setText(translate("ModePanel", "Mask the user name"))
        if self.result is not None:
            for mode, res in self.result.modes.items():
                self.lines[mode].setText(describe(res))
            self._show_recommendation()
            self.fixes.set_fixes(fixes_for(self.result))
        self._update()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def describe(res: ModeResult) -> str:
    """One mode's verdict: works, or where and why it stopped, and the explanation."""
    mode = nr.mode_name(res.mode)
    if res.ok:
        verdict = translate("ModePanel", "{mode}: works.").format(mode=mode)
        return f"{verdict} {explain_result(res)}"
    cause = expert_cause_name(res.cause or "") or nr.cause_name(res.cause or "other")
    verdict = translate("ModePanel", "{mode}: fails at the “{stage}” stage ({cause}).").format(
        mode=mode, stage=nr.stage_name(res.stage or ""), cause=cause
    )
    return f"{verdict} {explain_result(res)}"
