"""Passwords through a REAL Secret Service: gnome-keyring in a private D-Bus session, started by a fixture.

The fixture starts ``dbus-run-session`` with ``gnome-keyring-daemon --unlock --components=secrets`` (a
throwaway password on its stdin), HOME and the XDG folders inside the test's temporary folder; each step runs
in a subprocess on that bus (``secretservice_child.py``). Never the developer's own keyring.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from typing import Optional

import pytest

from conftest import need
from ftpserver import PASSWORD, USER

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CHILD = os.path.join(HERE, "secretservice_child.py")

SESSION_SCRIPT = r"""
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
printf %s "$KEYRING_UNLOCK" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 3
unset KEYRING_UNLOCK
echo "$DBUS_SESSION_BUS_ADDRESS" > "$READY_FILE.tmp" && mv "$READY_FILE.tmp" "$READY_FILE"
exec cat >/dev/null   # keeps the session until the test closes our stdin
"""


class SecretService:
    """A private session bus with an unlocked gnome-keyring; ``run(...)`` runs the child on it."""

    def __init__(self, home: str, env: dict, unlock_password: str):
        self.home = home
        self.env = env
        self._unlock_password = unlock_password  # (given only to the child that unlocks)

    def run(self, *args: str, env: Optional[dict] = None) -> dict:
        proc = subprocess.run(
            [sys.executable, CHILD, *args], env=env or self.env, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def unlock(self) -> dict:
        """Unlock the default collection with its password, as the keyring's unlock prompt would."""
        return self.run("unlock", env={**self.env, "KEYRING_UNLOCK": self._unlock_password})


@pytest.fixture
def secret_service(tmp_path):
    need(shutil.which("dbus-run-session") is not None, "dbus-run-session is not installed (Debian: dbus)")
    need(shutil.which("gnome-keyring-daemon") is not None, "gnome-keyring-daemon is not installed (gnome-keyring)")
    home = tmp_path / "home"
    home.mkdir()
    ready = tmp_path / "bus-address"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "XDG_", "GNOME_KEYRING", "DISPLAY"))}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(tmp_path / "run"),
        FTPGUI_CONFIG_DIR=str(home / ".config" / "ftpgui"),
        PYTHONPATH=os.pathsep.join([ROOT, HERE]),
        QT_QPA_PLATFORM="offscreen",
        READY_FILE=str(ready),
        KEYRING_UNLOCK="throwaway-unlock-" + os.urandom(6).hex(),
    )
    log = open(tmp_path / "session.log", "wb")
    proc = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", SESSION_SCRIPT],
        env=env,
        stdin=subprocess.PIPE,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        while not ready.exists() and proc.poll() is None:
            time.sleep(0.05)
        started = ready.exists()
        if not started:
            log.flush()
            need(False, "the private Secret Service did not start: " + (tmp_path / "session.log").read_text()[-500:])
        child_env = {k: v for k, v in env.items() if k not in ("READY_FILE", "KEYRING_UNLOCK")}
        child_env["DBUS_SESSION_BUS_ADDRESS"] = ready.read_text().strip()
        yield SecretService(str(home), child_env, env["KEYRING_UNLOCK"])
    finally:
        if proc.poll() is None:
            proc.stdin.close()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def test_secret_service_store_get_delete(secret_service):
    backend = secret_service.run("backend")
    assert backend == {"ok": True, "name": "keyring.backends.SecretService.Keyring"}
    assert secret_service.run("get", "site-1") == {"password": None}
    secret_service.run("set", "site-1", "real-keyring-pässword")
    # another process on the same session reads what the first one saved: it is in the daemon
    assert secret_service.run("get", "site-1") == {"password": "real-keyring-pässword"}
    secret_service.run("delete", "site-1")
    assert secret_service.run("get", "site-1") == {"password": None}
    secret_service.run("delete", "site-1")  # deleting what is gone is fine


def test_locked_secret_service_is_reported_as_locked(secret_service):
    secret_service.run("set", "site-1", "behind-the-lock")
    assert secret_service.run("lock") == {"locked": True}
    # no display in the session, so the unlock prompt cannot appear: the keyring answers "locked"
    assert secret_service.run("get", "site-1") == {"error": "locked"}


def password_forms(password: str):
    raw = password.encode("utf-8")
    forms = {
        "plain": raw,
        "base64": base64.b64encode(raw),
        "json-escaped": json.dumps(password)[1:-1].encode("ascii"),
        "utf-16": password.encode("utf-16-le"),
    }
    return forms


def files_containing(folder: str, password: str):
    hits = []
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(dirpath, name)
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            for form, needle in password_forms(password).items():
                if needle in data:
                    hits.append((os.path.relpath(path, folder), form))
    return hits


