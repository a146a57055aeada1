"""Render the main window, connected to a real pyftpdlib server, to PNG for a person to look at.

Writes ``build/screens/main-light.png`` and ``main-dark.png``, and the same at ``QT_SCALE_FACTOR=2``
(``main-light@2x.png``, ``main-dark@2x.png``; each scale runs in its own process, since Qt reads the factor
at start-up). ``--readme`` also copies the light one to ``docs/screenshot-main.png``. ``--language zh_CN``
renders in that language (``main-light-zh_CN.png`` …; with ``--readme``: ``docs/screenshot-main-zh_CN.png``).

    PYTHONPATH=. python tests/render_screens.py [--out build/screens] [--readme] [--language zh_CN]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)


def populate(root: str) -> None:
    """A small, plausible site: folders, files of varied sizes and dates, one hidden file."""
    folders = ["backups", "css", "images", "js", "uploads"]
    files = {
        "index.html": 14_320,
        "about.html": 6_210,
        "robots.txt": 68,
        "sitemap.xml": 2_944,
        "favicon.ico": 15_086,
        "release-2.4.1.tar.gz": 48_211_335,
        "README.md": 3_120,
        ".htaccess": 412,
    }
    for d in folders:
        os.mkdir(os.path.join(root, d))
        with open(os.path.join(root, d, "placeholder.txt"), "wb") as f:
            f.write(b"x")
    now = time.time()
    for i, (name, size) in enumerate(sorted(files.items())):
        path = os.path.join(root, name)
        with open(path, "wb") as f:
            f.truncate(size)
        os.utime(path, (now - i * 86_400 * 3, now - i * 86_400 * 3))


def local_folder() -> str:
    folder = os.path.join(tempfile.mkdtemp(prefix="ftpgui-screens-local-"), "Documents")
    os.mkdir(folder)
    os.mkdir(os.path.join(folder, "photos"))
    os.mkdir(os.path.join(folder, "site"))
    for name, size in {"notes.txt": 1_200, "report.pdf": 245_000, "logo.png": 18_400, "style.css": 4_100}.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.truncate(size)
    return folder


def render(out: str, suffix: str, language: str = "") -> list:
    """In this process: one window, connected; grab it in the light and the dark palette."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    config = tempfile.mkdtemp(prefix="ftpgui-screens-config-")
    os.environ["FTPGUI_CONFIG_DIR"] = config
    from PySide6.QtCore import QCoreApplication, QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from ftpgui.transfers.worker import Endpoint
    from ftpgui.ui.main_window import MainWindow
    from ftpgui.ui.theme import apply_scheme

    from ftpserver import PASSWORD, USER, FtpServerThread

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("ftpgui")
    if language:
        from ftpgui.app import install_language

        translator, problem = install_language(app, language)
        if translator is None:
            raise SystemExit(f"no translation for {language}: {problem or 'none in resources/translations'}")
        suffix = f"-{language}{suffix}"
    site = tempfile.mkdtemp(prefix="ftpgui-screens-site-")
    local = local_folder()
    populate(site)
    srv = FtpServerThread("127.0.0.1", site)
    srv.start()
    written = []
    try:
        apply_scheme(app, "light")
        window = MainWindow()
        window.resize(1500, 900)
        window.local.set_path(local)
        window.show()

        def spin_until(cond, ms=20000) -> None:
            timer = QElapsedTimer()
            timer.start()
            while not cond() and timer.elapsed() < ms:
                app.processEvents()
                time.sleep(0.01)

        window.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), window.session_defaults(), "Example site")
        spin_until(lambda: window.remote.path == "/" and not window.browser.busy)
        window.remote.select(["index.html"])
        window.local.select(["report.pdf"])
        spin_until(lambda: False, 600)  # let the file-system model fill in sizes and icons
        for scheme in ("light", "dark"):
            apply_scheme(app, scheme)
            spin_until(lambda: False, 300)
            path = os.path.join(out, f"main-{scheme}{suffix}.png")
            if not window.grab().save(path):
                raise SystemExit(f"could not write {path}")
            written.append(path)
        window.close()
        window.wait_closed()
    finally:
        srv.stop()
        for folder in (config, site, os.path.dirname(local)):
            shutil.rmtree(folder, ignore_errors=True)
    QCoreApplication.processEvents()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "screens"))
    parser.add_argument("--readme", action="store_true", help="also update docs/screenshot-main.png")
    parser.add_argument("--language", default="", help="render in this language, e.g. zh_CN")
    parser.add_argument("--one", choices=("1", "2"), help=argparse.SUPPRESS)  # internal: one scale, this process
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    if args.one:
        for path in render(args.out, "" if args.one == "1" else "@2x", args.language):
            print(path)
        return 0
    for scale in ("1", "2"):
        env = dict(os.environ, QT_SCALE_FACTOR=scale, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
        lang = ["--language", args.language] if args.language else []
        subprocess.run([sys.executable, __file__, "--out", args.out, "--one", scale, *lang], env=env, check=True)
    if args.readme:
        os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
        name = f"main-light-{args.language}.png" if args.language else "main-light.png"
        target = f"screenshot-main-{args.language}.png" if args.language else "screenshot-main.png"
        shutil.copyfile(os.path.join(args.out, name), os.path.join(ROOT, "docs", target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
