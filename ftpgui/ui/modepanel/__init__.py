"""The mode panel: a live, truthful picture of how active and passive mode set up each data connection.

``ModePanel`` is imported on first use: the scene model (``scene``, ``model``) has no Qt, and a transfer
process that keeps a connection's scene (``procconn``) imports it without loading Qt.
"""

from typing import Any

__all__ = ["ModePanel", "record_of"]


def record_of(connection_id: int) -> Any:
    """A record of one connection's events, its ``scene.ConnectionScene``: what the queue's transfer connections
    keep (the panel makes this the queue's ``recorder``). Picklable by name, for a transfer process; the scene's
    module is imported when the first record is made, not when the first window watches the queue."""
    from .scene import ConnectionScene

    return ConnectionScene(connection_id)


def __getattr__(name: str) -> Any:
    if name == "ModePanel":
        from .panel import ModePanel

        return ModePanel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
