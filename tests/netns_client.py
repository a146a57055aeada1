"""The engine as a client process inside a network namespace (run by ``tests/test_netns.py`` through
``ip netns exec``): download one file, upload it back, and print every event as one JSON object.

usage: python tests/netns_client.py HOST PORT USER MODE TIMEOUT REMOTE_FILE LOCAL_DIR
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys

from ftpgui.ftp import FtpError, FtpSession, SessionOptions


def main(argv: list) -> int:
    host, port, user, mode, timeout, remote, local_dir = argv
    events = []
    result = {"ok": False, "error": None}
    with FtpSession(SessionOptions(mode=mode, timeout=float(timeout)), events.append) as session:
        try:
            session.open(host, int(port), user, "")
            local = os.path.join(local_dir, "downloaded.bin")
            result["downloaded"] = session.download(remote, local)
            result["uploaded"] = session.upload(local, remote + ".back")
            result["ok"] = True
        except FtpError as exc:
            result["error"] = f"{type(exc).__name__}: {exc}"
    result["events"] = [{"type": type(e).__name__, **dataclasses.asdict(e)} for e in events]
    json.dump(result, sys.stdout)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
