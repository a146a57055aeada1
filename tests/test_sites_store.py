"""The site store (JSON file, folders, recent servers, export) and the keyring-only password store."""

from __future__ import annotations

import json
import os

import keyring
import pytest
from keyring.backend import KeyringBackend

from ftpgui.ftp import SessionOptions
from ftpgui.sites import exchange
from ftpgui.sites.passwords import SERVICE, PasswordStore, PasswordUnavailable, account, refusal
from ftpgui.sites.store import RecentServer, Site, SiteError, SiteStore, validate

from memkeyring import MemoryKeyring, memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("config")  # (each test: a config folder of its own)


def site(**kw) -> Site:
    base = dict(id="s1", name="Example", host="ftp.example.com", user="bob")
    base.update(kw)
    return Site(**base)


# --- the file -------------------------------------------------------------------------------------------
def test_save_and_load_round_trip(config):
    store = SiteStore()
    store.add(site(folder=" Work // Clients ", encoding="gbk", mode="active", time_offset_minutes=-90))
    store.add(site(id="s2", name="Anon", logon="anonymous", user=""))
    store.add_folder("Empty/Nested")
    store.remember_recent("127.0.0.1", 2121, "alice")
    store.save()
    path = config / "sites.json"
    data = json.loads(path.read_text("utf-8"))
    assert data["version"] == 1
    assert {s["id"] for s in data["sites"]} == {"s1", "s2"}
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    again = SiteStore()
    again.load()
    loaded = again.get("s1")
    assert loaded == site(folder="Work/Clients", encoding="gbk", mode="active", time_offset_minutes=-90)
    assert again.folders() == ["Empty", "Empty/Nested", "Work", "Work/Clients"]
    assert again.recent() == [RecentServer("127.0.0.1", 2121, "alice")]
    assert [s.name for s in again.sites()] == ["Anon", "Example"]


def test_missing_file_is_an_empty_store(tmp_path):
    store = SiteStore(str(tmp_path / "none.json"))
    store.load()
    assert store.sites() == [] and store.folders() == [] and store.recent() == []


@pytest.mark.parametrize(
    "content, words",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "no version"),
        ('{"version": 99}', "newer ftpgui"),
        ('{"version": 1, "sites": [{"id": "x", "name": "n", "port": "21"}]}', "site 1: site field 'port'"),
        ('{"version": 1, "sites": ["x"]}', "must be a JSON object"),
        # found by QA: each of these stopped the app at its start (a TypeError, a RecursionError)
        ('{"version": 1, "sites": 5}', "“sites” is not a list"),
        ('{"version": 1, "folders": 5}', "“folders” is not a list"),
        ('{"version": 1, "recent": 5}', "“recent” is not a list"),
        ('{"version": 1, "sites": ' + "[" * 50_000 + "]" * 50_000 + "}", "nested too deeply"),
    ],
)
def test_damaged_file_is_refused_in_words(tmp_path, content, words):
    path = tmp_path / "sites.json"
    path.write_text(content, "utf-8")
    with pytest.raises(ValueError, match=words):
        SiteStore(str(path)).load()


def test_save_is_atomic_and_leaves_no_temp_files(config):
    store = SiteStore()
    store.add(site())
    store.save()
    store.add(site(id="s2", name="Second"))
    store.save()
    assert sorted(os.listdir(config)) == ["sites.json"]


# --- folders --------------------------------------------------------------------------------------------
def test_folders_move_and_remove():
    store = SiteStore()
    store.add(site(id="a", folder="Work/Clients"))
    store.add(site(id="b", folder="Work"))
    store.add(site(id="c", folder="Home"))
    store.move_folder("Work", "Archive/Work")
    assert store.get("a").folder == "Archive/Work/Clients"
    assert store.get("b").folder == "Archive/Work"
    assert store.folders() == ["Archive", "Archive/Work", "Archive/Work/Clients", "Home"]
    with pytest.raises(ValueError, match="into itself"):
        store.move_folder("Archive", "Archive/Work/Deeper")
    assert sorted(store.remove_folder("Archive")) == ["a", "b"]
    assert [s.id for s in store.sites()] == ["c"]
    assert store.folders() == ["Home"]