def filezilla_export(folder) -> str:
    """A sitemanager.xml for the test server, its password in base64 (kept outside the scanned home)."""
    folder.mkdir()
    encoded = base64.b64encode(PASSWORD.encode("utf-8")).decode("ascii")
    path = folder / "sitemanager.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><FileZilla3><Servers><Folder>Test'
        f"<Server><Host>127.0.0.1</Host><Port>21</Port><Protocol>0</Protocol><Logontype>1</Logontype>"
        f'<User>{USER}</User><Pass encoding="base64">{encoded}</Pass><PasvMode>MODE_PASSIVE</PasvMode>'
        "<Name>pyftpdlib</Name></Server></Folder></Servers></FileZilla3>",
        "utf-8",
    )
    return str(path)


def test_full_flow_leaves_no_password_under_home(secret_service, make_server, tmp_path):
    server = make_server("127.0.0.1")
    with open(os.path.join(server.root, "hello.txt"), "w") as f:
        f.write("hi")
    xml = filezilla_export(tmp_path / "incoming")
    out = secret_service.run("flow", xml, "127.0.0.1", str(server.port))
    assert out["names"] == ["hello.txt"]
    assert out["user"] == USER
    assert out["after_delete"] is None
    assert out["sites"] == 0
    assert any("230" in e for e in out["events"])  # logged in with the password from the keyring
    assert not any(PASSWORD in e for e in out["events"])
    home = secret_service.home
    written = [os.path.relpath(os.path.join(d, f), home) for d, _, fs in os.walk(home) for f in fs]
    assert os.path.join(".config", "ftpgui", "sites.json") in written
    assert "exported-sites.json" in written
    assert any(p.startswith(os.path.join(".local", "share", "keyrings")) for p in written)
    assert files_containing(home, PASSWORD) == []
    # the scan itself finds a password when one is there
    (tmp_path / "canary").mkdir()
    (tmp_path / "canary" / "x.json").write_text(json.dumps({"p": PASSWORD}), "utf-8")
    assert files_containing(str(tmp_path / "canary"), PASSWORD) == [("x.json", "json-escaped")]


def test_site_manager_with_the_real_secret_service(secret_service, make_server, tmp_path):
    server = make_server("127.0.0.1")
    with open(os.path.join(server.root, "gui.txt"), "w") as f:
        f.write("hi")
    out = secret_service.run("gui-flow", filezilla_export(tmp_path / "incoming"), "127.0.0.1", str(server.port))
    assert out == {"keyring_ok": True, "names": ["gui.txt"], "user": USER, "after_delete": None, "sites": 0}
    assert f"USER {USER}" in server.record.commands
    assert files_containing(secret_service.home, PASSWORD) == []


def test_deleting_sites_in_the_apps_window_deletes_their_secret_service_entries(secret_service):
    """Found by QA: in the window the app builds, a site deleted in the Site Manager kept its password in the
    Secret Service (the app's store had no keyring; only tests gave it one). Now the site manager deletes it
    with its other keyring writes, after a duplicate of the site has copied it."""
    out = secret_service.run("window-flow")
    original, copy = out["ids"]
    assert out["saved"] == {original: "kept-by-gnome-keyring"}  # New site with a password, OK: it is kept
    # Duplicate, Delete the original, OK: the original's entry is gone, the copy has the password
    assert out["after_first"] == {original: None, copy: "kept-by-gnome-keyring", "proxy:" + original: None}
    assert out["after_second"] == {original: None, copy: None}  # the copy deleted: nothing is left
    # and the duplicate's password field said its password would be copied (it said "Will be kept…")
    assert out["placeholder"] == "The password of “Server One” will be copied; type to replace it"
    assert out["sites"] == []
    # another process on the bus, through keyring's own API: the daemon holds no entry for either site
    assert secret_service.run("keyring-get", original, copy) == {original: None, copy: None}


def test_a_deletion_the_locked_keyring_refuses_is_said_in_the_window_remembered_and_done_later(secret_service):
    """Found by QA (note 160 left it): a deleted site's password the keyring refused to delete (locked, its
    unlock prompt cancelled) was said only in the Site Manager, which closed with it — the password stayed,
    unknown. Now the window's log and status bar say it, the entries are remembered (never the password), said
    at the next start, and deleted when the Site Manager next opens, once the keyring lets them go."""
    out = secret_service.run("refused-delete")
    site = out["id"]
    assert out["locked"] is True and out["sites"] == []  # the site is gone from the window's store
    said = (
        "The system keyring did not delete the passwords of deleted sites (“Server One”): the system keyring is "
        "locked. They may still be stored there. ftpgui will try again when you next open the Site Manager."
    )
    assert ["error", said] in out["log"]  # the dialog has closed: the window says it (a line of the log)
    assert out["status_bar"] == said
    assert out["remembered"] == {"version": 1, "entries": {site: "Server One", "proxy:" + site: "Server One"}}
    assert files_containing(secret_service.home, "stays-while-locked") == []  # (the keyring's file is encrypted)

    # a new start, the keyring still locked: said at once; the Site Manager tries again, is refused, says so
    out = secret_service.run("reopened")
    assert out["at_start"] == [
        "The passwords of deleted sites may still be in the system keyring (“Server One”): it refused to delete "
        "them. ftpgui will try again when you next open the Site Manager."
    ]
    assert out["log"][-1] == ["error", said] and out["status_bar"] == said and out["dialog_status"] == said
    assert out["remembered"]["entries"] == {site: "Server One", "proxy:" + site: "Server One"}

    # the password really stayed: unlocked, the keyring still has it
    assert secret_service.unlock() == {"locked": False}
    assert secret_service.run("keyring-get", site) == {site: "stays-while-locked"}

    # the next opening deletes it, says so, and forgets it
    out = secret_service.run("reopened")
    done = "Deleted from the system keyring: the passwords of deleted sites (“Server One”)."
    assert out["log"][-1] == ["status", done] and out["status_bar"] == done and out["dialog_status"] == done
    assert out["remembered"] is None
    assert secret_service.run("keyring-get", site, "proxy:" + site) == {site: None, "proxy:" + site: None}
    out = secret_service.run("reopened")  # and nothing is said again
    assert out["at_start"] == [] and out["remembered"] is None
    assert not any("keyring" in text for _kind, text in out["log"])


