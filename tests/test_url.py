"""FTP URLs, percent-decoded as RFC 3986 says."""

from __future__ import annotations

import pytest

from ftpgui.ftp.url import UrlError, parse_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ftp://h", ("ftp", "h", 21, None, None, "")),
        ("ftp://u:p@h:2121/a/b.txt", ("ftp", "h", 2121, "u", "p", "/a/b.txt")),
        ("ftp://us%40er:p%3Aw%2Fd%20x@h/", ("ftp", "h", 21, "us@er", "p:w/d x", "/")),
        ("ftp://[::1]:21/x%20y", ("ftp", "::1", 21, None, None, "/x y")),
        ("ftps://h/x", ("ftps", "h", 990, None, None, "/x")),
        ("FTPES://h:2121/x", ("ftpes", "h", 2121, None, None, "/x")),
        ("ftpes://h", ("ftpes", "h", 21, None, None, "")),
        ("ftp://h/~/rel/path", ("ftp", "h", 21, None, None, "rel/path")),
        ("FTP://H/%E4%B8%AD", ("ftp", "h", 21, None, None, "/中")),
    ],
)
def test_parse(url, expected):
    u = parse_url(url)
    assert (u.scheme, u.host, u.port, u.user, u.password, u.path) == expected


@pytest.mark.parametrize("url", ["http://h/", "ftp:///x", "ftp://h:99999/", "ftp://h/a%0D%0ADELE%20x", "/x"])
def test_rejects(url):
    with pytest.raises(UrlError):
        parse_url(url)


def test_display_hides_password():
    assert parse_url("ftp://u:secret@h:2121/x").display() == "ftp://u@h:2121/x"


@pytest.mark.parametrize(
    "url",
    [
        "ftp://user:Ab12#Sec9@h/",  # "#" starts a fragment: the host would be "user", the port "Ab12"
        "ftp://user:4412#Sec9@h/",  # … or a port that parses: it would dial host "user" port 4412
        "ftp://user:4412/Sec9@h/",  # "/" ends the authority: "Sec9@h/" would be the path
        "ftp://user:Ab12?Sec9@h/",
        "ftp://user:Ab12@h:99999/",
        "ftp://[user:Ab12Sec9@h/",
        "ftp://h/file#1.txt",  # a name's "#" unescaped: refused rather than fetching "file"
        "ftp://h/what?.txt",
    ],
)
def test_errors_quote_no_part_of_the_url_and_say_how_to_escape(url):
    with pytest.raises(UrlError) as info:
        parse_url(url)
    message = str(info.value)
    for piece in ("Ab12", "Sec9", "4412", "file", "what"):
        assert piece not in message
    assert "%23" in message and "%2F" in message and "%3F" in message


def test_repr_hides_the_password():
    assert "secret" not in repr(parse_url("ftp://u:secret@h/x"))
    assert parse_url("ftp://u:p%23w%2Fd%3F%40x@h/").password == "p#w/d?@x"


@pytest.mark.parametrize(
    ("url", "default", "tls"),
    [
        ("ftp://h", "auto", "auto"),
        ("ftp://h", "off", "off"),
        ("ftpes://h", "auto", "require"),
        ("ftps://h", "off", "implicit"),
    ],
)
def test_scheme_says_how_tls_is_used(url, default, tls):
    assert parse_url(url).tls(default) == tls
