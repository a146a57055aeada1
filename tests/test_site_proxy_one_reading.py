"""A saved site's proxy setting is read in one place (design note 477): the Site Manager's account for a password
remembered for the run (note 454: the account and the proxy the login goes through) and the site's connection
(``Site.session_options``) had each their own reading of "none", "default" and a URL, and they differed — an empty
setting (a hand-edited sites.json) was "the preferences' proxy" for the password's account and an unusable URL for
the connection (the site refused). Now both go through ``Site.proxy_via``. The real Site Manager, no keyring."""

from __future__ import annotations

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.proxy import parse_proxy
from ftpgui.sites.passwords import PasswordStore, account
from ftpgui.sites.store import Site, SiteError, SiteStore
from ftpgui.ui.site_manager import SiteManagerDialog

from memkeyring import memory_keyring  # noqa: F401 (fixture)

PREFERENCES = "socks5://127.0.0.1:1080"  # the preferences' proxy


@pytest.mark.parametrize("setting", ["default", "none", "http://Proxy.example:3128", ""])
def test_the_site_managers_account_is_the_one_the_sites_connection_goes_through(
    qtbot,
    tmp_path,
    monkeypatch,
    memory_keyring,  # noqa: F811
    setting,
):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    store = SiteStore()
    site = Site(id="s1", name="Box", host="127.0.0.1", user="u", proxy=setting)
    store.add(site)
    passwords = PasswordStore()
    through_preferences = account(site, PREFERENCES)
    passwords.remember_for_session("s1", "secret", through_preferences)
    dialog = SiteManagerDialog(store, passwords, default_proxy=lambda: PREFERENCES)
    qtbot.addWidget(dialog)
    try:
        connection = site.session_options(SessionOptions(proxy=parse_proxy(PREFERENCES))).proxy
    except SiteError:
        connection = None  # no connection is made: its password is no other proxy's account
        assert setting == ""
        assert dialog._account(site) != through_preferences
        assert not dialog._remembered_only("s1")  # (on the code before: "remembered", through the preferences')
    else:
        assert dialog._account(site) == account(site, connection)
        assert dialog._remembered_only("s1") == (setting == "default")
