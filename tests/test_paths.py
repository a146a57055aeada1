"""Atomic writes and the config folder."""

from __future__ import annotations

import os

import pytest

from ftpgui import paths


def test_config_dir_override(monkeypatch, tmp_path):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "cfg"))
    assert paths.config_path("sites.json") == str(tmp_path / "cfg" / "sites.json")


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "deep" / "x.json"
    paths.atomic_write_json(str(target), {"version": 1, "name": "站点"})
    paths.atomic_write_json(str(target), {"version": 2})
    assert paths.read_json(str(target)) == {"version": 2}
    assert os.listdir(target.parent) == ["x.json"]
    assert (target.stat().st_mode & 0o777) == 0o600
    assert paths.read_json(str(tmp_path / "missing.json"), default=[]) == []


def test_json_keeps_names_valid_in_no_codec(tmp_path):
    # a server name with bytes no codec reads is text with lone surrogates (surrogateescape)
    value = {"remote": "/dir/\udcff\udcfe raw.bin", "local": "站点\\\udc80", "plain": "名"}
    target = tmp_path / "q.json"
    paths.atomic_write_json(str(target), value)
    assert paths.read_json(str(target)) == value
    assert "名" in target.read_text(encoding="utf-8")  # other text stays readable


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "x.json"
    paths.atomic_write_json(str(target), {"version": 1})
    with pytest.raises(TypeError):
        paths.atomic_write_json(str(target), {"bad": object()})
    assert paths.read_json(str(target)) == {"version": 1}
    assert os.listdir(tmp_path) == ["x.json"]


@pytest.fixture
def open_umask():
    """umask 000 for the test (what a careless login shell or service manager may give), restored after."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path) -> int:
    return os.stat(path).st_mode & 0o777


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_config_folder_is_private_under_umask_000(monkeypatch, tmp_path, open_umask):
    monkeypatch.delenv("FTPGUI_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))  # platformdirs' own choice
    from ftpgui import settings

    settings.save(settings.Preferences())
    folder = paths.config_dir()
    assert folder == str(tmp_path / "home" / ".config" / "ftpgui")
    assert _mode(folder) == 0o700
    assert _mode(tmp_path / "home" / ".config") == 0o700  # the parent it had to create too
    assert _mode(paths.config_path(settings.FILE_NAME)) == 0o600


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_an_existing_loose_config_folder_is_narrowed(monkeypatch, tmp_path, open_umask):
    folder = tmp_path / "cfg"
    folder.mkdir(0o777)
    os.chmod(folder, 0o777)
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(folder))
    paths.atomic_write_json(paths.config_path("sites.json"), {"version": 1})
    assert _mode(folder) == 0o700


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_make_private_dir_creates_every_missing_level_0700(tmp_path, open_umask):
    target = tmp_path / "a" / "b" / "c"
    assert paths.make_private_dir(str(target)) == str(target)
    for level in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert _mode(level) == 0o700
    os.chmod(tmp_path, 0o755)
    paths.make_private_dir(str(target))
    assert _mode(tmp_path) == 0o755  # a folder that was there already and is not the one asked for: left be


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_translation_cache_folder_is_private(monkeypatch, tmp_path, open_umask):
    from ftpgui import i18n

    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    ts = i18n.ts_file("zh_CN")
    assert ts is not None
    copy = tmp_path / "src" / ts.name  # a .ts with no .qm beside it: compiled into the cache
    copy.parent.mkdir()
    copy.write_bytes(ts.read_bytes())
    qm = i18n.compiled(copy)
    assert qm.parent == tmp_path / "cache" / "translations"
    assert _mode(qm.parent) == 0o700 and _mode(tmp_path / "cache") == 0o700
