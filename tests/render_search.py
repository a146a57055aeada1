"""Render the filters and search dialogs, and the window with filters on, to PNG for a person to look at.

Connects a 1366×768 window to a real pyftpdlib server holding a small site, switches a filter on, types in
the quick filter box, runs a search and grabs: ``window-filtered``, ``filters-dialog``, ``search-dialog``
(``-zh_CN`` with ``--language zh_CN``). ``--docs`` also copies the search to ``docs/images/search.png``.

    PYTHONPATH=. python tests/render_search.py [--out build/screens] [--language zh_CN] [--docs]
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

SITE = {
    "index.html": 14_320,
    "notes.txt": 1_200,
    "cache.tmp": 5_000,
    "docs/guide.html": 22_100,
    "docs/readme.txt": 3_120,
    "docs/old/changes-2019.txt": 8_800,
    "docs/old/draft.tmp": 700,
    "photos/2024/beach.jpg": 2_400_000,
    "photos/2024/notes.txt": 310,
    "releases/app-2.4.1.tar.gz": 48_211_335,
    "releases/app-2.4.1.txt": 1_020,
    "releases/archive/app-1.0.txt": 990,
}


def populate(root: str) -> None:
    now = time.time()
    for i, (path, size) in enumerate(sorted(SITE.items())):
        full = os.path.join(root, *path.split("/"))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.truncate(size)
        os.utime(full, (now - i * 86_400 * 40, now - i * 86_400 * 40))


def render(out: str, language: str = "") -> list:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    config = tempfile.mkdtemp(prefix="ftpgui-screens-config-")
    os.environ["FTPGUI_CONFIG_DIR"] = config
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from ftpgui import filters
    from ftpgui.filters import Filters, Rule
    from ftpgui.transfers.worker import Endpoint
    from ftpgui.ui.main_window import MainWindow

    from ftpserver import PASSWORD, USER, FtpServerThread

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("ftpgui")
    suffix = ""
    if language:
        from ftpgui.app import install_language

        translator, problem = install_language(app, language)
        if translator is None:
            raise SystemExit(f"no translation for {language}: {problem}")
        suffix = f"-{language}"
    filters.save(
        Filters(
            [
                Rule("Temporary files", pattern="*.tmp;*.bak", applies_to="files"),
                Rule("Large archives", pattern=r"\.(tar\.gz|zip)$", regex=True, larger_than=10 * 1024**2),
                Rule("Old", before="2020-01-01"),
            ],
            ["Temporary files"],
            True,
        )
    )
    site = tempfile.mkdtemp(prefix="ftpgui-screens-site-")
    local = tempfile.mkdtemp(prefix="ftpgui-screens-local-")
    for name in ("report.pdf", "notes.txt", "build.tmp", "old.bak"):
        with open(os.path.join(local, name), "wb") as f:
            f.truncate(1000)
    populate(site)
    srv = FtpServerThread("127.0.0.1", site)
    srv.start()
    written = []

    def spin_until(cond, ms=20000) -> None:
        timer = QElapsedTimer()
        timer.start()
        while not cond() and timer.elapsed() < ms:
            app.processEvents()
            time.sleep(0.01)

    def save(widget, name: str) -> None:
        path = os.path.join(out, f"{name}{suffix}.png")
        if not widget.grab().save(path):
            raise SystemExit(f"could not write {path}")
        written.append(path)

    try:
        window = MainWindow()
        window.resize(1366, 768)
        window.local.set_path(local)
        window.show()
        window.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), window.session_defaults(), "Example site")
        spin_until(lambda: window.remote.path == "/" and not window.browser.busy)
        window.filtering.local_bar.set_text("rep")
        spin_until(lambda: False, 800)
        save(window, "window-filtered")
        window.filtering.local_bar.set_text("")
        window.filtering.act_filters.trigger()
        dialog = window.prompt
        dialog.list.setCurrentRow(1)
        spin_until(lambda: False, 200)
        save(dialog, "filters-dialog")
        dialog.reject()
        window.filtering.act_search.trigger()
        search = window.filtering.search
        search.form.pattern.setText("*.txt")
        search.search_button.click()
        spin_until(lambda: not search.running)
        search.select_names(["readme.txt"])
        spin_until(lambda: False, 200)
        save(search, "search-dialog")
        search.close()
        window.close()
        window.wait_closed()
    finally:
        srv.stop()
        for folder in (config, site, local):
            shutil.rmtree(folder, ignore_errors=True)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "screens"))
    parser.add_argument("--language", default="")
    parser.add_argument("--docs", action="store_true", help="also update docs/images/search.png")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    for path in render(args.out, args.language):
        print(path)
    if args.docs:
        name = f"search-dialog-{args.language}.png" if args.language else "search-dialog.png"
        target = f"search-{args.language}.png" if args.language else "search.png"
        shutil.copyfile(os.path.join(args.out, name), os.path.join(ROOT, "docs", "images", target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
