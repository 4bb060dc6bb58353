"""Hostile responses and cache entries: a bad page is a warning and is never cached, a cache
entry of the wrong shape is dropped and fetched again, charset labels that name no text
encoding are guessed past, credentials in a URL are never shown or stored, and all URLs of a
run share one time budget."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimcheck.config import Config
from claimcheck.references import load_references
from claimcheck.references.fetch import UrlCache, redact

BOMB = ("- text: the harbour\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))).encode()
TEXT = "Café served 300 guests.".encode()
ROUTES: dict[str, tuple[dict[str, str], bytes, float]] = {
    "/bomb.yaml": ({"Content-Type": "application/yaml"}, BOMB, 0),
    "/deep.json": ({"Content-Type": "application/json"},
                   b'[{"text": "x", "e": ' + b"[" * 5000 + b"]" * 5000 + b"}]", 0),
    "/plain": ({"Content-Type": "text/plain"}, b"First fact here.\n", 0),
    "/slow": ({"Content-Type": "text/plain"}, b"Too late.", 1.5),
    **{f"/charset-{c}": ({"Content-Type": f"text/plain; charset={c}"}, TEXT, 0)
       for c in ("hex", "base64", "rot13", "zlib", "undefined", "bogus")},
    **{f"/meta-{c}": ({"Content-Type": "text/html"},
                      b'<html><head><meta charset="' + c.encode() + b'"></head><body><p>'
                      + TEXT + b"</p></body></html>", 0)
       for c in ("hex", "base64", "rot13", "zlib", "undefined")},
}


class Handler(BaseHTTPRequestHandler):
    hits: Counter[str] = Counter()
    auth: list[str | None] = []

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.partition("?")[0]
        Handler.hits[path] += 1
        Handler.auth.append(self.headers.get("Authorization"))
        headers, body, delay = ROUTES.get(path, ({}, b"", 0))
        if delay:
            time.sleep(delay)
        try:
            self.send_response(200 if path in ROUTES else 404)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # /slow: the client gave up first, as the timeout test wants

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(*urls: str, **config: object) -> tuple[list, list[str]]:
    warnings: list[str] = []
    cfg = Config.model_validate({"timeout": 5.0, "refs_optional": True, **config})
    return load_references(list(urls), cfg, warnings), warnings


@pytest.mark.parametrize("path", ["/bomb.yaml", "/deep.json"])
def test_a_page_that_fails_to_parse_is_a_warning_and_never_cached(
        server: str, path: str, _isolated: Path) -> None:
    Handler.hits.clear()
    snippets, warnings = fetch(f"{server}{path}")
    assert snippets == [] and len(warnings) == 1 and "(URL skipped)" in warnings[0]
    assert not list((_isolated / "urls").glob("*.json"))
    _, offline = fetch(f"{server}{path}", offline=True)
    assert offline == [f"{server}{path}: not in the cache and offline mode is on; skipped"]
    fetch(f"{server}{path}")
    assert Handler.hits[path] == 2


def test_a_poisoned_entry_from_an_older_run_is_dropped(server: str, _isolated: Path) -> None:
    url = f"{server}/poisoned.yaml"
    UrlCache(_isolated).put(__import__("claimcheck.references.fetch", fromlist=["Page"]).Page(
        url, url, "yaml", BOMB.decode()))
    _, warnings = fetch(url, offline=True)
    assert "aliases expand" in warnings[0]
    assert not UrlCache(_isolated).path(url).exists()


@pytest.mark.parametrize(("change", "why"), [
    ({"notes": None}, "fields of the wrong type"),
    ({"notes": [1, 2]}, "fields of the wrong type"),
    ({"text": 5}, "fields of the wrong type"),
    ({"format": "exe"}, "fields of the wrong type"),
    ({"surprise": True}, "fields of the wrong type"),
    (["a list"], "not a JSON object"),
])
def test_a_cache_entry_of_the_wrong_shape_is_dropped_and_fetched_again(
        server: str, _isolated: Path, change: object, why: str) -> None:
    url = f"{server}/plain"
    fetch(url)
    entry = UrlCache(_isolated).path(url)
    data = json.loads(entry.read_text())
    entry.write_text(json.dumps({**data, **change} if isinstance(change, dict) else change))
    Handler.hits.clear()
    snippets, warnings = fetch(url)
    assert [s.text for s in snippets] == ["First fact here."]
    assert warnings == [f"{url}: cache entry dropped ({why}); fetched again"]
    assert Handler.hits["/plain"] == 1
    assert json.loads(entry.read_text())["notes"] == []  # the fresh page replaced it


@pytest.mark.parametrize("path", [f"/charset-{c}" for c in (
    "hex", "base64", "rot13", "zlib", "undefined")] + [f"/meta-{c}" for c in (
        "hex", "base64", "rot13", "zlib", "undefined")])
def test_charset_labels_that_name_no_text_encoding_are_guessed_past(
        server: str, path: str) -> None:
    snippets, warnings = fetch(f"{server}{path}")
    assert [s.text for s in snippets] == ["Café served 300 guests."]
    assert len(warnings) == 1 and "charset" in warnings[0] and "guessing" in warnings[0]


def test_credentials_are_sent_but_never_shown_or_stored(server: str, _isolated: Path) -> None:
    secret = server.replace("http://", "http://alice:s3cret@")
    Handler.auth.clear()
    snippets, warnings = fetch(f"{secret}/plain", f"{secret}/nothing-here")
    assert Handler.auth[0] is not None and Handler.auth[0].startswith("Basic ")
    shown = json.dumps([dataclasses.asdict(s) for s in snippets]) + " ".join(warnings)
    stored = " ".join(p.name + p.read_text() for p in (_isolated / "urls").glob("*"))
    assert snippets and warnings
    for text in (shown, stored):
        assert "alice" not in text and "s3cret" not in text
    assert snippets[0].id == f"{server}/plain#p1"


def test_redact() -> None:
    assert redact("https://u:p@example.org:8080/a?b=c@d") == "https://example.org:8080/a?b=c@d"
    assert redact("https://example.org/x") == "https://example.org/x"
    assert redact("http://u:p@[::1/") == "http://[::1/"  # unparseable: still no userinfo


def test_all_urls_of_a_run_share_one_time_budget(server: str) -> None:
    started = time.monotonic()
    snippets, warnings = fetch(*(f"{server}/slow?{i}" for i in range(4)),
                               timeout=5.0, fetch_budget=1.0)
    assert time.monotonic() - started < 4  # four slow URLs, not 4 x 1.5 s
    assert snippets == []
    assert "stopped when the run's time budget for URLs ran out (fetch_budget = 1 s)" \
        in warnings[0]
    assert all("time budget for URLs is spent (fetch_budget = 1 s)" in w for w in warnings[1:])
