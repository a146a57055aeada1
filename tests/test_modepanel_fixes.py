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
    assert texts[0] == f"ftpgui-cli ls --mode active --active-port-range 50000-50100 ftp://{USER}@127.0.0.1:{srv.port}/"
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
    members = export(qtbot, panel, path)
    assert members["picture.svg"] == "<svg><text>**** ****</text></svg>"
    assert json.loads(members["diagnosis.json"])["fixes"][0]["cause"] == "client-firewall"
    assert "> USER ****" in members["transcript.txt"] and "> PASS ****" in members["transcript.txt"]
    assert not any(PASSWORD in text or USER in text for text in members.values())
    with qtbot.waitSignal(panel.diagnosis.exported, timeout=20000) as done:
        assert panel.diagnosis.export_to(str(tmp_path / "no-such-folder" / "x.zip"))
    assert done.args[1] and panel.diagnosis.summary.text().startswith("Could not export the diagnosis:")


def export(qtbot, panel, path) -> dict:  # noqa: F811
    """*Export diagnosis* to ``path`` (written off the GUI thread); the zip's members as text."""
    with qtbot.waitSignal(panel.diagnosis.exported, timeout=20000) as done:
        assert panel.diagnosis.export_to(str(path))
    assert done.args == [str(path), ""]
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode() for n in z.namelist()}


def test_the_bundle_holds_each_attempts_picture_and_ladder(qtbot, panel, make_server, tmp_path):  # noqa: F811
    """The panel's own extras (issue 21 item 6): the picture at each attempt's failure (else its end) and its
    ladder, as SVG, with no password in any member (and no user name when asked)."""
    import xml.etree.ElementTree as ET

    srv = _blocked_active(make_server)
    diagnose_in_panel(qtbot, panel, srv.host, srv.port, USER, PASSWORD, timeout=5)
    members = export(qtbot, panel, tmp_path / "plain.zip")
    pictures = {"picture-passive.svg", "ladder-passive.svg", "picture-active.svg", "ladder-active.svg"}
    assert pictures <= set(members)
    for name in pictures:
        root = ET.fromstring(members[name])
        assert root.tag.endswith("svg"), name
        texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
        assert texts.strip(), name  # text stays text
    passive_words = " ".join(t.text or "" for t in ET.fromstring(members["ladder-passive.svg"]).iter())
    active_words = " ".join(t.text or "" for t in ET.fromstring(members["ladder-active.svg"]).iter())
    assert "EPSV" in passive_words and "PORT" in active_words and "425" in active_words
    assert not any(PASSWORD in text for text in members.values())
    panel.diagnosis.mask_user.setChecked(True)
    masked = export(qtbot, panel, tmp_path / "masked.zip")
    assert pictures <= set(masked)
    assert not any(PASSWORD in text or USER in text for text in masked.values())


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


def test_a_setting_in_a_narrow_dock_is_readable_whole(qtbot, panel, make_server):  # noqa: F811
    """Found by QA at 360 px: the one-line boxes got a horizontal scroll bar inside a fixed height, which hid
    the lower half of the text, and vertical arrows. Each box keeps room for the bar and scrolls only sideways."""
    srv = _blocked_active(make_server)
    panel.resize(360, 900)
    diagnose_in_panel(qtbot, panel, srv.host, srv.port, USER, PASSWORD, timeout=5)
    boxes = panel.diagnosis.fixes.boxes
    assert boxes
    for box in boxes:
        lines = box.toPlainText().count("\n") + 1
        bar = box.horizontalScrollBar()
        room = box.viewport().height()
        if bar.isVisible():
            assert room >= box.fontMetrics().lineSpacing() * lines, (box.toPlainText(), room)
        assert not box.verticalScrollBar().isVisible()
