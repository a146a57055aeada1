"""Import of FileZilla's sitemanager.xml: both layouts, every protocol code, every kind of password."""

from __future__ import annotations

import base64
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftpgui.sites import filezilla
from ftpgui.sites.filezilla import FileZillaError, decode_remote_dir, read_sitemanager


def server(name: str, *, new_layout: bool = True, password=None, encoding=None, **fields) -> str:
    """One <Server> element as FileZilla writes it (new layout: <Name>; old: the name as trailing text)."""
    parts = []
    fields.setdefault("Host", "ftp.example.com")
    for tag, value in fields.items():
        parts.append(f"<{tag}>{value}</{tag}>" if value != "" else f"<{tag} />")
    if password is not None:
        attr = f' encoding="{encoding}"' if encoding else ""
        parts.append(f"<Pass{attr}>{password}</Pass>")
    if new_layout:
        parts.append(f"<Name>{name}</Name>")
    return "<Server>" + "".join(parts) + f"{name}</Server>"


def document(*body: str, root: str = "FileZilla3") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} version="3.66.4" platform="windows">'
        f"<Servers>{''.join(body)}</Servers></{root}>"
    ).encode()


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


NEW_LAYOUT = document(
    '<Folder expanded="1">Work',
    '<Folder expanded="0">Clients',
    server(
        "Client A",
        Protocol=4,
        Port=2121,
        Logontype=1,
        User="alice",
        password=b64("bäse64-secret"),
        encoding="base64",
        PasvMode="MODE_ACTIVE",
        EncodingType="Custom",
        CustomEncoding="GBK",
        TimezoneOffset=-90,
        LocalDir="C:\\Users\\alice\\site",
        RemoteDir="1 0 3 pub 8 my files",
        Comments="main server",
    ),
    "</Folder>",
    server(
        "Locked",
        Protocol=0,
        Logontype=1,
        User="bob",
        password="AAAAB3NzaC1yc2EAAAADAQABAAAAgQ",
        encoding="crypt",
        PasvMode="MODE_PASSIVE",
        EncodingType="UTF-8",
    ),
    "</Folder>",
    server("Anon", Protocol=6, Logontype=0, User="anonymous", PasvMode="MODE_DEFAULT", EncodingType="Auto"),
    server("Implicit", Protocol=3, Logontype=2, User="carol"),
    server("Interactive", Protocol=0, Logontype=3, User="dave"),
    server("Secure shell", Protocol=1, Logontype=1, User="eve", password=b64("sftp-pw"), encoding="base64"),
)


def by_name(result):
    return {item.site.name: item for item in result.sites}


def test_new_layout_folders_protocols_and_passwords():
    result = read_sitemanager(NEW_LAYOUT)
    sites = by_name(result)
    assert result.folders == ["Work", "Work/Clients"]
    a = sites["Client A"]
    assert a.password == "bäse64-secret"
    s = a.site
    assert (s.folder, s.protocol, s.host, s.port, s.logon, s.user) == (
        "Work/Clients",
        "ftpes",
        "ftp.example.com",
        2121,
        "normal",
        "alice",
    )
    assert (s.mode, s.encoding, s.time_offset_minutes) == ("active", "GBK", -90)
    assert (s.local_dir, s.remote_dir, s.comments) == ("C:\\Users\\alice\\site", "/pub/my files", "main server")
    locked = sites["Locked"]
    assert locked.site.logon == "ask" and locked.password is None
    assert any("master password" in str(note) for note in locked.notes)
    assert (locked.site.folder, locked.site.mode, locked.site.encoding) == ("Work", "passive", "utf-8")
    anon = sites["Anon"].site
    assert (anon.protocol, anon.logon, anon.user, anon.mode, anon.encoding) == (
        "ftp-plain",
        "anonymous",
        "",
        "default",
        "auto",
    )
    implicit = sites["Implicit"].site
    assert (implicit.protocol, implicit.port, implicit.logon) == ("ftps", 990, "ask")
    assert sites["Interactive"].site.logon == "ask"
    assert [(sk.path, "SFTP" in str(sk.reason)) for sk in result.skipped] == [("Secure shell", True)]
    assert "sftp-pw" not in repr(result)  # passwords are not in any repr


