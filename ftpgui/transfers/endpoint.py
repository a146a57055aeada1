"""``Endpoint``: where a connection goes and who it logs in as (the browsing connection's, a transfer
connection's). Apart from ``wire``, which carries it to a connection's thread or process and names it too, so
that the first window, which makes none, need not import what runs connections."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ftp.safetext import format_address


@dataclass(frozen=True)
class Endpoint:
    """Where a connection goes and who it logs in as. The password never appears in its repr."""

    host: str
    port: int = 21
    user: str = "anonymous"
    password: str = field(default="", repr=False)

    def __str__(self) -> str:
        return f"{self.user}@{format_address((self.host, self.port))}"
