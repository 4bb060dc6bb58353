"""The one place configuration is defined, found and validated.

Sources, weakest first: built-in defaults, `[tool.claimcheck]` in the nearest pyproject.toml or a
`.claimcheck.toml` (searched from the current directory upward; `.claimcheck.toml` wins when both
are in the same folder), then command-line flags (applied by the CLI with `Config.merged`).
Unknown keys are an error that names them, so a typo never silently does nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import verdicts
from .errors import UserError
from .models import SEVERITY_RANK

if TYPE_CHECKING:
    from .models import Claim, Flag, Verdict

RuleSetting = Literal["off", "on", "error", "warning", "info"]


class Thresholds(BaseModel):
    # strict: `support = true` or `candidates = 2.5` is an error, never silently coerced
    model_config = ConfigDict(extra="forbid", strict=True)

    # support/partial: chosen by macro F1 on the CLIMATE-FEVER dev split (claimcheck eval verify)
    support: float = Field(0.45, ge=0, le=1)  # evidence score at or above: supported
    partial: float = Field(0.40, ge=0, le=1)  # at or above (below support): partly supported
    quote: float = Field(0.97, ge=0, le=1)  # quote alignment at or above: exact enough
    misquote: float = Field(0.75, ge=0, le=1)  # alignment at or above (below quote): misquoted
    candidates: int = Field(8, ge=1, le=1000)  # snippets retrieved per claim before fine scoring


class BatchSettings(BaseModel):
    """`[batch]`: how `claimcheck batch` runs (command-line flags override each key)."""

    model_config = ConfigDict(extra="forbid")

    engine: Literal["local", "ray"] = "local"
    workers: int | None = Field(None, ge=1, le=4096)  # default: one per core (Ray: per CPU)
    address: str | None = None  # Ray cluster to join; none starts a local Ray instance
    shards: int = Field(1, ge=1, le=4096)  # Ray only: reference index shards
    batch_size: int = Field(8, ge=1, le=10_000)  # documents per task
    part_documents: int = Field(1000, ge=1, le=1_000_000)  # documents per Parquet part file


class Layer(BaseModel):
    """`--select` / `--ignore` given on the command line (see `claimcheck.selection`)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)


class Override(BaseModel):
    """One `[[overrides]]` entry: settings for the drafts its `files` globs match."""

    model_config = ConfigDict(extra="forbid", strict=True)

    files: list[str] = Field(min_length=1)  # .gitignore-style globs, from the config's folder
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    rules: dict[str, RuleSetting] = Field(default_factory=dict)


class Config(BaseModel):
    # strict: `offline = "yes"` is an error, never silently coerced
    model_config = ConfigDict(extra="forbid", strict=True)

    markdown: Literal["auto", "always", "never"] = "auto"
    refs: list[str] = Field(default_factory=list)
    include: list[str] = Field(default_factory=lambda: ["**/*.md", "**/*.markdown", "**/*.txt"])
    exclude: list[str] = Field(default_factory=list)
    fail_on: list[str] = Field(default_factory=lambda: list(default_fail_on()))  # FailPolicy
    # Rule or verdict selection (`claimcheck.selection`): IDs, names, prefixes (CC1), ALL,
    # verdict/<label>; select None = each rule's default.
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    # rule ID, rule name or verdict/<label> -> setting
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    overrides: list[Override] = Field(default_factory=list)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    baseline: str | None = None
    ledger: str = ".claimcheck/ledger.jsonl"  # review decisions (`claimcheck review`)
    offline: bool = False
    # An empty reference folder or file, or a URL that cannot be fetched, only warns instead of
    # failing the run with exit 2.
    refs_optional: bool = False
    timeout: float = Field(10.0, gt=0)  # seconds per URL fetch
    fetch_budget: float = Field(30.0, gt=0)  # seconds for all URL fetches of one run
    max_draft_bytes: int = Field(20_000_000, gt=0)  # size cap per draft file
    max_reference_bytes: int = Field(500_000_000, gt=0)  # size cap per reference file
    max_bytes: int = Field(5_000_000, gt=0)  # size cap per fetched URL
    # processes that judge claims (`claimcheck check`, `review`, `eval`); default one per core
    workers: int | None = Field(None, ge=1, le=4096)
    batch: BatchSettings = Field(default_factory=BatchSettings)
    config_path: str | None = Field(None, exclude=True)  # where it was read from, for messages
    # --select / --ignore: set by the CLI, never read from a config file (COMMAND_LINE_ONLY)
    command_line: Layer | None = None

    def merged(self, **overrides: Any) -> Config:
        """A copy with the given keys replaced; None means "not given on the command line"."""
        given = {k: v for k, v in overrides.items() if v is not None}
        data = self.model_dump()
        data.update(given)
        data["config_path"] = self.config_path
        return _validate(data, self.config_path or "command line")

    @property
    def fail_policy(self) -> FailPolicy:
        return FailPolicy.of(self.fail_on)


# --- the fail policy --------------------------------------------------------------------------



def default_fail_on() -> tuple[str, ...]:
    """`fail_on` when nobody sets it: error flags, and the verdicts the table says fail."""
    return ("error", *verdicts.default_failing())


def fail_on_choices() -> tuple[str, ...]:
    """What `fail_on` may name: a flag severity (it and worse fail) or a verdict label."""
    return (*sorted(SEVERITY_RANK, key=lambda s: -SEVERITY_RANK[s]), *verdicts.ranked())


