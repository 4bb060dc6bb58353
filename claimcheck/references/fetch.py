"""Fetch reference URLs once, keep their text, and never let one bad URL stop the run.

Why a small content cache instead of an HTTP cache (hishel 2.0 was evaluated): references are
a snapshot the user checks against, so a second run must give the same answer without the
network whatever the server's Cache-Control says; hishel's plain mode stores only 2xx
responses, so a URL behind a redirect would still need the network (and fail offline); and
keeping the *extracted* text means HTML is parsed once, not on every run. Entries are one JSON
file per requested URL, written atomically; delete the cache folder to refetch.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

import httpx

from .. import __version__
from ..config import Config
from ..errors import UserError
from .cache import atomic_write, cache_root
from .formats import EXTENSIONS, Located, parse

MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
SCHEMES = frozenset({"http", "https"})
CACHE_VERSION = 1
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MEDIA_FORMATS = {
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
    "text/csv": "csv",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
}
# WHATWG Encoding: browsers read these labels as windows-1252, and real pages labelled
# latin-1 do contain its curly quotes and dashes in 0x80-0x9F.
_AS_WINDOWS_1252 = frozenset({"latin-1", "iso8859-1", "ascii"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class FetchError(Exception):
    """Why a URL was skipped; becomes a warning naming the URL."""


@dataclass
class Page:
    """A fetched URL reduced to text in one of the formats of `formats.PARSERS`."""

    url: str
    final_url: str
    format: str
    text: str
    notes: list[str] = field(default_factory=list)  # warnings to repeat on every run


class UrlCache:
    """One JSON file per requested URL under `<cache>/urls/`; unreadable entries are misses."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "urls"

    def path(self, url: str) -> Path:
        return self.folder / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def get(self, url: str) -> Page | None:
        try:
            data = json.loads(self.path(url).read_text(encoding="utf-8"))
            if data.pop("version") != CACHE_VERSION or data["url"] != url:
                return None
            page = Page(**data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if page.format not in EXTENSIONS.values() or not isinstance(page.text, str):
            return None
        return page

    def put(self, page: Page) -> None:
        entry = {"version": CACHE_VERSION, **asdict(page)}
        try:
            atomic_write(self.path(page.url), json.dumps(entry, ensure_ascii=False).encode())
        except OSError:
            pass  # a read-only cache only costs a refetch next time


class Fetcher:
    """Turns URLs into snippets for one run, sharing one HTTP client and the cache."""

    def __init__(self, config: Config, warnings: list[str], root: Path | None = None) -> None:
        self.config = config
        self.warnings = warnings
        self.cache = UrlCache(root or cache_root())
        self._client: httpx.Client | None = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def snippets(self, url: str) -> list[Located]:
        page = self.cache.get(url)
        if page is None:
            if self.config.offline:
                self.warnings.append(f"{url}: not in the cache and offline mode is on; skipped")
                return []
            try:
                page = self.fetch(url)
            except FetchError as exc:
                self.warnings.append(f"{url}: skipped: {exc}")
                return []
            self.cache.put(page)
        self.warnings.extend(page.notes)
        try:
            items = parse(page.format, url, page.text, url=url)
        except UserError as exc:
            self.warnings.append(f"{exc} (URL skipped)")
            return []
        if not items:
            self.warnings.append(f"{url}: no readable text; skipped")
        return items

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=False,  # followed by hand to check each hop's scheme
                timeout=self.config.timeout,
                headers={"User-Agent": f"claimcheck/{__version__}"},
            )
        return self._client

    def fetch(self, url: str) -> Page:
        """Download `url` (following at most 5 redirects) within the time and size limits."""
        limit = self.config.timeout
        deadline = time.monotonic() + limit
        current = url
        seen = {url}
        try:
            for _ in range(MAX_REDIRECTS + 1):
                scheme = httpx.URL(current).scheme
                if scheme not in SCHEMES:
                    where = "unsupported URL scheme" if current == url else "redirected to scheme"
                    raise FetchError(f"{where} '{scheme}' (only http and https are fetched)")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise httpx.TimeoutException("deadline passed")
                with self.client.stream("GET", current, timeout=remaining) as response:
                    if response.status_code in REDIRECTS:
                        current = self._next_hop(response, seen)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} "
                                         f"{response.reason_phrase}".strip())
                    if not response.is_success:
                        raise FetchError(f"unexpected HTTP {response.status_code}")
                    body = self._read(response, deadline)
                    return to_page(url, str(response.url), response.headers, body)
            raise FetchError(f"more than {MAX_REDIRECTS} redirects")
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {limit:g} s") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"cannot connect ({exc})") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"request failed ({type(exc).__name__}: {exc})") from None

    @staticmethod
    def _next_hop(response: httpx.Response, seen: set[str]) -> str:
        location = response.headers.get("location")
        if not location:
            raise FetchError(f"HTTP {response.status_code} redirect without a Location header")
        target = str(response.url.join(location))
        if target in seen:
            raise FetchError(f"redirect loop ({response.url} -> {target})")
        seen.add(target)
        return target

    def _read(self, response: httpx.Response, deadline: float) -> bytes:
        cap = self.config.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"too large ({int(declared)} bytes; max_bytes is {cap})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"too large (more than max_bytes = {cap} bytes; download stopped)")
            if time.monotonic() > deadline:  # a server trickling bytes never trips read timeouts
                raise httpx.TimeoutException("deadline passed")
            chunks.append(chunk)
        return b"".join(chunks)


