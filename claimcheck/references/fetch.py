"""Fetch reference URLs once, keep their text, and never let one bad URL stop the run.

Why a small content cache instead of an HTTP cache (hishel 2.0 was evaluated): references are
a snapshot the user checks against, so a second run must give the same answer without the
network whatever the server's Cache-Control says; hishel's plain mode stores only 2xx
responses, so a URL behind a redirect would still need the network (and fail offline); and
keeping the *extracted* text means HTML is parsed once, not on every run. Entries are one JSON
file per requested URL, written atomically; delete the cache folder to refetch.

A page is cached only once it has been parsed into snippets, and an entry is checked field by
field when read: a page that fails to parse, or an entry of the wrong shape, is dropped with a
warning and fetched afresh, so one bad response can never poison later runs. Credentials in a
URL (`https://user:pass@host/...`) are sent to the server but never written anywhere: ids,
sources, warnings and cache keys use the URL without them.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit, urlunsplit

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


# A cache entry holds one page's text: a few times max_bytes at most once JSON-escaped.
_ENTRY_SLACK = 8
_USERINFO = re.compile(r"(?<=//)[^/?#\s@]*@")


class FetchError(Exception):
    """Why a URL was skipped; becomes a warning naming the URL."""


def redact(url: str) -> str:
    """`url` without the `user:password@` part, for everything that is shown or stored."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _USERINFO.sub("", url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _redacted_text(text: str) -> str:
    """Any `//user:pass@` left in a message (an exception may quote a URL) removed."""
    return _USERINFO.sub("", text)


@dataclass
class Page:
    """A fetched URL reduced to text in one of the formats of `formats.PARSERS`."""

    url: str
    final_url: str
    format: str
    text: str
    notes: list[str] = field(default_factory=list)  # warnings to repeat on every run


class UrlCache:
    """One JSON file per requested URL under `<cache>/urls/`. A missing entry, or one of an
    older cache version, is a miss; an unreadable one or one of the wrong shape is also a
    miss, and `get` says so in `self.dropped` so the caller can warn."""

    def __init__(self, root: Path, max_bytes: int = 5_000_000) -> None:
        self.folder = root / "urls"
        self.max_entry = _ENTRY_SLACK * max_bytes + 65_536
        self.dropped = ""  # why the last `get` refused an entry that was there

    def path(self, url: str) -> Path:
        return self.folder / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def get(self, url: str) -> Page | None:
        self.dropped = ""
        path = self.path(url)
        try:
            with path.open("rb") as fh:
                raw = fh.read(self.max_entry + 1)
        except OSError:
            return None
        if len(raw) > self.max_entry:
            return self._drop(url, "larger than any page it could hold")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return self._drop(url, "not valid JSON")
        if not isinstance(data, dict):
            return self._drop(url, "not a JSON object")
        if data.get("version") != CACHE_VERSION:
            return None  # another version's entry: fetched again, without fuss
        if data.get("url") != url:
            return None
        page = _page_of(data)
        if page is None:
            return self._drop(url, "fields of the wrong type")
        return page

    def _drop(self, url: str, why: str) -> Page | None:
        self.dropped = why
        self.remove(url)
        return None

    def remove(self, url: str) -> None:
        try:
            self.path(url).unlink(missing_ok=True)
        except OSError:
            pass

    def put(self, page: Page) -> None:
        entry = {"version": CACHE_VERSION, **asdict(page)}
        try:
            atomic_write(self.path(page.url), json.dumps(entry, ensure_ascii=False).encode())
        except OSError:
            pass  # a read-only cache only costs a refetch next time


def _page_of(data: dict[str, Any]) -> Page | None:
    """The Page an entry describes, when every field has the type it must have."""
    fields = {name: data.get(name) for name in ("url", "final_url", "format", "text", "notes")}
    if not all(isinstance(fields[k], str) for k in ("url", "final_url", "format", "text")):
        return None
    notes = fields["notes"]
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        return None
    if fields["format"] not in EXTENSIONS.values() or set(data) - {"version", *fields}:
        return None
    return Page(**fields)  # type: ignore[arg-type]


