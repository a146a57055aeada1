"""The control connection's connect attempt: its step's sentence and its picture.

``ControlConnecting`` makes a ``control-dial`` step: the client dials the server's port, and while it waits
the arrow grows toward the server's port as the timeout nears, with the seconds counted (the same motion as a
data connection's attempt). ``ControlConnectFailed`` makes a ``control-failed`` step: a refused connect ends
at the server's port with a cross, one that timed out at a wall in front of the server (a firewall dropping it,
or no host there), an unreachable one near the client: drawn whole in every frame of its step (the attempt's
step before it showed the arrow travelling), one cross where it ended.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPen

from ftpgui.explain import os_words

from . import motion as mo
from . import scene as sc

translate = QCoreApplication.translate


def reason(dial: sc.Dial) -> str:
    """The operating system's words for the failure, in the person's language where known."""
    words = os_words(OSError(dial.errno, dial.detail)) if dial.errno is not None else None
    return words or dial.detail


def _where(dial: sc.Dial) -> dict:
    host, port = dial.remote
    return {"host": host, "port": port, "timeout": f"{dial.timeout:g}" if dial.timeout else "?"}


def narrate(step: sc.Step) -> str:
    """The sentence for a control-dial or control-failed step."""
    dial = step.dial
    if dial is None:
        return ""
    where = _where(dial)
    if step.kind == sc.CONTROL_DIAL:
        if dial.timeout:
            text = translate(
                "ModePanel",
                "The client dials the server's port {port} at {host} to open the control connection, and waits up "
                "to {timeout} s for an answer.",
            )
        else:
            text = translate(
                "ModePanel",
                "The client dials the server's port {port} at {host} to open the control connection, and waits for "
                "an answer.",
            )
        return text.format(**where)
    if dial.cause == "refused":
        text = translate(
            "ModePanel",
            "The connect to {host} port {port} was refused (a TCP reset or an ICMP “unreachable” came back): the "
            "server is not running there, or a firewall rejects the connection. Check the host and the port.",
        )
    elif dial.cause == "timeout":
        text = translate(
            "ModePanel",
            "No answer from {host} port {port} within {timeout} s: probably a firewall dropping the connection "
            "attempt, or no host at that address. Check the address, and that the server's firewall admits port "
            "{port}.",
        )
    elif dial.cause == "unreachable":
        text = translate("ModePanel", "There is no route to {host} ({reason}): this computer cannot reach its network.")
    else:
        text = translate("ModePanel", "The control connection to {host} port {port} could not be made: {reason}")
    return text.format(reason=reason(dial), **where)


def failed_title() -> str:
    return translate("ModePanel", "No control connection")


def lane_label(step: sc.Step, waited: Optional[float]) -> str:
    """The words under the control lane: the seconds while it waits, then how it ended."""
    dial = step.dial
    assert dial is not None
    where = _where(dial)
    if step.kind == sc.CONTROL_DIAL:
        if waited is not None:
            return mo.dial_label(dial, waited)
        return translate("ModePanel", "connecting to port {port}").format(**where)
    if dial.cause == "refused":
        return translate("ModePanel", "refused: nothing accepts port {port}").format(**where)
    if dial.cause == "timeout":
        return translate("ModePanel", "no answer within {timeout} s").format(**where)
    if dial.cause == "unreachable":
        return translate("ModePanel", "no route to the server")
    return translate("ModePanel", "failed: {reason}").format(reason=reason(dial))


def paint(pen, conn: sc.ConnectionScene, step: sc.Step, t: float) -> None:
    """The attempt on the control lane (``pen``: the picture's painter; ``t``: the step's animation, 0…1)."""
    from .picture import BADGE_GAP, CONTROL_Y, DATA_Y  # (picture imports this module)

    dial = step.dial
    assert dial is not None
    g, c, frame = pen.g, pen.c, pen.frame
    # from the client's edge (its port is chosen by the system as it connects) to the server's port
    a, b = QPointF(g.lane_l + 4, CONTROL_Y), QPointF(g.lane_r - BADGE_GAP, CONTROL_Y)
    right = g.lane_r  # the words go left of a wall
    motion = mo.present(conn, step) if frame.now is not None else None
    waited = frame.now - dial.started if motion is not None and motion.kind == "control" else None
    colour = c.control
    if step.kind == sc.CONTROL_DIAL:
        if waited is not None:  # in flight: it grows with the seconds waited (the motion timer repaints it)
            pen.arrow(a, b, colour, mo.dial_fraction(dial, waited), dashed=True)
        else:  # replayed: it grows with the step's animation
            pen.at_t(lambda t: pen.arrow(a, b, colour, t, dashed=True), t)
    else:  # how it ended, whole in every frame: its travel was the step before (the attempt, growing)
        colour = c.failure
        if dial.cause == "timeout":  # a wall in front of the server: the attempt was dropped, never answered
            wall_x = right = g.lane_r - g.wall_inset
            p = pen.p
            p.setPen(QPen(colour, 1.5))
            p.setBrush(QBrush(colour, Qt.BrushStyle.DiagCrossPattern))
            p.drawRect(QRectF(wall_x - 5, CONTROL_Y - 30, 10, 60))
            pen.arrow(a, QPointF(wall_x - 14, CONTROL_Y), colour, 1.0)
            pen.cross(QPointF(wall_x - 16, CONTROL_Y - 20), colour)
        elif dial.cause == "refused":  # short of the server's port, the cross between: a router or a firewall on
            # the way may have refused it (note 446)
            from .datalane import refused_stop

            tip, mark = refused_stop(a, b)
            pen.arrow(a, tip, colour, 1.0)
            pen.cross(mark, colour)
        else:  # unreachable or other: it got nowhere near
            # (grown with the step's animation, a frame's arrow ended halfway, its cross carried on the tip: the
            # first frame, painted whole, left that cross beside the client, where no port is - note 388)
            stop = pen.arrow(a, b, colour, 0.3 if dial.cause == "unreachable" else 0.55)
            pen.cross(stop + QPointF(14, -16), colour)
    pen.badge(g.lane_r, CONTROL_Y, str(dial.remote[1]), c.control)
    # whole: a long reason wraps (no data connection is drawn under it yet)
    under = QRectF(g.lane_l + 4, CONTROL_Y + 14, right - g.lane_l - 12, DATA_Y - CONTROL_Y - 40)
    # (in the labels' fonts, raised where the picture is drawn small: its footer steps were 7 px — note 483)
    pen.block(under, lane_label(step, waited), pen.fonts.labels, colour)
