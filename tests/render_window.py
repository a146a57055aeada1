"""Screenshots of the default main window as a person first meets it, on a real X server with a window manager.

For each screen size and language: an Xvfb of that size, openbox, and the main window at its default size
(no saved layout), connected to a pyftpdlib server, with a few transfers waiting in the queue. Writes
``docs/images/window-WxH-LANG.png`` (the whole screen, frame included). ``--tabs``: two server tabs, the
second browsing another server, compared, with a quick filter (``docs/images/tabs.png``, ``tabs-zh_CN.png``).

    PYTHONPATH=. python tests/render_window.py [--sizes 1366x768 1920x1080] [--languages en zh_CN] [--tabs]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)


def shoot(path: str, language: str, tabs: bool = False) -> None:
    """In this process (on the X server in $DISPLAY): the default window, connected, grabbed with its frame."""
    config = tempfile.mkdtemp(prefix="ftpgui-window-config-")
    os.environ["FTPGUI_CONFIG_DIR"] = config
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication
    from render_screens import local_folder, populate

    from ftpgui.transfers.worker import Endpoint
    from ftpgui.ui.main_window import MainWindow

    from ftpserver import PASSWORD, USER, FtpServerThread

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("ftpgui")
    if language != "en":
        from ftpgui.app import install_language

        translator, problem = install_language(app, language)
        if translator is None:
            raise SystemExit(f"no translation for {language}: {problem}")
    site = tempfile.mkdtemp(prefix="ftpgui-window-site-")
    local = local_folder()
    populate(site)
    srv = FtpServerThread("127.0.0.1", site)
    srv.start()
    other_site = tempfile.mkdtemp(prefix="ftpgui-window-site2-")
    for name in ("backup-2026-01.tar.gz", "backup-2026-02.tar.gz", "restore-notes.txt"):
        with open(os.path.join(other_site, name), "wb") as f:
            f.write(os.urandom(3000))
    os.mkdir(os.path.join(other_site, "daily"))
    other = FtpServerThread("127.0.0.1", other_site)
    other.start()

    def spin(cond, ms: int = 20000) -> None:
        timer = QElapsedTimer()
        timer.start()
        while not cond() and timer.elapsed() < ms:
            app.processEvents()
            time.sleep(0.01)

    try:
        window = MainWindow()
        window.local.set_path(local)
        window.show()
        window.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), window.session_defaults(), "Example site")
        spin(lambda: window.remote.path == "/" and not window.browser.busy)
        deep = "/uploads/2026/projects/customer-website-redesign/assets/photography/originals"
        window.request_download(
            [(f"{deep}/holiday-photo-{i:03d}-full-resolution.jpg", False, 4_200_000 + i) for i in range(7)],
            os.path.join(local, "photos"),
            start=False,
        )
        window.remote.select(["index.html"])
        if tabs:
            window.new_tab()
            window.connect_to(
                Endpoint("127.0.0.1", other.port, USER, PASSWORD), window.session_defaults(), "Backup server"
            )
            spin(lambda: window.remote.path == "/" and not window.browser.busy)
            window.remote.select(["restore-notes.txt"])
            window.comparison.set_enabled(True)  # the second tab's own comparison and quick filter
            window.filtering.remote_bar.set_text("backup")
        spin(lambda: False, 1500)  # the file-system model's sizes and icons, the queue's rows
        shot = window.screen().grabWindow(0)
        if not shot.save(path):
            raise SystemExit(f"could not write {path}")
        window.close()
        window.wait_closed()
    finally:
        srv.stop()
        other.stop()
        for folder in (config, site, other_site, os.path.dirname(local)):
            shutil.rmtree(folder, ignore_errors=True)


def on_x_server(size: str, run) -> None:
    """``run(display)`` with an Xvfb of ``size`` and openbox on it."""
    display = f":{70 + os.getpid() % 50}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"])
    wm = None
    try:
        time.sleep(1)
        wm = subprocess.Popen(
            ["openbox", "--sm-disable"], env=dict(os.environ, DISPLAY=display), stderr=subprocess.DEVNULL
        )
        time.sleep(1)
        run(display)
    finally:
        for proc in (wm, xvfb):
            if proc is not None:
                proc.terminate()
                proc.wait(10)


def probe_on_x(size: str, script: str, language: str, cache: str, *more: str) -> dict:
    """Run ``script`` (in tests/, with ``language`` and ``more`` arguments) on an Xvfb of ``size`` with a window
    manager; the JSON of its last line. ``cache``: the folder translations are compiled into."""
    result = {}

    def run(display: str) -> None:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", FTPGUI_CACHE_DIR=cache)
        env["PYTHONPATH"] = ROOT + os.pathsep + HERE
        proc = subprocess.run(
            [sys.executable, os.path.join(HERE, script), language, *more],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        result.update(json.loads(proc.stdout.strip().splitlines()[-1]))

    on_x_server(size, run)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1366x768", "1920x1080"])
    parser.add_argument("--languages", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "images"))
    parser.add_argument("--tabs", action="store_true", help="two server tabs (docs/images/tabs*.png)")
    parser.add_argument("--one", nargs=2, metavar=("PATH", "LANG"), help=argparse.SUPPRESS)  # internal
    args = parser.parse_args(argv)
    if args.one:
        shoot(*args.one, tabs=args.tabs)
        return 0
    os.makedirs(args.out, exist_ok=True)
    for size in args.sizes:
        for language in args.languages:
            path = os.path.join(args.out, f"window-{size}-{language}.png")
            if args.tabs:
                path = os.path.join(args.out, "tabs.png" if language == "en" else f"tabs-{language}.png")

            def run(display: str, path=path, language=language) -> None:
                env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
                env["PYTHONPATH"] = ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")
                more = ["--tabs"] if args.tabs else []
                subprocess.run([sys.executable, __file__, "--one", path, language, *more], env=env, check=True)

            on_x_server(size, run)
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
