"""The review app: a claim list, the draft around the current claim, and its details.

Layout (any size from 80x24): a status line; the claim list on the left; on the right the draft
pane over the details pane; a key line at the bottom. The claim list is a `ScrollView` that
renders only the rows on screen (`render_line`), so 15,000 claims cost what 20 do. Checking runs
in another process (`worker`); a thread here reads its messages, turns their JSON into models and
hands them to the event loop, which only assigns them and refreshes what changed.
"""

from __future__ import annotations

import gc
import os
import shlex
import subprocess
import time
from collections import Counter, deque
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from ..config import Config
from ..errors import UserError
from ..models import Claim, Document
from ..processes import freeze_collector, thaw_collector
from ..report.findings import clean, relative_path
from . import view
from .session import ReviewSession

REPEAT_SECONDS = 0.06  # keys closer than this are a held key: the details wait for a pause
PREFETCH_SECONDS = 0.05  # after a claim is shown, its neighbours are rendered in the pause
DRAIN_INTERVAL = 0.1  # how often what the checking process sent is taken in and drawn
DRAIN_SECONDS = 0.012  # at most this long per step; messages are small (worker.CHUNK)
DRAIN_BACKLOG_SECONDS = 0.02  # the pause between steps while a backlog is left
KEYS_WIDE = ("j/k move  a accept  x wrong  u undo  n note  s suppress  e edit  r re-check  "
             "/ filter  ? help  q quit")
KEYS_NARROW = "j/k move a accept x wrong u undo n note s suppress / filter ? help q quit"
HELP = """\
The mouse works too; nothing needs it.

 j ↓  next claim              k ↑   previous claim
 g    first claim             G     last claim (also Home, End)
 J K  scroll the details      Tab   focus the next pane
 PgDn PgUp  a page down, up   /     filter the list
 a    accept: checked, correct
 x    mark wrong (to fix), with an optional note
 u    undo the claim's latest decision
 n    write a note           s     suppress a flag, with a reason
 e    open $EDITOR at the claim's line
 r    re-check (also when a draft changes on disk)
 ?    this help              q     quit

Filter words: a verdict (contradicted, no_evidence, pending...),
a rule (CC101, flagged), a decision (accepted, wrong, note,
suppressed, stale, undecided), or words of the claim. v: r: d: t:
force the kind. Several words of a kind: any; of different kinds:
all. An empty filter shows every claim.

List badges: SUP PART CONT MISQ NOEV verdicts, - not checkable,
… not checked yet; ▲2 ✖1 ·1 flags (worst severity, count);
✓ accepted ✗ wrong ✎ note ⊘ suppressed ~ stale (an earlier text).

Every decision is written to the ledger at once:
{ledger}"""
HELP_SCROLL = {"j": 1, "down": 1, "k": -1, "up": -1}
HELP_PAGE = {"pagedown": 1, "space": 1, "pageup": -1}


class ClaimList(ScrollView, can_focus=True):
    """The virtual claim list: one row per claim in the current view, only visible rows drawn."""

    DEFAULT_CSS = """
    ClaimList { width: 45%; min-width: 30; max-width: 72; height: 1fr;
                border-right: solid $primary-darken-2;
                scrollbar-size-vertical: 1; overflow-x: hidden; }
    """

    # Here, not on the app: a scroll view's own home/end/page bindings would win otherwise.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "app.move(1)", "next", show=False),
        Binding("k,up", "app.move(-1)", "previous", show=False),
        Binding("pagedown,space", "app.page(1)", "page down", show=False),
        Binding("pageup", "app.page(-1)", "page up", show=False),
        Binding("g,home", "app.jump(0)", "first", show=False),
        Binding("G,end", "app.jump(-1)", "last", show=False),
    ]

    def __init__(self, review: ReviewApp) -> None:
        super().__init__(id="claims")
        self.review = review
        self.cache: dict[tuple[int, bool, int, int], Strip] = {}

    def set_count(self, rows: int) -> None:
        self.virtual_size = Size(max(1, self.scrollable_content_region.width), rows)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        app = self.review
        if row >= len(app.view):
            if row == 0:
                return _strip(Text(app.empty_message(), style="dim"), width)
            return Strip.blank(width, _PLAIN)
        index = app.view[row]
        selected = row == app.cursor
        key = (index, selected, width, app.line_digits)
        strip = self.cache.get(key)
        if strip is None:
            strip = _row_strip(view.row_parts(app.claims[index], app.line_digits), selected,
                               width)
            if len(self.cache) > 4096:
                self.cache.clear()
            self.cache[key] = strip
        return strip

    def forget(self, indexes: Any = None) -> None:
        """Drop cached rows (of these claims, or all) after their claims changed."""
        _forget(self.cache, indexes)

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self.review.view):
            self.review.move_to(row)

    def on_resize(self, event: events.Resize) -> None:
        self.set_count(len(self.review.view))