# --- validation, endpoint, options ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "changes, problem",
    [
        ({"name": " "}, ("name", "empty")),
        ({"name": "a/b"}, ("name", "slash")),
        ({"host": ""}, ("host", "empty")),
        ({"host": "ftp example"}, ("host", "space")),
        ({"port": 0}, ("port", "range")),
        ({"port": 65536}, ("port", "range")),
        ({"user": "", "logon": "normal"}, ("user", "empty")),
        ({"user": "", "logon": "ask"}, ("user", "empty")),
        ({"protocol": "sftp"}, ("protocol", "unknown")),
        ({"mode": "fast"}, ("mode", "unknown")),
        ({"encoding": "no-such-codec"}, ("encoding", "unknown")),
        ({"time_offset_minutes": 25 * 60}, ("time_offset_minutes", "range")),
        ({"time_offset_minutes": 24 * 60}, ("time_offset_minutes", "range")),  # the engine's zones end short of 24 h
        ({"time_offset_minutes": -24 * 60}, ("time_offset_minutes", "range")),
        ({"connections": 0}, ("connections", "range")),
        ({"connections": 11}, ("connections", "range")),
    ],
)
def test_validation(changes, problem):
    assert validate(site()) == []
    assert problem in validate(site(**changes))


def test_anonymous_needs_no_user():
    assert validate(site(logon="anonymous", user="")) == []


def test_endpoint_and_session_options():
    s = site(port=2121, mode="active", encoding="gbk")
    ep = s.endpoint("pw")
    assert (ep.host, ep.port, ep.user, ep.password) == ("ftp.example.com", 2121, "bob", "pw")
    assert "pw" not in repr(ep)
    opts = s.session_options(SessionOptions(mode="passive", timeout=7))
    assert (opts.mode, opts.encoding, opts.timeout) == ("active", "gbk", 7)
    # "default" keeps the preference's mode; the encoding "auto" is the engine's auto (UTF-8 when advertised)
    opts = site(mode="default", encoding="auto").session_options(SessionOptions(mode="auto", encoding="latin-1"))
    assert (opts.mode, opts.encoding) == ("auto", "auto")
    opts = site(encoding="auto:gbk", time_offset_minutes=480).session_options(SessionOptions())
    assert (opts.encoding, opts.server_time_offset) == ("auto:gbk", 480)
    anon = site(logon="anonymous", user="").endpoint("")
    assert anon.user == "anonymous" and anon.password


@pytest.mark.parametrize("minutes", [-24 * 60 + 1, -90, 0, 480, 24 * 60 - 1])
def test_a_valid_time_offset_is_one_the_engine_takes(minutes):
    assert validate(site(time_offset_minutes=minutes)) == []
    assert site(time_offset_minutes=minutes).session_options(SessionOptions()).server_time_offset == minutes


def test_session_options_refuse_invalid_site_and_missing_tls():
    with pytest.raises(SiteError, match="host is empty"):
        site(host="").session_options(SessionOptions())
    if "tls" not in SessionOptions.__dataclass_fields__:
        for protocol in ("ftpes", "ftps"):  # never a silent fall back to plain FTP
            with pytest.raises(SiteError, match="requires FTP over TLS"):
                site(protocol=protocol).session_options(SessionOptions())


# --- recent servers -------------------------------------------------------------------------------------
def test_recent_servers_are_deduplicated_capped_and_savable():
    store = SiteStore()
    for i in range(12):
        store.remember_recent(f"10.0.0.{i}", 21, "u")
    store.remember_recent("10.0.0.5", 21, "u")
    recent = store.recent()
    assert len(recent) == 10
    assert recent[0] == RecentServer("10.0.0.5", 21, "u")
    assert recent.count(RecentServer("10.0.0.5", 21, "u")) == 1
    as_site = RecentServer("127.0.0.1", 2121, "alice").to_site()
    assert (as_site.host, as_site.port, as_site.user, as_site.logon) == ("127.0.0.1", 2121, "alice", "normal")
    assert RecentServer("127.0.0.1", 21, "anonymous").to_site().logon == "anonymous"
    assert "password" not in json.dumps(store.to_json()["recent"])


