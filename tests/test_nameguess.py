"""Which code page names that are not UTF-8 are in (``ftpgui.ftp.nameguess``), the encoding choice that reads
them (``ui.encoding_box.suggestion``), and a name's unreadable bytes in words (``safetext.shown``)."""

from __future__ import annotations

import pytest

from ftpgui.ftp.nameguess import guess_codec
from ftpgui.ftp.safetext import shown, shown_back, shown_lines, undecoded
from ftpgui.ui.encoding_box import choice_label, suggestion

NAMES = [  # (name, the code page the server wrote it in)
    ("中文文件.txt", "gbk"),
    ("新建文件夹", "gbk"),
    ("报告2024年度.xlsx", "gbk"),  # valid Big5 and EUC-KR too
    ("日本.txt", "gbk"),  # read as EUC-KR it is all Hangul
    ("繁體中文", "big5"),
    ("客戶資料.doc", "big5"),
    ("照片", "big5"),  # read as EUC-KR it is Hangul too
    ("東京タワー.jpg", "shift_jis"),
    ("会議資料.pdf", "shift_jis"),
    ("회의록.hwp", "euc_kr"),  # valid GBK: 茄惫绢-like characters
    ("여름 휴가 사진", "euc_kr"),
    ("Übersicht über Änderungen", "iso8859-1"),
    ("Straße", "iso8859-1"),  # valid GBK, Big5 and Shift_JIS (half-width kana) too
    ("“quoted” – dash", "cp1252"),
]


@pytest.mark.parametrize(("name", "codec"), NAMES)
@pytest.mark.parametrize("prefer", [(), ("big5",), ("euc_kr",), ("shift_jis",)])
def test_a_name_is_read_in_the_code_page_it_was_written_in_wherever_the_person_lives(name, codec, prefer):
    assert guess_codec([name.encode(codec)], prefer=prefer) == codec


def test_a_folder_of_names_is_judged_together_and_bytes_no_code_page_reads_are_no_guess():
    gbk = [n.encode("gbk") for n in ("年度报告", "照片备份", "资料")]
    assert guess_codec(gbk) == "gbk"
    assert guess_codec([b"\xff\xfe\x80 raw.bin"]) is None  # (0xFF: no lead byte; ÿþ€ in Windows-1252)
    assert guess_codec([]) is None


def test_undecoded_names_are_those_with_the_bytes_a_codec_could_not_read():
    assert undecoded("中文文件.txt".encode("gbk").decode("utf-8", "surrogateescape"))
    assert not undecoded("中文文件.txt") and not undecoded("plain.txt")


def test_the_suggestion_is_utf8_else_the_code_page_or_the_code_page_alone_when_that_was_chosen():
    assert suggestion("utf-8", "gbk") == suggestion("auto", "gbk") == "auto:gbk"
    assert suggestion("auto", "iso8859-1") == "auto:latin-1" and suggestion("auto", "euc_kr") == "auto:euc-kr"
    # a server that says UTF8 in FEAT is read in UTF-8 by every auto choice: the code page alone, then
    assert suggestion("auto:gbk", "gbk") == suggestion("AUTO:cp936", "gbk") == "gbk"
    assert choice_label("auto:gbk") == "Auto (UTF-8, else GBK)" and choice_label("auto:cp936") == choice_label(
        "auto:gbk"
    )
    assert choice_label("auto:latin-1") == "Auto (UTF-8, else Latin-1)" and choice_label("auto") == "Auto (UTF-8)"
    assert choice_label("no-such-codec") == "no-such-codec"


def test_unreadable_bytes_read_as_bytes_and_typed_back_as_them():
    name = "中文文件.txt".encode("gbk").decode("utf-8", "surrogateescape")
    assert shown_lines(name) == shown(name) == "\\xd6\\xd0\\xce\\xc4\\xceļ\\xfe.txt"
    assert shown_lines("Delete a\nb?") == "Delete a\nb?"  # our own line breaks stay (only the bytes are escaped)
    assert shown_back(shown(name), name) == name  # left as shown: the name itself
    assert shown_back(shown(name).replace(".txt", ".bak"), name) == name.replace(".txt", ".bak")
    assert shown_back("\\xd6 typed", "plain") == "\\xd6 typed"  # no bytes shown: the text as typed


def test_a_name_of_full_width_forms_alone_is_guessed_without_failing():
    """Found in review: a Shift_JIS name of full-width letters or CJK punctuation only ("ＡＢＣ.txt") has no kana
    or kanji to count, and the guess divided by zero (ftpgui-cli ls ended "unexpected error", the window's
    note never came)."""
    for name in ("ＡＢＣ.txt", "（１）.txt", "\u3000.txt"):
        assert guess_codec([name.encode("shift_jis")]) is not None, name
