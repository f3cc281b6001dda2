"""``python -m adminduk``: the command line (:mod:`adminduk.cli`)."""

from adminduk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
