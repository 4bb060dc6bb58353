"""`claimcheck rules ID`, the pages SARIF links to, and help with examples everywhere."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from claimcheck import verdicts
from claimcheck.cli import _parser, main
from claimcheck.errors import UserError
from claimcheck.report import render
from claimcheck.report.rule_docs import page_name, render_rule, rule_ids
from claimcheck.rules import RULES

from .sample import make_report


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_page_has_its_whole_documentation(rule: object) -> None:
    page = render_rule(rule.id)  # type: ignore[attr-defined]
    assert page.startswith(f"# {rule.id} `{rule.name}`\n")  # type: ignore[attr-defined]
    for part in (rule.description, rule.hint, f'"{rule.id}" = "off"',  # type: ignore[attr-defined]
                 *rule.flagged, *rule.not_flagged):  # type: ignore[attr-defined]
        assert part in page
    assert render_rule(rule.name.upper()) == page  # type: ignore[attr-defined]


def test_verdict_pages_and_unknown_ids() -> None:
    assert render_rule("verdict/no_evidence").startswith(
        "# verdict/no_evidence: no reference supports the claim\n")
    assert rule_ids()[-len(verdicts.VERDICTS):] == [f"verdict/{v}" for v in verdicts.ranked()]
    assert page_name("verdict/no_evidence") == "verdict-no_evidence.md"
    with pytest.raises(UserError, match="unknown rule 'CC999'"):
        render_rule("CC999")
    with pytest.raises(UserError, match="unknown rule 'verdict/bogus'"):
        render_rule("verdict/bogus")


def test_rules_id_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "CC301"]) == 0
    assert capsys.readouterr().out == render_rule("CC301")
    assert main(["rules", "nope"]) == 2
    assert "unknown rule 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("declared", [None, "https://github.com/OWNER/claimcheck",
                                      "https://github.com/acme/claimcheck"])
def test_sarif_rules_link_to_their_pages_in_a_declared_repository_and_read_well(
        monkeypatch: pytest.MonkeyPatch, declared: str | None) -> None:
    """The rules' pages are linked (helpUri) only when the installed distribution declares a
    real repository: claimcheck has none yet, and a placeholder is no link."""
    from importlib import metadata

    from claimcheck import distribution

    class Declaring:  # the Project-URL lines of a distribution that declares `declared`
        def get_all(self, key: str) -> list[str]:
            return [f"Repository, {declared}"] if key == "Project-URL" else []

    real = metadata.metadata

    def declaring(name: str) -> object:
        return Declaring() if name == distribution.DIST_NAME and declared else real(name)

    monkeypatch.setattr(metadata, "metadata", declaring)
    distribution.home.cache_clear()
    try:
        sarif = json.loads(render(make_report(), "sarif"))["runs"][0]["tool"]["driver"]
    finally:
        distribution.home.cache_clear()
    by_id = {r["id"]: r for r in sarif["rules"]}
    verdict = by_id["verdict/contradicted"]
    if declared == "https://github.com/acme/claimcheck":
        assert sarif["informationUri"] == declared
        assert by_id["CC101"]["helpUri"] == f"{declared}/blob/main/docs/rules/CC101.md"
        assert verdict["helpUri"].endswith("/docs/rules/verdict-contradicted.md")
    else:
        assert "informationUri" not in sarif
        assert not any("helpUri" in r for r in sarif["rules"])
    assert by_id["CC101"]["help"]["markdown"].strip()  # the rule's documentation, in any case
    assert verdict["shortDescription"]["text"] == "A reference contradicts the claim"
    assert not any(r["shortDescription"]["text"].startswith("Claim is") for r in sarif["rules"])


def test_sarif_rules_link_to_the_commit_a_git_install_came_from(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed as docs/ci.md says (pip install git+https://github.com/...@<sha>), the links
    lead to the rules' pages of that very commit, read from pip's install record (PEP 610)."""
    from importlib import metadata

    from claimcheck import distribution

    sha = "89abcdef0123456789abcdef0123456789abcdef"
    record = {"url": "https://github.com/acme/claimcheck.git",
              "vcs_info": {"vcs": "git", "commit_id": sha}}
    real = metadata.distribution

    class Installed:
        def __init__(self, dist: metadata.Distribution) -> None:
            self.dist = dist

        def read_text(self, name: str) -> str | None:
            return json.dumps(record) if name == "direct_url.json" else self.dist.read_text(name)

    def installed(name: str) -> object:
        dist = real(name)
        return Installed(dist) if name == distribution.DIST_NAME else dist

    monkeypatch.setattr(metadata, "distribution", installed)
    distribution.home.cache_clear()
    try:
        sarif = json.loads(render(make_report(), "sarif"))["runs"][0]["tool"]["driver"]
    finally:
        distribution.home.cache_clear()
    by_id = {r["id"]: r for r in sarif["rules"]}
    assert sarif["informationUri"] == "https://github.com/acme/claimcheck"
    assert by_id["CC101"]["helpUri"] == (
        f"https://github.com/acme/claimcheck/blob/{sha}/docs/rules/CC101.md")
    assert by_id["verdict/contradicted"]["helpUri"].endswith(
        f"/blob/{sha}/docs/rules/verdict-contradicted.md")


def _subparsers(parser: argparse.ArgumentParser, path: str = "") -> list[tuple[str, str]]:
    out = [(path, parser.format_help())]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                out += _subparsers(child, f"{path} {name}".strip())
    return out


def test_every_command_and_subcommand_has_examples() -> None:
    helps = _subparsers(_parser())
    assert len(helps) >= 8
    for path, text in helps:
        assert "\nexamples:\n  claimcheck " in text, f"'claimcheck {path} --help' has no examples"
    top = dict(helps)[""]
    assert "factlint" in top and "exit codes" in top.replace("exit\ncodes", "exit codes")


def test_rule_pages_are_generated_and_staleness_is_seen(tmp_path: Path) -> None:
    import importlib.util
    import shutil

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("update_docs_h17", root / "scripts" /
                                                  "update_docs.py")
    assert spec and spec.loader
    update_docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update_docs)
    for page in ("README.md", "docs"):
        copy = shutil.copytree if (root / page).is_dir() else shutil.copy
        copy(root / page, tmp_path / page)
    assert update_docs.stale_pages(tmp_path) == []
    page = tmp_path / "docs" / "rules" / "CC301.md"
    assert page.read_text(encoding="utf-8") == (
        "<!-- BEGIN generated: claimcheck rules CC301 -->\n" + render_rule("CC301")
        + "<!-- END generated -->\n")
    page.write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "docs" / "rules" / "CC999.md").write_text("a rule that is gone\n")
    (tmp_path / "docs" / "rules" / "CC101.md").unlink()
    assert sorted(update_docs.stale_pages(tmp_path)) == [
        "docs/rules/CC101.md", "docs/rules/CC301.md", "docs/rules/CC999.md"]