def test_a_site_deleted_with_no_secret_service_to_reach_loses_its_password_once_the_keyring_is_back(secret_service):
    """Found by QA (design note 352): a site saved with gnome-keyring running, deleted in a session with no Secret
    Service (an SSH login, the daemon not started), kept its password in the keyring for good, and nothing was
    said: note 169 took "no keyring" for "no password stored". Now the deletion says the keyring could not be
    reached and that the password stays there if it holds it, the entry's name is remembered (never the
    password), the next start with no keyring says nothing more, and the Site Manager opened with the keyring
    back deletes it."""
    site = secret_service.run("new-site")["id"]
    assert secret_service.run("keyring-get", site) == {site: "left-without-keyring"}
    nobody = {
        **secret_service.env,
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=" + os.path.join(secret_service.home, "no-bus"),
    }

    out = secret_service.run("delete-site", site, env=nobody)  # Site Manager → the site → Delete → OK
    assert out["sites"] == []
    errors = [text for kind, text in out["log"] if kind == "error"]
    said = [text for text in errors if "deleted sites" in text]
    assert said == [
        "The system keyring could not be reached to delete the passwords of deleted sites (“Server One”): "
        "keyrings.alt.file.PlaintextKeyring keeps passwords in a plain-text file. They stay there if it holds "
        "them. ftpgui will delete them when you next open the Site Manager with the system keyring there."
    ], errors
    assert out["remembered"] == {
        "version": 1,
        "entries": {site: "Server One", "proxy:" + site: "Server One"},
        "unreached": sorted([site, "proxy:" + site]),
    }
    assert files_containing(secret_service.home, "left-without-keyring") == []

    out = secret_service.run("reopened", env=nobody)  # still no keyring: not said again, still remembered
    assert not any("deleted sites" in text for _kind, text in out["log"]), out["log"]
    assert out["remembered"]["entries"] == {site: "Server One", "proxy:" + site: "Server One"}
    assert secret_service.run("keyring-get", site) == {site: "left-without-keyring"}

    out = secret_service.run("reopened")  # the keyring there: the Site Manager's opening deletes it
    done = "Deleted from the system keyring: the passwords of deleted sites (“Server One”)."
    assert out["at_start"] == [] and out["log"][-1] == ["status", done] and out["dialog_status"] == done
    assert out["remembered"] is None
    assert secret_service.run("keyring-get", site, "proxy:" + site) == {site: None, "proxy:" + site: None}


@pytest.mark.parametrize(
    "language, words",
    [
        (
            "en",
            ("Will be kept in the system keyring", "Remembered until ftpgui closes; type to save one in the keyring"),
        ),
        ("zh_CN", ("将保存在系统密钥环中", "已记住直到 ftpgui 关闭；输入密码即可保存到密钥环")),
    ],
)
def test_a_password_remembered_only_for_the_run_is_said_so_in_the_site_manager(
    secret_service, make_server, language, words
):
    """Found by QA (design note 395): with a working keyring, a site's password typed at its Connect with
    "Remember until the app closes" ticked, not saved, read "Kept in the system keyring" in the Site Manager —
    the keyring held nothing. Now the Site Manager says where it is: remembered until ftpgui closes."""
    server = make_server("127.0.0.1")
    out = secret_service.run("remembered-flow", "127.0.0.1", str(server.port), USER, PASSWORD, language)
    will_be_kept, remembered = words
    assert out["placeholder_new"] == will_be_kept
    assert out["placeholder_saved"] == will_be_kept  # (OK kept no password: none was typed)
    assert out["prompt"] == {"remember": False, "save": True}  # (a keyring that can keep it: the person chooses)
    assert f"USER {USER}" in server.record.commands  # logged in with the password typed
    assert out["held"] is None  # the Secret Service holds nothing for the site
    assert out["placeholder_remembered"] == remembered
    width, room = out["fits"]
    assert width <= room, out["fits"]  # whole in the field, at the size the Site Manager opens at
    assert files_containing(secret_service.home, PASSWORD) == []
