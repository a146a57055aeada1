"""The GUI's entry point (``ftpgui`` and ``python -m ftpgui``)."""

from __future__ import annotations

import os
import sys
from typing import Optional, Sequence

from . import __version__


def build_window():
    """The main window, with the saved sites (a damaged sites file is reported in the window, not fatal)."""
    from .sites.store import SiteStore
    from .ui.main_window import MainWindow

    store = SiteStore()
    problem = ""
    try:
        store.load()
    except (OSError, ValueError) as exc:
        from .explain import describe_error

        problem = describe_error(exc)
    window = MainWindow(store)
    if problem:
        window.show_error_text(problem)
    return window


def install_language(app, language: str = ""):
    """The translation for ``language`` (the preference; "" follows the system), or None for English.
    A translation that cannot be loaded leaves the program in English; the reason is returned too."""
    from PySide6.QtCore import QLocale

    from . import i18n

    name = language or QLocale.system().name()
    try:
        return i18n.install(app, name), ""
    except (i18n.TranslationError, OSError) as exc:
        return None, str(exc)


def end_on_signals(app, window) -> None:
    """SIGTERM (a logout, a shutdown, ``kill``), SIGHUP (its terminal closed) and SIGINT (Ctrl+C in it) close
    the window as Quit does, without its questions — nobody is there to answer them: the layout, the
    preferences and the queue are saved, transfers stop and continue at the next start. (Before, the
    process ended at once and kept nothing since its last save: not where the local pane was, nor a
    layout.) Python runs a signal's handler only when it next runs Python code, which Qt's event loop does
    not while it waits: the signal also writes a byte to a socket (``signal.set_wakeup_fd``) that wakes the
    loop. The handler only asks the loop to close the window: it runs wherever Python code runs next — inside
    a paint event of the queue's table or the mode panel among them — and closing the window there crashed
    the app (SIGSEGV, "endPaint() called with active painter": design note 277)."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer

    woken, wake = socket.socketpair()
    woken.setblocking(False)
    wake.setblocking(False)

    def drain() -> None:
        try:
            while woken.recv(64):
                pass
        except OSError:
            pass

    notifier = QSocketNotifier(woken.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(drain)  # (the handler runs as Python code runs again, this slot the first)
    signal.set_wakeup_fd(wake.fileno(), warn_on_full_buffer=False)
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):  # (Windows has no SIGHUP)
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, lambda _number, _frame: QTimer.singleShot(0, window.end_without_asking))
    app._ftpgui_signals = (woken, wake, notifier)  # (kept as long as the app)


def scan_sources_quickly() -> None:
    """Call once PySide6 is imported, before the rest of the window's modules.

    PySide6 (6.4 and later) asks of every module imported after it whether its source says "PySide6" (for
    its ``__feature__`` switches, which ftpgui does not use), and finds out with ``inspect.getsource``: about
    0.2 ms a module, 40 ms for the 200 the first window imports, and their whole text (2.9 MB) left in
    ``linecache``. The same question is answered here by reading the file's bytes; a module with no ``.py``
    file (built in, or in a bundle's archive) is asked as before. If PySide6 no longer has the function,
    nothing changes."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if not callable(original) or getattr(original, "original", None):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.original = original
    feature._mod_uses_pyside = uses_pyside


ENGINE_AFTER_MS = 500


def load_engine_soon() -> None:
    """The engine's connections, TLS and listing parsers (``ftplib``, ``ssl``: ~40 ms of imports on the VM
    of 2026-12-06) are not needed to show the first window; half a second after it is up they are loaded on
    a thread of their own, so that the first connection does not load them on the window's thread. What
    they made is then frozen out of the garbage collector's generations, as start-up's is (``settle``)."""
    import threading

    from PySide6.QtCore import QTimer

    def load() -> None:
        import importlib

        from .ftp import LOADED_LATER

        for name in LOADED_LATER:
            importlib.import_module(name)
        freeze()

    QTimer.singleShot(ENGINE_AFTER_MS, lambda: threading.Thread(target=load, name="ftpgui-engine", daemon=True).start())


def freeze() -> None:
    """What was made since start-up (the modules loaded once the window was up) out of the garbage collector's
    generations too, as start-up's is (``settle``)."""
    import gc

    gc.freeze()


GIL_SWITCH_S = 0.001  # how long another Python thread may keep the interpreter's lock from the GUI thread


def settle() -> None:
    """Call once the first window is up.

    What start-up made (Qt's wrappers, every module imported, the window) is moved out of the garbage
    collector's generations (``gc.freeze``), so its full collections, which a busy transfer queue or mode
    panel sets off, walk only what was made since. (About 25 ms a full collection before, with the queue
    and the panel busy: tests/benchmarks/bench_queue.py --only panel.) ``main`` turns the collector off
    for start-up, which makes objects that live as long as the app: its ~90 collections there (10 ms on the
    VM of 2026-12-06) found nothing to free; it is turned on again here.

    And a thread of this process that runs Python (the queue's saving, a listing parsed in the background,
    transfer connections where they are threads) hands the interpreter's lock to the GUI thread after 1 ms,
    not Python's default 5 ms: each wait for it came on top of the window's own work. On the tree of
    ``bench_queue.py``, 8 alternated pairs: the queue's stall p99 22.7 → 16.1 ms, its time the same; with
    the transfer connections as threads, 6 pairs, its time the same (2.99 and 2.90 s)."""
    import gc

    gc.freeze()
    gc.enable()
    sys.setswitchinterval(GIL_SWITCH_S)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if "--version" in argv[1:]:
        print(f"ftpgui {__version__}")
        return 0
    if "--self-test" in argv[1:]:  # used by the packaging CI on the built bundle
        from .selftest import run

        return run()
    import gc

    gc.disable()  # until settle(): what start-up makes lives on, and walking it (~90 times) would find nothing
    from PySide6.QtWidgets import QApplication

    scan_sources_quickly()
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("ftpgui")
    app.setApplicationVersion(__version__)
    from . import settings

    try:
        language = settings.load().language
    except settings.PreferencesError:
        language = ""  # the window reports the damaged file
    # the language before the single-instance check: what a later start says on stderr is in it too (note 459)
    _translator, problem = install_language(app, language)
    from .single_instance import addresses, claim, show_and_open

    instance = claim(argv[1:])  # one ftpgui per config folder (design note 435)
    if isinstance(instance, int):
        return instance
    from .ui.theme import follow_system

    follow_system(app)
    window = build_window()
    if problem:
        window.show_error_text(problem)
    window.show()
    for url in addresses(argv[1:]):
        window.open_address(url)
    instance.serve(lambda args: show_and_open(window, args))
    end_on_signals(app, window)
    settle()
    window.later.finished.connect(freeze)  # the window's modules, loaded once it is up a piece at a time (ui.later)
    load_engine_soon()
    code = app.exec()
    instance.close()
    window.wait_closed()
    worker = sys.modules.get("ftpgui.transfers.worker")  # (not loaded: no connection was ever made)
    if worker is not None and worker.still_running():  # a thread Qt would abort the process for when its object
        # goes (a connect that will not return): everything is saved by now, so the process ends here and the
        # system closes the sockets
        procconn = sys.modules.get("ftpgui.transfers.procconn")
        if procconn is not None:  # (what an ordinary exit removes: the fork server's folder)
            procconn.remove_temp_folder()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
