"""Which rules and verdict findings are on, and at what severity, for each draft file.

A *code* is a rule ID (`CC101`) or a verdict's pseudo-rule ID (`verdict/no_evidence`). Layers
are applied in this order, each later one winning:

1. defaults: each rule on or opt-in with its severity; the verdict findings `contradicted` and
   `misquoted` (error) and `no_evidence` (warning), plus any verdict label `fail_on` names
   (info);
2. the config's `select` / `ignore`, then its `[rules]` settings;
3. `--select` / `--ignore` on the command line;
4. every `[[overrides]]` entry whose `files` match the draft, in file order: its `select` /
   `ignore`, then its `rules`.

A selection layer works as ruff's does: a selector is a code, a rule name, a prefix of codes
(`CC1`, `CC`, `verdict`) or `ALL`; for each code the most specific selector that matches it
decides (a tie goes to `ignore`); when the layer has a `select`, a code it does not match is
off, otherwise the code keeps what earlier layers gave it. A setting (`"off"`, `"on"`, or a
severity) names one code exactly and switches it on (with that severity) or off.

`files` globs have .gitignore semantics (`claimcheck.globs`, as `include` and `exclude` do),
matched against the draft's path relative to the config file's folder (the working directory
without a config file); `!pattern` takes files back out.
Every selector, key and glob is validated before any draft is read: a typo is a one-line error,
never a setting that silently does nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UserError
from .models import Severity

if TYPE_CHECKING:
    from .config import Config
    from .globs import Globs

VERDICT_PREFIX = "verdict/"
SETTINGS = ("off", "on", "error", "warning", "info")
_EXACT = 1_000  # specificity of a whole code or rule name; a prefix counts its length
@dataclass(frozen=True)
class Code:
    code: str  # "CC101" or "verdict/no_evidence"
    name: str  # "sweeping-quantifier" or "no_evidence"
    default_on: bool
    severity: Severity


def codes() -> tuple[Code, ...]:
    from .rules import RULES
    from .verdicts import finding_severities, labels  # the one verdict table

    rules = tuple(Code(r.id, r.name, r.default_on, r.severity) for r in RULES)
    findings = finding_severities()
    verdicts = tuple(Code(VERDICT_PREFIX + label, label, label in findings,
                          findings.get(label, "info"))
                     for label in labels())
    return rules + verdicts


def _exact() -> dict[str, str]:
    """Every name that designates exactly one code, lower-cased: IDs, rule names, verdict
    labels with and without `verdict/`."""
    out: dict[str, str] = {}
    for c in codes():
        out[c.code.lower()] = c.code
        out[c.name.lower()] = c.code
    return out


def matches(selector: str, where: str) -> tuple[int, frozenset[str]]:
    """(specificity, codes) of one selector; an unknown one is a UserError."""
    key = selector.strip().lower()
    exact = _exact().get(key)
    if exact is not None:
        return _EXACT, frozenset({exact})
    if key == "all":
        return 0, frozenset(c.code for c in codes())
    found = frozenset(c.code for c in codes() if key and c.code.lower().startswith(key))
    if not found:
        raise UserError(f"{where}: unknown rule or prefix '{selector}' (see 'claimcheck "
                        f"rules'; verdicts are verdict/<label>, e.g. verdict/no_evidence)")
    return len(key), found


def setting_code(key: str, value: str, where: str) -> str:
    """The code a `[rules]` key names (exactly: an ID, a rule name, `verdict/<label>` or a
    verdict label), after checking its value."""
    code = _exact().get(key.strip().lower())
    if code is None:
        raise UserError(f"{where}: unknown rule '{key}' (see 'claimcheck rules'; verdicts are "
                        f"verdict/<label>, e.g. \"verdict/no_evidence\" = \"off\")")
    if value not in SETTINGS:
        raise UserError(f"{where}: '{key}' must be one of {', '.join(SETTINGS)}, not '{value}'")
    return code


class _State:
    def __init__(self, fail_on: Sequence[str]) -> None:
        self.on = {c.code: c.default_on or (c.code.startswith(VERDICT_PREFIX) and
                                            c.name in fail_on) for c in codes()}
        self.severity: dict[str, Severity] = {c.code: c.severity for c in codes()}

    def select(self, select: Sequence[str] | None, ignore: Sequence[str], where: str) -> None:
        if select is None and not ignore:
            return
        best: dict[str, tuple[int, bool]] = {}  # code -> (specificity, on)
        for selectors, on, key in ((select or (), True, "select"), (ignore, False, "ignore")):
            for selector in selectors:
                rank, found = matches(selector, f"{where}{key}")
                for code in found:
                    # more specific wins; at equal specificity ignore (seen last) wins
                    if code not in best or rank >= best[code][0]:
                        best[code] = (rank, on)
        for code in self.on:
            if code in best:
                self.on[code] = best[code][1]
            elif select is not None:
                self.on[code] = False

    def settle(self, settings: Mapping[str, str], where: str) -> None:
        for key, value in settings.items():
            code = setting_code(key, value, f"{where}rules")
            if value == "off":
                self.on[code] = False
            else:
                self.on[code] = True
                if value != "on":
                    self.severity[code] = value  # type: ignore[assignment]


@dataclass(frozen=True)
class Settings:
    """What is in force for one file."""

    rules: dict[str, str]  # rule ID -> "off" or its severity (what `find_flags` takes)
    verdicts: dict[str, Severity | None]  # verdict label -> severity of its finding, or None


class Selector:
    """The settings of every file under one configuration, worked out once per distinct set of
    matching overrides."""

    def __init__(self, config: Config) -> None:
        self.base = (Path(config.config_path).resolve().parent if config.config_path
                     else Path.cwd().resolve())
        self.layers = config
        self.specs = [_spec(o.files, f"overrides[{n}].files")
                      for n, o in enumerate(config.overrides, start=1)]
        self._memo: dict[tuple[int, ...], Settings] = {}
        self._files: dict[str, Settings] = {}
        self.settings(())  # validates every selector and key now, before any draft is read
        for n in range(len(config.overrides)):
            self.settings((n,))

    def for_file(self, path: str) -> Settings:
        found = self._files.get(path)
        if found is None:
            rel = self._relative(path) if self.specs else None
            chosen = tuple(n for n, spec in enumerate(self.specs)
                           if rel is not None and spec.match(rel))
            found = self._files[path] = self.settings(chosen)
        return found

    def settings(self, chosen: tuple[int, ...]) -> Settings:
        memo = self._memo.get(chosen)
        if memo is not None:
            return memo
        c = self.layers
        where = f"{c.config_path}: " if c.config_path else ""
        state = _State(c.fail_on)
        state.select(c.select, c.ignore, where)
        state.settle(c.rules, where)
        if c.command_line is not None:
            state.select(c.command_line.select, c.command_line.ignore, "--")
        for n in chosen:
            o = c.overrides[n]
            at = f"{where}overrides[{n + 1}]."
            state.select(o.select, o.ignore, at)
            state.settle(o.rules, at)
        rules = {code: state.severity[code] if state.on[code] else "off"
                 for code in state.on if not code.startswith(VERDICT_PREFIX)}
        verdicts = {code[len(VERDICT_PREFIX):]: state.severity[code] if state.on[code] else None
                    for code in state.on if code.startswith(VERDICT_PREFIX)}
        self._memo[chosen] = out = Settings(rules, verdicts)
        return out

    def _relative(self, path: str) -> str | None:
        """The draft's path as the globs see it; None for standard input."""
        if path == "-" or path.startswith("<"):
            return None
        resolved = Path(path).resolve()
        try:
            return resolved.relative_to(self.base).as_posix()
        except ValueError:  # outside the config's folder: matched by its path as given
            return Path(path).as_posix()