def to_page(url: str, final_url: str, headers: httpx.Headers, body: bytes) -> Page:
    """Decode and classify a response body; HTML is reduced to its readable text here."""
    media, _, params = headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    charset = _param(params, "charset")
    kind = _format(media, final_url, body)
    notes: list[str] = []
    text = decode(body, charset, kind == "html", url, notes)
    if kind != "html":
        return Page(url, final_url, kind, text, notes)
    from .html import html_to_text

    extracted = html_to_text(text)
    if extracted is None:
        raise FetchError("no readable text in the HTML page")
    return Page(url, final_url, extracted[0], extracted[1], notes)


def _param(params: str, name: str) -> str | None:
    for part in params.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == name:
            return value.strip().strip("\"'") or None
    return None


def _format(media: str, url: str, body: bytes) -> str:
    by_extension = EXTENSIONS.get(PurePosixPath(httpx.URL(url).path).suffix.lower())
    if media in HTML_TYPES:
        return "html"
    if media in MEDIA_FORMATS:
        return MEDIA_FORMATS[media]
    if media.endswith("+json"):
        return "json"
    if media.startswith("text/"):
        # servers often send raw .md or .jsonl files as text/plain
        return by_extension or "text"
    if media in ("", "application/octet-stream"):
        if by_extension:
            return by_extension
        head = body[:512].lstrip().lower()
        return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"
    raise FetchError(f"unsupported content type '{media}'")


def decode(body: bytes, charset: str | None, html: bool, url: str, notes: list[str]) -> str:
    """Text of `body`: declared charset, then BOM, then <meta charset>, then UTF-8, then
    windows-1252 (what browsers assume for undeclared legacy pages), noting any guess."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace")
    if html and charset is None:
        meta = _META_CHARSET.search(body[:4096])
        charset = meta.group(1).decode("ascii") if meta else None
    if charset is not None:
        codec = _codec(charset)
        if codec is None:
            notes.append(f"{url}: unknown charset '{charset}' declared; guessing")
        else:
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                notes.append(f"{url}: body is not valid {charset}; bad bytes replaced")
                return body.decode(codec, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        notes.append(f"{url}: no usable charset declared and the body is not UTF-8; "
                      f"decoded as windows-1252")
        return body.decode("cp1252", errors="replace")


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_WINDOWS_1252 else name

