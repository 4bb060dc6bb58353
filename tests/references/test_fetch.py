"""URL references against a real HTTP server on 127.0.0.1 (no internet needed)."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimcheck.config import Config
from claimcheck.errors import UserError
from claimcheck.references import load_references

ARTICLE = b"""<!doctype html><html><head><title>Port news</title></head><body>
<nav><a href="/">Home</a> | <a href="/about">About us</a> | <a href="/jobs">Jobs</a></nav>
<article><h1>Harbour breaks record</h1>
<p>The harbour handled 4.2 million containers in 2023, up 3% from the year before,
the port authority said on Tuesday in its annual report to the city council.</p>
<p>Mayor Jane Doe said the port fees will not rise this year, despite higher costs
for dredging the main channel and repairing the northern quay.</p>
<script>var tracking = "not text";</script>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"""
CAFE = "Caf\u00e9 \u201cLa D\u00e9j\u00e0\u201d served 300 guests \u2013 a record."

# path -> (status, headers, body, delay in seconds)
ROUTES: dict[str, tuple[int, dict[str, str], bytes, float]] = {
    "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE, 0),
    "/plain": (200, {"Content-Type": "text/plain"}, b"First fact here.\n\nSecond fact here.\n", 0),
    "/notes.md": (200, {"Content-Type": "text/plain"},
                  b"# Title\n\nMarkdown *served* as text/plain.\n", 0),
    "/data": (200, {"Content-Type": "application/json"},
              b'{"snippets": [{"id": "j1", "text": "Exports grew by 12%."}]}', 0),
    "/bad-json": (200, {"Content-Type": "application/json"}, b'[{"text": "x",]', 0),
    "/cp1252": (200, {"Content-Type": "text/plain; charset=windows-1252"},
                CAFE.encode("cp1252"), 0),
    "/latin1-label": (200, {"Content-Type": "text/plain; charset=ISO-8859-1"},
                      CAFE.encode("cp1252"), 0),
    "/undeclared": (200, {"Content-Type": "text/plain"}, CAFE.encode("cp1252"), 0),
    "/meta-charset": (200, {"Content-Type": "text/html"},
                      b'<html><head><meta charset="windows-1252"></head><body><p>'
                      + CAFE.encode("cp1252") + b"</p></body></html>", 0),
    "/slow": (200, {"Content-Type": "text/plain"}, b"Too late.", 60.0),  # daemon thread
    "/error": (500, {"Content-Type": "text/plain"}, b"boom", 0),
    "/missing": (404, {"Content-Type": "text/plain"}, b"no", 0),
    "/big": (200, {"Content-Type": "text/plain"}, b"word " * 4000, 0),
    "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG....", 0),
    "/hop1": (302, {"Location": "/hop2"}, b"", 0),
    "/hop2": (301, {"Location": "/plain"}, b"", 0),
    "/loop-a": (302, {"Location": "/loop-b"}, b"", 0),
    "/loop-b": (302, {"Location": "/loop-a"}, b"", 0),
    "/to-ftp": (302, {"Location": "ftp://127.0.0.1/file.txt"}, b"", 0),
    **{f"/chain{i}": (302, {"Location": f"/chain{i + 1}"}, b"", 0) for i in range(7)},
    "/chain7": (200, {"Content-Type": "text/plain"}, b"End of the chain.", 0),
}


class Handler(BaseHTTPRequestHandler):
    hits: Counter[str] = Counter()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        Handler.hits[self.path] += 1
        status, headers, body, delay = ROUTES.get(self.path, (404, {}, b"", 0))
        if delay:
            time.sleep(delay)
        if self.path == "/big-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # no Content-Length: the cap must trip while streaming
            try:
                for _ in range(100):
                    self.wfile.write(b"x" * 1000 + b"\n\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its size cap, as it should
            return
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str, **config: object) -> tuple[list, list[str]]:
    """Snippets and warnings; `refs_optional` so that a failure is a warning to read."""
    warnings: list[str] = []
    cfg = Config.model_validate({"timeout": 30.0, "refs_optional": True, **config})
    return load_references([url], cfg, warnings), warnings


def test_html_main_text_without_boilerplate(server: str) -> None:
    snippets, warnings = fetch(f"{server}/article")
    texts = [s.text for s in snippets]
    assert warnings == []
    assert texts[0].startswith("The harbour handled 4.2 million containers in 2023")
    assert texts[1].startswith("Mayor Jane Doe said the port fees will not rise")
    joined = " ".join(texts)
    for junk in ("About us", "Copyright", "tracking", "Harbour breaks record"):
        assert junk not in joined
    assert snippets[0].id == f"{server}/article#p1"
    assert snippets[0].source == snippets[0].url == f"{server}/article"


def test_plain_markdown_and_json_bodies(server: str) -> None:
    plain, _ = fetch(f"{server}/plain")
    assert [s.text for s in plain] == ["First fact here.", "Second fact here."]
    markdown, _ = fetch(f"{server}/notes.md")
    assert [s.text for s in markdown] == ["Markdown served as text/plain."]
    records, _ = fetch(f"{server}/data")
    assert [(s.id, s.text, s.url) for s in records] == [("j1", "Exports grew by 12%.",
                                                         f"{server}/data")]


def test_bad_json_body_is_a_warning(server: str) -> None:
    snippets, warnings = fetch(f"{server}/bad-json")
    assert snippets == []
    assert warnings[0].startswith(f"{server}/bad-json:1: invalid JSON")


@pytest.mark.parametrize("path", ["/cp1252", "/latin1-label", "/meta-charset"])
def test_declared_legacy_charsets_decode(server: str, path: str) -> None:
    snippets, warnings = fetch(f"{server}{path}")
    assert [s.text for s in snippets] == [CAFE]
    assert warnings == []


def test_undeclared_non_utf8_is_decoded_as_windows_1252_with_a_warning(server: str) -> None:
    snippets, warnings = fetch(f"{server}/undeclared")
    assert [s.text for s in snippets] == [CAFE]
    assert warnings == [f"{server}/undeclared: no usable charset declared and the body is not "
                        "UTF-8; decoded as windows-1252"]


@pytest.mark.parametrize(("path", "reason"), [
    ("/error", "skipped: HTTP 500 Internal Server Error"),
    ("/missing", "skipped: HTTP 404 Not Found"),
    ("/slow", "skipped: timed out after 2 s"),
    ("/big", "skipped: too large (20000 bytes; max_bytes is 1000)"),
    ("/big-streamed", "skipped: too large (more than max_bytes = 1000 bytes; download stopped)"),
    ("/image", "skipped: unsupported content type 'image/png'"),
    ("/loop-a", "skipped: redirect loop"),
    ("/to-ftp", "skipped: redirected to scheme 'ftp' (only http and https are fetched)"),
    ("/chain0", "skipped: more than 5 redirects"),
])
def test_failures_warn_and_the_run_goes_on(server: str, path: str, reason: str) -> None:
    warnings: list[str] = []
    # a short timeout only where timing out is the point: on a loaded machine a local fetch
    # can take longer than a second, and must not be the failure being tested
    timeout = 2.0 if path == "/slow" else 30.0
    cfg = Config.model_validate({"timeout": timeout, "max_bytes": 1000, "refs_optional": True})
    snippets = load_references([f"{server}{path}", f"{server}/plain"], cfg, warnings)
    assert [s.text for s in snippets] == ["First fact here.", "Second fact here."]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{server}{path}: {reason}")
    # without refs_optional an unreachable reference fails the run (exit 2), naming why
    strict = cfg.model_copy(update={"refs_optional": False})
    with pytest.raises(UserError, match="refs_optional = true") as failed:
        load_references([f"{server}{path}", f"{server}/plain"], strict, [])
    assert str(failed.value).startswith(f"{server}{path}: {reason}")


def test_offline_cache_miss_never_fails_the_run(server: str) -> None:
    warnings: list[str] = []
    cfg = Config.model_validate({"offline": True})
    assert load_references([f"{server}/never-fetched"], cfg, warnings) == []
    assert warnings[0].endswith("not in the cache and offline mode is on; skipped")


def test_every_failed_url_is_counted_in_the_error(server: str) -> None:
    with pytest.raises(UserError) as failed:
        load_references([f"{server}/error", f"{server}/missing", f"{server}/image"],
                        Config.model_validate({"timeout": 30.0}), [])
    assert "(and 2 more reference problems)" in str(failed.value)


def test_up_to_five_redirects_are_followed(server: str) -> None:
    snippets, warnings = fetch(f"{server}/hop1")
    assert [s.text for s in snippets] == ["First fact here.", "Second fact here."]
    assert snippets[0].id == f"{server}/hop1#p1"  # named by the URL the user gave
    assert warnings == []


def test_bad_scheme_and_refused_connection(server: str) -> None:
    snippets, warnings = fetch("ftp://127.0.0.1/notes.txt")
    assert snippets == []
    assert warnings == ["ftp://127.0.0.1/notes.txt: skipped: unsupported URL scheme 'ftp' "
                        "(only http and https are fetched)"]
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _, warnings = fetch(f"http://127.0.0.1:{port}/x")
    assert warnings[0].startswith(f"http://127.0.0.1:{port}/x: skipped: cannot connect")


def test_second_run_and_offline_use_the_cache_without_requests(server: str) -> None:
    Handler.hits.clear()
    first, _ = fetch(f"{server}/hop1")
    assert Handler.hits == Counter({"/hop1": 1, "/hop2": 1, "/plain": 1})
    second, warnings = fetch(f"{server}/hop1")
    offline, _ = fetch(f"{server}/hop1", offline=True)
    assert Handler.hits == Counter({"/hop1": 1, "/hop2": 1, "/plain": 1})  # no new request
    assert [dataclasses.asdict(s) for s in first] == [dataclasses.asdict(s) for s in second]
    assert [dataclasses.asdict(s) for s in first] == [dataclasses.asdict(s) for s in offline]
    assert warnings == []


def test_cached_charset_warning_is_repeated(server: str) -> None:
    _, first = fetch(f"{server}/undeclared")
    _, second = fetch(f"{server}/undeclared", offline=True)
    assert first == second and len(first) == 1


def test_offline_miss_is_a_warning_and_makes_no_request(server: str) -> None:
    Handler.hits.clear()
    snippets, warnings = fetch(f"{server}/plain", offline=True)
    assert snippets == []
    assert warnings == [f"{server}/plain: not in the cache and offline mode is on; skipped"]
    assert Handler.hits == Counter()


def test_failures_are_not_cached(server: str) -> None:
    Handler.hits.clear()
    fetch(f"{server}/error")
    fetch(f"{server}/error")
    assert Handler.hits["/error"] == 2


def test_corrupt_cache_entry_is_refetched(server: str, _isolated: Path) -> None:
    Handler.hits.clear()
    fetch(f"{server}/plain")
    for entry in (_isolated / "urls").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    snippets, warnings = fetch(f"{server}/plain")
    assert [s.text for s in snippets] == ["First fact here.", "Second fact here."]
    assert Handler.hits["/plain"] == 2
    assert warnings == [f"{server}/plain: cache entry dropped (not valid JSON); fetched again"]
