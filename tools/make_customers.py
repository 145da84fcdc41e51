"""Write Vellmar Packaging's whole customer base: ``kamcourse/content/case/customers.csv``.

Lesson 01 (``notebooks/01_why_key_account_management.ipynb``) draws the concentration curve of
this file. It holds the 180 active customers of 2026 (``organisation.yaml``) with their revenue,
which adds up to Vellmar's EUR 92 million. The 20 accounts of ``accounts.csv`` are among them with
the same names, segments and spend; the other 160 are invented here, once, from a fixed seed, so
that running the script again writes the same file (``tests/test_case_customers.py`` checks it).

The invented customers all buy less than EUR 1.2 million a year, so that the twelve key accounts
of today (chosen "by revenue alone", ``organisation.yaml``) are exactly the twelve biggest
customers. Their names are made of invented syllables; any likeness to a real company is chance.

    python tools/make_customers.py            # rewrite the file
    python tools/make_customers.py --check    # exit 1 if the committed file differs
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "kamcourse" / "content" / "case"
TARGET = CASE / "customers.csv"

SEED = 2026
TOTAL_REVENUE = 92_000_000
CUSTOMERS = 180
#: Every invented customer buys less than the smallest key account of today and than
#: the biggest shortlisted account that is not key (Petrova Beverages, EUR 1.2 million).
LARGEST_OTHER = 1_150_000
SMALLEST = 8_000
#: Where the largest invented revenues start to bend towards the cap.
KNEE = 700_000
ROUND_TO = 1_000

SEGMENTS = {
    "Food and beverage": (
        "Foods",
        "Dairy",
        "Bakeries",
        "Brewing",
        "Beverages",
        "Fine Foods",
        "Confectionery",
        "Juices",
        "Meats",
        "Frozen Foods",
        "Snacks",
        "Creamery",
        "Coffee Roasters",
        "Mills",
        "Distillers",
        "Preserves",
    ),
    "Chemicals": (
        "Chemicals",
        "Coatings",
        "Polymers",
        "Adhesives",
        "Lubricants",
        "Resins",
        "Solvents",
        "Cleaning Products",
        "Agrochemicals",
        "Pigments",
        "Inks",
        "Detergents",
        "Fertilisers",
        "Paints",
        "Sealants",
        "Additives",
    ),
    "E-commerce and retail": (
        "Retail",
        "Home Stores",
        "Online",
        "Marketplace",
        "Garden Centres",
        "Outfitters",
        "Pet Supplies",
        "DIY",
        "Homeware",
        "Toys",
        "Stationers",
        "Furnishings",
        "Sports",
        "Living",
        "Direct",
        "Trading",
    ),
}
#: Share of the invented customers per segment (food is Vellmar's largest market).
SEGMENT_WEIGHTS = {"Food and beverage": 0.42, "Chemicals": 0.30, "E-commerce and retail": 0.28}

#: Syllables chosen not to echo the case's companies (Halvorsen, Marlow, Orvale, Vellmar, Pelkora,
#: Ostrand, Rosmark, Norvik...); none ends in a way that makes an English word ("Gar" + "den").
_FIRST = (
    "Ab",
    "Av",
    "Bel",
    "Bris",
    "Brun",
    "Cor",
    "Dro",
    "El",
    "Fen",
    "Gar",
    "Grim",
    "Hest",
    "Is",
    "Jor",
    "Kel",
    "Lor",
    "Mov",
    "Pren",
    "Quen",
    "Sel",
    "Tav",
    "Tor",
    "Ul",
    "Var",
    "Wes",
    "Yar",
    "Zel",
)
_SECOND = (
    "brent",
    "vane",
    "mere",
    "holt",
    "dane",
    "stow",
    "lyn",
    "garde",
    "rath",
    "ness",
    "moor",
    "croft",
    "quist",
    "vell",
    "sund",
    "heim",
    "rin",
    "dal",
)


def _shortlist() -> list[tuple[str, str, int]]:
    """The 20 accounts of accounts.csv: (name, segment, spend)."""
    with open(CASE / "accounts.csv", encoding="utf-8-sig", newline="") as handle:
        return [(row["account"], row["segment"], int(row["spend"])) for row in csv.DictReader(handle)]


def _names(rng: random.Random, count: int, taken: set[str]) -> list[tuple[str, str]]:
    """``count`` unique (name, segment) pairs, none clashing with ``taken`` or sharing its stem."""
    stems = [a + b for a in _FIRST for b in _SECOND]
    rng.shuffle(stems)
    taken_stems = {name.split()[0].casefold() for name in taken}
    segments = list(SEGMENT_WEIGHTS)
    out: list[tuple[str, str]] = []
    used = set(taken)
    for stem in stems:
        if len(out) == count:
            break
        if stem.casefold() in taken_stems:
            continue
        segment = rng.choices(segments, weights=[SEGMENT_WEIGHTS[s] for s in segments])[0]
        name = f"{stem.capitalize()} {rng.choice(SEGMENTS[segment])}"
        if name in used:
            continue
        used.add(name)
        out.append((name, segment))
    return out


def _soft_cap(value: float) -> float:
    """Above ``KNEE`` values bend smoothly towards ``LARGEST_OTHER`` (no pile-up at the cap)."""
    if value <= KNEE:
        return max(value, SMALLEST)
    room = LARGEST_OTHER - ROUND_TO - KNEE
    return KNEE + room * (1 - math.exp(-(value - KNEE) / room))


def _revenues(rng: random.Random, count: int, total: int) -> list[int]:
    """``count`` long-tailed revenues in [SMALLEST, LARGEST_OTHER), rounded, adding up to ``total``."""
    raw = sorted((rng.lognormvariate(0.0, 1.05) for _ in range(count)), reverse=True)
    low, high = 0.0, float(total)
    for _ in range(200):  # find the scale at which the bent values add up to the total
        scale = (low + high) / 2
        if sum(_soft_cap(scale * v) for v in raw) > total:
            high = scale
        else:
            low = scale
    values = [_soft_cap(low * v) for v in raw]
    rounded = [round(v / ROUND_TO) * ROUND_TO for v in values]
    residual = total - sum(rounded)
    middle = count // 2
    rounded[middle] += residual  # a few thousand euros on a mid-sized customer
    assert SMALLEST <= rounded[middle] < LARGEST_OTHER
    return rounded


def build() -> str:
    """The CSV text: customer, segment, revenue_eur; biggest first (ties by name)."""
    rng = random.Random(SEED)
    shortlist = _shortlist()
    others_total = TOTAL_REVENUE - sum(spend for _, _, spend in shortlist)
    count = CUSTOMERS - len(shortlist)
    names = _names(rng, count, {name for name, _, _ in shortlist})
    revenues = _revenues(rng, count, others_total)
    order = list(range(count))
    rng.shuffle(order)  # revenue is not tied to the order in which names were drawn
    rows = [(name, segment, spend) for name, segment, spend in shortlist]
    rows += [(names[i][0], names[i][1], revenues[j]) for i, j in zip(order, range(count), strict=False)]
    rows.sort(key=lambda r: (-r[2], r[0]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["customer", "segment", "revenue_eur"])
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} differs from what {Path(__file__).name} writes", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