@pytest.mark.parametrize(
    "code, expected",
    [(0, "ftp"), (3, "ftps"), (4, "ftpes"), (6, "ftp-plain")]
    + [(code, None) for code in (1, 2, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 99)],
)
def test_every_protocol_code(code, expected):
    result = read_sitemanager(document(server("S", Protocol=code, Logontype=0)))
    if expected is None:
        assert result.sites == []
        (skipped,) = result.skipped
        assert skipped.path == "S"
        name = filezilla.PROTOCOL_NAMES.get(code, f"protocol {code}")
        assert str(skipped.reason).startswith(name) and "not FTP" in skipped.reason.text()
    else:
        assert [item.site.protocol for item in result.sites] == [expected]
        assert result.skipped == []


def test_old_layout_plain_password_and_name_as_text():
    old = document(
        "<Folder>Legacy",
        server("Old box", new_layout=False, Port=21, Logontype=1, User="olduser", password="plain & simple"),
        "</Folder>",
        server("No protocol element", new_layout=False, Logontype=0),
    ).replace(b"plain & simple", b"plain &amp; simple")
    result = read_sitemanager(old)
    sites = by_name(result)
    assert sites["Old box"].password == "plain & simple"
    assert sites["Old box"].site.folder == "Legacy" and sites["Old box"].site.logon == "normal"
    assert sites["No protocol element"].site.protocol == "ftp"


def test_odd_values_become_notes_not_crashes():
    result = read_sitemanager(
        document(
            server(
                "Odd",
                Logontype=1,
                User="u",
                password="!!!notbase64",
                encoding="base64",
                EncodingType="Custom",
                CustomEncoding="no-such-codec",
                TimezoneOffset=99999,
                Port=70000,
                RemoteDir="1 0 9 short",
            ),
            server("Account", Logontype=4, User="acct", password="pw"),
            server("No password saved", Logontype=1, User="u"),
            server("Nowhere", Host=""),
        )
    )
    sites = by_name(result)
    odd = sites["Odd"]
    assert odd.site.logon == "ask" and odd.password is None
    assert (odd.site.encoding, odd.site.time_offset_minutes, odd.site.port, odd.site.remote_dir) == ("auto", 0, 21, "")
    assert len(odd.notes) == 5
    assert sites["Account"].password == "pw" and any("ACCT" in str(n) for n in sites["Account"].notes)
    assert sites["No password saved"].site.logon == "ask"
    assert [(s.path, str(s.reason)) for s in result.skipped] == [("Nowhere", "it has no host")]


@pytest.mark.parametrize(
    "value, path",
    [
        ("", ""),
        ("1 0", "/"),
        ("1 0 3 pub", "/pub"),
        ("1 0 3 pub 4 test", "/pub/test"),
        ("1 0 8 my files 3 a b", "/my files/a b"),
        ("0 0 4 home", "/home"),
        ("3 0 2 C: 5 Users", "C:\\Users"),
        ("3 0 2 C:", "C:\\"),
        ("2 5 DISK: 3 DIR 3 SUB", "DISK:[DIR.SUB]"),
        ("1 0 4 中文目录", "/中文目录"),
    ],
)
def test_remote_dir_decoding(value, path):
    assert decode_remote_dir(value) == path


@pytest.mark.parametrize("value", ["x 0", "1 0 9 short", "1 0 3 pubX", "1 0 -1 a", "1"])
def test_remote_dir_that_does_not_add_up(value):
    with pytest.raises(ValueError):
        decode_remote_dir(value)


