"""One rule's full documentation: what `claimcheck rules ID` prints and what each page under
docs/rules/ holds (SARIF `helpUri` links there), generated from the rule records and their
docstrings, and for the `verdict/<label>` pseudo-rules from the verdict table
(`claimcheck.verdicts`).

The output is Markdown, which reads as plain text at the prompt too (ruff prints its rule docs
the same way). Nothing here is written by hand per rule, so the pages cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

from .. import verdicts
from ..errors import UserError


def _rule(key: str) -> Any:
    from ..rules import RULES

    wanted = key.strip().lower()
    for rule in RULES:
        if wanted in (rule.id.lower(), rule.name.lower()):
            return rule
    return None


def rule_ids() -> list[str]:
    """Every documented ID: the rules, then the verdict pseudo-rules."""
    from ..rules import RULES

    return [r.id for r in RULES] + [f"verdict/{label}" for label in verdicts.ranked()]


def page_name(rule_id: str) -> str:
    """File name of a rule's page under docs/rules/ ('verdict/no_evidence' ->
    'verdict-no_evidence.md')."""
    return rule_id.replace("/", "-") + ".md"


def _configure(key: str, name: str) -> list[str]:
    return [
        "## Configure",
        "",
        "```toml",
        "[tool.claimcheck.rules]   # in pyproject.toml; [rules] in .claimcheck.toml",
        f'"{key}" = "off"          # or "error", "warning", "info", "on"',
        "```",
        "",
        f"Silence one finding in the draft: `<!-- claimcheck: ignore {name} -->` at the end of "
        f"its line (`# claimcheck: ignore {name}` in plain text), or "
        f"`<!-- claimcheck: ignore-next-line {name} -->` on the line before.",
    ]


def _examples(title: str, items: list[str]) -> list[str]:
    return [f"## {title}", "", *(f"- {x}" for x in items), ""] if items else []


def _rule_page(rule: Any) -> str:
    from ..rules import FAMILIES

    kind = "a generalization" if FAMILIES[rule.family] else "not a generalization"
    lines = [
        f"# {rule.id} `{rule.name}`",
        "",
        rule.description,
        "",
        f"- Family: {rule.family} ({kind})",
        f"- Default severity: {rule.severity}" if rule.default_on else
        f"- Default: off (opt-in; {rule.severity} when switched on with `{rule.id} = \"on\"` "
        f"under `[tool.claimcheck.rules]`)",
        f"- Reads questions: {'yes' if rule.reads_questions else 'no'}",
        f"- Exemptions it honours, besides the central contexts"
        f"{' (it reads ' + ', '.join(rule.reads) + ')' if rule.reads else ''}: "
        f"{', '.join(rule.exemptions) or 'none'} (see `claimcheck explain`)",
        f"- Supersedes: {', '.join(rule.supersedes) or 'none'}",
        f"- Message: {rule.message.format(cue='…')}",
        "",
        "## How to fix",
        "",
        rule.hint,
        "",
        *_examples("Flagged", rule.flagged),
        *_examples("Not flagged", rule.not_flagged),
        "A cue is not reported when its sentence carries its own support: a figure in the same "
        "clause, a named source, or someone's attributed quotation. When one of your references "
        "supports the sentence, the flag is kept, marked supported, and never fails a run.",
        "",
        *_configure(rule.id, rule.id),
    ]
    return "\n".join(lines) + "\n"


def _verdict_page(label: str) -> str:
    row = verdicts.by_label()[label]
    lines = [
        f"# verdict/{label}: {row.title.lower()}",
        "",
        row.meaning,
        "",
        f"- Reported by default: {f'yes, as {row.severity}' if row.severity else 'no'}",
        f"- Fails the run by default: {'yes' if row.fails else 'no'}",
        "",
        "## How to fix",
        "",
        row.fix,
        "",
        *_configure(f"verdict/{label}", f"verdict/{label}"),
    ]
    return "\n".join(lines) + "\n"


def render_rule(key: str) -> str:
    """The documentation of the rule or verdict named by `key` (ID, name or verdict/<label>)."""
    label = key.strip().lower().removeprefix("verdict/")
    if key.strip().lower().startswith("verdict/") and label in verdicts.by_label():
        return _verdict_page(label)
    rule = _rule(key)
    if rule is None:
        raise UserError(f"unknown rule '{key}' (see 'claimcheck rules' for the list; verdicts "
                        f"are verdict/{', verdict/'.join(verdicts.ranked())})")
    return _rule_page(rule)
