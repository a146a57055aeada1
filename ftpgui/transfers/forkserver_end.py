"""Imported only in ``multiprocessing``'s fork server (``procconn.context``'s preload): when the server ends, it
removes the folder of its socket — the ``pymp-*`` folder the app's ``multiprocessing`` made for it in the
system's temporary folder (``multiprocessing.util.get_temp_dir``).

The app's ``multiprocessing`` removes that folder when the app ends the ordinary way, and the app's last resort
(``os._exit``, ``app.main``) removes it first (``procconn.remove_temp_folder``); but an app killed (SIGKILL, a
crash) ran neither, and left one behind each time — 175 in ``/tmp`` over one session's test runs. The fork
server outlives the app: it ends once the app and every process it forked are gone (their end of its "alive"
pipe closed), the ordinary way, and so runs what is registered here (design note 244)."""

from __future__ import annotations

import atexit
import os
import shutil

FOLDER_PREFIX = "pymp-"  # (``multiprocessing.util.get_temp_dir``'s)


def _remove(pid: int) -> None:
    if os.getpid() != pid:  # (a process forked from the server ends by ``os._exit`` anyway)
        return
    from multiprocessing import forkserver

    address = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_address", None)
    if not isinstance(address, str) or not address.startswith("/"):  # (none, or an abstract socket's)
        return
    folder = os.path.dirname(address)
    if os.path.basename(folder).startswith(FOLDER_PREFIX):
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(_remove, os.getpid())