def _forget(cache: dict[Any, Any], keys: Any) -> None:
    """Drop the entries of a render cache whose key starts with one of `keys` (None: all):
    both caches here are keyed by (claim index, ...)."""
    if keys is None:
        cache.clear()
        return
    wanted = set(keys)
    for key in [k for k in cache if k[0] in wanted]:
        del cache[key]


def _strip(text: Text, width: int) -> Strip:
    # Every segment gets a Style: Textual's NO_COLOR filter reads each one's colours.
    segments = [Segment(seg.text, seg.style or _PLAIN) for seg in text.render(_CONSOLE, end="")]
    return Strip(segments).crop_extend(0, width, _PLAIN)


_PLAIN = Style()
_BOLD = Style(bold=True)


@lru_cache(maxsize=64)
def _style(name: str, selected: bool) -> Style:
    style = Style.parse(name) if name else _PLAIN
    return style + Style(reverse=True) if selected else style


def _row_strip(parts: list[tuple[str, str]], selected: bool, width: int) -> Strip:
    """A list row as segments, built directly (rich's Text layout costs 10x more per row)."""
    segments = [Segment("▶" if selected else " ", _style("bold", selected))]
    used = 1
    for text, style in parts:
        if used >= width:
            break
        if used + len(text) > width:
            text = text[: max(0, width - used - 1)] + "…"
        segments.append(Segment(text, _style(style, selected)))
        used += cell_len(text)
    return Strip(segments).crop_extend(0, width, _style("", selected))


class TextPane(ScrollView, can_focus=True):
    """A scrolling pane of rich `Text` drawn with the line API: showing another text renders it
    to strips at the pane's width (cached by key) and repaints the pane, with no layout pass of
    the screen (a `Static` in a `VerticalScroll` re-laid the whole screen on every key).

    The pane draws its own scroll thumb in its last column, as part of each line, instead of
    Textual's scrollbar widget: the lines are drawn anyway when the pane shows another claim,
    while the two panes' scrollbar widgets were re-rendered on every key too (about 25 more
    lines, the costliest per line; measured: 2.8 ms of the 9 ms the compositor spent per `j`).
    The column is always kept, so the width text is wrapped to never changes with its length.
    Keys, the mouse wheel and `scroll_to` scroll the pane as before (`allow_vertical_scroll`);
    only dragging a thumb is gone."""

    DEFAULT_CSS = """
    TextPane { overflow-y: hidden; overflow-x: hidden; padding: 0 0 0 1; }
    """
    CACHE = 256  # rendered texts kept (claims visited, at one width)

    def __init__(self, id: str) -> None:
        super().__init__(id=id)
        self.key: Any = None
        self.make: Any = None
        self.lines: list[Strip] = []
        self.top = 0  # the row to show first: the claim's first line in the draft pane
        self.cache: dict[tuple[Any, int], tuple[list[Strip], int]] = {}

    def show(self, key: Any, make: Any) -> None:
        """Show the text `make()` returns; `key` names it in the cache (None: never cached)."""
        self.key, self.make = key, make
        self._lay_out()
        if self.scroll_offset.y != self.top:
            self.scroll_to(y=self.top, animate=False, immediate=True)
        self.refresh()

    @property
    def allow_vertical_scroll(self) -> bool:
        """Scrollable without a scrollbar widget (Textual asks for one by default)."""
        return self.max_scroll_y > 0 and not self.disabled

    def _text_width(self) -> int:
        """The width text is wrapped to: the content region less the thumb's column."""
        return self.scrollable_content_region.width - 1

    def prefetch(self, key: Any, make: Any) -> None:
        """Render a text that may be shown next into the cache, without showing it."""
        width = self._text_width()
        if width > 0 and (key, width) not in self.cache:
            self._remember(key, width, _text_strips(make(), width))

    def _remember(self, key: Any, width: int, rendered: tuple[list[Strip], int]) -> None:
        if len(self.cache) >= self.CACHE:
            self.cache.pop(next(iter(self.cache)))
        self.cache[(key, width)] = rendered

    def forget(self, keys: Any = None) -> None:
        """Drop cached renders (of these keys, or all) after what they show changed."""
        _forget(self.cache, keys)

    def _lay_out(self) -> None:
        width = self._text_width()
        if self.make is None or width <= 0:
            return
        rendered = self.cache.get((self.key, width)) if self.key is not None else None
        if rendered is None:
            rendered = _text_strips(self.make(), width)
            if self.key is not None:
                self._remember(self.key, width, rendered)
        lines, anchor = rendered
        self.lines = lines
        # From the top when the claim starts in the pane with room below it; else from the
        # line above the claim's first line, so the claim is never off screen.
        height = self.scrollable_content_region.height
        self.top = 0 if anchor <= height - 3 else max(0, min(anchor - 1, len(lines) - height))
        size = Size(width + 1, len(lines))
        if size != self.virtual_size:
            # Not the reactive: its watcher asks for a layout of the whole screen.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self._text_width()
        line = self.lines[row] if 0 <= row < len(self.lines) else Strip.blank(width, _PLAIN)
        return Strip([*line, _THUMB if self._thumb_at(y) else _TRACK], width + 1)

    def _thumb_at(self, y: int) -> bool:
        """Whether row `y` of the pane is on the scroll thumb (none when the text fits)."""
        height, total = self.scrollable_content_region.height, len(self.lines)
        if total <= height or height <= 0:
            return False
        size = max(1, round(height * height / total))
        start = round(self.scroll_offset.y * (height - size) / (total - height))
        return start <= y < start + size

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()
        self.refresh()


