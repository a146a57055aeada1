"""A headless app holding a TransferQueue: the SIGKILL tests start it, kill it mid-transfer, and restart it.

usage: python queue_app.py STORE HOST PORT USER [REMOTE LOCAL_DIR | --upload LOCAL REMOTE_DIR]
The password comes from FTPGUI_PASSWORD; FTPGUI_EXISTS is the answer to "the target exists" (default: ask).
FTPGUI_TLS is the TLS mode (default: off) and FTPGUI_TRUST a certificate's fingerprint trusted for this run
only, as the window's "Trust once" trusts it (never saved).
With REMOTE and LOCAL_DIR it queues that download (a folder when REMOTE ends with ``/``); with ``--upload``,
that upload; without, it continues the queue saved in STORE.
When the queue is idle it prints one line, ``idle STATE...``, then ``error STATE MESSAGE`` for each item
with a message, and exits.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from PySide6.QtCore import QCoreApplication

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.connbase import wait_ended
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint


def main(argv) -> int:
    store, host, port, user = argv[1], argv[2], int(argv[3]), argv[4]
    app = QCoreApplication(argv[:1])
    queue = TransferQueue(store)
    queue.retry_delays = (0.1, 0.2, 0.4)
    queue.exists_default = os.environ.get("FTPGUI_EXISTS", "ask")  # (the Preferences' "When a file exists")

    def done() -> None:
        print("idle", *[i.state for i in queue.model.items()], flush=True)
        for item in queue.model.items():
            if item.error:
                print("error", item.state, item.error, flush=True)
        queue.shutdown()
        app.quit()

    queue.idle.connect(done)
    trust = [os.environ["FTPGUI_TRUST"]] if os.environ.get("FTPGUI_TRUST") else None
    options = SessionOptions(timeout=20, tls=os.environ.get("FTPGUI_TLS", "off"), trust=trust)
    queue.set_site(Endpoint(host, port, user, os.environ["FTPGUI_PASSWORD"]), options, 1)
    if len(argv) > 7 and argv[5] == "--upload":
        queue.upload([argv[6]], argv[7])
    elif len(argv) > 6:
        remote = argv[5]
        folder = remote.endswith("/") and remote != "/"
        queue.download([(remote.rstrip("/") if folder else remote, folder, None)], argv[6])
    print("started", len(queue.model.items()), flush=True)
    code = app.exec()
    wait_ended(lambda: queue.closing)  # as the window does at exit: no thread destroyed running (note 375)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
