"""Packaging metadata: the .desktop file and AppStream metainfo validate, and name this version.

The bundle itself is built and self-tested by .ci/run (packaging/build_linux.sh), not here: it takes a while.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from ftpgui import __version__
from ftpgui.single_instance import addresses

from conftest import need

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"
APP_ID = "io.github.ftpgui.ftpgui"


def test_metainfo_validates_and_names_this_version():
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    root = ET.parse(metainfo).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("releases/release").get("version") == __version__  # bump it with the version
    need(shutil.which("appstreamcli") is not None, "appstreamcli (Debian package appstream) is not installed")
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_desktop_file_validates():
    desktop = LINUX / f"{APP_ID}.desktop"
    lines = desktop.read_text(encoding="utf-8").splitlines()
    assert "Exec=ftpgui %U" in lines and f"Icon={APP_ID}" in lines  # install.sh rewrites this exact Exec line
    need(shutil.which("desktop-file-validate") is not None, "desktop-file-validate (desktop-file-utils) is missing")
    proc = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_an_ftp_address_opened_with_the_installed_menu_entry_reaches_the_app(tmp_path):
    """Found in review (design note 457): the menu entry ran ``ftpgui`` with no ``%U``, and declared no ``ftp://``
    scheme, so an address a browser or file manager opened with ftpgui never reached it. The entry as install.sh
    writes it (its own sed line, into a prefix with a space in it) is launched by GLib's launcher (``gio launch``)
    with an address: the program it names gets that address as its only argument, which the app opens."""
    desktop = LINUX / f"{APP_ID}.desktop"
    schemes = next(line for line in desktop.read_text(encoding="utf-8").splitlines() if line.startswith("MimeType="))
    assert {"x-scheme-handler/ftp", "x-scheme-handler/ftps", "x-scheme-handler/ftpes"} <= set(schemes[9:].split(";"))
    need(shutil.which("gio") is not None, "gio (GLib's launcher, Debian package libglib2.0-bin) is missing")
    rewrite = next(line for line in (LINUX / "install.sh").read_text().splitlines() if line.startswith('sed "s|^Exec='))
    prefix = tmp_path / "my apps"
    here, bin_dir, share = tmp_path / "unpacked", prefix / "bin", prefix / "share"
    (here / "share" / "applications").mkdir(parents=True)
    (share / "applications").mkdir(parents=True)
    bin_dir.mkdir(parents=True)
    shutil.copy(desktop, here / "share" / "applications")
    env = dict(os.environ, APP_ID=APP_ID, HERE=str(here), BIN=str(bin_dir), SHARE=str(share))
    subprocess.run(["sh", "-c", rewrite], env=env, check=True)
    installed = share / "applications" / f"{APP_ID}.desktop"
    proc = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr
    got = tmp_path / "argv"  # the program the entry names: here one that writes down its arguments
    program = bin_dir / "ftpgui"
    program.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{got}.part' && mv '{got}.part' '{got}'\n")
    program.chmod(0o755)
    url = "ftp://bob:secret@127.0.0.1:2121/pub/a%20b/"
    subprocess.run(["gio", "launch", str(installed), url], env=env, check=True, timeout=60)
    for _ in range(600):  # (gio starts it and returns; the program writes its file whole, then renames it)
        if got.exists():
            break
        time.sleep(0.1)
    count, *args = got.read_text().splitlines()
    assert int(count) == 1 and args == [url]
    assert addresses(args) == [url]  # what app.main opens of its arguments (single_instance.addresses)
