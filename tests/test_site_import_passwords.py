"""What a FileZilla import says of its passwords, through the real Site Manager: kept in the keyring (how many),
or — no usable keyring — not saved, in words (QA: the summary said "passwords for the keyring: 2" under the notice
that passwords cannot be saved, and after a restart they were gone without a word); a keyring that refuses some
of them on OK is said before the dialog closes."""

from __future__ import annotations

import base64
import os

import keyring
import pytest
from PySide6.QtWidgets import QDialog
from test_site_manager import open_dialog, save_screen, settle

from ftpgui.sites.passwords import SERVICE, PasswordStore
from ftpgui.sites.store import SiteStore

from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("config")]


def sitemanager(path) -> str:
    """QA's file: two FTP sites with base64 passwords, one SFTP site."""

    def server(name: str, port: int, password: str) -> str:
        encoded = base64.b64encode(password.encode()).decode()
        return (
            f"<Server><Host>127.0.0.1</Host><Port>{port}</Port><Protocol>0</Protocol><Logontype>1</Logontype>"
            f'<User>alice</User><Pass encoding="base64">{encoded}</Pass><Name>{name}</Name></Server>'
        )

    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><FileZilla3><Servers><Folder>Work'
        + server("Server one", 2121, "pw-one")
        + server("Server two", 2122, "pw-two")
        + "</Folder><Server><Host>127.0.0.1</Host><Protocol>1</Protocol><Name>SFTP box</Name></Server>"
        "</Servers></FileZilla3>",
        "utf-8",
    )
    return str(path)


def store() -> SiteStore:
    s = SiteStore()
    s.load()
    return s


def import_from_filezilla(qtbot, dialog, path: str) -> str:
    """Import → From FileZilla, the file chosen in the file dialog; the summary once read."""
    chooser = dialog.choose_filezilla_file()
    chooser.selectFile(path)
    chooser.accept()
    settle(qtbot, dialog)
    return dialog.status.text()


def test_without_a_usable_keyring_the_import_says_the_passwords_are_not_saved(qtbot, memory_keyring, tmp_path):  # noqa: F811
    from keyrings.alt.file import PlaintextKeyring

    plain = PlaintextKeyring()
    plain.file_path = str(tmp_path / "plaintext-keyring.cfg")
    keyring.set_keyring(plain)
    sites, passwords = store(), PasswordStore()
    dialog = open_dialog(qtbot, sites, passwords)
    assert dialog.keyring_ok is False and "plain-text file" in dialog.notice.text()
    status = import_from_filezilla(qtbot, dialog, sitemanager(tmp_path / "sitemanager.xml"))
    save_screen(dialog, "site_manager_imported_no_keyring.png")
    assert "Sites imported: 2; skipped: 1." in status
    assert "Passwords NOT saved: 2 (keyrings.alt.file.PlaintextKeyring keeps passwords in a plain-text file)" in status
    assert "you will be asked for them when you connect" in status
    assert "keyring:" not in status and "keyring when" not in status
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
    assert not os.path.exists(plain.file_path)
    for folder, _dirs, files in os.walk(tmp_path):  # never in clear anywhere
        for name in files:
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            assert b"pw-one" not in data and b"pw-two" not in data, name


def test_with_a_keyring_the_import_says_how_many_it_takes(qtbot, memory_keyring, tmp_path):  # noqa: F811
    sites, passwords = store(), PasswordStore()
    dialog = open_dialog(qtbot, sites, passwords)
    status = import_from_filezilla(qtbot, dialog, sitemanager(tmp_path / "sitemanager.xml"))
    assert "Sites imported: 2; skipped: 1." in status
    assert "Passwords to save in the system keyring when you press OK or Connect: 2." in status
    assert "NOT saved" not in status
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
    assert sorted(memory_keyring.entries.values()) == ["pw-one", "pw-two"]
    assert {user for service, user in memory_keyring.entries} == {s.id for s in sites.sites()}
    assert {service for service, user in memory_keyring.entries} == {SERVICE}


def test_a_keyring_refusing_an_imported_password_on_ok_is_said(qtbot, memory_keyring, tmp_path):  # noqa: F811
    sites, passwords = store(), PasswordStore()
    dialog = open_dialog(qtbot, sites, passwords)
    import_from_filezilla(qtbot, dialog, sitemanager(tmp_path / "sitemanager.xml"))
    setter = memory_keyring.set_password

    def then_locked(service: str, username: str, password: str) -> None:
        setter(service, username, password)
        memory_keyring.locked = True  # the keyring locks after the first password

    memory_keyring.set_password = then_locked
    dialog.save_and_close()
    settle(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    status = dialog.status.text()
    assert "Imported passwords saved in the system keyring: 1; NOT saved: 1 (" in status and "locked" in status
    assert len(memory_keyring.entries) == 1
    refused = next(s.id for s in sites.sites() if (SERVICE, s.id) not in memory_keyring.entries)
    assert passwords.get(refused) in ("pw-one", "pw-two")  # kept for this run, in memory only
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
