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


@pytest.fixture(scope="session")
def certs(tmp_path_factory):
    """Test certificates (good, wrong host, expired, another, self-signed) and the CA that signs them."""
    from certs import make_certs

    return make_certs(tmp_path_factory.mktemp("certs"))