# --- export ---------------------------------------------------------------------------------------------
def test_export_has_no_passwords_or_ids_and_reads_back(tmp_path, memory_keyring):  # noqa: F811
    passwords = PasswordStore()
    s = site(folder="Work")
    passwords.set(s.id, "export-secret-42")
    target = tmp_path / "out.json"
    assert exchange.export_sites(str(target), [s], ["Work", "Empty"]) == 1
    text = target.read_text("utf-8")
    assert "export-secret-42" not in text and s.id not in text
    sites, folders = exchange.read_export(str(target))
    assert folders == ["Empty", "Work"]
    assert len(sites) == 1 and sites[0].id != s.id
    assert dataclass_without_id(sites[0]) == dataclass_without_id(s)
    (tmp_path / "bad.json").write_text('{"version": 1}', "utf-8")
    with pytest.raises(ValueError, match="not an ftpgui site export"):
        exchange.read_export(str(tmp_path / "bad.json"))


def dataclass_without_id(s: Site) -> dict:
    d = s.to_json()
    del d["id"]
    return d


# --- passwords ------------------------------------------------------------------------------------------
def test_passwords_live_in_the_keyring_under_service_ftpgui(memory_keyring):  # noqa: F811
    store = PasswordStore()
    assert store.usable() == (True, "memkeyring.MemoryKeyring")
    assert store.get("s1") is None
    store.set("s1", "pässwörd")
    assert memory_keyring.entries == {(SERVICE, "s1"): "pässwörd"}
    assert store.get("s1") == "pässwörd"
    store.delete("s1")
    store.delete("s1")  # no entry: not an error
    assert memory_keyring.entries == {}


def test_assign_names_the_sites_gone_and_leaves_their_passwords_to_the_caller(memory_keyring):  # noqa: F811
    """The store never touches the keyring: the site manager deletes a deleted site's password itself, with its
    other keyring writes, after a duplicate of it has copied it (the store's own deletion, on another thread,
    could run first - and the app's store had no keyring at all, so nothing was deleted - found by QA)."""
    passwords = PasswordStore()
    store = SiteStore()
    store.add(site())
    store.add(site(id="s2", name="Other"))
    passwords.set("s1", "the-caller-deletes-it")
    kept = store.get("s2")
    assert store.assign([kept], ["Empty"]) == ["s1"]
    assert [s.id for s in store.sites()] == ["s2"] and store.folders() == ["Empty"]
    assert memory_keyring.entries == {(SERVICE, "s1"): "the-caller-deletes-it"}
    assert store.assign([kept], []) == []


def test_locked_keyring_raises_words_without_the_password(memory_keyring):  # noqa: F811
    store = PasswordStore()
    memory_keyring.locked = True
    with pytest.raises(PasswordUnavailable, match="locked") as info:
        store.set("s1", "locked-secret")
    assert "locked-secret" not in str(info.value)
    with pytest.raises(PasswordUnavailable, match="locked"):
        store.get("s1")


def test_remember_until_the_app_closes_is_memory_only(memory_keyring):  # noqa: F811
    store = PasswordStore()
    memory_keyring.locked = True
    store.remember_for_session("s1", "session-only")
    assert store.get("s1") == "session-only"
    assert memory_keyring.entries == {}
    store.forget_session()
    with pytest.raises(PasswordUnavailable):
        store.get("s1")


def test_a_password_remembered_for_the_run_is_given_only_for_the_account_it_was_typed_for():
    """Design note 378: once the site names another host, port or user, the one typed before is forgotten — read
    for the new account, and for the old one after."""
    store = PasswordStore()
    store.remember_for_session("s1", "typed-once", account(Site(id="s1", name="W", host="FTP.Example", user="me")))
    assert store.remembered("s1", ("ftp.example", 21, "me")) == "typed-once"  # (any way of connecting to it)
    assert store.get("s1", ("ftp.example", 21, "me")) == "typed-once"
    assert store.remembered("s1", ("ftp.example", 2121, "me")) is None  # its port changed
    assert store.remembered("s1", ("ftp.example", 21, "me")) is None  # forgotten, not kept aside
    store.remember_for_session("s1", "again", ("ftp.example", 21, "me"))
    store.forget("s1")  # the server refused it
    assert store.remembered("s1") is None


class PlaintextKeyring(KeyringBackend):
    """Looks like keyrings.alt's: high priority on purpose, refused for its kind alone."""

    priority = 5  # type: ignore[assignment]

    def get_password(self, service, username):
        raise AssertionError("a plaintext backend must never be asked")

    def set_password(self, service, username, password):
        raise AssertionError("a plaintext backend must never be given a password")

    def delete_password(self, service, username):
        raise AssertionError("a plaintext backend must never be used")


