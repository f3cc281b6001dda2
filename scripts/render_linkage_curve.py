"""Draw the linkage's precision-recall curve for the docs (docs/img/linkage-curve.png).

Usage: ``python scripts/render_linkage_curve.py [COUNT] [docs/img]``: links COUNT synthetic
people (default 1,000,000) with 2 % planted duplicates (seed 1, as the benchmark's first run),
and draws precision and recall at every match weight, with the exact name and birth date
baseline as a point.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from adminduk.linkage import REVIEW_MATCH_WEIGHT, curve, exact_baseline, link, synthetic_people


def main() -> int:
    """Write the chart; print its path and the figures drawn."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("docs/img")
    result = link(synthetic_people(count, duplicate_rate=0.02, seed=1), retain=("person",))
    scores = curve(result)
    baseline = exact_baseline(result)
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    weights = [score.threshold for score in scores]
    left.plot(weights, [s.precision for s in scores], marker=".", label="precision")
    left.plot(weights, [s.recall for s in scores], marker=".", label="recall")
    left.axvline(REVIEW_MATCH_WEIGHT, color="grey", linestyle="--", label="review weight")
    left.set_xlabel("match weight (pairs at or above)")
    left.set_ylim(0.6, 1.005)
    left.legend(loc="lower left")
    left.set_title("Precision and recall by threshold")
    right.plot([s.recall for s in scores], [s.precision for s in scores], marker=".",
               label="Splink model")  # fmt: skip
    right.scatter([baseline.recall], [baseline.precision], color="red", zorder=3,
                  label="exact name + birth date")  # fmt: skip
    right.set_xlabel("recall")
    right.set_ylabel("precision")
    right.set_xlim(0.6, 1.005)
    right.set_ylim(0.8, 1.005)
    right.legend(loc="lower left")
    right.set_title(f"{count:,} records, 2 % planted duplicates")
    figure.tight_layout()
    path = target / "linkage-curve.png"
    figure.savefig(path, dpi=90)
    print(path)
    for score in scores:
        print(f"{score.threshold:+.0f} precision {score.precision:.4f} recall {score.recall:.4f}")
    print(f"baseline precision {baseline.precision:.4f} recall {baseline.recall:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
