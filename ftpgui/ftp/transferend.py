"""How a transfer's end is read, after its data or during an upload's (a part of ``rawtransfer``): the final
reply past any 1xx, the server's answer while an upload's data still goes (``ServerWatch``), and the failures said
then — the server's refusal, a TLS data connection ended without close_notify (note 422)."""

from __future__ import annotations

from typing import Optional

from .control import ControlChannel
from .errors import QT_TRANSLATE_NOOP, SERVER_FAILED, ProtocolError, ReplyError, TransferFailed, worded

MAX_PRELIMINARY = 50  # 1xx replies skipped after a transfer's data before its final reply (a server's 1xx forever)
RAGGED = QT_TRANSLATE_NOOP(
    "engine",
    "The encrypted data connection ended without TLS close_notify after {done} bytes: "
    "the data may have been cut short.",
)
RAGGED_OF = QT_TRANSLATE_NOOP(
    "engine",
    "The encrypted data connection ended without TLS close_notify after {done} of {total} bytes: "
    "the data may have been cut short.",
)


def _final_after_data(ctrl: ControlChannel, heard: Optional[str] = None) -> str:
    """The transfer's final reply, read once its data has ended: a 2xx (raises ``ReplyError`` for a 4xx/5xx);
    ``heard``: the one the server sent during the data (``ServerWatch``), not read again.

    1xx replies on the way are skipped — RFC 959's ``110 MARK`` restart markers, a second 150 — each read
    within the timeout, at most ``MAX_PRELIMINARY`` of them. Taken for the final reply, a ``110`` made a
    transfer the server then failed (426, 451, 452) a success, and its real answer was read as the next
    command's: the connection out of step (found by QA). A 3xx, or 1xx without end, is no answer to a
    transfer: the control connection is closed (the next command reconnects) and the transfer fails."""
    for _ in range(MAX_PRELIMINARY):
        resp = heard if heard is not None else ctrl.getresp()  # (heard: never a 1xx)
        if resp[:1] != "1":
            break
    else:
        ctrl.close_with("error")
        raise worded(
            ProtocolError,
            QT_TRANSLATE_NOOP(
                "engine",
                "The server sent {count} preliminary (1xx) replies after the data and no final reply; "
                "the transfer's outcome is unknown.",
            ),
            count=MAX_PRELIMINARY,
        )
    if resp[:1] != "2":
        ctrl.close_with("error")
        raise worded(
            ProtocolError,
            QT_TRANSLATE_NOOP(
                "engine",
                "The server answered the transfer with {reply!r}, which is no final reply; its outcome is unknown.",
            ),
            reply=resp[:80],
        )
    return resp


class ServerWatch:
    """The control connection while an upload's data waits (``datachannel.send``). A server that will take no
    more of the file stops reading and answers at once — proftpd past ``MaxStoreFileSize`` (``552 Transfer
    aborted. File too large``), vsftpd on a full disk (``451 Failure writing to local file.``) — and that
    answer was read only after the timeout, the upload failed as stalled, tried again three times (found by QA
    against the daemons). ``read`` takes what the server said: a 4xx/5xx raises ``ReplyError`` (the upload
    fails with it), a closed connection ``ConnectionLost``; a 1xx is passed over, and a final 2xx kept as the
    transfer's final reply (``final``) — either way the data goes on, and after a final reply (or 1xx without
    end) the control connection is left alone until the data has ended."""

    def __init__(self, ctrl: ControlChannel) -> None:
        self.ctrl = ctrl
        self.final: Optional[str] = None
        self.watching = True
        self._preliminary = 0

    def fileno(self) -> int:
        sock = self.ctrl.sock
        return -1 if sock is None else sock.fileno()

    def read(self) -> None:
        if not self.ctrl.poll():
            return  # (half a line, a TLS record of no data: the rest comes later)
        resp = self.ctrl.getresp()
        self._preliminary += resp[:1] == "1"
        if resp[:1] != "1":
            self.final, self.watching = resp, False
        elif self._preliminary >= MAX_PRELIMINARY:
            self.watching = False  # (read after the data, as a server's 1xx forever is: ``_final_after_data``)


def _ragged(moved: int, rest: int, total: Optional[int]) -> TransferFailed:
    """A TLS data connection ended without close_notify, and nothing shows its data whole: a download of no size
    known, or not the size known; a text one (its count is not the file's); any listing. Accepted whenever the
    server said 226, a hostile server's cut file was kept under its name, a cut listing shown (note 422)."""
    said = {"done": rest + moved} if total is None else {"done": rest + moved, "total": total}
    return worded(TransferFailed, RAGGED if total is None else RAGGED_OF, _init={"received": moved}, **said)


def _server_failed(exc: ReplyError, moved: int) -> TransferFailed:
    """The server's final reply to a transfer was an error: the data may be incomplete."""
    return worded(
        TransferFailed,
        SERVER_FAILED,
        _init={"code": exc.code, "received": moved},
        code=exc.code,
        text=exc.text,
    )
