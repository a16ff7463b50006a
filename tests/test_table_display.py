"""Terminal tables line up by display width (wcwidth), CJK and ASCII mixed."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from fazhi_model._display import display_width, ljust, rjust, text_table

# ASCII, CJK, full-width Latin, and a letter with a combining accent (one column)
_CELL = st.lists(
    st.sampled_from(["a", "Z", "7", "市", "司", "法", "局", "Ｂ", "（", "e\u0301", "·"]),
    min_size=1,
    max_size=8,
).map("".join)


def _columns(text: str) -> int:
    """Display width counted independently of wcwidth: East Asian Wide/Fullwidth are 2,
    combining marks 0, everything else here 1."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


@given(st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=8))
def test_columns_start_at_the_same_display_column(rows: list[list[str]]) -> None:
    lines = text_table(rows)
    assert len(lines) == len(rows)
    starts: list[set[int]] = [set(), set(), set()]
    for row, line in zip(rows, lines, strict=True):
        position = 0
        for index, value in enumerate(row):
            found = line.index(value, position)
            starts[index].add(_columns(line[:found]))
            position = found + len(value)
        assert line == line.rstrip()
    assert all(len(s) == 1 for s in starts)
    widest = [max(_columns(r[i]) for r in rows) for i in range(3)]
    assert starts[1] == {widest[0] + 2} and starts[2] == {widest[0] + widest[1] + 4}


def test_mixed_cjk_and_ascii_example() -> None:
    lines = text_table(
        [("t03.p02", "数量要求", "各级政府"), ("t08.p03", "定期报送", "x")],
        head=("编号", "类型", "承担者"),
    )
    assert lines == [
        "编号     类型      承担者",
        "t03.p02  数量要求  各级政府",
        "t08.p03  定期报送  x",
    ]


def test_right_alignment_and_padding() -> None:
    assert rjust("12", 4) == "  12" and ljust("市局", 6) == "市局  "
    assert text_table([("1", "a"), ("100", "市")], right=[0]) == ["  1  a", "100  市"]
    assert display_width("市司法局 ab") == 11 and display_width("e\u0301") == 1
    assert display_width("a\x07b") == 2  # a control character counts as nothing, not -1
    assert text_table([]) == []


@given(_CELL)
def test_display_width_agrees_with_unicode_data(text: str) -> None:
    assert display_width(text) == _columns(text)