@pytest.mark.parametrize(
    "data, words",
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<FileZilla3><Servers/></FileZilla3>",
            "DOCTYPE",
        ),
        (b'<!DOCTYPE FileZilla3 SYSTEM "file:///etc/passwd"><FileZilla3><Servers/></FileZilla3>', "DOCTYPE"),
        (b"<FileZilla3><Servers>", "not well-formed"),
        (b"<html><body/></html>", "not a FileZilla site list"),
        (b"<FileZilla3><Settings/></FileZilla3>", "no <Servers>"),
    ],
)
def test_bad_files_are_refused_in_words(data, words):
    with pytest.raises(FileZillaError, match=words):
        read_sitemanager(data)


def test_import_file_reads_utf16_and_reports_missing_files(tmp_path):
    path = tmp_path / "sitemanager.xml"
    text = NEW_LAYOUT.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path.write_bytes(text.encode("utf-16"))
    assert len(filezilla.import_file(str(path)).sites) == 5
    with pytest.raises(FileZillaError, match="could not read"):
        filezilla.import_file(str(tmp_path / "nope.xml"))


def test_finds_the_file_in_filezillas_usual_places(tmp_path):
    home = tmp_path / "home"
    linux = {"HOME": str(home)}
    assert filezilla.candidate_paths(linux, "linux") == [
        str(home / ".config/filezilla/sitemanager.xml"),
        str(home / ".filezilla/sitemanager.xml"),
    ]
    assert filezilla.find_sitemanager(linux, "linux") is None
    old = home / ".filezilla" / "sitemanager.xml"
    old.parent.mkdir(parents=True)
    old.write_bytes(NEW_LAYOUT)
    assert filezilla.find_sitemanager(linux, "linux") == str(old)
    new = home / ".config" / "filezilla" / "sitemanager.xml"
    new.parent.mkdir(parents=True)
    new.write_bytes(NEW_LAYOUT)
    assert filezilla.find_sitemanager(linux, "linux") == str(new)
    xdg = {"HOME": str(home), "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    assert filezilla.candidate_paths(xdg, "linux")[0] == str(tmp_path / "xdg" / "filezilla" / "sitemanager.xml")
    assert filezilla.find_sitemanager({"HOME": str(home)}, "darwin") == str(new)
    appdata = tmp_path / "AppData" / "Roaming"
    windows = {"APPDATA": str(appdata), "USERPROFILE": str(tmp_path)}
    assert filezilla.candidate_paths(windows, "win32")[0] == os.path.join(str(appdata), "FileZilla", "sitemanager.xml")


@settings(deadline=None, max_examples=300)
@given(st.binary(max_size=400))
def test_any_bytes_give_sites_or_a_filezilla_error(data):
    try:
        result = read_sitemanager(data)
    except FileZillaError:
        return
    assert isinstance(result, filezilla.FileZillaImport)


@settings(deadline=None, max_examples=300)
@given(
    st.lists(
        st.sampled_from(["<Folder>", "</Folder>", "<Server>", "</Server>", "x", "<Host>h</Host>", "<Protocol>1"])
        | st.sampled_from(["</Protocol>", "<Pass encoding='base64'>", "</Pass>", "<RemoteDir>1 0 3", "</RemoteDir>"])
        | st.text(max_size=8),
        max_size=30,
    )
)
def test_any_server_list_gives_sites_or_a_filezilla_error(parts):
    data = ("<FileZilla3><Servers>" + "".join(parts) + "</Servers></FileZilla3>").encode("utf-8")
    try:
        result = read_sitemanager(data)
    except FileZillaError:
        return
    for item in result.sites:
        assert item.site.protocol in ("ftp", "ftps", "ftpes", "ftp-plain") and item.site.host


@settings(deadline=None, max_examples=500)
@given(st.text(max_size=60))
def test_remote_dir_decoder_returns_text_or_value_error(value):
    try:
        assert isinstance(decode_remote_dir(value), str)
    except ValueError:
        pass
