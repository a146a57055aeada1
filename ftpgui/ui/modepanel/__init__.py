"""The mode panel: a live, truthful picture of how active and passive mode set up each data connection."""

from .panel import ModePanel

__all__ = ["ModePanel"]
