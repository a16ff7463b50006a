"""The parser on adversarial texts: time per input kind, each about SIZE characters.

    python benchmarks/bench_parse.py [SIZE]   # default 1_000_000 characters

Each text is built from a short piece repeated; the parser must stay linear in the length of
its input (docs/parser.md, "Limits"). Prints seconds per kind and the task count found.
"""

from __future__ import annotations

import sys
import time

from fazhi_model.errors import InputError
from fazhi_model.parse.reader import MAX_TEXT, parse_text

__all__ = ["KINDS", "main"]

KINDS: dict[str, str] = {
    "digits": "1234567890",
    "每个": "每个",
    "每个配备": "每个县配备1名、",
    "numbered tasks": "1.推进工作。(市司法局、市财政局负责)\n",
    "annotated segments": "推进工作。(生态环境部指导)",
    "open brackets": "(〔【",
    "close brackets": ")〕】",
    "nested brackets": "((((((((((",
    "book titles": "《",
    "keys": "责任单位:",
    "key lines": "牵头单位:市司法局\n",
    "list separators": "、",
    "和 chain": "市司法局和",
    "及 chain": "市场监管及",
    "等 chain": "等有关部门",
    "role tails": "负责,",
    "headings": "(一)\n",
    "parts": "一、\n",
    "table rows": "1 | 任务 | 内容 | 市司法局、市财政局\n",
    "table header": "序号 | 工作任务 | 牵头单位\n",
    "quotes": "“",
    "deadline triggers": "在之日起在之日起",
    "dates": "1月1日至12月31日前",
    "targets": "到2020年达到95%",
    "percent": "达到达到达到",
    "CR line ends": "1.甲。〔责任单位:市司法局〕\r",
    "no punctuation": "推进法治政府建设工作",
}
"""Adversarial pieces, each repeated to the size asked."""


def main(argv: list[str]) -> int:
    size = int(argv[1]) if len(argv) > 1 else 1_000_000
    print(f"size {size} characters; MAX_TEXT {MAX_TEXT}")
    worst = 0.0
    for name, piece in KINDS.items():
        text = ("一、任务\n1.甲任务。" + piece * (size // len(piece) + 1))[:size]
        start = time.perf_counter()
        tasks = len(parse_text(text).document.tasks)
        seconds = time.perf_counter() - start
        worst = max(worst, seconds)
        print(f"{name:20s} {seconds:7.2f} s  {tasks} tasks")
    try:
        parse_text("x" * (MAX_TEXT + 1))
    except InputError as exc:
        print(f"above the limit: {str(exc)[:60]}…")
    print(f"worst {worst:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
