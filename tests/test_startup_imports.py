"""Start-up imports only what the first window needs (issue 22 item 4).

The whole start (``ftpgui.app.main``: settings, language, theme, the main window shown) runs in a fresh
Python under the offscreen platform; after the first turn of its event loop the child lists which heavy
modules are loaded. Those load when first used: the practice server (pyftpdlib, pyOpenSSL), the keyring,
the About box and its package metadata, the engine's events, the site manager and its FileZilla import, the
preferences dialog, the diagnosis with its fixes and support bundle, Qt's SVG library (picture export), the
mode panel's picture, ladder, narration and export, the transfer connections' runtime, the editor of remote
files (``test_startup_later``: loaded once the window is up); and a warm start in Chinese compiles no
translation. Once the window is up, what start-up made is frozen out of the garbage collector's
generations. Not a timing test: a module that creeps back into the start-up path
fails it whatever the machine's speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# loaded a module at a time once the window is up (ui.later; test_startup_later), or when first used: the mode
# panel's scene, picture, ladder, narration, what-if and export (its controls and "waiting" words are shown)
WINDOW_LATER = (
    "ftpgui.ui.modepanel.model",
    "ftpgui.ui.modepanel.scene",
    "ftpgui.ui.modepanel.timeline",
    "ftpgui.ui.modepanel.whatif",
    "ftpgui.ui.modepanel.motion",
    "ftpgui.ui.modepanel.setupwords",
    "ftpgui.ui.modepanel.narration",
    "ftpgui.ui.modepanel.wrapping",
    "ftpgui.ui.modepanel.picture",
    "ftpgui.ui.modepanel.stills",
    "ftpgui.ui.modepanel.ladderview",
    "ftpgui.ui.modepanel.ladderpaint",
    "ftpgui.ui.modepanel.export",
    # the transfer connections' runtime (a restored queue's items are shown without it)
    "ftpgui.transfers.pool",
    "ftpgui.transfers.jobs",
    "ftpgui.transfers.worker",
    "ftpgui.transfers.wire",
    "ftpgui.transfers.connbase",
    "ftpgui.transfers.downloadjob",
    "ftpgui.transfers.uploadjob",
    "ftpgui.transfers.jobcontext",
    "ftpgui.transfers.procconn",
    "ftpgui.ftp.partfile",
    "ftpgui.ftp.localfs",
    "ftpgui.ftp.procpool",
    # View and Edit's editor
    "ftpgui.ui.remote_edit",
    "ftpgui.ui.edit_ending",
    "ftpgui.ui.edit_conflict",
    "ftpgui.ui.edit_files",
    "ftpgui.ui.edit_folder",
    # what new ids and hashes are made with
    "uuid",
    "platform",
    "hashlib",
    "secrets",
)

DEFERRED = (
    "pyftpdlib",
    "OpenSSL",
    "cryptography",
    "keyring",
    "importlib.metadata",
    "ftpgui.practice",
    "ftpgui.ui.site_manager",
    "ftpgui.sites.filezilla",
    "ftpgui.ui.preferences_dialog",
    "ftpgui.ftp.diagnose",
    "ftpgui.fixes",
    "ftpgui.bundle",
    "PySide6.QtSvg",
    # the About box (its widgets' classes; the window's icon is ``ui.icon``)
    "ftpgui.ui.about",
    # the engine's connections, TLS and listing parsers: loaded on a thread half a second after the window;
    # with them its events (16 frozen dataclasses, ~11 ms: the window's modules import them when first fed one)
    "ftpgui.ftp.session",
    "ftpgui.ftp.events",
    "ftpgui.ftp.tls",
    "ftpgui.ftp.listing",
    "ftpgui.ftp.mirror",
    "ftplib",
    "ssl",
    # the code pages of a note that a server's names are not UTF-8 (~30 ms: their character classes)
    "ftpgui.ftp.nameguess",
    "ftpgui.ui.encoding_box",
    "encodings.gbk",
    *WINDOW_LATER,
)

CHILD = """
import gc, json, linecache, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(["ftpgui"])
from ftpgui import app as ftpgui_app
young = gc.get_stats()[0]["collections"]

