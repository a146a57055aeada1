"""The practice server after an active-mode transfer: a second connection's commands are answered (design note
329). pyftpdlib 2.2.0 kept its active-mode connector after handing the data socket over; the socket's
descriptor number, free after the transfer, went to the next connection accepted, and the connector's close at
the first connection's next PASV took that connection out of the event loop: its NOOP was never answered (a
queue with two connections in active mode waited 30 s on SIZE). The server runs in a process of its own, as in
the app's, so that descriptor numbers are the server's alone."""

from __future__ import annotations

import ftplib
import io
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = """
import json, sys, threading
from ftpgui.practice import PracticeServer
server = PracticeServer()
server.start()
print(json.dumps([server.port, server.user, server.password]), flush=True)
sys.stdin.read()
server.stop()
"""


def test_a_second_connection_is_answered_after_an_active_transfer_on_the_first():
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        port, user, password = json.loads(proc.stdout.readline())
        first = ftplib.FTP()
        first.connect("127.0.0.1", port, timeout=10)
        first.login(user, password)
        first.set_pasv(False)  # active: the server's connector dials us
        first.storbinary("STOR a.bin", io.BytesIO(b"x" * 100_000))  # its data socket closed: its number is free
        second = ftplib.FTP()
        second.connect("127.0.0.1", port, timeout=10)  # the server's accept takes that number again
        second.login(user, password)
        assert second.voidcmd("NOOP").startswith("200")
        first.sendcmd("PASV")  # the first connection's next data command closes its old connector
        second.sock.settimeout(5)
        try:
            reply = second.voidcmd("NOOP")
        except TimeoutError:
            reply = "no answer in 5 s"
        assert reply.startswith("200"), reply
        for client in (first, second):
            client.quit()
    finally:
        proc.stdin.close()
        proc.wait(10)
        proc.stdout.close()