_THUMB = Segment("▐", Style(color="grey50"))  # a glyph: it stays without colour (NO_COLOR)
_TRACK = Segment(" ", _PLAIN)


def _text_strips(text: Text, width: int) -> tuple[list[Strip], int]:
    """Text wrapped to `width` cells, one strip per line (each segment with a Style: Textual's
    NO_COLOR filter reads each one's colours), and the row of the first segment styled
    `view.CLAIM_START` (0 without one)."""
    options = _CONSOLE.options.update_width(width)
    strips, anchor = [], -1
    for row, line in enumerate(_CONSOLE.render_lines(text, options, pad=False)):
        if anchor < 0 and any(seg.style is not None and seg.style.meta.get("claim_start")
                              for seg in line):
            anchor = row
        strips.append(Strip([Segment(seg.text, seg.style or _PLAIN) for seg in line])
                      .crop_extend(0, width, _PLAIN))
    return strips, max(anchor, 0)


class _Console:
    """What `Text.render` needs to lay out one row (no terminal involved)."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(width=10_000, color_system=None, markup=False, emoji=False,
                               highlight=False)


_CONSOLE = _Console().console


class Prompt(ModalScreen[str | None]):
    """One line of input; Enter gives it, Escape gives None."""

    DEFAULT_CSS = """
    Prompt { align: center middle; }
    Prompt > Vertical { width: 90%; max-width: 100; height: auto; border: round $accent;
                         background: $surface; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel", show=False)]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text))
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(Text("Enter to save · Escape to cancel", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Help(ModalScreen[None]):
    DEFAULT_CSS = """
    Help { align: center middle; }
    Help > VerticalScroll { width: 72; max-width: 100%; height: 90%; border: round $accent;
                            background: $surface; padding: 0 1; }
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "claimcheck review: keys"
            scroll.border_subtitle = "j k scroll · any other key closes"
            yield Static(Text(self.text))

    def on_key(self, event: events.Key) -> None:
        event.stop()
        scroll = self.query_one(VerticalScroll)
        if event.key in HELP_SCROLL:
            scroll.scroll_relative(y=HELP_SCROLL[event.key], animate=False)
        elif event.key in HELP_PAGE:
            scroll.scroll_relative(y=HELP_PAGE[event.key] * max(1, scroll.size.height - 1),
                                   animate=False)
        else:
            self.dismiss(None)

    def on_click(self) -> None:
        self.dismiss(None)


class ReviewApp(App[int]):
    TITLE = "claimcheck review"
    CSS = """
    Screen { layout: vertical; }
    #status { height: 1; background: $primary-darken-2; color: $text; }
    #body { height: 1fr; }
    #right { width: 1fr; }
    #draft { height: 40%; border-bottom: solid $primary-darken-2; }
    #details { height: 1fr; }
    #keys { height: 1; background: $primary-darken-3; color: $text; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("J,ctrl+d", "scroll_details(1)", "details down", show=False),
        Binding("K,ctrl+u", "scroll_details(-1)", "details up", show=False),
        Binding("a", "decide('accepted')", "accept", show=False),
        Binding("x", "wrong", "wrong", show=False),
        Binding("u", "undo", "undo", show=False),
        Binding("n", "note", "note", show=False),
        Binding("s", "suppress", "suppress", show=False),
        Binding("e", "edit", "edit", show=False),
        Binding("r", "recheck", "re-check", show=False),
        Binding("slash", "filter", "filter", show=False),
        Binding("question_mark", "help", "help", show=False),
        Binding("q", "quit_review", "quit", show=False),
        Binding("ctrl+c", "quit_review", "quit", show=False, priority=True),
    ]

    def __init__(self, paths: Sequence[str], config: Config, ledger: Path, *,
                 reviewer: str | None = None, watch_interval: float = 1.0) -> None:
        super().__init__()
        self.paths = list(paths)
        self.config = config
        self.session = ReviewSession(ledger, reviewer)
        self.claims: list[Claim] = []
        self.incoming: list[Claim] = []
        self.inbox: deque[tuple[int, tuple[Any, ...]]] = deque()
        self.drain_timer: Any = None
        self.view: list[int] = []
        self.cursor = 0
        self.filter = view.Filter()
        self.docs: dict[str, Document] = {}
        self.raw: dict[str, str] = {}
        self.stage = "starting"
        self.progress = (0, 0)
        self.checking = True
        self.generation = 0
        self.process: Any = None
        self.messages: list[str] = list(self.session.warnings)
        self.error: str | None = None
        self.watch_interval = watch_interval
        self.mtimes: dict[str, float] = {}
        self.recheck_count = 0
        self.line_digits = 2
        self.tally: Counter[str] = Counter()  # verdicts and decisions, for the status line
        self.tallied: list[tuple[str, str]] = []  # what each claim adds to it
        self.last_move = 0.0
        self.details_timer: Any = None
        self.prefetch_timer: Any = None
        self.last_status = 0.0
        from ..rules import RULES

        self.descriptions = {r.id: r.description for r in RULES}
        for path in self.paths:
            if path != "-":
                try:
                    self.raw[path] = Path(path).read_text(encoding="utf-8", errors="replace")
                except OSError:
                    self.raw[path] = ""

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="body"):
            yield ClaimList(self)
            with Vertical(id="right"):
                yield TextPane(id="draft")
                yield TextPane(id="details")
        yield Static(id="keys")

    def on_mount(self) -> None:
        self.query_one(ClaimList).focus()
        self._show_keys()
        self._show_draft_preview()
        self.update_status(force=True)
        self.start_checking()
        self.set_interval(DRAIN_INTERVAL, self._drain)
        if self.watch_interval > 0:
            self.set_interval(self.watch_interval, self._watch_files)

    def on_resize(self, event: events.Resize) -> None:
        self._show_keys()
        self.update_status(force=True)

    def _show_keys(self) -> None:
        width = self.size.width
        keys = KEYS_WIDE if width >= len(KEYS_WIDE) + 1 else KEYS_NARROW
        text = Text(" " + keys, no_wrap=True, overflow="ellipsis")
        for word in ("j/k", " a ", " x ", " u ", " n ", " s ", " e ", " r ", " / ", " ? ",
                     " q "):
            text.highlight_words([word], style="bold")
        self.query_one("#keys", Static).update(text, layout=False)

    def _show_draft_preview(self) -> None:
        if self.claims:
            return
        first = next(iter(self.raw.values()), "")
        preview = Text(clean(first[:4000], one_line=False))
        self.query_one("#draft", TextPane).show(None, lambda: preview)
        self.query_one("#details", TextPane).show(None, lambda: Text(
            "Reading the draft. Claims appear here as soon as it is split; verdicts fill in "
            "while the references are checked.", style="dim"))

    # -- checking --------------------------------------------------------------------------------

    def start_checking(self) -> None:
        from .worker import Checker

        if self.process is not None:
            self.process.stop()
        self.generation += 1
        self.checking = True
        self.stage, self.progress = "starting", (0, 0)
        self.incoming = []
        self.inbox.clear()
        self._remember_mtimes()
        try:
            self.process = Checker(self.paths, self.config)
        except OSError as exc:
            self.process = None
            self._receive(("error", f"cannot start checking: {exc.strerror}"))
            self.update_status(force=True)
            return
        self._read(self.generation, self.process)

    @work(thread=True, exclusive=False, group="reader")
    def _read(self, generation: int, checker: Any) -> None:
        """Move the checking process's messages into the inbox; the event loop takes them in
        (`_drain`). Only reading and unpickling happen here: turning JSON into models holds the
        interpreter lock for as long as it takes, so the event loop does it in small steps."""
        try:
            for message in checker.frames():
                if generation != self.generation:
                    return
                self.inbox.append((generation, message))
                if message[0] in ("done", "error"):
                    return
        except (OSError, ValueError, EOFError):
            return  # stopped for a re-check or at exit

    def _drain(self) -> None:
        """Take in what the checking process sent since the last call, for at most
        DRAIN_SECONDS, then redraw once what changed. Runs every DRAIN_INTERVAL (and sooner
        while a backlog is left), so arrivals are batched and a key never waits long for it."""
        if not self.inbox or not self.is_running:
            return  # (not running: a timer that fired while the app shuts down)
        from .worker import decode

        started = time.perf_counter()
        changed: set[int] = set()
        everything = models = False
        while self.inbox:
            generation, message = self.inbox.popleft()
            if generation == self.generation:
                models = models or message[0] in ("docs", "claims", "flags", "verdicts")
                touched = self._receive(decode(message))
                if touched is None:
                    everything = True
                else:
                    changed.update(touched)
            if time.perf_counter() - started >= DRAIN_SECONDS:
                break
        if everything or changed:
            self._changed(None if everything else changed)
        if models:
            _settle_heap()
        self.update_status(force=True)
        if self.inbox and self.drain_timer is None:
            # a backlog: the next step soon, with the loop idle in between for keys
            self.drain_timer = self.set_timer(DRAIN_BACKLOG_SECONDS, self._drain_backlog)

    def _drain_backlog(self) -> None:
        self.drain_timer = None
        self._drain()

    def _receive(self, message: tuple[Any, ...]) -> Any:
        """Apply one message; returns the claim indexes it changed (None: all of them)."""
        kind = message[0]
        if kind == "docs":
            self.docs = {d.path: d for d in message[1]}
        elif kind == "claims":
            self.incoming.extend(message[2])
        elif kind == "progress":
            self.stage, self.progress = message[1], (message[2], message[3])
            if message[1] == "flagging" and message[2] == 0:
                self._swap_in()
        elif kind == "flags":
            start, flags = message[1], message[2]
            for offset, claim_flags in enumerate(flags):
                self.claims[start + offset].flags = claim_flags
            touched = range(start, start + len(flags))
            self.session.reapply(touched)
            return touched
        elif kind == "verdicts":
            indexes, verdicts, flags = message[1], message[2], message[3]
            for i, verdict, claim_flags in zip(indexes, verdicts, flags, strict=True):
                self.claims[i].verdict = verdict
                self.claims[i].flags = claim_flags
            self.session.reapply(indexes)
            return indexes
        elif kind == "suppressed":
            for i, flag_indexes, verdict_by in message[1]:
                claim = self.claims[i]
                for k in flag_indexes:
                    if claim.flags[k].suppressed_by is None:
                        claim.flags[k].suppressed_by = "inline"
                if claim.verdict and verdict_by:
                    claim.verdict.suppressed_by = verdict_by
            return [m[0] for m in message[1]]
        elif kind == "done":
            self.checking = False
            self.stage = "done"
            self.messages.extend(message[1])
            return None  # every details pane said "checking…"
        elif kind == "error":
            self.checking = False
            self.error = message[1]
            self.stage = "error"
            self.notify(message[1], severity="error", timeout=30)
        return ()

    def _swap_in(self) -> None:
        """The new split replaces the claims on screen; the cursor stays on the same claim."""
        current = self.current()
        handle = current.id if current else None
        self.claims = self.incoming
        self.incoming = []
        self.line_digits = len(str(max((c.line for c in self.claims), default=1)))
        self.session.attach(self.claims)
        self._tally(None)
        for pane in self.query(TextPane):
            pane.forget()
        self.rebuild_view(keep=handle)

    def _changed(self, indexes: Any) -> None:
        """Claims changed (these indexes, or None: all): forget what was drawn of them, and
        redraw the list rows on screen and the panes only if they show one of them."""
        self._tally(indexes)
        claim_list = self.query_one(ClaimList)
        claim_list.forget(indexes)
        for pane in self.query(TextPane):
            pane.forget(indexes)
        if not self.filter.empty and (self.filter.verdicts or self.filter.rules):
            current = self.current()
            self.rebuild_view(keep=current.id if current else None)
            return
        wanted = None if indexes is None else set(indexes)
        top = claim_list.scroll_offset.y
        on_screen = self.view[top:top + claim_list.size.height]
        if wanted is None or not wanted.isdisjoint(on_screen):
            claim_list.refresh()
        at = self.cursor_index()
        if at is not None and (wanted is None or at in wanted):
            self.show_current()

    # -- the view ----------------------------------------------------------------------------------

    def rebuild_view(self, keep: str | None = None) -> None:
        f = self.filter
        self.view = (list(range(len(self.claims))) if f.empty
                     else [i for i, c in enumerate(self.claims) if f.matches(c)])
        self.cursor = 0
        if keep is not None:
            for row, i in enumerate(self.view):
                if self.claims[i].id == keep:
                    self.cursor = row
                    break
        claim_list = self.query_one(ClaimList)
        claim_list.forget()
        claim_list.set_count(len(self.view))
        self.move_to(self.cursor)

    def cursor_index(self) -> int | None:
        return self.view[self.cursor] if 0 <= self.cursor < len(self.view) else None

    def current(self) -> Claim | None:
        index = self.cursor_index()
        return self.claims[index] if index is not None else None

    def move_to(self, row: int) -> None:
        claim_list = self.query_one(ClaimList)
        if not self.view:
            self.cursor = 0
            claim_list.refresh()
            self.show_current()
            return
        before = self.cursor
        self.cursor = max(0, min(row, len(self.view) - 1))
        if self.prefetch_timer is not None:
            self.prefetch_timer.stop()
            self.prefetch_timer = None
        height = max(1, claim_list.size.height)
        top = claim_list.scroll_offset.y
        if self.cursor < top:
            claim_list.scroll_to(y=self.cursor, animate=False, immediate=True)
            claim_list.refresh()
        elif self.cursor >= top + height:
            claim_list.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
            claim_list.refresh()
        else:
            claim_list.refresh_line(before)
            claim_list.refresh_line(self.cursor)
        self._details_soon()
        self.update_status(force=True)

    def _details_soon(self) -> None:
        """The details and draft panes for the new cursor: at once for a single key; for keys
        coming faster than REPEAT_SECONDS (a held j), once they pause, so the list keeps up."""
        now = time.monotonic()
        rapid = now - self.last_move < REPEAT_SECONDS
        self.last_move = now
        if self.details_timer is not None:
            self.details_timer.stop()
            self.details_timer = None
        if rapid:
            self.details_timer = self.set_timer(REPEAT_SECONDS, self.show_current)
        else:
            self.show_current()

    def show_current(self) -> None:
        if not self.is_running:
            return  # a timer that fired while the app shuts down: its widgets are gone
        claim = self.current()
        draft = self.query_one("#draft", TextPane)
        details = self.query_one("#details", TextPane)
        if claim is None:
            if self.claims:
                message = Text(self.empty_message(), style="dim")
                details.show(None, lambda: message)
            return
        # Rendered once per claim and width, until the claim changes (`_changed` forgets it).
        # The draft pane starts a line or two before the claim: no scrolling to find it.
        index = self.view[self.cursor]
        draft.show(index, self._paragraph_maker(claim))
        details.show(index, self._details_maker(claim))
        self.prefetch_timer = self.set_timer(PREFETCH_SECONDS, self._prefetch)

    def _paragraph_maker(self, claim: Claim) -> Any:
        return lambda: view.paragraph_text(self.docs.get(claim.file),
                                           self.raw.get(claim.file, ""), claim)

    def _details_maker(self, claim: Claim) -> Any:
        return lambda: view.details_text(claim, self.descriptions, self.checking)

    def _prefetch(self) -> None:
        """The panes of the claims before and after the cursor, rendered while the reviewer
        reads this one, so the next j or k only draws."""
        self.prefetch_timer = None
        if not self.is_running:
            return  # a timer that fired while the app shuts down: its widgets are gone
        draft = self.query_one("#draft", TextPane)
        details = self.query_one("#details", TextPane)
        for row in (self.cursor + 1, self.cursor - 1):
            if 0 <= row < len(self.view):
                claim = self.claims[self.view[row]]
                draft.prefetch(self.view[row], self._paragraph_maker(claim))
                details.prefetch(self.view[row], self._details_maker(claim))

    def empty_message(self) -> str:
        if not self.claims:
            return f"{self.stage}…" if self.checking else "no claims"
        return f"no claim matches '{self.filter.query}' (/ to change, empty to clear)"

    def update_status(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last_status < 0.1:
            return
        self.last_status = now
        total = len(self.claims)
        names = ", ".join(clean(Path(p).name) for p in self.paths[:2]) + (
            "…" if len(self.paths) > 2 else "")
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(f" {names} ", style="bold")
        if self.error:
            out.append(f"· error: {self.error} ", style="bold red")
        elif self.checking:
            done, of = self.progress
            step = {"starting": "starting", "loading": "loading", "splitting": "splitting",
                    "flagging": "flagging", "check": "checking"}.get(self.stage, self.stage)
            if of and self.stage in ("flagging", "check"):
                out.append(f"· {step} {done:,}/{of:,} ", style="yellow")
            else:
                out.append(f"· {step}… ", style="yellow")
        if total:
            shown = f"{self.cursor + 1 if self.view else 0:,}/{len(self.view):,}"
            out.append(f"· {shown}" + ("" if self.filter.empty else f" of {total:,}") + " ")
            counts = self._counts()
            out.append("· " + " ".join(f"{mark}{n}" for mark, n in counts) + " ")
        if not self.filter.empty:
            out.append(f"· filter: {clean(self.filter.query)} ", style="cyan")
        self.query_one("#status", Static).update(out, layout=False)  # one line, always

    def _counts(self) -> list[tuple[str, int]]:
        tally = self.tally
        return [("CONT ", tally["v:contradicted"]), ("MISQ ", tally["v:misquoted"]),
                ("✓", tally["d:accepted"]), ("✗", tally["d:wrong"])]

    def _tally(self, indexes: Any) -> None:
        """Keep the status counts by what changed (these claims, or None: all), so neither a
        key nor a batch of verdicts recounts every claim."""
        if indexes is None or len(self.tallied) != len(self.claims):
            self.tallied = [_status_key(c) for c in self.claims]
            self.tally = Counter(key for pair in self.tallied for key in pair)
            return
        for i in indexes:
            new = _status_key(self.claims[i])
            if new != self.tallied[i]:
                self.tally.subtract(self.tallied[i])
                self.tally.update(new)
                self.tallied[i] = new

    # -- actions -----------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_scroll_details(self, step: int) -> None:
        scroll = self.query_one("#details", TextPane)
        scroll.scroll_relative(y=step * max(1, scroll.size.height - 2), animate=False)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * max(1, self.query_one(ClaimList).size.height - 1))

    def action_jump(self, row: int) -> None:
        self.move_to(row if row >= 0 else len(self.view) - 1)

    def _decide(self, decision: str, note: str | None = None, rule: str | None = None) -> bool:
        index = self.cursor_index()
        if index is None:
            self.notify("no claim selected", severity="warning")
            return False
        try:
            self.session.decide(index, decision, note=note, rule=rule)  # type: ignore[arg-type]
        except UserError as exc:
            self.notify(str(exc), severity="error", timeout=15)
            return False
        self._changed([index])
        self.update_status(force=True)
        return True

    def action_decide(self, decision: str) -> None:
        if self._decide(decision) and decision == "accepted":
            self.move_to(self.cursor)

    def action_wrong(self) -> None:
        if self.current() is None:
            return

        def done(note: str | None) -> None:
            if note is not None:
                self._decide("wrong", note=note.strip() or None)

        self.push_screen(Prompt("Mark wrong (to fix). Why? (optional)",
                                placeholder="e.g. the report says 1.4 million"), done)

    def action_note(self) -> None:
        if self.current() is None:
            return

        def done(note: str | None) -> None:
            if note and note.strip():
                self._decide("note", note=note.strip())

        self.push_screen(Prompt("Note on this claim:"), done)

    def action_undo(self) -> None:
        index = self.cursor_index()
        if index is None:
            return
        if not self.session.can_undo(index):
            self.notify("nothing to undo on this claim", severity="warning")
            return
        self._decide("undone")

    def action_suppress(self) -> None:
        claim = self.current()
        if claim is None:
            return
        flags = view.live_flags(claim)
        if not flags:
            self.notify("this claim has no flag to suppress", severity="warning")
            return

        def ask_reason(rule: str) -> None:
            def done(reason: str | None) -> None:
                if reason is not None:
                    if not reason.strip():
                        self.notify("a suppression needs a reason", severity="warning")
                        return
                    self._decide("suppressed", note=reason.strip(), rule=rule)

            self.push_screen(Prompt(f"Suppress {rule}: why is it not a problem here?"), done)

        if len(flags) == 1:
            ask_reason(flags[0].rule)
            return
        choices = "  ".join(f"{n}) {f.rule} {f.name}" for n, f in enumerate(flags, start=1))

        def chosen(value: str | None) -> None:
            if value is None:
                return
            value = value.strip().upper()
            pick = next((f for n, f in enumerate(flags, start=1)
                         if value in (str(n), f.rule)), None)
            if pick is None:
                self.notify(f"no flag '{value}' on this claim", severity="warning")
                return
            ask_reason(pick.rule)

        self.push_screen(Prompt(f"Which flag? {choices}", placeholder="number or rule ID"),
                         chosen)

    def action_filter(self) -> None:
        def done(query: str | None) -> None:
            if query is None:
                return
            self.filter = view.Filter.parse(query)
            current = self.current()
            self.rebuild_view(keep=current.id if current else None)
            self.update_status(force=True)

        self.push_screen(Prompt("Filter (verdict, rule, decision or words; empty clears):",
                                value=self.filter.query,
                                placeholder="contradicted CC101 wrong ..."), done)

    def action_help(self) -> None:
        self.push_screen(Help(HELP.format(ledger=clean(relative_path(str(self.session.path))))))

    def action_edit(self) -> None:
        claim = self.current()
        if claim is None or claim.file == "-":
            self.notify("standard input cannot be edited", severity="warning")
            return
        command = self.editor_command(claim.file, claim.line)
        try:
            with self.suspend():
                subprocess.run(command, check=False)
        except OSError as exc:
            self.notify(f"cannot start the editor {command[0]!r}: {exc.strerror}",
                        severity="error")
            return
        self._watch_files()

    @staticmethod
    def editor_command(path: str, line: int) -> list[str]:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        return [*shlex.split(editor), f"+{line}", path]

    def action_recheck(self) -> None:
        self.recheck_count += 1
        self.notify("re-checking…", timeout=2)
        self.start_checking()
        self.update_status(force=True)

    def _remember_mtimes(self) -> None:
        self.mtimes = {p: _mtime(p) for p in self.paths if p != "-"}

    def _watch_files(self) -> None:
        if not self.is_running:
            return  # a timer that fired while the app shuts down: no re-check now
        changed = [p for p, m in self.mtimes.items() if _mtime(p) != m]
        if changed:
            for path in changed:
                try:
                    self.raw[path] = Path(path).read_text(encoding="utf-8", errors="replace")
                except OSError:
                    pass
            self.notify(f"{clean(changed[0])} changed on disk: re-checking", timeout=3)
            self.action_recheck()

    def action_quit_review(self) -> None:
        self.exit(0)

    def farewell(self) -> str:
        """What the command prints when the app has closed: what this session wrote where."""
        made: Counter[str] = Counter(r.decision for r in self.session.made)
        where = clean(relative_path(str(self.session.path)))
        if not made:
            return f"claimcheck review: no decisions this session ({where} unchanged)"
        words = {"accepted": "accepted", "wrong": "marked wrong", "note": "notes",
                 "suppressed": "flags suppressed", "undone": "undone"}
        parts = ", ".join(f"{words[d]} {made[d]}" for d in words if made[d])
        total = sum(made.values())
        return (f"claimcheck review: {total} decision{'s' if total != 1 else ''} written to "
                f"{where} ({parts}); claimcheck check reads them from there")

    def on_unmount(self) -> None:
        if self.process is not None:
            self.generation += 1
            self.process.stop()
        thaw_collector()  # what the session kept is garbage now (an embedding caller, tests)


def _settle_heap() -> None:
    """Claims, flags and verdicts just taken in live as long as the session: collect the young
    garbage, then move what is left out of the collector's sight (`processes.freeze_collector`).
    Without this, every full collection while a 1 MB draft's verdicts arrive walks all 15,000
    claims' objects again (measured: 11 ms of garbage collection per key press on average,
    300 ms at p95)."""
    gc.collect(1)
    freeze_collector()


def _status_key(claim: Claim) -> tuple[str, str]:
    return ("v:" + (claim.verdict.label if claim.verdict else ""),
            "d:" + view.decision_of(claim))


def _mtime(path: str) -> float:
    try:
        stat = os.stat(path)
        return stat.st_mtime_ns + stat.st_size
    except OSError:
        return -1.0

