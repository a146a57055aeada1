"""``ftpgui --self-test``: prove an installed or bundled ftpgui works, with no network and no display.

It opens the main window on Qt's offscreen platform, checks that Qt's plugins, the icon and the translations
are there, starts the practice server on 127.0.0.1 and runs the engine against it in both modes (connect,
list, download a file and compare its bytes). One line per step; exit status 0, or 1 with the reason.
The network steps run off the GUI thread (``run_blocking``), as everything in the app does.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from typing import Any, Callable, List, Optional, TextIO

from .i18n import TRANSLATIONS
from .ui.icon import ICON  # the app's own paths (beside the package, also in the bundle), not copies

STEP_TIMEOUT_MS = 60_000


class SelfTestFailed(Exception):
    """A step failed; the message says which and why."""


class SelfTest:
    """The steps, in order; each prints one line."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.app: Any = None
        self.window: Any = None
        self.practice: Any = None

    def say(self, step: str, detail: str) -> None:
        print(f"ok  {step:<12} {detail}", file=self.out, flush=True)

    def off_thread(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn`` with ``run_blocking`` and keep the GUI event loop turning until it is done."""
        from PySide6.QtCore import QEventLoop, QTimer

        from .transfers.runner import run_blocking

        loop = QEventLoop()
        call = run_blocking(fn, *args)
        call.done.connect(loop.quit)
        call.failed.connect(loop.quit)
        QTimer.singleShot(STEP_TIMEOUT_MS, loop.quit)
        if not call.finished:
            loop.exec()
        if not call.finished:
            raise SelfTestFailed(f"no answer within {STEP_TIMEOUT_MS // 1000} s")
        if call.error is not None:
            raise call.error
        return call.result

    # --- the steps -----------------------------------------------------------------------------
    def qt(self) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
        from PySide6.QtGui import QGuiApplication, QIcon, QImageReader
        from PySide6.QtWidgets import QApplication

        from . import __version__

        self.app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "ftpgui"])
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        if "svg" not in formats:
            raise SelfTestFailed(f"Qt's SVG image plugin is missing (formats: {', '.join(sorted(formats))})")
        if not ICON.is_file():
            raise SelfTestFailed(f"the app icon is missing: {ICON}")
        if QIcon(str(ICON)).pixmap(32, 32).isNull():
            raise SelfTestFailed(f"Qt could not draw the app icon {ICON}")
        self.say(
            "qt",
            f"ftpgui {__version__}, Qt {qVersion()}, PySide6 {pyside_version}, "
            f"platform {QGuiApplication.platformName()}, SVG icon drawn",
        )

    def translations(self) -> None:
        from PySide6.QtCore import QLibraryInfo, QTranslator

        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not QTranslator().load("qtbase_zh_CN", qt_dir):
            raise SelfTestFailed(f"Qt's own Chinese translation qtbase_zh_CN.qm is not in {qt_dir}")
        ours: List[str] = []
        folder = TRANSLATIONS
        for qm in sorted(folder.glob("*.qm")):
            if not QTranslator().load(str(qm)):
                raise SelfTestFailed(f"Qt could not load {qm}")
            ours.append(qm.name)
        if getattr(sys, "frozen", False):  # a bundle must carry a compiled .qm for every .ts
            missing = [ts.name for ts in folder.glob("*.ts") if not ts.with_suffix(".qm").is_file()]
            if missing:
                raise SelfTestFailed(f"translations not compiled into the bundle: {', '.join(missing)}")
        # the way the app itself installs a language (i18n.install), then one string of ours in Chinese
        from PySide6.QtCore import QCoreApplication

        from . import i18n

        app = QCoreApplication.instance()
        translator = i18n.install(app, "zh_CN")
        try:
            word = QCoreApplication.translate("ModePanel", "Client")
        finally:
            i18n.uninstall(app, translator)
        if word == "Client":
            raise SelfTestFailed("the Chinese translation was installed but left 'Client' in English")
        self.say("translations", "qtbase_zh_CN.qm" + "".join(f", {name}" for name in ours) + f" load; {word}")

    def about(self) -> None:
        from .ui.about import components

        found = {c.name.lower().replace("_", "-"): c for c in components()}
        wanted = ("qt", "pyside6-essentials", "keyring", "platformdirs", "pyftpdlib")
        missing = [name for name in wanted if name not in found]
        if missing:  # in a bundle: the spec did not copy their metadata
            raise SelfTestFailed(f"the About box cannot name the version and licence of {', '.join(missing)}")
        self.say("about", ", ".join(f"{found[n].name} {found[n].version} ({found[n].licence})" for n in wanted))

    def keyring_backends(self) -> None:
        """Every backend keyring advertises can be found (the spec lists them as hidden imports), and this
        platform's own backend imports with its libraries. Nothing is read from or written to a keychain."""
        import importlib
        import importlib.util
        from importlib.metadata import entry_points

        backends = {ep.name: ep.value for ep in entry_points(group="keyring.backends")}
        if not backends:
            raise SelfTestFailed("keyring's backends are not registered (its package metadata is missing)")
        missing = [name for name, module in backends.items() if importlib.util.find_spec(module) is None]
        if missing:
            raise SelfTestFailed(f"keyring backends missing: {', '.join(sorted(missing))}")
        native = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, "SecretService")
        importlib.import_module(backends[native])
        self.say("keyring", f"{len(backends)} backends present ({', '.join(sorted(backends))}); {native} imports")

    def window_opens(self) -> None:
        from PySide6.QtCore import QDeadlineTimer, QEventLoop

        from .app import build_window

        self.window = build_window()
        self.window.show()
        deadline = QDeadlineTimer(5000)
        while not self.window.isVisible() and not deadline.hasExpired():
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        self.app.processEvents()
        title = self.window.windowTitle()
        if not self.window.isVisible():
            raise SelfTestFailed("the main window did not become visible")
        if not title.startswith("ftpgui"):
            raise SelfTestFailed(f"the main window's title is {title!r}, not 'ftpgui…'")
        size = self.window.size()
        self.say("window", f"{title!r} shown, {size.width()}×{size.height()}")

    def practice_server(self) -> None:
        from .practice import PracticeServer

        self.practice = PracticeServer()
        self.off_thread(self.practice.start)
        self.say("practice", f"server on {self.practice.host}:{self.practice.port}")

    def engine(self, mode: str) -> None:
        detail = self.off_thread(self._engine_run, mode)
        self.say(mode, detail)

    def _engine_run(self, mode: str) -> str:
        from .ftp import SessionOptions
        from .ftp.events import DataConnected
        from .ftp.session import FtpSession

        practice = self.practice
        dialers: List[str] = []

        def listen(event: object) -> None:
            if isinstance(event, DataConnected):
                dialers.append(event.dialer)

        with FtpSession(SessionOptions(mode=mode, timeout=15), listen) as session:
            session.open(practice.host, practice.port, practice.user, practice.password)
            local, remote = session.control_addresses
            names = {entry.name for entry in session.listdir("/")}
            for expected in ("README.txt", "你好.txt", "docs"):
                if expected not in names:
                    raise SelfTestFailed(f"{mode}: {expected!r} is missing from the listing {sorted(names)}")
            with tempfile.TemporaryDirectory(prefix="ftpgui-selftest-") as tmp:
                target = os.path.join(tmp, "download.csv")
                session.download("/docs/numbers.csv", target)
                with open(target, "rb") as f:
                    got = f.read()
            with open(os.path.join(practice.root, "docs", "numbers.csv"), "rb") as f:
                want = f.read()
        if got != want:
            raise SelfTestFailed(
                f"{mode}: the downloaded file differs from the server's ({len(got)} vs {len(want)} bytes)"
            )
        expected_dialer = "client" if mode == "passive" else "server"
        if not dialers or set(dialers) != {expected_dialer}:
            raise SelfTestFailed(f"{mode}: the data connections were dialled by {dialers}, not the {expected_dialer}")
        return (
            f"control {local[0]}:{local[1]} → {remote[0]}:{remote[1]}; listed {len(names)} entries; "
            f"downloaded {len(got)} bytes, identical (sha256 {hashlib.sha256(got).hexdigest()[:12]}); "
            f"{len(dialers)} data connections dialled by the {expected_dialer}"
        )

    def close(self) -> None:
        if self.practice is not None:
            self.practice.stop()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.app.processEvents()


def run(out: Optional[TextIO] = None, err: Optional[TextIO] = None) -> int:
    """Run every step; 0 when all pass, else 1 with one line naming the failed step and why.

    A windowed Windows executable has no stdout/stderr (they are None): then only the exit status tells.
    """
    out = out or sys.stdout or open(os.devnull, "w")  # open until the process ends
    err = err or sys.stderr or out
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    test = SelfTest(out)
    steps = [
        ("qt", test.qt),
        ("translations", test.translations),
        ("about", test.about),
        ("keyring", test.keyring_backends),
        ("window", test.window_opens),
        ("practice", test.practice_server),
        ("passive", lambda: test.engine("passive")),
        ("active", lambda: test.engine("active")),
    ]
    try:
        for name, step in steps:
            try:
                step()
            except SelfTestFailed as exc:
                print(f"self-test FAILED at {name}: {exc}", file=err, flush=True)
                return 1
            except Exception as exc:  # the reason, in one line, whatever broke
                print(f"self-test FAILED at {name}: {type(exc).__name__}: {exc}", file=err, flush=True)
                return 1
    finally:
        test.close()
    print("self-test passed", file=out, flush=True)
    return 0