def report():
    collected = gc.get_stats()[0]["collections"] - young
    shown = [w.objectName() for w in app.topLevelWidgets() if w.isVisible()]
    loaded = [m for m in DEFERRED if m in sys.modules]
    feature = sys.modules["shibokensupport.feature"]  # PySide6's answers: does a module's source say PySide6?
    asked = {n: v for n, v in feature.pyside_feature_dict.items() if n.startswith("ftpgui.ui.")}
    read = sorted(f for f in linecache.cache if "ftpgui" in f and "/ui/" in f)
    quick = feature._mod_uses_pyside
    original = getattr(quick, "original", quick)  # (asked last: it reads every source into linecache)
    differ = [n for n in feature.pyside_feature_dict if n in sys.modules
              and quick(sys.modules[n]) != original(sys.modules[n])]
    print(json.dumps({"shown": shown, "loaded": loaded, "subprocess": "subprocess" in sys.modules,
                      "frozen": gc.get_freeze_count(), "switch": sys.getswitchinterval(),
                      "read": read,
                      "asked": asked, "differ": differ,
                      "collecting": gc.isenabled(), "collected": collected}))
    app.quit()

QTimer.singleShot(0, report)
ftpgui_app.main(["ftpgui"])
"""

LATER = """
import gc, json, sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(["ftpgui"])
from ftpgui import app as ftpgui_app
first = {}

def look():
    if not first:
        first.update(frozen=gc.get_freeze_count(), engine="ftpgui.ftp.session" in sys.modules)
    loading = any(t.name == "ftpgui-engine" for t in threading.enumerate())
    if "ftpgui.ftp.session" in sys.modules and not loading and gc.get_freeze_count() > first["frozen"]:
        print(json.dumps(dict(first, later=gc.get_freeze_count(), mirror="ftpgui.ftp.mirror" in sys.modules)))
        app.quit()
    else:
        QTimer.singleShot(100, look)

QTimer.singleShot(0, look)
ftpgui_app.main(["ftpgui"])
"""


def loaded_at_start(tmp_path: Path, deferred: tuple = DEFERRED, **extra: str) -> dict:
    """What a fresh ``ftpgui`` process has shown and loaded (of ``deferred``) once its main window is up."""
    return run_app(tmp_path, f"DEFERRED = {deferred!r}\n{CHILD}", **extra)


def run_app(tmp_path: Path, code: str, **extra: str) -> dict:
    """The JSON line that ``code`` (which starts the app) prints last, run in a fresh Python, offscreen, with
    its configuration and cache in ``tmp_path``."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FTPGUI_CONFIG_DIR=str(tmp_path / "config"), **extra)
    env["FTPGUI_CACHE_DIR"] = str(tmp_path / "cache")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.timeout(180)
def test_the_first_window_loads_no_heavy_module(tmp_path):
    found = loaded_at_start(tmp_path)
    assert "mainWindow" in found["shown"]
    assert found["loaded"] == []
    # what start-up made is kept out of the garbage collector's walks once the window is up (app.settle)
    assert found["frozen"] > 10000
    # and another thread of the app's keeps Python's lock from the window's thread for 1 ms at most, not 5
    assert found["switch"] == pytest.approx(0.001)
    # PySide6 asked of each module imported after it whether its source says "PySide6", and got the same
    # answers as from its own inspect.getsource, without that source read into linecache (app.scan_sources_quickly)
    assert found["asked"]["ftpgui.ui.main_window"] == 0 and found["asked"]["ftpgui.ui.theme"] == 0
    assert found["differ"] == [] and len(found["asked"]) > 40
    assert found["read"] == []
    # the garbage collector was off while start-up made what lives as long as the app (it had collected the
    # young generation about 90 times), and is on again once the window is up
    assert found["collecting"] is True and found["collected"] < 10


