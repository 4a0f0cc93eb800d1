"""Command line of the reference backend: ``ioc-backend [options]`` and ``ioc-backend db upgrade``."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from ioc_backend import __version__
from ioc_backend.logsafe import protect
from ioc_backend.settings import DatabaseUrlError, Settings, database_url, default_db_url
from ioc_domain.roles import ROLES

log = logging.getLogger("ioc_backend.cli")


def _positive(kind: type) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
        return value

    parse.__name__ = kind.__name__
    return parse


def _not_negative(text: str) -> float:
    value = float(text)
    if not value >= 0 or value == float("inf"):  # NaN and infinity are no interval
        raise argparse.ArgumentTypeError(f"must be a number >= 0, got {text}")
    return value


_DB_HELP = "database: a SQLite file path or a SQLAlchemy URL (default: SQLite file in the user data dir)"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ioc-backend", description="Reference backend of the Huế IOC console")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any free port)")
    p.add_argument("--db", default=None, help=_DB_HELP)
    p.add_argument("--demo", action="store_true", help="seed demo data into an empty database and simulate activity")
    p.add_argument("--no-simulator", action="store_true", help="with --demo: do not generate live activity")
    p.add_argument(
        "--access-ttl", type=_positive(int), default=900, metavar="SECONDS", help="access token lifetime (900)"
    )
    p.add_argument(
        "--refresh-ttl",
        type=_positive(int),
        default=12 * 3600,
        metavar="SECONDS",
        help="refresh token lifetime (43200)",
    )
    p.add_argument(
        "--offline-grant-ttl",
        type=_positive(int),
        default=72 * 3600,
        metavar="SECONDS",
        help="offline grant lifetime (259200)",
    )
    p.add_argument(
        "--heartbeat", type=_positive(float), default=15.0, metavar="SECONDS", help="SSE heartbeat interval (15)"
    )
    p.add_argument(
        "--stream-recheck",
        type=_positive(float),
        default=2.0,
        metavar="SECONDS",
        help="how often open streams re-check their token for expiry and revocation (2)",
    )
    p.add_argument(
        "--event-retention",
        type=_positive(int),
        default=200_000,
        metavar="N",
        help="change events kept for SSE replay (200000)",
    )
    p.add_argument(
        "--login-attempts",
        type=_positive(int),
        default=5,
        metavar="N",
        help="failed sign-ins per account before each further one doubles the wait (5)",
    )
    p.add_argument(
        "--login-address-attempts",
        type=_positive(int),
        default=20,
        metavar="N",
        help="failed sign-ins per client address before each further one doubles the wait (20)",
    )
    p.add_argument(
        "--login-delay",
        type=_positive(float),
        default=1.0,
        metavar="SECONDS",
        help="first wait after the free failed sign-ins (1)",
    )
    p.add_argument(
        "--hash-slots",
        type=_positive(int),
        default=None,
        metavar="N",
        help="password hashes run at once, 64 MiB each (default: half the cores, 1 to 4)",
    )
    p.add_argument(
        "--header-timeout",
        type=_positive(float),
        default=10.0,
        metavar="SECONDS",
        help="drop a connection whose request headers are not complete in this time (10)",
    )
    p.add_argument(
        "--body-timeout",
        type=_positive(float),
        default=60.0,
        metavar="SECONDS",
        help="answer 408 and drop a connection whose request body is not complete in this time (60)",
    )
    p.add_argument(
        "--keep-alive-timeout",
        type=_positive(int),
        default=5,
        metavar="SECONDS",
        help="close an idle connection between requests after this time (5)",
    )
    p.add_argument(
        "--max-connections",
        type=_positive(int),
        default=1000,
        metavar="N",
        help="connections served at once, streams included; requests past it get 503 (1000)",
    )
    p.add_argument(
        "--sla-watch-interval",
        type=_not_negative,
        default=15.0,
        metavar="SECONDS",
        help="how often open alerts are checked for a broken SLA (15; 0 = never)",
    )
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.add_argument(
        "--add-user", metavar="NAME", help="create a user and exit (password from getpass or $IOC_NEW_PASSWORD)"
    )
    p.add_argument(
        "--import-cameras",
        metavar="FILE",
        help=(
            "add or update cameras from a CSV file (UTF-8, with or without BOM) and exit. Columns: "
            "id, name, ward, category, lat, lon (required); ptz, status, main_stream_url, sub_stream_url, "
            "presets ('1:name;2:name') (optional). Bad rows are reported with their line number and "
            "skipped; the exit status is 1 if any row was bad (docs/API.md, 'Camera import')"
        ),
    )
    p.add_argument("--role", choices=ROLES, help="role of --add-user")
    p.add_argument("--full-name", default="", help="display name of --add-user")
    p.add_argument("--version", action="version", version=f"ioc-backend {__version__}")
    return p


def _read_new_password() -> str:
    env = os.environ.get("IOC_NEW_PASSWORD")
    if env:
        return env
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise SystemExit("Passwords do not match")
    return first


def build_db_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ioc-backend db", description="Database commands of the reference backend")
    commands = p.add_subparsers(dest="command", required=True)
    upgrade = commands.add_parser("upgrade", help="migrate the database to the newest schema and exit")
    upgrade.add_argument("--db", default=None, help=_DB_HELP)
    upgrade.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return p


def _db_command(argv: list[str]) -> int:
    args = build_db_parser().parse_args(argv)
    _configure_logging(args.log_level)
    db_url = _db_url_or_none(args.db)
    if db_url is None:
        return 2
    from ioc_backend.db.engine import Database
    from ioc_backend.db.migrate import HEAD_REVISION, upgrade_database

    db = Database(db_url)
    try:
        upgrade_database(db)
    except SQLAlchemyError as exc:
        _cannot_open(db_url, exc)
        return 2
    finally:
        db.dispose()
    print(f"Database is at schema revision {HEAD_REVISION}", flush=True)
    return 0


def _db_url_or_none(value: str | None) -> str | None:
    """The URL of a --db value, or None after one line on stderr saying what is wrong with it."""
    if value is None:
        return default_db_url()
    try:
        return database_url(value)
    except DatabaseUrlError as exc:
        print(f"ioc-backend: --db {value!r}: {exc}", file=sys.stderr)
        return None


def _cannot_open(db_url: str, exc: SQLAlchemyError) -> None:
    # One line: the driver's first line says what went wrong (not a database, refused, ...).
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    shown = make_url(db_url).render_as_string(hide_password=True)
    print(f"ioc-backend: cannot open the database {shown}: {reason}", file=sys.stderr)


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(), stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # On the handler, so every record of the process (uvicorn's, SQLAlchemy's) is escaped too.
    for handler in logging.getLogger().handlers:
        protect(handler)


def _add_user(args: argparse.Namespace, db_url: str) -> int:
    from ioc_backend.db.engine import Database
    from ioc_backend.db.migrate import upgrade_database
    from ioc_backend.db.users import UserError, create_user

    if not args.role:
        print("--add-user needs --role", file=sys.stderr)
        return 2
    password = _read_new_password()
    db = Database(db_url)
    try:
        upgrade_database(db)
        with db.write() as session:
            create_user(session, args.add_user, password, args.role, args.full_name)
    except SQLAlchemyError as exc:
        _cannot_open(db_url, exc)
        return 2
    except UserError as exc:
        print(f"Cannot add user: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(f"Created user '{args.add_user}' with role {args.role}")
    return 0


def _no_users(db_url: str) -> bool:
    from sqlalchemy import func, select

    from ioc_backend.db import models
    from ioc_backend.db.engine import Database

    db = Database(db_url)
    try:
        with db.read() as session:
            return session.execute(select(func.count()).select_from(models.User)).scalar_one() == 0
    finally:
        db.dispose()


def _exit_cleanly(signum: int, _frame: FrameType | None) -> None:
    # uvicorn re-raises the signal it handled after its own graceful shutdown; turning it into
    # SystemExit(0) lets ``main`` run its cleanup and exit with status 0.
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["db"]:
        return _db_command(argv[1:])
    args = build_parser().parse_args(argv)
    _configure_logging(args.log_level)
    db_url = _db_url_or_none(args.db)
    if db_url is None:
        return 2
    if args.add_user:
        return _add_user(args, db_url)
    if args.import_cameras:
        return _import_cameras(args.import_cameras, db_url)
    return _serve(args, db_url)


def _import_cameras(path: str, db_url: str) -> int:
    from ioc_backend.camera_import import ImportFileError, import_cameras
    from ioc_backend.db.engine import Database
    from ioc_backend.db.migrate import upgrade_database

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        print(f"ioc-backend: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    db = Database(db_url)
    try:
        upgrade_database(db)
        with db.write() as session:
            result = import_cameras(session, data)
    except ImportFileError as exc:
        print(f"{path}: {exc}; nothing was imported", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        _cannot_open(db_url, exc)
        return 2
    finally:
        db.dispose()
    for line, reason in result.errors:
        print(f"{path}:{line}: {reason}", file=sys.stderr)
    print(
        f"Imported {result.created + result.updated + result.unchanged} camera(s) from {path}: "
        f"{result.created} new, {result.updated} changed, {result.unchanged} unchanged; "
        f"{len(result.errors)} bad row(s) skipped",
        flush=True,
    )
    return 1 if result.errors else 0


def _serve(args: argparse.Namespace, db_url: str) -> int:
    from ioc_backend.server import bind_socket, build_server, prepare_context, socket_url

    signal.signal(signal.SIGTERM, _exit_cleanly)
    signal.signal(signal.SIGINT, _exit_cleanly)
    settings = Settings(
        db_url=db_url,
        demo=args.demo,
        simulator=not args.no_simulator,
        access_ttl=args.access_ttl,
        refresh_ttl=args.refresh_ttl,
        heartbeat=args.heartbeat,
        offline_grant_ttl=args.offline_grant_ttl,
        event_retention=args.event_retention,
        login_free_attempts=args.login_attempts,
        login_address_free_attempts=args.login_address_attempts,
        login_base_delay=args.login_delay,
        hash_slots=args.hash_slots,
        header_timeout=args.header_timeout,
        body_timeout=args.body_timeout,
        keep_alive_timeout=args.keep_alive_timeout,
        max_connections=args.max_connections,
        stream_recheck=args.stream_recheck,
        sla_watch_interval=args.sla_watch_interval,
    )
    try:
        ctx = prepare_context(settings)
    except SQLAlchemyError as exc:
        _cannot_open(db_url, exc)
        return 2
    sock = None
    try:
        if not args.demo and _no_users(db_url):
            print(
                "No users exist yet. Add an administrator with:\n"
                f"  ioc-backend --db {db_url} --add-user admin --role admin",
                flush=True,
            )
        sock = bind_socket(args.host, args.port)
        url = socket_url(sock)
        server = build_server(ctx, on_started=lambda: print(f"IOC backend listening on {url}", flush=True))
        server.run(sockets=[sock])
    finally:
        ctx.close()
        if sock is not None:
            sock.close()
        log.info("backend stopped")
    return 0
