"""Normalised text with a map back to the original (规范化文本).

The parser works on a normalised copy of the text: NFKC (full-width letters, digits and
punctuation become ASCII: ``（一）`` → ``(一)``, ``１．`` → ``1.``, ``：`` → ``:``; circled
numbers ①…⑳ are kept, since NFKC would make them bare digits; CRLF, a lone CR and the
Unicode line and paragraph separators become LF)
and, where the text looks traditional and OpenCC is installed, traditional characters
converted to simplified (繁转简). Every character of the copy remembers the position of the
original character it came from, so quotes (``source``, ``text``, ``annotation``) are cut from
the ORIGINAL text verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import attrs

__all__ = [
    "NUMBER",
    "Normalized",
    "looks_traditional",
    "normalize",
    "number",
]

_TRADITIONAL = frozenset(
    "關於進設實務責單構區縣會議與為這個們來時對開發劃應規財產權監審計護導經濟營條員級專當門"
    "總體統織並從處歸辦執據達題優調範訂劃結層標準備據記錄檢查門違態參證顯醫療業稅術環"
)
"""Characters that exist only in traditional writing (繁体专用字), a sample to detect it."""


@attrs.frozen
class Normalized:
    """A normalised text (``text``) and, per character, its index in ``original``."""

    original: str
    text: str
    origin: tuple[int, ...]
    converted: bool = False
    """Whether traditional characters were converted to simplified (繁转简)."""

    def quote(self, start: int, end: int) -> str:
        """The original substring that the normalised span ``[start, end)`` came from."""
        if end <= start or start >= len(self.text):
            return ""
        end = min(end, len(self.text))
        return self.original[self.origin[start] : self.origin[end - 1] + 1]

    def written(self, start: int, end: int) -> str:
        """The normalised span ``[start, end)`` with each character's width form as written.

        NFKC is undone (full-width brackets, colons and digits stay full-width: a title is kept
        exactly as written), but a traditional → simplified conversion is kept.
        """
        out: list[str] = []
        end = min(end, len(self.text))
        k = max(start, 0)
        while k < end:
            o = self.origin[k]
            ch = self.original[o]
            width = unicodedata.normalize("NFKC", ch) if ch != "\r" else "\n"
            if self.text.startswith(width, k) and width:
                out.append(ch)
                k += len(width)
            else:
                out.append(self.text[k])
                k += 1
        return "".join(out)

    def offset(self, start: int) -> int:
        """The index in the original of normalised position ``start``."""
        if start >= len(self.origin):
            return len(self.original)
        return self.origin[start]


_LINE_ENDS = frozenset("\u2028\u2029\x85\x0b\x0c")
"""Line and paragraph separators read as line ends (besides LF, CRLF and CR)."""


def looks_traditional(text: str) -> bool:
    """Whether ``text`` uses several traditional-only characters (at least 3 distinct)."""
    return len(_TRADITIONAL.intersection(text)) >= 3


def _form(ch: str) -> str:
    """What one character becomes: NFKC, but circled numbers kept and line ends as LF."""
    if ch == "\r" or ch in _LINE_ENDS:
        return "\n"
    if "\u2460" <= ch <= "\u2473":
        return ch
    return unicodedata.normalize("NFKC", ch)


def _one_to_one(text: str) -> tuple[str, tuple[int, ...]] | None:
    """The normalised text at C speed where every character becomes exactly one (no CRLF)."""
    if "\r\n" in text:
        return None
    table: dict[int, str] = {}
    for ch in set(text):
        out = _form(ch)
        if len(out) != 1:
            return None
        if out != ch:
            table[ord(ch)] = out
    return text.translate(table), tuple(range(len(text)))


def normalize(text: str, convert: Callable[[str], str] | None = None) -> Normalized:
    """NFKC-normalise ``text`` character by character; then apply ``convert`` (e.g. OpenCC).

    ``convert`` is applied line by line; a line whose length it changes is converted character
    by character so that every output character keeps its original position.
    """
    fast = _one_to_one(text)
    if fast is not None:
        nfkc_text, origin_fast = fast
        if convert is None:
            return Normalized(text, nfkc_text, origin_fast)
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate("" if fast is not None else text):
        if ch == "\r":
            if text.startswith("\n", i + 1):
                continue
            out = "\n"  # a CR-only line end (old Mac files) ends a line too
        elif ch in _LINE_ENDS:
            out = "\n"
        elif "\u2460" <= ch <= "\u2473":
            out = ch
        else:
            out = unicodedata.normalize("NFKC", ch)
        for o in out:
            chars.append(o)
            origin.append(i)
    if fast is not None:
        nfkc, origin = fast[0], list(fast[1])
    else:
        nfkc = "".join(chars)
    if convert is None:
        return Normalized(text, nfkc, tuple(origin))
    conv_chars: list[str] = []
    conv_origin: list[int] = []
    pos = 0
    for line in nfkc.split("\n"):
        converted = convert(line)
        if len(converted) == len(line):
            conv_chars.extend(converted)
            conv_origin.extend(origin[pos : pos + len(line)])
        else:
            for k, ch in enumerate(line):
                for o in convert(ch) or ch:
                    conv_chars.append(o)
                    conv_origin.append(origin[pos + k])
        pos += len(line)
        if pos < len(nfkc):
            conv_chars.append("\n")
            conv_origin.append(origin[pos])
            pos += 1
    return Normalized(text, "".join(conv_chars), tuple(conv_origin), converted=True)


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000}

NUMBER = r"(?<![\d零〇一二两三四五六七八九十百千])(?:\d++|[零〇一二两三四五六七八九十百千]++)"
"""A number written in Arabic or Chinese numerals (数字): a whole run of digits, never a part
of one (possessive, and not after a digit), so that searching is linear in the text."""


_NUMBER_RE = re.compile(NUMBER)


def number(text: str) -> int | None:
    """The value of Arabic digits or Chinese numerals (十五 → 15, 二〇二四 → 2024); else None."""
    if text.isdigit():
        return int(text)
    if not text or not _NUMBER_RE.fullmatch(text):
        return None
    if all(c in _DIGITS for c in text):
        return int("".join(str(_DIGITS[c]) for c in text))
    total, digit = 0, 0
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        else:
            total += (digit or 1) * _UNITS[c]
            digit = 0
    return total + digit
