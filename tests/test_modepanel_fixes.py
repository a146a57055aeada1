"""The mode panel's diagnosis, told like an expert (issue 21 items 2, 4, 6): the new causes in words, a *How
to fix* section with copy buttons, and *Export diagnosis* writing the support bundle."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtGui import QGuiApplication
from test_modepanel import diagnose_in_panel, panel  # noqa: F401  (panel is a fixture)

from ftpgui import explain
from ftpgui.ftp.diagnose import Diagnosis, ModeResult

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui


def _blocked_active(make_server):
    return make_server(refuse=("EPRT",), replies={"PORT": "425 Can't connect to specified address."})


def test_how_to_fix_shows_each_setting_with_a_copy_button(qtbot, panel, make_server):  # noqa: F811
    srv = _blocked_active(make_server)
    found = diagnose_in_panel(qtbot, panel, srv.host, srv.port, USER, PASSWORD, timeout=5)
    assert found.active.cause == "client-firewall"
    view = panel.diagnosis.fixes
    assert view.isVisible() and view.heading.text() == "How to fix"
    texts = [box.toPlainText() for box in view.boxes]
    assert texts[0] == "ftpgui-cli --active-port-range 50000-50100 …"
    assert any(t.startswith("sudo firewall-cmd") for t in texts)  # (this runs on Linux: firewalld, ufw)
    assert len(view.copy_buttons) == len(texts)
    iptables = next(i for i, t in enumerate(texts) if t.startswith("iptables"))
    view.copy_buttons[iptables].click()
    assert QGuiApplication.clipboard().text() == texts[iptables]
    # a diagnosis where everything works has nothing to fix
    both = Diagnosis(("127.0.0.1", 21), {}, ModeResult("passive", ok=True), ModeResult("active", ok=True))
    panel.diagnosis._on_done(both, "")
    assert not view.isVisible() and view.boxes == []


def test_export_diagnosis_writes_the_bundle_without_the_password(qtbot, panel, make_server, tmp_path):  # noqa: F811
    srv = _blocked_active(make_server)
    diagnose_in_panel(qtbot, panel, srv.host, srv.port, USER, PASSWORD, timeout=5)
    assert panel.diagnosis.exports.isVisible()
    panel.diagnosis.mask_user.setChecked(True)
    # what the panel adds (its picture as SVG): scrubbed like the rest
    panel.diagnosis.extras = lambda: {"picture.svg": f"<svg><text>{USER} {PASSWORD}</text></svg>".encode()}
    path = tmp_path / "diagnosis.zip"
    assert panel.diagnosis.export_to(str(path))
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n).decode() for n in z.namelist()}
    assert members["picture.svg"] == "<svg><text>**** ****</text></svg>"
    assert json.loads(members["diagnosis.json"])["fixes"][0]["cause"] == "client-firewall"
    assert "> USER ****" in members["transcript.txt"] and "> PASS ****" in members["transcript.txt"]
    assert not any(PASSWORD in text or USER in text for text in members.values())
    assert not panel.diagnosis.export_to(str(tmp_path / "no-such-folder" / "x.zip"))
    assert panel.diagnosis.summary.text().startswith("Could not export the diagnosis:")


@pytest.mark.parametrize(
    ("stage", "cause", "words"),
    [
        ("connect", "foreign-address", "the data connection came from another address"),
        ("connect", "server-rejected", "the server rejected the data connection"),
        ("connect", "tls-helper", "a firewall's FTP helper cannot see through TLS"),
    ],
)
def test_the_new_causes_in_words(panel, stage, cause, words):  # noqa: F811
    failed = ModeResult("passive", ok=False, stage=stage, cause=cause, detail="details")
    found = Diagnosis(("127.0.0.1", 21), {}, failed, ModeResult("active", ok=True))
    panel.diagnosis._on_done(found, "")
    line = panel.diagnosis.lines["passive"].text()
    assert f"({words})" in line and explain.explain_result(failed, True) in line  # active worked: advice says so
    assert "likely a firewall at the server" not in line
