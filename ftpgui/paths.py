"""Where ftpgui keeps its files, and the one way it writes them (atomically)."""

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


def atomic_write_bytes(path: str, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one, never half of one."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
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
    return json.loads(data.decode("utf-8"))
