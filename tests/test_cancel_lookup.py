"""A cancel ends a name lookup that waits for a silent name server (design note 168).

``getaddrinfo`` blocks until the system's resolver gives up (here 30 s: one try of the longest timeout glibc
allows); nothing could cut it, so a server name the name server did not answer held the connect whatever the
person pressed. The tests run in a network and mount namespace of their own whose ``/etc/resolv.conf`` names a
real name server on 127.0.0.1 that never answers (``slowdns``; the system's files stay as they are), with
pytest there (``lookup_inside.py``, run once for the module): the engine cancelled from another thread (the
server's name, a proxy's name), the window's Disconnect, and ``ftpgui-cli``'s Ctrl+C. Each ends while the name
server is still silent.
"""

from __future__ import annotations

import pytest

from slowdns import inside, run_inside

pytestmark = pytest.mark.skipif(inside(), reason="the namespace runs lookup_inside.py")


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict:
    return run_inside("lookup_inside.py", tmp_path_factory.mktemp("slowdns"))


def passed(outcomes: dict, name: str) -> None:
    assert name in outcomes, f"{name} did not run: {sorted(outcomes)}"
    assert outcomes[name] == "", outcomes[name]


def test_a_cancel_ends_the_lookup_of_the_servers_name(outcomes):
    passed(outcomes, "test_engine_cancel_ends_the_lookup_of_the_servers_name")


def test_a_cancel_ends_the_lookup_of_the_proxys_name(outcomes):
    passed(outcomes, "test_engine_cancel_ends_the_lookup_of_the_proxys_name")


@pytest.mark.gui
def test_disconnect_in_the_window_ends_the_lookup(outcomes):
    passed(outcomes, "test_window_disconnect_ends_the_lookup")


def test_ctrl_c_ends_ftpgui_clis_lookup(outcomes):
    passed(outcomes, "test_cli_ctrl_c_ends_the_lookup")