class Fetcher:
    """Turns URLs into snippets for one run, sharing one HTTP client and the cache."""

    def __init__(self, config: Config, warnings: list[str], root: Path | None = None) -> None:
        self.config = config
        self.warnings = warnings
        self.cache = UrlCache(root or cache_root(), config.max_bytes)
        self._client: httpx.Client | None = None
        # Every fetch of this run ends by this time, however many URLs there are.
        self._budget_end = time.monotonic() + config.fetch_budget

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def snippets(self, url: str) -> list[Located]:
        """The snippets of one URL; any problem is a warning naming the URL (without
        credentials), and the run goes on."""
        label = redact(url)
        page = self.cache.get(label)
        if self.cache.dropped:
            again = "skipped (offline)" if self.config.offline else "fetched again"
            self.warnings.append(f"{label}: cache entry dropped ({self.cache.dropped}); "
                                 f"{again}")
        fetched = page is None
        if page is None:
            if self.config.offline:
                self.warnings.append(f"{label}: not in the cache and offline mode is on; "
                                     f"skipped")
                return []
            try:
                page = self.fetch(url)
            except FetchError as exc:
                self.warnings.append(_redacted_text(f"{label}: skipped: {exc}"))
                return []
        self.warnings.extend(page.notes)
        try:
            items = parse(page.format, label, page.text, url=label)
        except UserError as exc:
            self.warnings.append(_redacted_text(f"{exc} (URL skipped)"))
            if not fetched:
                self.cache.remove(label)  # written by an older claimcheck: never again
            return []
        if fetched:
            self.cache.put(page)  # only what parsed: a bad page is never replayed
        if not items:
            self.warnings.append(f"{label}: no readable text; skipped")
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
        """Download `url` (following at most 5 redirects) within the time and size limits: its
        own `timeout`, and what is left of the run's `fetch_budget`."""
        now = time.monotonic()
        if now >= self._budget_end:
            raise FetchError(f"the run's time budget for URLs is spent (fetch_budget = "
                             f"{self.config.fetch_budget:g} s)")
        limit = self.config.timeout
        deadline = min(now + limit, self._budget_end)
        by_budget = deadline < now + limit
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
                    return to_page(redact(url), redact(str(response.url)), response.headers,
                                   body)
            raise FetchError(f"more than {MAX_REDIRECTS} redirects")
        except httpx.TimeoutException:
            if by_budget:
                raise FetchError(f"stopped when the run's time budget for URLs ran out "
                                 f"(fetch_budget = {self.config.fetch_budget:g} s)") from None
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
            raise FetchError(f"redirect loop ({redact(str(response.url))} -> {redact(target)})")
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

    try:
        extracted = html_to_text(text)
    except Exception as exc:  # the extractor's own failure on a hostile page, not ours
        raise FetchError(f"cannot read the HTML page ({type(exc).__name__})") from None
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
            notes.append(f"{url}: unknown charset {charset!r} declared; guessing")
        else:
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                notes.append(f"{url}: body is not valid {charset}; bad bytes replaced")
                return body.decode(codec, errors="replace")
            except (UnicodeError, LookupError, ValueError, TypeError):  # e.g. 'undefined'
                notes.append(f"{url}: charset {charset!r} cannot decode text; guessing")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        notes.append(f"{url}: no usable charset declared and the body is not UTF-8; "
                      f"decoded as windows-1252")
        return body.decode("cp1252", errors="replace")


def _codec(label: str) -> str | None:
    """The text encoding a charset label names, or None: Python's codec registry also holds
    bytes-to-bytes and str-to-str transforms (hex, base64, zlib, rot13) that are no charset."""
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return "cp1252" if info.name in _AS_WINDOWS_1252 else info.name

