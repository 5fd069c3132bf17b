"""The `regie` command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence


def _db_upgrade(args: argparse.Namespace) -> int:
    from api.core.config import get_settings
    from api.core.db import get_engine
    from api.core.logging import configure_logging
    from api.migrate import current_and_head, downgrade, upgrade

    configure_logging(get_settings())  # alembic's "Running upgrade ..." lines, in our shape
    engine = get_engine()
    if args.action == "upgrade":
        upgrade(engine, args.revision or "head")
    else:
        downgrade(engine, args.revision or "base")
    current, head = current_and_head(engine)
    print(f"database at {current} (head {head})", file=sys.stderr)
    return 0


def _seed(args: argparse.Namespace) -> int:
    from api.seed.loader import load_dataset

    print(json.dumps(load_dataset(), indent=2))
    return 0


def _demo_users(args: argparse.Namespace) -> int:
    from api.seed.demo import ensure_demo_users

    print("Demo logins (development only):")
    for login in ensure_demo_users():
        print(f"  {login['role']:<13} {login['email']:<28} password: {login['password']}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from api.core.config import get_settings
    from api.core.httpserver import BoundedHeadProtocol
    from api.core.logging import configure_logging, log_config

    settings = get_settings()
    configure_logging(settings)
    if args.workers > 1:
        # Each worker process counts for itself and a scrape reaches one of them at random.
        logging.getLogger("regie").warning(
            "%d workers: /metrics shows one worker's figures; run one worker per instance",
            args.workers,
        )
    uvicorn.run(
        "api.main:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        http=BoundedHeadProtocol,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips or settings.forwarded_allow_ips,
        log_config=log_config(settings),
        access_log=False,
        timeout_graceful_shutdown=(
            settings.graceful_timeout if args.graceful_timeout is None else args.graceful_timeout
        ),
    )
    return 0


def _read_password() -> str:
    password = os.environ.get("REGIE_PASSWORD")
    if password is None:
        if sys.stdin.isatty():
            import getpass

            password = getpass.getpass("Password: ")
        else:
            password = sys.stdin.readline().rstrip("\n")
    if len(password) < 12:
        raise SystemExit("error: a password needs at least 12 characters")
    return password


def _need(args: argparse.Namespace, *names: str) -> None:
    missing = [f"--{n.replace('_', '-')}" for n in names if not getattr(args, n)]
    if missing:
        raise ValueError(f"{args.command} {args.action} needs {', '.join(missing)}")


def _users(args: argparse.Namespace) -> int:
    from api.accounts import admin

    if args.action == "create":
        _need(args, "email", "role")
        user = admin.create_user(
            email=args.email,
            name=args.name or args.email,
            role=args.role,
            actor=args.actor,
            municipality=args.municipality,
            password=_read_password(),
        )
        print(json.dumps(user, indent=2))
    elif args.action == "deactivate":
        _need(args, "email")
        print(json.dumps(admin.deactivate_user(args.email), indent=2))
    else:
        print(json.dumps(admin.list_users(), indent=2))
    return 0


def _clients(args: argparse.Namespace) -> int:
    from api.accounts import admin

    out: object
    if args.action == "create":
        _need(args, "name", "role")
        out = admin.create_client(
            name=args.name,
            role=args.role,
            actor=args.actor,
            municipality=args.municipality,
            scopes=args.scopes.split(","),
        )
    elif args.action == "rotate-secret":
        _need(args, "client_id")
        out = admin.rotate_client_secret(args.client_id)
    else:
        out = admin.list_clients()
    print(json.dumps(out, indent=2))
    return 0


def _export(args: argparse.Namespace) -> int:
    from api.exchange.dump import export_dataset

    export_dataset(args.output)
    return 0


def _import(args: argparse.Namespace) -> int:
    from api.exchange.dump import import_dataset

    print(json.dumps(import_dataset(args.input), indent=2))
    return 0


def _import_csv(args: argparse.Namespace) -> int:
    from api.imports.service import import_file

    report = import_file(args.resource, args.file, dry_run=args.dry_run)
    print(report.model_dump_json(indent=2))
    return 2 if report.errors else 0


def _mail(args: argparse.Namespace) -> int:
    from api.core.config import get_settings
    from api.core.logging import configure_logging
    from api.core.outbox import run_until_signalled
    from api.mail.worker import MailWorker

    configure_logging(get_settings())
    worker = MailWorker()
    try:
        if args.once:
            worker.maintain()  # the week's digests, when due
            print(json.dumps(worker.drain(), indent=2))
        else:
            run_until_signalled(worker)
    finally:
        worker.close()
    return 0


def _webhooks(args: argparse.Namespace) -> int:
    from api.core.config import get_settings
    from api.core.logging import configure_logging
    from api.core.outbox import run_until_signalled
    from api.webhooks.worker import DeliveryWorker

    configure_logging(get_settings())
    worker = DeliveryWorker()
    try:
        if args.once:
            print(json.dumps(worker.drain(), indent=2))
        else:
            run_until_signalled(worker)
    finally:
        worker.close()
    return 0


def _report(args: argparse.Namespace) -> int:
    from api.reports.export import write_report
    from api.reports.schemas import Language, ReportFormat

    size = write_report(
        args.year,
        ReportFormat(args.format),
        args.output,
        lang=Language(args.lang),
        internal=args.internal,
    )
    print(f"{args.output}: {size} bytes", file=sys.stderr)
    return 0


def _backup(args: argparse.Namespace) -> int:
    from api.core.backup import backup
    from api.core.db import get_engine

    print(json.dumps(backup(get_engine(), args.output), indent=2))
    return 0


def _restore(args: argparse.Namespace) -> int:
    from api.core.backup import restore
    from api.core.db import get_engine

    print(json.dumps(restore(get_engine(), args.input), indent=2))
    return 0


def _prune(args: argparse.Namespace) -> int:
    from api.maintenance import prune

    print(json.dumps(prune(), indent=2))
    return 0


def _permissions(args: argparse.Namespace) -> int:
    from api.core.permissions import render_markdown

    print(render_markdown())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regie", description="Regie sociale economie ZWVL")
    sub = parser.add_subparsers(dest="command", required=True)

    db = sub.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("revision", nargs="?")
    db.set_defaults(func=_db_upgrade)

    sub.add_parser("seed", help="load the action-plan dataset (idempotent)").set_defaults(
        func=_seed
    )

    sub.add_parser("demo-users", help="create and print one demo login per role").set_defaults(
        func=_demo_users
    )

    serve = sub.add_parser("serve", help="run the service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--graceful-timeout",
        type=int,
        help="seconds to let requests in flight finish on SIGTERM (REGIE_GRACEFUL_TIMEOUT, 30)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        help="proxies whose X-Forwarded-For is trusted (REGIE_FORWARDED_ALLOW_IPS, 127.0.0.1)",
    )
    serve.set_defaults(func=_serve)

    users = sub.add_parser("users", help="people who log in")
    users.add_argument("action", choices=["create", "deactivate", "list"])
    users.add_argument("--email")
    users.add_argument("--name")
    users.add_argument("--role", choices=["w13", "rose_member", "municipality"])
    users.add_argument("--actor", help="actor id (UUID) for a ROSE member")
    users.add_argument("--municipality", help="NIS code for a municipality")
    users.set_defaults(func=_users)

    clients = sub.add_parser("clients", help="API clients (systems)")
    clients.add_argument("action", choices=["create", "rotate-secret", "list"])
    clients.add_argument("--name")
    clients.add_argument("--role", choices=["w13", "rose_member", "municipality"])
    clients.add_argument("--actor")
    clients.add_argument("--municipality")
    clients.add_argument("--scopes", default="read", help="comma-separated: read,write")
    clients.add_argument("--client-id")
    clients.set_defaults(func=_clients)

    export = sub.add_parser("export", help="whole-dataset JSON export")
    export.add_argument("--output", "-o", default="-")
    export.set_defaults(func=_export)
    imp = sub.add_parser("import", help="whole-dataset JSON import")
    imp.add_argument("--input", "-i", default="-")
    imp.set_defaults(func=_import)
    imp_csv = sub.add_parser(
        "import-csv", help="create or update records of one resource from CSV, all or none"
    )
    imp_csv.add_argument("--resource", required=True, help="e.g. actors, agreements")
    imp_csv.add_argument("file", help="CSV file (JSON when it ends in .json; - for stdin)")
    imp_csv.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    imp_csv.set_defaults(func=_import_csv)

    hooks = sub.add_parser("webhooks", help="webhook delivery")
    hooks.add_argument("action", choices=["run"])
    hooks.add_argument(
        "--once", action="store_true", help="send what is due now, print counts, and exit"
    )
    hooks.set_defaults(func=_webhooks)

    mail = sub.add_parser("mail", help="e-mail delivery")
    mail.add_argument("action", choices=["run"])
    mail.add_argument(
        "--once", action="store_true", help="send what is due now, print counts, and exit"
    )
    mail.set_defaults(func=_mail)

    report = sub.add_parser("report", help="the annual report of a year, as a file")
    report.add_argument("--year", type=int, required=True)
    report.add_argument("--format", choices=["pdf", "xlsx", "html", "json"], default="pdf")
    report.add_argument("--output", "-o", required=True, help="file to write (- for stdout)")
    report.add_argument("--lang", choices=["nl", "fr", "en"], default="nl")
    report.add_argument(
        "--internal", action="store_true", help="include W13's internal notes (not for sharing)"
    )
    report.set_defaults(func=_report)

    bak = sub.add_parser(
        "backup", help="the whole database to a file (SQLite online backup, or pg_dump -Fc)"
    )
    bak.add_argument("--output", "-o", required=True)
    bak.set_defaults(func=_backup)
    res = sub.add_parser(
        "restore", help="replace the database with a backup file (stop the service first)"
    )
    res.add_argument("--input", "-i", required=True)
    res.set_defaults(func=_restore)

    sub.add_parser(
        "prune",
        help="delete what is past its retention: change feed, idempotency keys, delivery log "
        "(every webhook worker does this hourly)",
    ).set_defaults(func=_prune)
    sub.add_parser("permissions", help="print the permission table (Markdown)").set_defaults(
        func=_permissions
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from api.core.errors import ProblemError
    from api.resources import load_all

    load_all()  # the resource registry and the domains' hooks into core, for every command

    try:
        return int(args.func(args))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ProblemError as exc:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors)
        print(f"error: {exc.detail}" + (f" ({details})" if details else ""), file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
