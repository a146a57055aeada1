"""The mode panel: a live, truthful picture of how active and passive mode set up each data connection.

``ModePanel`` is imported on first use: the scene model (``scene``, ``model``) has no Qt, and a transfer
process that keeps a connection's scene (``procconn``) imports it without loading Qt.
"""

from typing import Any

__all__ = ["ModePanel"]


def __getattr__(name: str) -> Any:
    if name == "ModePanel":
        from .panel import ModePanel

        return ModePanel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
