"""`claimcheck explain`: for each sentence, every cue a rule found and why it was flagged or let
through (the exemption that held, the rule that supersedes it, or the setting that switched the
rule off). Plain text, one block per sentence, for a writer asking "why this flag?" or "why no
flag here?"."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..models import Claim, Document


def render_explanation(pairs: Iterable[tuple[Document, list[Claim]]],
                       settings: Mapping[str, str] | Callable[[str], Mapping[str, str]],
                       line: int | None = None) -> str:
    """The explanation for every claim of each document (only those on `line` if given).
    Sentences with no cue are listed only when a line is asked for. `settings`: the rule
    settings, or a function giving them for a document's path (per-file overrides)."""
    from ..rules import explain

    rules_for: Callable[[str], Mapping[str, str]]
    if isinstance(settings, Mapping):
        fixed = settings
        rules_for = lambda _path: fixed  # noqa: E731
    else:
        rules_for = settings

    out: list[str] = []
    for doc, claims in pairs:
        for claim in claims:
            if line is not None and not claim.line <= line <= doc.position(claim.end)[0]:
                continue
            reports = explain(claim, doc, rules_for(doc.path))
            if not reports and line is None:
                continue
            text = " ".join(claim.text.split())
            out.append(f"{doc.path}:{claim.line}:{claim.column}: [{claim.kind}] {text}")
            if not reports:
                out.append("  no cue: no rule found anything to flag here")
            for r in reports:
                cue = " ".join(doc.masked[r.finding.start:r.finding.end].split()) or r.finding.cue
                head = f"  {r.rule.id} {r.rule.name} '{cue}':"
                if r.outcome == "flagged":
                    out.append(f"{head} flagged")
                elif r.outcome == "let through":
                    out.append(f"{head} let through by '{r.why}': {r.reason}")
                elif r.outcome == "superseded":
                    out.append(f"{head} not reported: {r.reason}")
                else:
                    out.append(f"{head} not reported: the rule is off for this file (switch "
                               f"it on in [tool.claimcheck.rules], select or --select)")
    if not out:
        return ("no claim on that line\n" if line is not None
                else "no rule found a cue in these drafts\n")
    return "\n".join(out) + "\n"
