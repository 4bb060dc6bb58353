"""One rule's full documentation: what `claimcheck rules ID` prints and what each page under
docs/rules/ holds (SARIF `helpUri` links there), generated from the rule records and their
docstrings, and for the `verdict/<label>` pseudo-rules from the verdict descriptions below.

The output is Markdown, which reads as plain text at the prompt too (ruff prints its rule docs
the same way). Nothing here is written by hand per rule, so the pages cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

from ..errors import UserError

# What each verdict that can be a finding means, and what to do about it.
VERDICT_DOCS: dict[str, tuple[str, str]] = {
    "contradicted": (
        "The best evidence in your references says something different: a number, date, name, "
        "negation or quantifier in the claim disagrees with the matching reference sentence.",
        "Check the claim against the evidence shown and correct whichever is wrong: the draft, "
        "or the reference."),
    "misquoted": (
        "A quotation differs from the words in the source: the report shows a word diff of "
        "what was added, dropped or changed.",
        "Quote the source's exact words, or paraphrase without quotation marks."),
    "no_evidence": (
        "A checkable claim (a factual, quoted or attributed sentence) that none of your "
        "references supports closely enough.",
        "Add the source to your references, cite it in the sentence, or mark the claim as the "
        "writer's own assessment. To stop reporting these, set the verdict to \"off\" or "
        "\"info\" in the config."),
    "partly_supported": (
        "A reference supports part of the claim, but not all of it.",
        "Narrow the claim to what the source says, or add a source for the rest."),
    "not_checkable": (
        "A sentence that is not a checkable claim (opinion, speculation, question, heading).",
        "Nothing to do; it is reported only when you ask for it with --fail-on."),
    "supported": (
        "A reference supports the claim.",
        "Nothing to do; it is reported only when you ask for it with --fail-on."),
}


# One line each, for SARIF's shortDescription and the pages' titles.
VERDICT_TITLES: dict[str, str] = {
    "contradicted": "A reference contradicts the claim",
    "misquoted": "A quotation differs from its source",
    "no_evidence": "No reference supports the claim",
    "partly_supported": "A reference supports only part of the claim",
    "not_checkable": "Not a checkable claim",
    "supported": "A reference supports the claim",
}


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

    return [r.id for r in RULES] + [f"verdict/{label}" for label in VERDICT_DOCS]


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
    from ..baseline import FINDING_VERDICTS

    meaning, fix = VERDICT_DOCS[label]
    default = FINDING_VERDICTS.get(label)
    lines = [
        f"# verdict/{label}: {VERDICT_TITLES[label].lower()}",
        "",
        meaning,
        "",
        f"- Reported by default: {f'yes, as {default}' if default else 'no'}",
        f"- Fails the run by default: {'yes' if label in ('contradicted', 'misquoted') else 'no'}",
        "",
        "## How to fix",
        "",
        fix,
        "",
        *_configure(f"verdict/{label}", f"verdict/{label}"),
    ]
    return "\n".join(lines) + "\n"


def render_rule(key: str) -> str:
    """The documentation of the rule or verdict named by `key` (ID, name or verdict/<label>)."""
    label = key.strip().lower().removeprefix("verdict/")
    if key.strip().lower().startswith("verdict/") and label in VERDICT_DOCS:
        return _verdict_page(label)
    rule = _rule(key)
    if rule is None:
        raise UserError(f"unknown rule '{key}' (see 'claimcheck rules' for the list; verdicts "
                        f"are verdict/{', verdict/'.join(VERDICT_DOCS)})")
    return _rule_page(rule)
