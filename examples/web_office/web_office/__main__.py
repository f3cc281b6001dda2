"""``python -m web_office``: serve the web office, or manage its staff accounts.

    python -m web_office serve office.db [--port 8000] [--https]
    python -m web_office add-staff office.db ani --role front_office --name "Ani (loket 1)"
    python -m web_office add-staff office.db budi --role district_officer --district 18.08.01
    python -m web_office list-staff office.db
    python -m web_office disable-staff office.db ani

``add-staff`` asks for the password twice (or reads one line from standard input when it is
not a terminal). The server listens on 127.0.0.1 only: put the office's HTTPS proxy in front
of it and pass ``--https`` so the session cookie is sent over HTTPS alone.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from adminduk.errors import AdmindukError
from web_office.accounts import STAFF_ROLES, Accounts


def _accounts(store: str) -> Accounts:
    return Accounts(f"{store.removesuffix('.db')}.accounts.db")


def _password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("the passwords differ")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m web_office",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the web office on 127.0.0.1")
    serve.add_argument("store", nargs="?", default="web-office.db", help="the SQLite store")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--https", action="store_true", help="behind an HTTPS proxy: secure cookies"
    )
    add = commands.add_parser("add-staff", help="create or replace a staff account")
    add.add_argument("store")
    add.add_argument("username")
    add.add_argument(
        "--role", action="append", required=True, choices=[role.value for role in STAFF_ROLES]
    )
    add.add_argument("--name", default="")
    add.add_argument("--district", default=None, help="a district officer's district (18.08.01)")
    listing = commands.add_parser("list-staff", help="list the active accounts")
    listing.add_argument("store")
    disable = commands.add_parser("disable-staff", help="stop an account from signing in")
    disable.add_argument("store")
    disable.add_argument("username")
    args = parser.parse_args(argv)
    try:
        if args.command == "serve":
            import uvicorn  # noqa: PLC0415 - only the server needs it

            from web_office.app import create_app  # noqa: PLC0415

            app = create_app(args.store, secure_cookies=args.https)
            uvicorn.run(
                app,
                host="127.0.0.1",
                port=args.port,
                proxy_headers=args.https,
                forwarded_allow_ips="127.0.0.1",
                server_header=False,
            )
        elif args.command == "add-staff":
            account = _accounts(args.store).add(
                args.username,
                _password(),
                roles=args.role,
                name=args.name,
                district=args.district,
            )
            roles = ", ".join(role.value for role in account.roles)
            print(f"account {account.username} ({roles}) ready")
        elif args.command == "list-staff":
            for account in _accounts(args.store).all():
                roles = ",".join(role.value for role in account.roles)
                print(f"{account.username}\t{roles}\t{account.district or '-'}\t{account.name}")
        else:
            _accounts(args.store).disable(args.username)
            print(f"account {args.username} disabled")
    except AdmindukError as error:
        print(f"refused: {error.message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
