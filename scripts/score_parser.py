"""Score the parser on the corpus against hand-made keys (解析评分).

    python scripts/score_parser.py [CORPUS_DIR] [--keys benchmarks/parser_keys]

For each key file ``benchmarks/parser_keys/NAME.yaml`` the text ``CORPUS_DIR/NAME.txt`` is
parsed (no registry) and compared task by task, in order: the (task, unit) pairs of every unit
the key names (lead, responsible, cooperating, guiding and units a rule implies) against the
parsed ``responsible``; the (task, lead) pairs against the parsed ``lead``; the (task, unit,
role) pairs for guiding and cooperating. Prints precision, recall and F1 per document and the
task count found against the key's. Exits 1 when a key or text is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from fazhi_model.model.document import Task
from fazhi_model.parse.reader import parse_text

__all__ = ["Score", "main", "score_document"]

ROOT = Path(__file__).resolve().parent.parent
Pair = tuple[int, str]


class Score:
    """Precision, recall and F1 of a set of found pairs against a set of expected pairs."""

    def __init__(self, found: set[Any], expected: set[Any]) -> None:
        hit = len(found & expected)
        self.found, self.expected, self.hit = len(found), len(expected), hit
        self.precision = hit / len(found) if found else (1.0 if not expected else 0.0)
        self.recall = hit / len(expected) if expected else 1.0
        total = self.precision + self.recall
        self.f1 = 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        return f"{self.precision:.3f} {self.recall:.3f} {self.f1:.3f}"


def _key_pairs(key: dict[str, Any]) -> tuple[set[Pair], set[Pair], set[Any]]:
    implied = key.get("implied", [])
    start = key.get("implied_from", 0)
    units: set[Pair] = set()
    leads: set[Pair] = set()
    roles: set[Any] = set()
    for n, item in enumerate(key["items"], 1):
        for field in ("lead", "responsible", "cooperating", "guiding"):
            units.update((n, u) for u in item.get(field, []))
        if start and n >= start:
            units.update((n, u) for u in implied)
        leads.update((n, u) for u in item.get("lead", []))
        for field in ("cooperating", "guiding"):
            roles.update((n, u, field) for u in item.get(field, []))
    return units, leads, roles


def _parsed_pairs(tasks: tuple[Task, ...]) -> tuple[set[Pair], set[Pair], set[Any]]:
    units = {(n, u) for n, t in enumerate(tasks, 1) for u in t.responsible}
    leads = {(n, u) for n, t in enumerate(tasks, 1) for u in t.lead}
    roles = {
        (n, u, field)
        for n, t in enumerate(tasks, 1)
        for field in ("cooperating", "guiding")
        for u in getattr(t, field)
    }
    return units, leads, roles


def score_document(text: str, key: dict[str, Any]) -> dict[str, Any]:
    """The scores of one document: units, leads, roles, task counts and number mismatches."""
    tasks = parse_text(text).document.tasks
    want_units, want_leads, want_roles = _key_pairs(key)
    got_units, got_leads, got_roles = _parsed_pairs(tasks)
    numbers = [
        (n, item["number"], tasks[n - 1].number if n <= len(tasks) else None)
        for n, item in enumerate(key["items"], 1)
        if "number" in item and (n > len(tasks) or tasks[n - 1].number != item["number"])
    ]
    return {
        "units": Score(got_units, want_units),
        "leads": Score(got_leads, want_leads),
        "roles": Score(got_roles, want_roles),
        "tasks": (len(tasks), key["tasks"]),
        "numbers": numbers,
        "missing": sorted(want_units - got_units),
        "extra": sorted(got_units - want_units),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default="/work/shared/corpus")
    parser.add_argument("--keys", default=str(ROOT / "benchmarks" / "parser_keys"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed/extra pairs")
    args = parser.parse_args(argv)
    keys = sorted(Path(args.keys).glob("*.yaml"))
    if not keys:
        print(f"no key files in {args.keys}", file=sys.stderr)
        return 1
    print("| document | tasks found/key | units P R F1 | leads P R F1 | roles P R F1 |")
    print("|---|---|---|---|---|")
    status = 0
    for path in keys:
        key = yaml.safe_load(path.read_text(encoding="utf-8"))
        source = Path(args.corpus) / key["document"]
        if not source.is_file():
            print(f"missing text: {source}", file=sys.stderr)
            status = 1
            continue
        result = score_document(source.read_text(encoding="utf-8"), key)
        found, wanted = result["tasks"]
        print(
            f"| {path.stem} | {found}/{wanted} | {result['units']} | {result['leads']} | "
            f"{result['roles']} |"
        )
        if args.verbose:
            for label in ("missing", "extra", "numbers"):
                if result[label]:
                    print(f"  {label}: {result[label]}")
    return status


if __name__ == "__main__":
    sys.exit(main())
