"""XML screening of a workbook's parts before any parser sees them: DOCTYPE/ENTITY declarations, impossible counts."""

from __future__ import annotations

import codecs
import re

XML_SUFFIXES = (".xml", ".rels", ".vml")  # members searched for DOCTYPE/ENTITY


# calamine reads the shared strings from this part (its name in any case), wherever the relationships point
SHARED_STRINGS = "xl/sharedstrings.xml"


_SST_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sst(?=[\s/>])((?:[^<>\"']++|\"[^\"<]*+\"|'[^'<]*+')*+)>")


_UNIQUE_COUNT = re.compile(rb"uniqueCount\s*=\s*[\"']\s*([0-9]+)")


_ENTITY_TOKENS = ("<!DOCTYPE", "<!ENTITY")


_TOKEN_TAIL = max(len(t) for t in _ENTITY_TOKENS) * 2


def is_shared_strings(name: str) -> bool:
    return name.lower().lstrip("/") == SHARED_STRINGS


def claimed_strings(content: bytes) -> int:
    """The largest uniqueCount stated by an <sst> start tag of the part (UTF-8 or UTF-16), or 0. Every tag and
    every such attribute counts, wherever it is (after a long comment, beside a '>' in a quoted value): the
    parser takes the root's, and one honest-looking decoy must not hide it."""
    encoding = xml_encoding(content[:4])
    if encoding != "utf-8":
        content = content.decode(encoding, "ignore").encode("utf-8", "ignore")
    claims = [
        int(digits) if len(digits) <= 18 else 10**18  # int() refuses very long digit runs
        for tag in _SST_TAG.finditer(content)
        for digits in _UNIQUE_COUNT.findall(tag.group(1))
    ]
    return max(claims, default=0)


class EntityScanner:
    """Finds <!DOCTYPE / <!ENTITY in a stream of chunks (UTF-8 or UTF-16), across chunk boundaries."""

    def __init__(self) -> None:
        self._head = b""
        self._tokens: tuple[bytes, ...] = ()
        self._carry = b""

    def feed(self, chunk: bytes) -> bool:
        if not self._tokens:
            self._head += chunk
            if len(self._head) < 4:
                return False
            self._tokens = entity_tokens(self._head)
            chunk, self._head = self._head, b""
        window = self._carry + chunk
        self._carry = window[-_TOKEN_TAIL:]
        return any(token in window for token in self._tokens)


def entity_tokens(head: bytes) -> tuple[bytes, ...]:
    return tuple(token.encode(xml_encoding(head)) for token in _ENTITY_TOKENS)


def xml_encoding(head: bytes) -> str:
    """UTF-16 (either order) or UTF-8, from an XML part's first bytes: its byte order mark or its first '<'."""
    if head.startswith(codecs.BOM_UTF16_LE) or head[:2] == b"<\x00":
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE) or head[:2] == b"\x00<":
        return "utf-16-be"
    return "utf-8"
