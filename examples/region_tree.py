"""Print a regency's districts and villages, and what changed between code lists.

Usage: python examples/region_tree.py [REGENCY_CODE]   (default 18.08, Way Kanan)
"""

from __future__ import annotations

import sys

from adminduk import regions


def main() -> int:
    """Print the tree of one regency."""
    code = sys.argv[1] if len(sys.argv) > 1 else "18.08"
    regency = regions.get(code)
    figures = regions.population(regency.code)
    print(f"{regency.code} {regency.name}: {figures.total:,} people (2025)")
    for year in regions.LISTS:
        count = len(regions.children(regency.code, as_of=year))
        print(f"  {count} districts in the {year} code list")
    for district in regions.children(regency.code):
        villages = regions.children(district.code)
        since = district.lists[0]
        print(
            f"  {district.code} {district.name} (listed since {since}): {len(villages)} villages"
        )
        for village in villages:
            kind = "kelurahan" if village.code.rsplit(".", 1)[1].startswith("1") else "desa"
            print(f"      {village.code} {village.name} ({kind})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
