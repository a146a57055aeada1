"""The mode panel's words and labels at 360 px, found by QA (design note 178):

1. a passive connection that failed behind a server firewall, with What if: Server firewall + Passive range open,
   said "a server firewall would not stop this connection (it failed for another reason)" beside a wall that said
   "failed: likely a firewall at the server" - and the imagined wall's label was drawn over that one;
2. auto mode with both firewalls: the passive failure's step said "Active mode failed too" - before active mode
   had been tried (the next step says auto mode switches to it);
3. the reply on the control arrow was elided at its right end and lost its numbers ("229 Entering Extended
   Passive Mo…");
4. the connection picker broke a closed connection's time ("(closed 19:" / "12:25)").

Real sessions: the practice server and its simulated firewalls, pyftpdlib; the panel in a 360 px dock, its
picture recorded on its real painting path, in English and in Chinese. Screenshots go to build/screens/.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtGui import QFontMetricsF
from test_modepanel_fit import docked, language, resize_dock, shoot  # noqa: F401 (language: a fixture)
from test_modepanel_narrow import Drawn, show, step_of
from test_modepanel_truth import play

from ftpgui.practice import PracticeServer
from ftpgui.ui.modepanel import connections as cn
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import picture
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel import whatif as wi
from ftpgui.ui.modepanel.namebox import NameBox

pytestmark = pytest.mark.gui
WIDTH = 360


@pytest.fixture
def dock(qtbot):
    window, dock_, panel = docked(qtbot, WIDTH)
    resize_dock(qtbot, window, dock_, WIDTH)
    return window, dock_, panel


def practice_session(qtbot, panel, mode, action, *, server=False, client=False):
    with PracticeServer() as practice:
        practice.simulate_server_firewall = server
        practice.simulate_client_firewall = client
        return play(
            qtbot, panel, practice.host, practice.port, mode, action, practice.user, practice.password, timeout=1.5
        )


def lane_labels(drawn: Drawn) -> list:
    """(text, ink) of each text drawn in the data lane, between the control arrow's caption and the boxes' bottom
    (the ports' badges aside)."""
    found, last = [], None  # (last: the rect and font of the line before, to join a label's lines into one)
    for text, rect, font, flags in drawn.calls:
        if rect is None or rect in drawn.badges:
            continue
        ink = QFontMetricsF(font).boundingRect(rect, flags, text)
        if picture.CONTROL_Y + 20 < ink.center().y() < picture.BOX_BOTTOM and text.strip():
            # the next line of the same label (``lines``: one rect under the other, as wide, in the same font) is
            # that label's, not another's: a CJK fallback's ink stands taller than the font's line (note 489)
            if (
                last is not None
                and last[1].key() == font.key()
                and rect.top() == last[0].bottom()
                and (rect.left(), rect.width()) == (last[0].left(), last[0].width())
            ):
                text0, ink0 = found.pop()
                text, ink = text0 + text, ink0.united(ink)
            found.append((text, ink))
            last = (rect, font)
        else:
            last = None
    return found


def assert_apart(labels: list, where: str) -> None:
    for (a, ra), (b, rb) in itertools.combinations(labels, 2):
        assert not ra.adjusted(0, 1, 0, -1).intersects(rb.adjusted(0, 1, 0, -1)), (where, a, ra, b, rb)


@pytest.mark.parametrize(
    "walls",
    [
        wi.Firewalls(server=True, passive_range_open=True),
        wi.Firewalls(client=True, server=True, passive_range_open=True),
        wi.Firewalls(client=True),
        wi.Firewalls(client=True, server=True),
    ],
    ids=["server+range", "both+range", "client", "both"],
)
def test_what_if_agrees_with_a_real_server_firewall_and_its_labels_stand_apart(qtbot, dock, language, walls):  # noqa: F811
    _window, dock_, panel = dock
    _conn, raised = practice_session(qtbot, panel, "passive", lambda s: s.list_raw(), server=True)
    assert raised is not None
    failed = step_of(panel, sc.FAILED)
    assert failed.exchange.failure[:2] == ("connect", "server-firewall")
    panel.set_firewalls(walls)
    drawn = show(qtbot, panel, failed)
    labels = lane_labels(drawn)
    assert_apart(labels, f"{language} {walls}")
    said = panel.narration()
    cause = nr.cause_name("server-firewall")  # what the real step concluded, in the words it drew
    if walls.passive_range_open:
        assert drawn.whole(nr.failed_because("server-firewall")), drawn.texts
        assert cause in said, said
        assert "would not stop" not in said and "another reason" not in said, said
        assert str(failed.exchange.target[1]) in said
    elif walls.client and not walls.server:  # a client firewall does not stop passive: it failed at the server
        assert cause in said and "another reason" not in said, said
    if language != "en":
        assert "What if" not in said, said  # (its words are translated)
    tag = "-".join(
        n for n, on in (("client", walls.client), ("server", walls.server), ("range", walls.passive_range_open)) if on
    )
    shoot(dock_, f"modepanel-whatif-{tag}-{language}")


def test_auto_mode_says_at_each_step_only_what_was_known_then(qtbot, dock, language):  # noqa: F811
    _window, dock_, panel = dock
    conn, raised = practice_session(qtbot, panel, "auto", lambda s: s.list_raw(), server=True, client=True)
    assert raised is not None
    passive, active = [s for s in conn.steps if s.kind == sc.FAILED]
    assert (passive.exchange.mode, active.exchange.mode) == ("passive", "active")
    first = nr.narrate(conn, passive)
    fallback = nr.narrate(conn, step_of(panel, sc.FALLBACK))
    later = nr.narrate(conn, active)
    # before active mode was tried nothing says what it did (it was "Active mode failed too")
    assert nr.translate("explain", "Active mode failed too, so switching modes does not help here.") not in first
    assert nr.translate("explain", "Active mode may work meanwhile.") in first
    assert nr.mode_name("active").lower() in fallback.lower() or "主动" in fallback
    # after it: the active failure knows passive failed before it
    assert nr.translate("explain", "Passive mode failed too, so switching modes does not help here.") in later
    shoot(dock_, f"modepanel-auto-both-failed-{language}")


@pytest.mark.parametrize("verb", ["EPSV", "PASV"])
def test_the_reply_on_the_control_arrow_keeps_its_numbers_at_360_px(qtbot, dock, language, make_server, verb):  # noqa: F811
    _window, dock_, panel = dock
    srv = make_server("127.0.0.1", refuse=("EPSV",) if verb == "PASV" else ())
    from ftpserver import PASSWORD, USER

    conn, raised = play(qtbot, panel, srv.host, srv.port, "passive", lambda s: s.list_raw(), USER, PASSWORD)
    assert raised is None
    ex = conn.exchanges()[-1]
    assert ex.command == verb
    reply = next(s for s in conn.steps if s.kind == sc.REPLY and s.exchange is ex and s.code in (227, 229))
    drawn = show(qtbot, panel, reply)
    port = ex.target[1]
    if verb == "EPSV":
        numbers = f"(|||{port}|)"
    else:
        numbers = "(" + ",".join([*ex.advertised[0].split("."), str(port // 256), str(port % 256)]) + ")"
    pills = [t for t in drawn.texts if t.startswith(str(reply.code))]
    assert pills and numbers in pills[0], (pills, numbers)
    shoot(dock_, f"modepanel-pill-{verb}-{language}")


def test_a_closed_connections_time_is_never_broken(qtbot, language):  # noqa: F811
    box = NameBox()
    qtbot.addWidget(box)
    base = nr.translate("ModePanel", "Browsing — {where}").format(where="anonymous@192.0.2.1:21")
    for told in (1, 2):
        for failed in (False, True):
            name = cn._ended(failed, told).format(name=base, time="19:12:25", number=7)
            box.clear()
            box.addItem(name)
            box.set_current(0)
            # one line (note 327): whole where it fits, else cut with an ellipsis - the user name first, then
            # the end - never silently; the whole name in the tooltip
            for width in range(120, 480, 2):
                (line,) = box.lines(width)
                assert line == name or "…" in line, (width, line)
                assert box.fontMetrics().horizontalAdvance(line) <= box.room(width), (width, line)
                if "…@" not in line and "…" in line:  # (the user name gone before the time is cut)
                    assert "@" not in line, (width, line)
            assert box.lines(1000) == [name] and box.toolTip() == name