@pytest.mark.timeout(180)
def test_the_engine_loads_after_the_window_without_a_connection(tmp_path):
    """What the first window does without (the session, its TLS and listings, the tree walks) is loaded on a
    thread once the window is up, so a person's first connection does not load it on the window's thread;
    what it made is frozen out of the collector's generations, as start-up's is."""
    found = run_app(tmp_path, LATER)
    assert found["engine"] is False  # not at the window's first turn
    assert found["mirror"] is True and found["later"] > found["frozen"]


@pytest.mark.timeout(300)
def test_a_warm_start_in_chinese_compiles_no_translation(tmp_path):
    """The first start in Chinese compiles the translation into the cache; the next one finds it there and
    runs no ``lrelease`` (nor loads ``subprocess``, which only compiling needs)."""
    chinese = {"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}
    loaded_at_start(tmp_path, **chinese)
    (qm,) = (tmp_path / "cache" / "translations").glob("ftpgui_zh_CN-*.qm")
    built = qm.stat().st_mtime_ns
    hashed = tuple(m for m in DEFERRED if m != "hashlib")  # (the cached translation is found by the .ts's hash)
    found = loaded_at_start(tmp_path, hashed, **chinese)
    assert "mainWindow" in found["shown"] and found["loaded"] == []
    assert found["subprocess"] is False
    assert qm.stat().st_mtime_ns == built and list(qm.parent.glob("*.qm")) == [qm]


PACKAGE_CHILD = """
import json, sys
from ftpgui.ftp import FtpError, SessionOptions, parse_url
alone = sorted(m for m in sys.modules if m.startswith("ftpgui.ftp."))
import ftpgui.ftp as ftp
from ftpgui.ftp import *
names = {n: getattr(ftp, n).__module__ for n in ftp.__all__}
print(json.dumps({"alone": alone, "names": names, "star": sorted(n for n in ftp.__all__ if n not in globals())}))
"""


def test_the_engine_package_loads_a_module_when_one_of_its_names_is_first_asked_for(tmp_path):
    """``from ftpgui.ftp import SessionOptions`` (the settings) loads neither the events nor the session; each
    name of ``__all__`` is still there, from the module that defines it, and ``import *`` gives them all."""
    found = run_app(tmp_path, PACKAGE_CHILD)
    assert "ftpgui.ftp.events" not in found["alone"] and "ftpgui.ftp.session" not in found["alone"]
    assert found["star"] == []
    names = found["names"]
    assert len(names) == 42 and names["Event"] == names["TransferProgress"] == "ftpgui.ftp.events"
    assert names["FtpSession"] == "ftpgui.ftp.session" and names["SessionOptions"] == "ftpgui.ftp.options"
    assert names["Entry"] == "ftpgui.ftp.listing_base" and names["parse_url"] == "ftpgui.ftp.url"
    assert names["NotAStart"] == "ftpgui.ftp.resumecheck"  # (the queue's failures name it: design note 470)
    assert {names[n] for n in ("FtpError", "Cancelled", "UntrustedCertificate")} == {"ftpgui.ftp.errors"}


CLI_DEFERRED = (
    "ftpgui.ftp.diagnose",
    "ftpgui.fixes",
    "ftpgui.bundle",
    "zipfile",
    "ftpgui.sites.store",
    "ftpgui.transfers",
    "keyring",
    "PySide6",
    "platformdirs",
)

CLI_CHILD = """
import json, sys
from ftpgui.cli import main

code = main(sys.argv[1:])
print(json.dumps({"code": code, "loaded": [m for m in DEFERRED if m in sys.modules]}))
"""


def test_a_cli_transfer_loads_neither_the_diagnosis_nor_the_site_store(make_server, tmp_path):
    """``ftpgui-cli get -r`` pays its imports on every run (2,000 small files: a tenth of its CPU was
    start-up); the diagnosis, its fixes and support bundle, and the site store are for other commands, and
    the config folder (``platformdirs``) is looked for only when a certificate is (a plain run has none)."""
    server = make_server()
    (Path(server.path("tree")) / "sub").mkdir(parents=True)
    (Path(server.path("tree")) / "sub" / "f.bin").write_bytes(b"x" * 100)
    env = dict(os.environ, HOME=str(tmp_path), PYTHONPATH=str(REPO))  # (the config folder: a person's)
    env.pop("FTPGUI_CONFIG_DIR", None)
    code = f"DEFERRED = {CLI_DEFERRED!r}\n{CLI_CHILD}"
    argv = ["get", "-r", server.url + "/tree", str(tmp_path / "copy"), "--parallel", "2"]
    proc = subprocess.run(
        [sys.executable, "-c", code, *argv], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found == {"code": 0, "loaded": []}
    assert (tmp_path / "copy" / "sub" / "f.bin").read_bytes() == b"x" * 100


# what ``ftpgui-cli`` loads only when a run needs it (design note 287): the proxy's module (``--proxy``), and the
# listing formats of few servers (DOS/IIS, EPLF, VMS, MVS, …: their 20 regular expressions), at a line that may
# be one of them
CLI_LATER = ("ftpgui.ftp.proxy", "ftpgui.ftp.listing_dos", "ftpgui.ftp.listing_other")


@pytest.mark.parametrize("refuse", [(), ("MLSD",)], ids=["mlsd", "list"])
def test_a_cli_listing_loads_no_proxy_and_no_rare_listing_format(make_server, tmp_path, refuse):
    """``ftpgui-cli ls`` of a folder, read from MLSD or from a Unix ``LIST``: every run pays its imports, and
    these are for other runs; the listing is still printed whole."""
    server = make_server(refuse=refuse)
    (Path(server.path("folder")) / "sub").mkdir(parents=True)
    (Path(server.path("folder")) / "f.bin").write_bytes(b"x" * 100)
    env = dict(os.environ, HOME=str(tmp_path), PYTHONPATH=str(REPO))
    env.pop("FTPGUI_CONFIG_DIR", None)
    code = f"DEFERRED = {CLI_LATER!r}\n{CLI_CHILD}"
    proc = subprocess.run(
        [sys.executable, "-c", code, "ls", server.url + "/folder"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    *listed, last = proc.stdout.strip().splitlines()
    assert json.loads(last) == {"code": 0, "loaded": []}
    assert any(line.endswith("f.bin") for line in listed) and any("sub" in line for line in listed), listed
    if refuse:
        assert any(c.startswith("LIST") for c in server.record.commands), server.record.commands


def test_a_rare_listing_format_is_read_once_its_parsers_load(tmp_path):
    """A Unix listing (with ``ls``'s "total" line) loads none of the rarer formats; loaded at their first line,
    they still read it, in a fresh process: a DOS/IIS listing, a VMS one whose entry spans two lines, an MVS
    data set."""
    child = r"""
import json, sys
from ftpgui.ftp.listing import parse_list
before = [m for m in ("ftpgui.ftp.listing_dos", "ftpgui.ftp.listing_other") if m in sys.modules]
unix = parse_list(b"total 8\r\n-rw-r--r--   1 user group  100 Jan  1  2020 u.txt\r\n")
after_unix = [m for m in ("ftpgui.ftp.listing_dos", "ftpgui.ftp.listing_other") if m in sys.modules]
lines = lambda *rows: b"".join(row + b"\r\n" for row in rows)
dos = parse_list(lines(b"01-02-20  10:00AM       <DIR>          folder",
                       b"01-02-20  10:00AM                  12 d.txt"))
vms = parse_list(lines(b"LONGFILENAME.TXT;1", b"     2/4    1-JAN-2020 10:00:00 [GROUP,OWNER] (RWED,RWED,RE,)"))
mvs = parse_list(lines(b"Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname",
                       b"WYOSPT 3420   2003/05/21  1  200  FB      80  8053  PS  DATA.SET"))
print(json.dumps({"before": before, "after_unix": after_unix,
                  "names": [[e.name for e in x] for x in (unix, dos, vms, mvs)]}))
"""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert found["before"] == found["after_unix"] == []
    assert found["names"] == [["u.txt"], ["folder", "d.txt"], ["LONGFILENAME.TXT;1"], ["DATA.SET"]]
