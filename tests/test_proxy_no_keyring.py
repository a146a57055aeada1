"""The proxy's password field says plainly when no usable keyring can keep it, as the site's password field
does (design note 312; found by QA: "kept in the system keyring" with none usable). The suite's no-keyring
setup: keyrings.alt's plain-text file, which ftpgui refuses; the real site manager and preferences."""

from __future__ import annotations

import keyring
import pytest

from ftpgui.sites.passwords import PasswordStore
from ftpgui.sites.store import Site, SiteStore
from ftpgui.ui.main_window import MainWindow

from guihelpers import WAIT, close_window
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui
NONE_USABLE = "No usable keyring: you will be asked when you connect"  # (the site's own password field)
PROXY_NONE_USABLE = "No keyring: asked when you connect"  # (shorter: it was cut in the preferences, note 385)


@pytest.fixture
def plain_text_keyring(memory_keyring):  # noqa: F811 (restores the keyring afterwards)
    from keyrings.alt.file import PlaintextKeyring

    keyring.set_keyring(PlaintextKeyring())


def test_the_site_managers_proxy_password_says_no_usable_keyring(qtbot, tmp_path, plain_text_keyring):
    from ftpgui.ui.site_manager import SiteManagerDialog

    store = SiteStore(str(tmp_path / "sites.json"))
    store.add(Site(id="c" * 32, name="Work", host="ftp.example.com", user="me"))
    dialog = SiteManagerDialog(store, PasswordStore())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select("site", "c" * 32)
    qtbot.waitUntil(lambda: dialog.keyring_ok is False, timeout=WAIT)
    assert NONE_USABLE in dialog.password.placeholderText()  # (the site's own, as before)
    fields = dialog.proxy_fields
    fields.kind.setCurrentIndex(fields.kind.findData("socks5"))
    assert fields.host.isEnabled() and fields.user.isEnabled()
    assert fields.password.placeholderText() == PROXY_NONE_USABLE and not fields.password.isEnabled()
    assert "you will be asked for it when you connect" in fields.password.toolTip()


def test_the_preferences_proxy_password_says_no_usable_keyring(qtbot, tmp_path, monkeypatch, plain_text_keyring):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow()
    w.show()
    try:
        w.act_preferences.trigger()
        fields = w.prompt.proxy
        fields.kind.setCurrentIndex(fields.kind.findData("http"))
        qtbot.waitUntil(lambda: fields.password.placeholderText() == PROXY_NONE_USABLE, timeout=WAIT)
        assert not fields.password.isEnabled() and fields.host.isEnabled()
    finally:
        close_window(qtbot, w)


def test_with_a_usable_keyring_it_says_where_the_password_is_kept(qtbot, tmp_path, monkeypatch, memory_keyring):  # noqa: F811
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow()
    w.show()
    try:
        w.act_preferences.trigger()
        fields = w.prompt.proxy
        fields.kind.setCurrentIndex(fields.kind.findData("http"))
        qtbot.waitUntil(lambda: w.password_store().can_save is True, timeout=WAIT)
        qtbot.waitUntil(lambda: fields.password.isEnabled(), timeout=WAIT)
        assert fields.password.placeholderText() == "kept in the system keyring"
    finally:
        close_window(qtbot, w)