def check_fail_on(values: Iterable[str], where: str) -> list[str]:
    """Validated fail levels; `none` alone means never fail. Unknown values are named."""
    cleaned = [v.strip().lower() for v in values if v.strip()]
    if cleaned == ["none"]:
        return []
    choices = fail_on_choices()
    unknown = [v for v in cleaned if v not in choices]
    if unknown:
        raise UserError(f"{where}: unknown fail level{'s' if len(unknown) > 1 else ''} "
                        f"{', '.join(repr(u) for u in unknown)} "
                        f"(use {', '.join(choices)} or none)")
    return list(dict.fromkeys(cleaned))


FailOn = Union[Sequence[str], "FailPolicy", None]  # what reporters accept as `fail_on`


@dataclass(frozen=True)
class FailPolicy:
    """What fails a run, read from validated `fail_on` levels; the one place that decides it.

    A live flag fails at or above the lowest severity named; a live verdict fails when its
    label is named. A claim a reviewer marked wrong fails; one a reviewer accepted never fails
    (both only while the claim's text is the one they decided on). Verdicts whose label is a
    finding (`verdicts.VerdictKind.severity`), or that the run fails on, are findings."""

    levels: tuple[str, ...]

    @classmethod
    def of(cls, fail_on: FailOn) -> FailPolicy:
        """The policy of validated levels (None: the default policy)."""
        if isinstance(fail_on, FailPolicy):
            return fail_on
        return cls(default_fail_on() if fail_on is None else tuple(fail_on))

    @cached_property
    def floor(self) -> int | None:
        """The lowest flag severity rank that fails (None: no flag fails)."""
        return min((SEVERITY_RANK[x] for x in self.levels if x in SEVERITY_RANK),
                   default=None)

    @cached_property
    def labels(self) -> frozenset[str]:
        """Verdict labels that fail."""
        return frozenset(x for x in self.levels if x not in SEVERITY_RANK)

    @cached_property
    def finding_labels(self) -> frozenset[str]:
        """Verdict labels that are findings: those with a severity, and any the run fails on."""
        return frozenset(verdicts.finding_severities()) | self.labels

    @staticmethod
    def decision(claim: Claim) -> str | None:
        """The claim's live review decision that counts here: "wrong", "accepted" or None."""
        review = claim.review
        if review and not review.stale and review.decision in ("wrong", "accepted"):
            return review.decision
        return None

    def flag_fails(self, flag: Flag, claim: Claim) -> bool:
        return (not flag.suppressed_by and not flag.supported and self.floor is not None
                and SEVERITY_RANK[flag.severity] >= self.floor
                and self.decision(claim) != "accepted")

    def verdict_fails(self, verdict: Verdict, claim: Claim) -> bool:
        # switched off for its file by the configuration (`claimcheck.selection`): no finding
        off = "severity" in verdict.model_fields_set and verdict.severity is None
        return (verdict.label in self.labels and not verdict.suppressed_by and not off
                and self.decision(claim) != "accepted")

    def claim_fails(self, claim: Claim) -> bool:
        decision = self.decision(claim)
        if decision is not None:
            return decision == "wrong"
        return bool(claim.verdict and self.verdict_fails(claim.verdict, claim)) or any(
            self.flag_fails(flag, claim) for flag in claim.flags)


COMMAND_LINE_ONLY = frozenset({"command_line"})


def _validate(data: dict[str, Any], where: str, *, from_file: bool = False) -> Config:
    if from_file and COMMAND_LINE_ONLY & data.keys():
        key = sorted(COMMAND_LINE_ONLY & data.keys())[0]
        raise UserError(f"{where}: invalid configuration: unknown key '{key}'")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                problems.append(f"unknown key '{key}'")
            else:
                problems.append(f"'{key}': {err['msg']}")
        raise UserError(f"{where}: invalid configuration: {'; '.join(problems)}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML table of a config file: UTF-8 (a BOM is fine); any other encoding, a special
    file, a file over 1 MB or nesting too deep for the parser is a one-line error."""
    from .files import CONFIG_MAX_BYTES, read_input

    raw = read_input(path, CONFIG_MAX_BYTES, "a config file", missing="config file not found")
    return _parse_toml(raw, path)


def _parse_toml(raw: bytes, path: Path) -> dict[str, Any]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError(f"{path}: the file is UTF-16; TOML files are UTF-8, save it as UTF-8")
    from .files import decode_utf8

    text = decode_utf8(raw, str(path), "TOML files are UTF-8, save it as UTF-8")
    import tomllib  # only a run that found a config file parses TOML (start-up time)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise UserError(f"{path}: invalid TOML: nested too deeply") from None


def find_config_file(start: Path) -> Path | None:
    """The nearest `.claimcheck.toml`, or pyproject.toml with a [tool.claimcheck] table.

    A pyproject.toml that does not mention claimcheck is someone else's business: it is not
    parsed at all, so its errors (or `tool = 5`) never stop a run."""
    for folder in [start, *start.parents]:
        dotfile = folder / ".claimcheck.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _names_claimcheck(pyproject):
            tool = _read_toml(pyproject).get("tool")
            if isinstance(tool, dict) and "claimcheck" in tool:
                return pyproject
    return None


def _names_claimcheck(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return b"claimcheck" in fh.read(2_000_000)
    except OSError:
        return False


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Load an explicit config file, or the nearest one above `start` (default: cwd)."""
    if path is None:
        path = find_config_file((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("claimcheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise UserError(f"{path}: [tool.claimcheck] must be a table")
    cfg = _validate(data, str(path), from_file=True)
    cfg.config_path = str(path)
    return cfg
