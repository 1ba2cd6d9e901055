"""The labelled personal-information corpus (tests/fixtures/pii/corpus) and its scoring.

Each story lists, per label, the exact substrings a moderator must see highlighted. A label
counts as found in a story only when every one of its substrings lies inside a finding of
that label (the whole span: brackets, discriminators, domains). A label the scan reports
in a story that does not list it, or whose findings overlap none of the story's labelled
substrings, is a false positive. Used by benchmarks/pii_scan.py and the goal test.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "pii" / "corpus"
PARTS = ("tuning", "held_out", "held_out_2")
LANGUAGES = ("en", "fr", "es", "pt", "de", "ar", "zh-hans", "ja", "hi", "sw")


def stories(part: str, language: str | None = None) -> list[dict]:
    out = []
    for lang in (language,) if language else LANGUAGES:
        data = json.loads((CORPUS / part / f"{lang}.json").read_text(encoding="utf-8"))
        out.extend(story | {"lang": data["language"]} for story in data["stories"])
    return out


def gold_spans(story: dict) -> dict[str, list[tuple[int, int]]]:
    spans = {}
    for label, texts in story["pii"].items():
        spans[label] = []
        for text in texts:
            start = story["text"].index(text)
            spans[label].append((start, start + len(text)))
    return spans


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    clean: int = 0
    clean_flagged: int = 0
    misses: list = field(default_factory=list)

    def recall(self, label=None):
        tp = self.tp[label] if label else sum(self.tp.values())
        fn = self.fn[label] if label else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else float("nan")

    def precision(self, label=None):
        tp = self.tp[label] if label else sum(self.tp.values())
        fp = self.fp[label] if label else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else float("nan")

    def clean_flagged_share(self):
        return self.clean_flagged / self.clean if self.clean else float("nan")


def score(items: list[dict], scan) -> Score:
    """``scan(text, language, country)`` returns findings with label, start and end."""
    result = Score()
    for story in items:
        findings = scan(story["text"], story["lang"], story["country"])
        gold = gold_spans(story)
        by_label: dict[str, list] = {}
        for finding in findings:
            by_label.setdefault(finding.label, []).append(finding)
        for label, spans in gold.items():
            mine = by_label.get(label, [])
            if all(any(f.start <= start and end <= f.end for f in mine) for start, end in spans):
                result.tp[label] += 1
            else:
                result.fn[label] += 1
                result.misses.append(("missed", label, story, [f.text for f in mine]))
        every_gold = [span for spans in gold.values() for span in spans]
        for label, mine in by_label.items():
            stray = [f for f in mine if not any(f.start < end and start < f.end for start, end in every_gold)]
            if label not in gold or stray:
                result.fp[label] += 1
                result.misses.append(("false positive", label, story, [f.text for f in stray or mine]))
        if not gold:
            result.clean += 1
            result.clean_flagged += bool(findings)
    return result
