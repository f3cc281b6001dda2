"""``python -m web_office [STORE.db] [--port N]``: serve the web office on 127.0.0.1."""

from __future__ import annotations

import argparse

import uvicorn

from web_office.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("store", nargs="?", default="web-office.db", help="the SQLite store")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    uvicorn.run(create_app(args.store), host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()
