"""Where ftpgui keeps its files, and the one way it writes them (atomically).

The folders ftpgui creates for itself (config, cache) are private: 0700 whatever the umask, so another
local user can neither read the sites and queue nor swap a file in them.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

APP = "ftpgui"


def config_dir() -> str:
    """The platform's config folder for ftpgui (``FTPGUI_CONFIG_DIR`` overrides it, e.g. in tests)."""
    override = os.environ.get("FTPGUI_CONFIG_DIR")
    if override:
        return override
    import platformdirs

    return platformdirs.user_config_dir(APP, appauthor=False)


def config_path(name: str) -> str:
    return os.path.join(config_dir(), name)


def make_private_dir(path: str) -> str:
    """Create ``path`` (and any missing parents) as 0700 whatever the umask; an existing ``path`` of ours
    that others can read or write is narrowed to 0700. Returns ``path``. (On Windows the folder inherits
    the user profile's ACL; only its creation is done here.)"""
    path = os.path.abspath(path)
    if os.name == "nt":
        os.makedirs(path, exist_ok=True)
        return path
    missing = []
    here = path
    while not os.path.isdir(here):
        missing.append(here)
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue  # created meanwhile (another thread or process): checked below like an existing one
        os.chmod(folder, 0o700)  # mkdir's mode is narrowed by the umask, never widened: set it exactly
    st = os.stat(path)
    if st.st_uid == os.getuid() and st.st_mode & 0o077:
        os.chmod(path, 0o700)
    return path


def atomic_write_bytes(path: str, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one, never half of one."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        make_private_dir(folder)
    elif folder == os.path.abspath(config_dir()):
        make_private_dir(folder)  # ours: made private even if an older version created it with the umask
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):
        try:
            dir_fd = os.open(folder, os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)


def atomic_write_json(path: str, value: Any) -> None:
    # a name valid in no codec holds lone surrogates (surrogateescape): written as JSON \udcXX escapes,
    # which read back as the same text, instead of failing the whole file
    atomic_write_bytes(
        path, (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")
    )


def read_json(path: str, default: Any = None) -> Any:
    """The JSON in ``path``, or ``default`` when there is no such file. A corrupt file raises ValueError."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return default
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:  # (arrays nested tens of thousands deep: the app did not start - found by QA)
        raise ValueError("nested too deeply") from None


def log_dir() -> str:
    """Where the message log file goes: ``FTPGUI_LOG_DIR``, else ``logs`` in an overridden config folder
    (tests), else the platform's log folder for ftpgui."""
    override = os.environ.get("FTPGUI_LOG_DIR")
    if override:
        return override
    if os.environ.get("FTPGUI_CONFIG_DIR"):
        return os.path.join(config_dir(), "logs")
    import platformdirs

    return platformdirs.user_log_dir(APP, appauthor=False)
