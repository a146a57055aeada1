"""Shared fixtures: a real pyftpdlib server per test, on 127.0.0.1 and ::1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ftpserver import FtpServerThread, ipv6_available

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(condition: bool, reason: str) -> None:
    """Skip on a developer's machine when something real is missing; in CI, fail instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must not skip: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _forget_hidden_passwords():
    """The passwords a test's logins hid (``safetext.hide_secret``: process-wide, as in the app) are forgotten
    after it. A short one stayed hidden for the rest of a worker: "227" masked a later test's PASV port byte,
    "(192,0,2,10,****,121)", in a full CI run."""
    from ftpgui.ftp import safetext

    kept = safetext._SECRETS
    yield
    safetext._SECRETS = kept


@pytest.fixture(params=["127.0.0.1", "::1"], ids=["ipv4", "ipv6"])
def host(request) -> str:
    """The loopback address the server listens on (tests may narrow it with ``indirect``)."""
    if request.param == "::1":
        need(ipv6_available(), "IPv6 loopback (::1) is not available")
    return request.param


@pytest.fixture
def make_server(tmp_path):
    """Start servers with options; all are stopped after the test."""
    servers = []

    def start(host: str = "127.0.0.1", **kwargs) -> FtpServerThread:
        root = tmp_path / f"srv{len(servers)}"
        root.mkdir()
        srv = FtpServerThread(host, str(root), **kwargs)
        srv.start()
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.stop()


@pytest.fixture
def short_temp():
    """A fresh temporary folder for a child process (its ``TMPDIR``) with a short path, removed after the test.
    ``multiprocessing``'s fork server puts its socket in a folder made there, and a socket's path holds at most
    107 bytes: under ``tmp_path`` with pytest-xdist it was too long ("AF_UNIX path too long")."""
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="t", dir="/tmp")
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def config(tmp_path, monkeypatch):
    """The app's config folder for this test (``FTPGUI_CONFIG_DIR``: ``tmp_path / "config"``, made when the app
    first writes there); a module that needs more in it defines its own ``config`` on this one."""
    folder = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot, config, make_server):
    """A shown main window with a config folder of its own, closed as a person closes it; the servers the test
    starts outlive it (modules that need another window define their own ``window``)."""
    from guihelpers import close_window, open_window

    w = open_window(qtbot)
    yield w
    close_window(qtbot, w)


@pytest.fixture
def server(make_server, host) -> FtpServerThread:
    return make_server(host)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MiB tmpfs mounted for this test (needs root), unmounted afterwards."""
    import subprocess

    need(os.geteuid() == 0, "mounting a 1 MiB tmpfs needs root")
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True, text=True)
    need(done.returncode == 0, f"mount -t tmpfs is not permitted here: {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


@pytest.fixture
def read_only_folder(tmp_path):
    """An empty folder nothing can be written into, for root too: a read-only tmpfs mounted on it as root (root
    writes into a folder whose permission bits say no), its write bits taken away for anyone else."""
    import subprocess

    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True)
    need(done.returncode == 0, f"mount -t tmpfs is not permitted here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture(scope="session")
def certs(tmp_path_factory):
    """Test certificates (good, wrong host, expired, another, self-signed) and the CA that signs them."""
    from certs import make_certs

    return make_certs(tmp_path_factory.mktemp("certs"))


# --- Tests marked xvfb_only: run for real on an X server, the rest of the suite stays offscreen ----------
# Qt picks its platform once per process, so the offscreen run hands every selected xvfb_only test to one
# child pytest on the X server pytest-xvfb started (QT_QPA_PLATFORM=xcb) and reports each test's outcome
# from there. Run on an X server directly (QT_QPA_PLATFORM=xcb) they simply run.
_XCB_RESULTS = pytest.StashKey[dict]()


def _on_x_server() -> bool:
    return os.environ.get("QT_QPA_PLATFORM") == "xcb"


def _xcb_results(session) -> dict:
    """Run the session's xvfb_only tests once in a child pytest on the X server: {nodeid: (outcome, text)}."""
    if _XCB_RESULTS in session.stash:
        return session.stash[_XCB_RESULTS]
    import subprocess
    import sys
    import tempfile
    import xml.etree.ElementTree as ET

    ids = [item.nodeid for item in session.items if item.get_closest_marker("xvfb_only")]
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="ftpgui-xcb-") as tmp:
        report = os.path.join(tmp, "results.xml")
        env = dict(os.environ, QT_QPA_PLATFORM="xcb")
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:xvfb", "-p", "no:cacheprovider", f"--junitxml={report}"]
        proc = subprocess.run(
            [*cmd, *ids], cwd=str(session.config.rootpath), env=env, capture_output=True, text=True, timeout=1200
        )
        if os.path.exists(report):
            for case in ET.parse(report).getroot().iter("testcase"):
                module = case.get("classname", "").replace(".", "/")
                nodeid = f"{module}.py::{case.get('name')}"
                failure = case.find("failure")
                if failure is None:
                    failure = case.find("error")
                skipped = case.find("skipped")
                if failure is not None:
                    results[nodeid] = ("failed", (failure.get("message") or "") + "\n" + (failure.text or ""))
                elif skipped is not None:
                    results[nodeid] = ("skipped", skipped.get("message") or "")
                else:
                    results[nodeid] = ("passed", "")
        results["<output>"] = ("", proc.stdout[-4000:] + proc.stderr[-4000:])
    session.stash[_XCB_RESULTS] = results
    return results


def pytest_collection_modifyitems(config, items):
    """On pytest-xdist's workers (``dev.py test``: ``--dist loadgroup``) the xvfb_only tests all go to one worker,
    which runs them in one child on its X server."""
    for item in items:
        if item.get_closest_marker("xvfb_only"):
            item.add_marker(pytest.mark.xdist_group("xvfb"))


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """An xvfb_only test in an offscreen run: its outcome is the one it had on the X server."""
    if not pyfuncitem.get_closest_marker("xvfb_only") or _on_x_server():
        return None
    xvfb = pyfuncitem.config.pluginmanager.getplugin("xvfb")
    need(xvfb is not None and bool(os.environ.get("DISPLAY")), "needs a real X server: run without -p no:xvfb")
    results = _xcb_results(pyfuncitem.session)
    outcome, text = results.get(pyfuncitem.nodeid, ("missing", results["<output>"][1]))
    if outcome == "passed":
        return True
    if outcome == "skipped":
        need(False, f"on the X server: {text}")
    pytest.fail(f"on the X server this test {outcome}:\n{text}", pytrace=False)


@pytest.fixture
def chinese(qapp, tmp_path, monkeypatch):
    """The zh_CN translation installed (compiled into a temporary cache), removed afterwards."""
    from ftpgui import i18n

    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    translator = i18n.install(qapp, "zh_CN")
    assert translator is not None
    yield translator
    i18n.uninstall(qapp, translator)
