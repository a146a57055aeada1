"""Real exchanges with real addresses for the mode panel's narrow-dock tests: pyftpdlib on port 2121 in one
network namespace (192.0.2.1 and a long IPv6 address), the engine in another (192.0.2.2 and its own long IPv6
address), joined by a veth pair (``test_netns.NetnsPair``: no route out, removed afterwards).

Nothing runs through ``ip netns exec``: the server is started, and each session runs, on a thread that first
joins its namespace (``setns`` moves only the calling thread; the threads it starts are in that namespace too,
so pyftpdlib's loop dials from the server's). The session's events reach the panel through a queued signal, as
the main window's do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from typing import Callable, List, Optional

from PySide6.QtCore import QObject, Signal
from test_netns import CLIENT_IP, SERVER_IP, NetnsPair, _ip
from test_netns_gui import _join

from ftpgui.ftp import FtpError, FtpSession, SessionOptions

from conftest import need
from ftpserver import PASSWORD, USER, FtpServerThread

SERVER_IP6 = "2001:db8:1234:5678:9abc:def0:1234:5678"  # the longest form an address takes: no "::" in it
CLIENT_IP6 = "2001:db8:1234:5678:9abc:def0:1234:5679"
PORT = 2121
__all__ = ["CLIENT_IP", "CLIENT_IP6", "PORT", "SERVER_IP", "SERVER_IP6", "Lab"]


class _Bridge(QObject):
    event = Signal(object)


class Lab:
    """The namespace pair, a server in it (``serve``), firewalls (``server_admits_only``, ``client_rejects_incoming``),
    sessions (``play``)."""

    def __init__(self, root: str) -> None:
        need(os.geteuid() == 0, "network namespaces need root")
        need(shutil.which("ip") is not None, "ip (Debian package iproute2) is not installed")
        self.root = root
        self.pair = NetnsPair()
        self.servers: List[FtpServerThread] = []
        try:
            self.pair.create()
            for ns, address in ((self.pair.server, SERVER_IP6), (self.pair.client, CLIENT_IP6)):
                device = self._veth(ns)
                _ip("-n", ns, "addr", "add", f"{address}/64", "dev", device, "nodad")
        except subprocess.CalledProcessError as exc:
            self.close()
            need(False, f"{' '.join(exc.cmd)} failed: {exc.stderr.strip()}")

    def _veth(self, ns: str) -> str:
        out = _ip("-n", ns, "-o", "link", "show", "type", "veth").stdout
        return out.split(":")[1].strip().split("@")[0]

    def serve(self, host: str, **options) -> FtpServerThread:
        """pyftpdlib on ``host``:2121 in the server's namespace (``options``: ``FtpServerThread``'s, and
        ``handler``: attributes of its FTP handler, e.g. ``masquerade_address``, the address PASV names)."""
        handler = options.pop("handler", {})
        made: list = []

        def start() -> None:
            try:
                _join(self.pair.server)
                folder = os.path.join(self.root, f"srv{len(self.servers)}")
                os.makedirs(folder, exist_ok=True)
                with open(os.path.join(folder, "file.txt"), "wb") as f:
                    f.write(b"hello\n" * 100)
                srv = FtpServerThread(host, folder, port=PORT, **options)
                for name, value in handler.items():
                    setattr(srv.handler, name, value)
                srv.start()  # (its loop's thread is started from this one: it is in the namespace too)
                made.append(srv)
            except BaseException as exc:  # reported on the test's thread
                made.append(exc)

        t = threading.Thread(target=start)
        t.start()
        t.join(30)
        if isinstance(made[0], BaseException):
            raise made[0]
        self.servers.append(made[0])
        return made[0]

    def server_admits_only(self, port: int) -> None:
        """The server's firewall: its control port and the replies to its own connections, nothing else."""
        need(shutil.which("iptables") is not None, "iptables (Debian package iptables) is not installed")
        need(shutil.which("ip6tables") is not None, "ip6tables (Debian package iptables) is not installed")
        for tool in ("iptables", "ip6tables"):
            rules = (
                ["-A", "INPUT", "-i", "lo", "-j", "ACCEPT"],
                ["-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"],
                ["-A", "INPUT", "-p", "tcp", "--dport", str(port), "-j", "ACCEPT"],
                *([["-A", "INPUT", "-p", "ipv6-icmp", "-j", "ACCEPT"]] if tool == "ip6tables" else []),
                ["-P", "INPUT", "DROP"],
            )
            for rule in rules:
                run = self.pair.run(self.pair.server, [tool, "-w", *rule], check=False)
                need(run.returncode == 0, f"{tool} {' '.join(rule)} failed in a namespace: {run.stderr.strip()}")

    def client_rejects_incoming(self) -> None:
        """The client's firewall: the replies to its own connections come in; a connection from outside is
        rejected with a reset, so a server that dials (pyftpdlib, at PORT/EPRT) learns at once and answers 425
        ("Can't connect to specified address."), and nothing reaches the client's port."""
        need(shutil.which("iptables") is not None, "iptables (Debian package iptables) is not installed")
        rules = (
            ["-A", "INPUT", "-i", "lo", "-j", "ACCEPT"],
            ["-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"],
            ["-A", "INPUT", "-p", "tcp", "-j", "REJECT", "--reject-with", "tcp-reset"],
        )
        self.pair.iptables(self.pair.client, *rules)

    def client_behind_nat6(self, external: str) -> None:
        """The client reached at another IPv6 address of its own (``external``, forwarded to CLIENT_IP6 by a
        DNAT rule in its namespace), as behind a NAT whose public address ftpgui names in EPRT."""
        need(shutil.which("ip6tables") is not None, "ip6tables (Debian package iptables) is not installed")
        device = self._veth(self.pair.client)  # (deprecated: never the source address of its own connections)
        _ip("-n", self.pair.client, "addr", "add", f"{external}/64", "dev", device, "nodad", "preferred_lft", "0")
        rule = ["-t", "nat", "-A", "PREROUTING", "-d", external, "-p", "tcp", "-j", "DNAT"]
        run = self.pair.run(self.pair.client, ["ip6tables", "-w", *rule, "--to-destination", CLIENT_IP6], check=False)
        need(run.returncode == 0, f"ip6tables {' '.join(rule)} failed in a namespace: {run.stderr.strip()}")

    def play(
        self, qtbot, panel, host: str, action: Callable[[FtpSession], object], **options
    ) -> Optional[BaseException]:
        """A real session from the client's namespace to ``host``:2121 on a worker thread, its events reaching
        ``panel``; waits until the panel has seen it end; returns what the session raised (None: went through)."""
        bridge = _Bridge()
        bridge.event.connect(panel.add_event)
        raised: list = []
        ids: list = []

        def work() -> None:
            try:
                _join(self.pair.client)
                with FtpSession(SessionOptions(**options), bridge.event.emit) as s:
                    ids.append(s.id)
                    s.open(host, PORT, USER, PASSWORD)
                    action(s)
            except (FtpError, OSError) as exc:
                raised.append(exc)

        t = threading.Thread(target=work)
        t.start()
        qtbot.waitUntil(lambda: not t.is_alive(), timeout=60000)
        assert ids, raised
        qtbot.waitUntil(lambda: ids[0] in panel.scene.connections and panel.scene.connections[ids[0]].ended)
        return raised[0] if raised else None

    def close(self) -> None:
        for srv in self.servers:
            srv.stop()
        self.servers.clear()
        self.pair.remove()