def _spec(patterns: Iterable[str], where: str) -> Globs:
    """The globs of an override, through the one matcher of `include`/`exclude`; a pattern
    that is malformed, empty or a comment is an error that names it."""
    from pathspec import PathSpec

    from .globs import Globs

    patterns = list(patterns)
    if not patterns:
        raise UserError(f"{where}: give at least one glob")
    for pattern in patterns:
        try:
            compiled = PathSpec.from_lines("gitignore", [pattern.strip()]).patterns
        except Exception as exc:  # pathspec's pattern error, or re.error for a bad class
            raise UserError(f"{where}: invalid glob '{pattern}': {exc}") from None
        if all(p.include is None for p in compiled):
            raise UserError(f"{where}: '{pattern}' matches nothing (an empty pattern or a "
                            f"comment); write a glob such as 'docs/legacy/**'")
    return Globs(patterns)


def selector_for(config: Config) -> Selector:
    """The Selector of `config`, built once per configuration (a run asks for it per file)."""
    key = (config.model_dump_json(include=_KEYS), config.config_path or "", str(Path.cwd()))
    found = _BUILT.get(key)
    if found is None:
        if len(_BUILT) >= 8:
            _BUILT.clear()
        found = _BUILT[key] = Selector(config)
    return found


_KEYS = {"select", "ignore", "rules", "overrides", "command_line", "fail_on"}
_BUILT: dict[tuple[str, str, str], Selector] = {}


def validate(config: Config) -> None:
    """Raise the UserError for the first unknown selector, rule key or bad glob."""
    selector_for(config)
