"""Shared fixtures: a real pyftpdlib server per test, on 127.0.0.1 and ::1."""

from __future__ import annotations

import os

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
def server(make_server, host) -> FtpServerThread:
    return make_server(host)


# --- GUI platform: offscreen by default; a real X server (pytest-xvfb) for tests marked xvfb_only ----------
_PLATFORM_FROM_USER = "QT_QPA_PLATFORM" in os.environ and os.environ["QT_QPA_PLATFORM"] != "offscreen"


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    """Under pytest-xvfb (DISPLAY set by it), Qt uses the X server so drag and drop run for real."""
    xvfb = config.pluginmanager.getplugin("xvfb")
    if xvfb is not None and os.environ.get("DISPLAY") and not _PLATFORM_FROM_USER:
        os.environ["QT_QPA_PLATFORM"] = "xcb"


@pytest.fixture(autouse=True)
def _xvfb_only(request):
    if request.node.get_closest_marker("xvfb_only"):
        need(os.environ.get("QT_QPA_PLATFORM") == "xcb", "needs a real X server: run without -p no:xvfb")