class WeakKeyring(MemoryKeyring):
    priority = 0.5  # type: ignore[assignment]


def test_plaintext_fail_null_and_low_priority_backends_are_refused():
    from keyring.backends import fail, null

    assert refusal(PlaintextKeyring()).code == "plaintext"
    assert refusal(WeakKeyring()).code == "low-priority" and "priority 0.5" in refusal(WeakKeyring()).text()
    assert refusal(fail.Keyring()) and refusal(null.Keyring())
    assert refusal(MemoryKeyring()) is None
    for backend in (PlaintextKeyring(), WeakKeyring(), fail.Keyring(), null.Keyring()):
        store = PasswordStore(backend)
        ok, reason = store.usable()
        assert not ok and reason == str(store.status())
        with pytest.raises(PasswordUnavailable):
            store.set("s1", "never-written")


def test_keyrings_alt_plaintext_is_refused():
    from keyrings.alt import file

    assert "plain-text file" in str(refusal(file.PlaintextKeyring()))
    store = PasswordStore(file.PlaintextKeyring())
    assert not store.usable()[0]


def test_chainer_uses_the_best_acceptable_backend(memory_keyring):  # noqa: F811
    from keyring.backends import chainer

    good = MemoryKeyring()
    chain = type("Chain", (chainer.ChainerBackend,), {"backends": [PlaintextKeyring(), good, WeakKeyring()]})
    keyring.set_keyring(chain())
    store = PasswordStore()
    store.set("s1", "chained")
    assert good.entries == {(SERVICE, "s1"): "chained"}


def test_recent_servers_keep_the_scheme(config):
    store = SiteStore()
    store.remember_recent("127.0.0.1", 990, "alice", "ftps")
    store.remember_recent("127.0.0.1", 21, "bob", "ftpes")
    store.remember_recent("127.0.0.1", 21, "bob", "ftp")  # the same server reached again, now as ftp://
    store.remember_recent("127.0.0.1", 2121, "carol", "gopher")  # not a scheme: plain ftp://
    store.save()
    again = SiteStore()
    again.load()
    assert again.recent() == [
        RecentServer("127.0.0.1", 2121, "carol", "ftp"),
        RecentServer("127.0.0.1", 21, "bob", "ftp"),
        RecentServer("127.0.0.1", 990, "alice", "ftps"),
    ]
    assert [RecentServer("h", 21, "u", scheme).to_site().protocol for scheme in ("ftp", "ftpes", "ftps")] == [
        "ftp",
        "ftpes",
        "ftps",
    ]


# --- servers always allowed plain FTP -------------------------------------------------------------------
def test_plain_store_per_host_and_port_saved_atomically(config):
    from ftpgui.sites.plain import PlainStore

    store = PlainStore()
    assert not store.allow_plain("Example.org", 21, "not-offered")
    store.allow("Example.org", 21)
    store.allow("::1", 2121)
    again = PlainStore()  # read from the config folder afresh
    assert again.allow_plain("example.org", 21, "refused") and again.is_allowed("::1", 2121)
    assert not again.is_allowed("example.org", 2121) and not again.is_allowed("example.net", 21)
    assert again.servers() == [("::1", 2121), ("example.org", 21)]
    assert sorted(os.listdir(config)) == ["plain-ftp-allowed.json"]  # no temporary file left behind
    assert oct(os.stat(config / "plain-ftp-allowed.json").st_mode & 0o777) == "0o600"
    again.remove("EXAMPLE.org", 21)
    assert PlainStore().servers() == [("::1", 2121)]


def test_plain_store_unreadable_file_is_a_clear_error_and_allows_nothing(config):
    from ftpgui.sites.plain import PlainStore, PlainStoreError

    config.mkdir(parents=True)
    (config / "plain-ftp-allowed.json").write_text("{not json")
    with pytest.raises(PlainStoreError, match="Could not read the servers allowed plain FTP"):
        PlainStore().servers()
    assert PlainStore().allow_plain("h", 21, "not-offered") is False  # the person is asked instead
    (config / "plain-ftp-allowed.json").write_text("[]")
    with pytest.raises(PlainStoreError, match="is not a list of servers allowed plain FTP"):
        PlainStore().is_allowed("h", 21)
