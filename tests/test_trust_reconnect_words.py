"""A pinned certificate the server no longer shows is looked at on a second connection of the same session: the
window does not call that "Connection lost" (design note 488). Found in the last notes' re-read: the engine
closes the first connection with the reason "reconnect", and the window tested for "reconnecting", so it showed
"Connection lost" with its Reconnect button — behind the "Certificate changed" question. The second connection's
close for a certificate not trusted (its question follows) was a "loss" too.

Real TLS servers (pyftpdlib's TLS handler, certificates of a test CA the client does not trust), the window's
quick-connect bar and its certificate dialog, as in ``test_trust_replaced``."""

from __future__ import annotations

import pytest
from test_trust_replaced import connect, listed


@pytest.mark.gui
def test_a_certificate_looked_at_again_is_no_lost_connection(qtbot, window, make_server, certs):
    first = make_server(tls_cert=certs.good)
    port = first.port
    dialog = connect(qtbot, window, port)
    assert dialog is not None and dialog.windowTitle() == "Unknown certificate"
    dialog.always_button.click()  # A is pinned for 127.0.0.1:port
    listed(qtbot, window)
    window.disconnect_server()
    qtbot.waitUntil(lambda: not window.remote.path)
    first.stop()
    make_server(port=port, tls_cert=certs.other)  # the server shows B now
    said: list[str] = []
    original = window.state_label.setText
    window.state_label.setText = lambda text: (said.append(text), original(text))[1]  # every state, in order
    dialog = connect(qtbot, window, port)
    assert dialog is not None and dialog.windowTitle() == "Certificate changed"
    assert "Connection lost" not in said, f"the states shown: {said}"
    assert not window.conn_status.reconnect_button.isVisible()
    assert said[-1] == "Not connected"  # (B was refused, the question is open: nothing lost, nothing to reconnect)
    dialog.always_button.click()
    listed(qtbot, window)
    assert "Connection lost" not in said
    assert window.act_disconnect.isEnabled()
