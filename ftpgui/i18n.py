"""Translations: find ``resources/translations/ftpgui_<locale>.ts``, compile it to ``.qm`` when needed, install it.

Only the ``.ts`` sources are kept in the repository. The compiled ``.qm`` goes to a cache folder under a
name that carries a hash of its source, so an edited ``.ts`` is compiled again and a stale ``.qm`` is never
used. Compiling uses PySide6's ``lrelease``; it runs once per edit of the translation, at start-up.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import List, Optional

from . import paths

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"


class TranslationError(Exception):
    """A translation could not be compiled or loaded."""


def cache_dir() -> Path:
    """Where compiled ``.qm`` files go: ``$FTPGUI_CACHE_DIR`` or the platform's cache folder for ftpgui."""
    override = os.environ.get("FTPGUI_CACHE_DIR")
    if override:
        return Path(override) / "translations"
    import platformdirs

    return Path(platformdirs.user_cache_dir("ftpgui")) / "translations"


def ts_file(locale_name: str) -> Optional[Path]:
    """The ``.ts`` for ``zh_CN`` (or, failing that, ``zh``), or None when there is none."""
    for name in (locale_name, locale_name.split("_")[0]):
        path = TRANSLATIONS / f"ftpgui_{name}.ts"
        if path.is_file():
            return path
    return None


def lrelease_command() -> List[str]:
    """PySide6's lrelease: the ``pyside6-lrelease`` script beside this Python, on PATH, or in the package."""
    here = Path(sys.executable).parent
    for candidate in (here / "pyside6-lrelease", here / "pyside6-lrelease.exe"):
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    import PySide6

    pkg = Path(PySide6.__file__).parent
    for candidate in (pkg / "lrelease", pkg / "lrelease.exe", pkg / "Qt" / "bin" / "lrelease"):
        if candidate.is_file():
            return [str(candidate)]
    raise TranslationError("PySide6's lrelease was not found; cannot compile the translations.")


def compiled(ts: Path) -> Path:
    """The ``.qm`` for ``ts``: one built beside it (the packaged app has no lrelease), else compiled into the
    cache unless an up-to-date one is there already."""
    built = ts.with_suffix(".qm")
    if built.is_file() and built.stat().st_size > 0:
        # a bundle's .qm was compiled from the .ts beside it when the bundle was built; the bundler copies
        # both without their times (in either order), so only an unbundled checkout compares them
        if getattr(sys, "frozen", False) or built.stat().st_mtime >= ts.stat().st_mtime:
            return built
    import hashlib  # (not in English, nor with a .qm built beside the .ts)

    data = ts.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    folder = cache_dir()
    qm = folder / f"{ts.stem}-{digest}.qm"
    if qm.is_file() and qm.stat().st_size > 0:
        return qm
    paths.make_private_dir(str(folder))
    fd, tmp = tempfile.mkstemp(prefix=f".{ts.stem}-", suffix=".qm", dir=folder)
    os.close(fd)
    import subprocess  # only when a translation must be compiled: a warm start finds the .qm and runs nothing

    try:
        proc = subprocess.run(
            [*lrelease_command(), "-silent", str(ts), "-qm", tmp], capture_output=True, text=True, timeout=120
        )
        if proc.returncode != 0 or os.path.getsize(tmp) == 0:
            raise TranslationError(f"lrelease could not compile {ts.name}: {(proc.stderr or proc.stdout).strip()}")
        os.replace(tmp, qm)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for old in folder.glob(f"{ts.stem}-*.qm"):  # earlier compilations of the same file
        if old != qm:
            try:
                old.unlink()
            except OSError:
                pass
    return qm


def install(app, locale_name: str):
    """Install the translation for ``locale_name`` (e.g. ``zh_CN``) into ``app``, with Qt's own ``qtbase``
    translation when Qt has one; returns the QTranslator, or None for English or a language without a
    translation. Also routes ``ftpgui.explain`` through Qt."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    from . import explain

    explain.set_translator(QCoreApplication.translate)
    ts = ts_file(locale_name)
    if ts is None:
        return None
    translator = QTranslator(app)
    qm = compiled(ts)
    if not translator.load(str(qm)):
        raise TranslationError(f"Qt could not load the compiled translation {qm}")
    app.installTranslator(translator)
    # Qt's own words (the OK and Cancel of standard buttons, the file dialog, a line edit's menu)
    qt_words = QTranslator(translator)
    if qt_words.load(f"qtbase_{locale_name}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_words)
        translator.qt_words = qt_words
    # Qt's locale-aware words follow too (file types in the local pane, month names); restored by uninstall
    translator.previous_locale = QLocale()
    QLocale.setDefault(QLocale(locale_name))
    return translator


def uninstall(app, translator) -> None:
    """Remove a translator installed by ``install`` (the language goes back to English), and what ``install``
    routed through Qt (``ftpgui.explain`` says its words as they are written again)."""
    from . import explain

    explain.set_translator(lambda context, text: text)
    if translator is not None:
        app.removeTranslator(translator)
        qt_words = getattr(translator, "qt_words", None)
        if qt_words is not None:
            app.removeTranslator(qt_words)
        previous = getattr(translator, "previous_locale", None)
        if previous is not None:
            from PySide6.QtCore import QLocale

            QLocale.setDefault(previous)
