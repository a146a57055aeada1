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
