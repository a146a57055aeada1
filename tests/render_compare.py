"""A screenshot of Compare Folders: a local copy of a site and the site itself, a few files changed on each
side, the comparison on (and synchronized browsing), in a 1366×768 window without the mode panel, offscreen.

    PYTHONPATH=. python tests/render_compare.py [--language zh_CN] [--scheme dark] [--out docs/images/compare.png]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
T = 1_790_000_000


def mirror(site: str, local: str) -> None:
    """The same small site on both sides, then the differences a person would look for."""
    for root in (site, local):
        for d in ("css", "images", "js"):
            os.makedirs(os.path.join(root, d), exist_ok=True)
        for name, size in {"index.html": 14_320, "about.html": 6_210, "robots.txt": 68, "sitemap.xml": 2_944}.items():
            path = os.path.join(root, name)
            with open(path, "wb") as f:
                f.truncate(size)
            os.utime(path, (T, T))

    def put(root: str, name: str, size: int, mtime: int) -> None:
        with open(os.path.join(root, name), "wb") as f:
            f.truncate(size)
        os.utime(os.path.join(root, name), (mtime, mtime))

    put(local, "about.html", 6_210, T + 3 * 3600)  # edited here, not uploaded yet
    put(site, "sitemap.xml", 3_101, T)  # regenerated on the server
    put(site, "robots.txt", 68, T + 86_400)  # changed on the server
    put(local, "draft-contact.html", 2_048, T)  # only here
    os.makedirs(os.path.join(site, "uploads"))  # only there
    put(site, "favicon.ico", 15_086, T)


def shoot(out: str, language: str, scheme: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    config = tempfile.mkdtemp(prefix="ftpgui-compare-config-")
    os.environ["FTPGUI_CONFIG_DIR"] = config
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from ftpgui.transfers.worker import Endpoint
    from ftpgui.ui.main_window import MainWindow
    from ftpgui.ui.theme import apply_scheme

    from ftpserver import PASSWORD, USER, FtpServerThread

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("ftpgui")
    apply_scheme(app, scheme)
    if language != "en":
        from ftpgui.app import install_language

        translator, problem = install_language(app, language)
        if translator is None:
            raise SystemExit(f"no translation for {language}: {problem}")
    site = tempfile.mkdtemp(prefix="ftpgui-compare-site-")
    local = os.path.join(tempfile.mkdtemp(prefix="ftpgui-compare-local-"), "example-site")
    os.mkdir(local)
    mirror(site, local)
    srv = FtpServerThread("127.0.0.1", site)
    srv.start()

    def spin(cond, ms: int = 20000) -> None:
        timer = QElapsedTimer()
        timer.start()
        while not cond() and timer.elapsed() < ms:
            app.processEvents()
            time.sleep(0.01)

    try:
        window = MainWindow()
        window.resize(1366, 768)
        window.local.set_path(local)
        window.mode_dock.hide()  # the two panes are the subject: their whole width
        window.show()
        window.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), window.session_defaults(), "Example site")
        spin(lambda: window.remote.path == "/" and not window.browser.busy)
        window.comparison.action.trigger()
        window.sync_browsing.action.trigger()
        spin(lambda: False, 1500)  # the file-system model's sizes and icons, the marks
        if not window.grab().save(out):
            raise SystemExit(f"could not write {out}")
        window.close()
        window.wait_closed()
    finally:
        srv.stop()
        for folder in (config, site, os.path.dirname(local)):
            shutil.rmtree(folder, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="en")
    parser.add_argument("--scheme", default="light", choices=("light", "dark"))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "images", "compare.png"))
    args = parser.parse_args(argv)
    shoot(args.out, args.language, args.scheme)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
