"""Words not yet said in a language: a template and its values, said in the person's language when shown.

``explain`` builds its sentences as ``Words`` and says them (``describe_error`` is ``error_words(…).text()``).
Something that keeps a sentence for later keeps its ``Words`` (``to_json``): the transfer queue keeps an item's
failure so, and shows it in the language the app runs in then — a failure kept as text stayed in the language
it happened in ("失败：The server refused STOR…" after a switch to Chinese, found by QA; design note 162).
"""

from __future__ import annotations

import re
import string
from typing import Any, Callable, Dict, List, Optional

_translate: Callable[[str, str], str] = lambda context, text: text  # noqa: E731


def set_translator(fn: Callable[[str, str], str]) -> None:
    """Route every sentence through ``fn(context, text)`` (e.g. ``QCoreApplication.translate``)."""
    global _translate
    _translate = fn


def say(context: str, text: str) -> str:
    """``text`` of the translation ``context`` in the person's language."""
    return _translate(context, text)


_SPACE_AFTER_CJK = re.compile(r"([。！？；：，）])[ \t]+")


def tidy(text: str) -> str:
    """Sentences joined with a space, as English wants, lose it after Chinese punctuation ("。 " → "。")."""
    return _SPACE_AFTER_CJK.sub(r"\1", text)


Value = Any  # str, int, float, bool, None or Words
DEPTH = 8  # Words inside Words read back from a file, at most this deep (ftpgui makes 4)
_FIELDS = string.Formatter()


class _Shown(string.Formatter):
    """``{name!r}`` of a text said as a person reads it: quoted, each control, bidi and line-breaking character
    escaped as the panes show it (``safetext.shown``) — not a Python repr, which doubled a backslash (the Failed
    tab said ``'con\\\\back.txt'`` for ``con\\back.txt``: design note 248)."""

    def convert_field(self, value: Any, conversion: Optional[str]) -> Any:
        if conversion == "r" and isinstance(value, str):
            from .ftp.safetext import shown

            return "'" + shown(value) + "'"
        return super().convert_field(value, conversion)


_SHOWN = _Shown()


class Words:
    """``template`` of the translation ``context`` and its ``values`` (strings, numbers, or ``Words``, said
    first). A ``context`` of None is a join of its values, not translated, its sentences tidied (``tidy``).
    Values of other kinds are kept as their text, so what is said is the same after ``to_json``."""

    __slots__ = ("context", "template", "values")

    def __init__(self, context: Optional[str], template: str, **values: Value):
        self.context = context
        self.template = template
        self.values: Dict[str, Value] = {
            k: v if v is None or isinstance(v, (Words, str, int, float)) else str(v) for k, v in values.items()
        }

    def text(self) -> str:
        """Said in the person's language."""
        return self._said(_translate)

    def english(self) -> str:
        """Said as the templates are written (English)."""
        return self._said(None)

    def _said(self, translate: Optional[Callable[[str, str], str]]) -> str:
        values = {k: v._said(translate) if isinstance(v, Words) else v for k, v in self.values.items()}
        template = self.template
        if self.context is not None and translate is not None:
            template = translate(self.context, template)
        say = _SHOWN.format if "!r}" in template or "!r}" in self.template else str.format
        try:
            said = say(template, **values).rstrip()
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):  # a translation that lost a field
            said = say(self.template, **values).rstrip() if template is not self.template else self.template
        return tidy(said) if self.context is None else said

    def to_json(self) -> List[Any]:
        """``[context, template, {name: value}]``, a value that is ``Words`` as such a list itself."""
        return [
            self.context,
            self.template,
            {k: v.to_json() if isinstance(v, Words) else v for k, v in self.values.items()},
        ]

    @classmethod
    def from_json(cls, data: Any, depth: int = 0) -> Optional[Words]:
        """``to_json``'s list as ``Words``, or None when it is not one (a hand-edited ``queue.json``): only
        plain values, every field of the template one of them by name (``{name}``, ``{name!r}``; no attribute,
        index or format of its own, which a template of ftpgui's never has)."""
        if depth > DEPTH or not isinstance(data, list) or len(data) != 3:
            return None
        context, template, values = data
        if not (context is None or isinstance(context, str)) or not isinstance(template, str):
            return None
        if not isinstance(values, dict):
            return None
        kept: Dict[str, Value] = {}
        for name, value in values.items():
            if isinstance(value, list):
                value = cls.from_json(value, depth + 1)
                if value is None:
                    return None
            elif not (value is None or isinstance(value, (str, int, float))):
                return None
            kept[name] = value
        try:
            fields = list(_FIELDS.parse(template))
        except ValueError:
            return None
        for _, name, spec, conversion in fields:
            if name is not None and (name not in kept or spec or conversion not in (None, "r", "s")):
                return None
        return cls(context, template, **kept)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and self.to_json() == other.to_json()

    def __repr__(self) -> str:
        return f"Words({self.context!r}, {self.template!r}, {self.values!r})"


def plain(text: str) -> Words:
    """``text`` as it is, in no language's hands (a server's words, an error with no template)."""
    return Words(None, "{text}", text=text)
