"""Validation of CAP 1.2 documents from outside (POST /warnings/import) and of our own output,
against the OASIS schema (resources/cap/CAP-v1.2.xsd), with lxml.

A received document is hostile until proven otherwise: it is parsed by a parser that loads no
DTD, expands no entity and fetches nothing from the network, at most 1 MiB of it, and any DOCTYPE
is refused outright (billion laughs, XXE). Only then is it checked against the schema and read.
"""

from __future__ import annotations

import threading
from importlib import resources
from typing import Any
from xml.parsers import expat

from lxml import etree

from ioc_domain.cap import CapError, parse_cap

#: The largest CAP document accepted (a warning is a few KiB; 1 MiB leaves room for many areas).
MAX_CAP_BYTES = 1024 * 1024

_schema: etree.XMLSchema | None = None
_schema_lock = threading.Lock()


class CapRejected(ValueError):
    """A CAP document refused; ``status`` is the HTTP answer (413 too large, 422 otherwise)."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def _hardened_parser() -> etree.XMLParser:
    # A new parser per call: lxml parsers keep state and are not to be shared between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        remove_pis=True,
    )


def cap_schema() -> etree.XMLSchema:
    """The OASIS CAP 1.2 schema, loaded once (the file ships in the package: resources/cap)."""
    global _schema
    with _schema_lock:
        if _schema is None:
            source = resources.files("resources").joinpath("cap", "CAP-v1.2.xsd").read_bytes()
            _schema = etree.XMLSchema(etree.fromstring(source, _hardened_parser()))
        return _schema


class _DoctypeSeen(Exception):
    pass


class _PrologOver(Exception):
    pass


def _refuse_doctype(xml: bytes) -> None:
    """Refuse a DOCTYPE by name before libxml2 reads it (it would otherwise answer a billion-laughs
    file with an "amplification" parse error that tells the user less). A streaming expat pass
    that stops at the first element or at the DOCTYPE, whichever comes first."""

    def doctype(*_args: Any) -> None:
        raise _DoctypeSeen

    def first_element(*_args: Any) -> None:
        raise _PrologOver  # no DOCTYPE can follow the first element: stop reading

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = first_element
    try:
        parser.Parse(xml, True)
    except _DoctypeSeen:
        raise CapRejected("DOCTYPE not allowed in a CAP document") from None
    except (_PrologOver, expat.ExpatError):
        pass  # not well-formed: lxml says where, below


def validate_cap(xml: bytes) -> dict[str, Any]:
    """The fields of the CAP 1.2 document ``xml`` (ioc_domain.cap.parse_cap), or CapRejected
    naming the problem: too large, not XML, a DOCTYPE, not valid against the schema (with the
    line and the schema's message), coordinates that are not coordinates."""
    if len(xml) > MAX_CAP_BYTES:
        raise CapRejected(f"the CAP document is larger than {MAX_CAP_BYTES} bytes", status=413)
    if not xml.strip():
        raise CapRejected("the CAP document is empty")
    _refuse_doctype(xml)
    try:
        root = etree.fromstring(xml, _hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise CapRejected(f"not well-formed XML: {exc.msg}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None or tree.docinfo.externalDTD is not None:
        # Entities only come with a DTD: refusing every DOCTYPE closes entity expansion and XXE.
        raise CapRejected("DOCTYPE not allowed in a CAP document")
    schema = cap_schema()
    if not schema.validate(root):
        first = schema.error_log[0] if len(schema.error_log) else None
        where = f"line {first.line}: {first.message}" if first is not None else "the schema refused it"
        raise CapRejected(f"not valid CAP 1.2: {where}")
    try:
        fields = parse_cap(xml)
    except CapError as exc:
        raise CapRejected(f"not valid CAP 1.2: {exc}") from None
    fields["source_xml"] = _as_utf8_text(xml, root)
    return fields


def _as_utf8_text(xml: bytes, root: Any) -> str:
    """The document as text to keep: verbatim when it is UTF-8 (or ASCII), else re-written as
    UTF-8 with a matching declaration (served later as UTF-8 bytes, it must say so)."""
    encoding = (root.getroottree().docinfo.encoding or "UTF-8").upper()
    if encoding in ("UTF-8", "US-ASCII", "ASCII"):
        try:
            return xml.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    return str(etree.tostring(root, encoding="UTF-8", xml_declaration=True).decode("utf-8"))


def schema_errors(xml: bytes) -> list[str]:
    """Every schema error of ``xml`` as "line N: message" (empty when valid): for tests and tools
    that check our own documents."""
    root = etree.fromstring(xml, _hardened_parser())
    schema = cap_schema()
    if schema.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]
