"""Preferences: defaults, a round trip through the file, bad values refused in words."""

from __future__ import annotations

import json

import pytest

from ftpgui import settings
from ftpgui.settings import Preferences, PreferencesError


def test_defaults_when_there_is_no_file(tmp_path):
    prefs = settings.load(str(tmp_path / "none.json"))
    assert prefs == Preferences()
    assert prefs.quick_connect_tls == "auto"  # ftp:// and a bare host: FTP over TLS if available
    opts = prefs.session_options()
    assert opts.mode == "passive" and opts.timeout == 30.0 and opts.active_port_range is None


def test_round_trip(tmp_path):
    path = str(tmp_path / "settings.json")
    prefs = Preferences(
        default_mode="auto",
        active_port_range=(50000, 50100),
        active_external_address="192.0.2.7",
        transfer_connections=5,
        timeout=12,
        language="en",
        exists_default="rename",
        show_hidden=True,
        quick_connect_tls="require",
        follow_links=True,
    )
    settings.save(prefs, path)
    assert settings.load(path) == prefs
    with open(path) as f:
        data = json.load(f)
    assert data["version"] == 1 and data["active_port_range"] == [50000, 50100]
    opts = prefs.session_options()
    assert opts.active_external_address == "192.0.2.7" and opts.mode == "auto"


def test_the_file_honours_the_config_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path))
    settings.save(Preferences(timeout=9))
    assert (tmp_path / "settings.json").exists()
    assert settings.load().timeout == 9


@pytest.mark.parametrize(
    ("prefs", "words"),
    [
        (Preferences(default_mode="sideways"), "transfer mode"),
        (Preferences(active_port_range=(60000, 50000)), "port range"),
        (Preferences(active_port_range=(80, 90)), "port range"),
        (Preferences(transfer_connections=11), "between 1 and 10"),
        (Preferences(timeout=0), "timeout"),
        (Preferences(exists_default="explode"), "existing files"),
        (Preferences(quick_connect_tls="maybe"), "encryption choice for quick connect"),
        (Preferences(active_external_address="not an address"), "external address"),
    ],
)
def test_bad_values_are_refused_in_words(tmp_path, prefs, words):
    with pytest.raises(PreferencesError, match=words):
        settings.save(prefs, str(tmp_path / "s.json"))
    assert not (tmp_path / "s.json").exists()


def test_a_corrupt_file_is_named(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{nope")
    with pytest.raises(PreferencesError, match="not valid JSON"):
        settings.load(str(path))
    path.write_text(json.dumps({"version": 1, "transfer_connections": "many"}))
    with pytest.raises(PreferencesError, match="wrong kind"):
        settings.load(str(path))
    path.write_text("[" * 50_000 + "]" * 50_000)  # found by QA: a RecursionError the app did not start past
    with pytest.raises(PreferencesError, match="nested too deeply"):
        settings.load(str(path))
