"""Command line entry point: ``ioc-console [--demo | --backend URL] [--lang vi|en] ...``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from ioc_console.services.settings import SUPPORTED_LANGUAGES

EXIT_AFTER_ENV = "IOC_CONSOLE_EXIT_AFTER_MS"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ioc-console", description="Operator console of Huế's Intelligent Operations Center."
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--demo",
        action="store_true",
        help="start a built-in demo backend with sample data and sign in as the demo operator",
    )
    target.add_argument("--backend", metavar="URL", help="IOC backend to connect to, e.g. https://ioc.example.vn")
    parser.add_argument(
        "--lang", choices=SUPPORTED_LANGUAGES, help="interface language (default: saved choice, else vi)"
    )
    tls = parser.add_mutually_exclusive_group()
    tls.add_argument(
        "--ca-bundle", metavar="PATH", type=Path, help="PEM file of certificate authorities to trust for the backend"
    )
    tls.add_argument(
        "--insecure-no-verify", action="store_true", help="do not verify the backend's TLS certificate (testing only)"
    )
    base_map = parser.add_mutually_exclusive_group()
    base_map.add_argument(
        "--map-tiles",
        metavar="URL",
        help='XYZ tile server for the map when online, e.g. "https://tiles.example.vn/{z}/{x}/{y}.png"; '
        'saved for next time ("" forgets it)',
    )
    base_map.add_argument(
        "--map-mbtiles",
        metavar="PATH",
        help='MBTiles file for the map background, read locally (works offline); saved for next time ("" forgets it)',
    )
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    return parser


def _exit_after_ms(parser: argparse.ArgumentParser) -> int | None:
    raw = os.environ.get(EXIT_AFTER_ENV)
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        parser.error(f"{EXIT_AFTER_ENV} must be a whole number of milliseconds, not {raw!r}")
    if value < 0:
        parser.error(f"{EXIT_AFTER_ENV} must not be negative")
    return value


def _check_base_map(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse a map background that would give a blank map, before any window opens."""
    if args.map_tiles:
        from ioc_console.workspaces.map.page import check_xyz_url

        try:
            check_xyz_url(args.map_tiles)
        except ValueError as exc:
            parser.error(f"--map-tiles: {exc}")
    if args.map_mbtiles:
        from ioc_console.workspaces.map.mbtiles import MbtilesError, MbtilesSource

        try:
            MbtilesSource.open(args.map_mbtiles).close()
        except MbtilesError as exc:
            parser.error(f"--map-mbtiles: {exc}")


def _save_base_map(args: argparse.Namespace) -> None:
    from ioc_console.services.settings import ConsoleSettings

    settings = ConsoleSettings()
    if args.map_tiles is not None:
        settings.map_tile_url = args.map_tiles
        settings.map_mbtiles = ""
    if args.map_mbtiles is not None:
        settings.map_mbtiles = str(Path(args.map_mbtiles).resolve()) if args.map_mbtiles else ""
        settings.map_tile_url = ""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.backend and not args.backend.startswith(("http://", "https://")):
        parser.error(f"--backend must be an http:// or https:// URL, not {args.backend!r}")
    verify: bool | str = True
    if args.ca_bundle is not None:
        if not args.ca_bundle.is_file():
            parser.error(f"--ca-bundle: no such file: {args.ca_bundle}")
        verify = str(args.ca_bundle)
    elif args.insecure_no_verify:
        verify = False
    exit_after = _exit_after_ms(parser)
    _check_base_map(parser, args)

    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run its sandbox as root; must be set before QApplication exists.
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags.split():
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()

    logging.basicConfig(
        level=getattr(logging, args.log_level), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    from PySide6.QtWidgets import QApplication

    from ioc_console.services.settings import ConsoleSettings
    from ioc_console.shell.app import ConsoleApp
    from ioc_console.shell.theme import apply_theme
    from ioc_console.workspaces.map.web_engine import prepare_web_engine

    # Before the QApplication: Chromium learns the map page's own URL scheme only at start-up.
    prepare_web_engine()
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    qapp.setApplicationName("ioc-console")
    qapp.setOrganizationName("IOC Hue")
    if args.map_tiles is not None or args.map_mbtiles is not None:
        _save_base_map(args)
    apply_theme(qapp)

    backend_url = args.backend
    if not args.demo and not backend_url:
        backend_url = ConsoleSettings().backend_url
        if not backend_url:
            parser.error("say where the backend is: --backend URL, or --demo for the built-in demo")

    console = ConsoleApp(qapp, language=args.lang, verify=verify, exit_after_ms=exit_after)
    try:
        if args.demo:
            console.start_demo()
        else:
            console.start_remote(backend_url)
        code = qapp.exec()
    finally:
        console.shutdown()
    return code or console.exit_code


if __name__ == "__main__":
    sys.exit(main())
