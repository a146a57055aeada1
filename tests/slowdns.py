"""A name server that does not answer (until told to), for tests of name lookups a cancel must cut short.

The system's resolver is pointed at it without touching the system's files: ``run_inside`` runs a test in a
network namespace and a mount namespace of its own (``unshare``), where ``/etc/resolv.conf`` is a file of the
test's bind-mounted over the real one (``nameserver 127.0.0.1``, one try of 30 s) and ``/etc/nsswitch.conf``
says ``hosts: files dns`` — nothing outside the namespace sees either; the tests' outcomes come back in a JUnit
report. Inside, ``SilentNameServer`` listens on
127.0.0.1:53 (the namespace's own loopback; its root may bind port 53), records the questions, and answers
none until ``answer()``: then every question, waiting and to come, gets 127.0.0.1 (A) or no address (AAAA).
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List, Tuple

from conftest import need

REPO = Path(__file__).resolve().parent.parent
INSIDE = "FTPGUI_SILENT_NAME_SERVER"  # set in the namespace's environment
RESOLV_CONF = "nameserver 127.0.0.1\noptions timeout:30 attempts:1\n"
NSSWITCH = "hosts: files dns\n"


def inside() -> bool:
    return os.environ.get(INSIDE) == "1"


def run_inside(tests: str, tmp_path: Path) -> Dict[str, str]:
    """Run ``tests/<tests>`` with pytest in a namespace whose name server is ours: each test's failure text by its
    name ("" when it passed)."""
    unshare = shutil.which("unshare")
    need(unshare is not None and shutil.which("ip") is not None, "unshare and ip (util-linux, iproute2) are needed")
    resolv, nsswitch, report = tmp_path / "resolv.conf", tmp_path / "nsswitch.conf", tmp_path / "report.xml"
    resolv.write_text(RESOLV_CONF)
    nsswitch.write_text(NSSWITCH)
    user = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    script = (
        f"ip link set lo up && mount --bind {resolv} /etc/resolv.conf && mount --bind {nsswitch} /etc/nsswitch.conf"
        ' && exec "$@"'
    )
    probe = subprocess.run(
        [unshare, *user, "--net", "--mount", "sh", "-c", script, "sh", "cat", "/etc/resolv.conf"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    need(probe.stdout == RESOLV_CONF, f"no network and mount namespace of our own here: {probe.stderr.strip()}")
    env = dict(os.environ, **{INSIDE: "1"})
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    pytest_argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}"]
    run = subprocess.run(
        [unshare, *user, "--net", "--mount", "sh", "-c", script, "sh", *pytest_argv, f"tests/{tests}"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
        env=env,
    )
    assert report.exists(), f"{tests} did not run in the namespace:\n{run.stdout}\n{run.stderr}"
    outcomes = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        problems = [f"{child.tag}: {child.get('message')}\n{child.text}" for child in case if child.tag != "properties"]
        outcomes[case.get("name", "")] = "\n".join(problems)
    return outcomes


class SilentNameServer:
    """A DNS server on 127.0.0.1:53 that answers nothing until ``answer()``. ``asked``: a question came;
    ``questions``: the names asked (in order); ``answered``: how many answers it has sent."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            self.sock.bind(("127.0.0.1", 53))
        except OSError:
            self.sock.close()
            raise
        self._closing = False
        self.asked = threading.Event()
        self.questions: List[str] = []
        self.answered = 0
        self._waiting: List[Tuple[bytes, Tuple[str, int]]] = []
        self._answering = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                query, peer = self.sock.recvfrom(4096)
            except OSError:
                return
            if self._closing:
                return
            name, _qtype, _end = question(query)
            with self._lock:
                self.questions.append(name)
                self._waiting.append((query, peer))
                self.asked.set()
                if self._answering:
                    self._answer_waiting()

    def answer(self) -> None:
        """From now on answer: the questions waiting, and every one to come."""
        with self._lock:
            self._answering = True
            self._answer_waiting()

    def _answer_waiting(self) -> None:
        for query, peer in self._waiting:
            self.sock.sendto(reply(query), peer)
            self.answered += 1
        self._waiting.clear()

    def close(self) -> None:
        self._closing = True
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as poke:  # wakes the recvfrom (a close does not)
            poke.sendto(b"", ("127.0.0.1", 53))
        self._thread.join(10)
        self.sock.close()

    def __enter__(self) -> SilentNameServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def question(query: bytes) -> Tuple[str, int, int]:
    """The name and type a DNS query asks, and where its question ends."""
    labels, at = [], 12
    while query[at]:
        labels.append(query[at + 1 : at + 1 + query[at]].decode("ascii", "replace"))
        at += 1 + query[at]
    qtype = struct.unpack("!H", query[at + 1 : at + 3])[0]
    return ".".join(labels), qtype, at + 5


def reply(query: bytes) -> bytes:
    """The answer to ``query``: 127.0.0.1 for an A question, no address (and no error) for any other."""
    _name, qtype, end = question(query)
    header = query[:2] + struct.pack("!HHHHH", 0x8180, 1, 1 if qtype == 1 else 0, 0, 0)
    answer = b""
    if qtype == 1:
        answer = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + socket.inet_aton("127.0.0.1")
    return header + query[12:end] + answer
