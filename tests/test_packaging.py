"""Packaging metadata: the .desktop file and AppStream metainfo validate, and name this version.

The bundle itself is built and self-tested by .ci/run (packaging/build_linux.sh), not here: it takes a while.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from ftpgui import __version__

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
    assert "Exec=ftpgui" in lines and f"Icon={APP_ID}" in lines  # install.sh rewrites this exact Exec line
    need(shutil.which("desktop-file-validate") is not None, "desktop-file-validate (desktop-file-utils) is missing")
    proc = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr
