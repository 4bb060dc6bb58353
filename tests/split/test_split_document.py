"""split_document on our three fixture drafts, with hand-checked expectations."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.document import build_document, load_document
from claimcheck.models import CHECKABLE_KINDS, Claim
from claimcheck.split import split_document

DRAFTS = Path(__file__).parent.parent.parent / "fixtures" / "drafts"
SEED = Path("/work/shared/seed/article.txt")

NEWS = [
    (1, 1, "non_claim", None, "Port Strike Enters Second Week: Unions Demand Talks"),
    (3, 2, "quote", "Dockworkers Union",
     "The ministry has ignored every proposal we sent, so the strike goes on."),
    (5, 1, "non_claim", None, "by Mira Kovac"),
    (6, 1, "non_claim", None, "Port Strike Enters Second Week: Unions Demand Talks"),
    (7, 1, "non_claim", None, "© Tomas Brandt/Harbor Images News"),
    (9, 1, "attributed", "Dockworkers Union", "After the ministry rejected the wage offer, the "
     "Dockworkers Union confirmed that the strike would continue."),
    (11, 1, "factual", None, "The port of Valmora handled 1.2 million containers in 2023."),
    (11, 61, "attributed", "Dr. Elena Sorel",
     "Dr. Elena Sorel, the port's economist, estimated the losses at $45 million per week."),
    (13, 1, "factual", None, "Valmora controls most of the regional trade"),
    (13, 50, "speculation", None, "it is still unclear when the ships will move."),
    (13, 96, "factual", None,
     "Despite three rounds of talks in May, the two sides did not reach a deal."),
    (15, 2, "quote", "Dockworkers Union",
     "The ministry has ignored every proposal we sent, so the strike goes on."),
    (15, 74, "quote", "Dockworkers Union", "We will return to the table when the ministry does"),
    (17, 1, "factual", None, "Transport Minister Ivo Lenz is not pleased with the delay."),
    (17, 60, "attributed", "Lenz",
     "Lenz said the government had offered a 3.5 percent raise on Tuesday."),
    (19, 2, "quote", "Lenz", "We made a fair offer."),
    (19, 24, "quote", "Lenz", "The unions rejected it within an hour..."),
    (19, 65, "quote", "Lenz", "We remain open to talks, but we will not negotiate under pressure"),
    (21, 1, "non_claim", None, "Ivo Lenz"),
    (22, 1, "non_claim", None, "Ivo Lenz© Clara Wendt / Harbor Images"),
    (24, 1, "non_claim", None, "Shops on the Coast Feel the Strain"),
    (26, 1, "factual", None, "Fuel deliveries to the coast fell by 40% last week."),
    (26, 53, "question", None, "Will the shelves be empty by Friday?"),
    (26, 90, "opinion", None,
     "The situation is probably the worst the region has seen since 2009."),
    (28, 1, "opinion", None,
     "Everyone should show patience, courage, and willingness to compromise."),
]


def _claims(name: str) -> list[Claim]:
    return split_document(load_document(str(DRAFTS / name)))


def _check_invariants(claims: list[Claim], text: str, path: str) -> None:
    doc_lines = text.splitlines(keepends=True)
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for claim in claims:
        assert claim.text == text[claim.start:claim.end]
        assert claim.file == path
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        assert claim.checkable == (claim.kind in CHECKABLE_KINDS)
        before = sum(len(line) for line in doc_lines[:claim.line - 1])
        assert claim.start == before + claim.column - 1
        for mention in claim.numbers + claim.dates + claim.entities + claim.quotes:
            assert claim.start <= mention.start < mention.end <= claim.end
            assert text[mention.start:mention.end] == mention.text


def test_news_every_claim() -> None:
    claims = _claims("news.txt")
    got = [(c.line, c.column, c.kind, c.speaker, c.text) for c in claims]
    assert got == NEWS
    _check_invariants(claims, (DRAFTS / "news.txt").read_text("utf-8"),
                      str(DRAFTS / "news.txt"))


def test_news_clauses_share_their_sentence() -> None:
    claims = _claims("news.txt")
    fact, guess = claims[8], claims[9]
    assert fact.sentence_index == guess.sentence_index
    assert (fact.sentence_start, fact.sentence_end) == (guess.sentence_start, guess.sentence_end)
    assert [c.sentence_index for c in claims[15:18]] == [14, 15, 16]


def test_news_mentions() -> None:
    claims = {c.text: c for c in _claims("news.txt")}
    port = claims["The port of Valmora handled 1.2 million containers in 2023."]
    assert [(m.kind, m.text, m.value) for m in port.numbers] == [
        ("number", "1.2 million", 1.2e6)]
    assert [m.value for m in port.dates] == ["2023"]
    assert [m.text for m in port.entities] == ["Valmora"]
    lenz = claims["Lenz said the government had offered a 3.5 percent raise on Tuesday."]
    assert [(m.kind, m.value) for m in lenz.numbers] == [("percent", 3.5)]
    assert [m.value for m in lenz.dates] == ["tuesday"]
    talks = claims["Despite three rounds of talks in May, the two sides did not reach a deal."]
    assert [m.value for m in talks.numbers] == [3.0, 2.0]
    assert [m.value for m in talks.dates] == ["--05"]
    quote = claims["We made a fair offer."]
    assert [m.text for m in quote.quotes] == ["We made a fair offer."]


def test_tech_markdown_claims() -> None:
    claims = _claims("tech.md")
    _check_invariants(claims, (DRAFTS / "tech.md").read_text("utf-8"), str(DRAFTS / "tech.md"))
    texts = [c.text for c in claims]
    assert not any("import quillmark" in t or "indented code" in t or "title:" in t
                   for t in texts)
    by_text = {c.text: c for c in claims}
    assert by_text["Faster parsing in Quillmark 2.1"].kind == "non_claim"
    assert by_text["What changed"].kind == "non_claim"
    assert by_text["The release shipped on\nMarch 4, 2025"].kind == "factual"
    assert [m.value for m in by_text["The release shipped on\nMarch 4, 2025"].dates] == [
        "2025-03-04"]
    assert by_text["it supports Python 3.11 or newer."].kind == "factual"
    assert by_text["Memory use fell by 40% on large files."].numbers[0].kind == "percent"
    assert by_text["Should you upgrade?"].kind == "question"
    assert by_text["The tokenizer was rewritten in Rust."].kind == "factual"
    hart = by_text["According to Dr. Lena Hart, the new parser is the fastest in the U.S. market."]
    assert (hart.kind, hart.speaker) == ("attributed", "Dr. Lena Hart")
    assert "U.S." in [m.text for m in hart.entities]
    ruiz = by_text["We kept every public API as it\nwas"]
    assert (ruiz.kind, ruiz.speaker, ruiz.line, ruiz.column) == ("quote", "Marta Ruiz", 41, 60)
    assert by_text["240 ms"].kind == "non_claim"
    assert by_text["The team will probably drop Python 3.9 support next year."].kind == \
        "speculation"
    install = next(t for t in texts if t.startswith("Install it with"))
    assert by_text[install].kind == "non_claim"


def test_blog_claims() -> None:
    claims = _claims("blog.md")
    _check_invariants(claims, (DRAFTS / "blog.md").read_text("utf-8"), str(DRAFTS / "blog.md"))
    got = [(c.kind, c.speaker, c.text) for c in claims]
    assert got[:5] == [
        ("non_claim", None, "Why I switched my team to four-day weeks"),
        ("non_claim", None, "Posted on 12 January 2024 by Sam Okafor"),
        ("factual", None, "Last spring we moved our 14-person team to a four-day week."),
        ("factual", None, "Output did not drop"),
        ("factual", None, "sick days fell by a third."),
    ]
    by_text = {c.text: c for c in claims}
    study = next(c for c in claims if c.text.startswith("According to a 2022 study"))
    assert (study.kind, study.speaker) == ("attributed", "Autonomy Institute")
    assert [m.value for m in study.numbers] == [56.0, 61.0]
    nair = by_text["We stopped pretending that busy means productive."]
    assert (nair.kind, nair.speaker) == ("quote", "Priya Nair")
    assert by_text["I think we should have measured focus time from day one."].kind == "opinion"
    assert by_text["It seems the gains could fade after a year"].kind == "speculation"
    assert by_text["Would I do it again?"].kind == "question"
    assert not any("Subscribe" in c.text for c in claims)  # an HTML block is not prose
    assert next(c for c in claims if c.text.startswith("Read more")).kind == "non_claim"


def test_multi_paragraph_quote_and_pronoun_speaker() -> None:
    text = ('Ana Ruiz, the mayor, opened the site on Monday.\n\n"The bridge will open in June. '
            'It cost less than planned," she said.\n')
    claims = split_document(build_document("q.txt", text, markdown=False))
    quotes = [(c.text, c.speaker) for c in claims if c.kind == "quote"]
    assert quotes == [("The bridge will open in June.", "Ana Ruiz"),
                      ("It cost less than planned", "Ana Ruiz")]


def test_lead_in_sentence_names_the_speaker() -> None:
    text = 'The minister was blunt. Lenz said:\n\n"We will not pay more than we offered."\n'
    claims = split_document(build_document("q.txt", text, markdown=False))
    assert [(c.kind, c.speaker) for c in claims if c.kind == "quote"] == [("quote", "Lenz")]


def test_attribution_in_the_following_sentence() -> None:
    text = '"We will finish the bridge. Nobody can stop us."\n\nKirby said this on Monday.\n'
    claims = split_document(build_document("q.txt", text, markdown=False))
    assert [(c.kind, c.speaker, c.text) for c in claims] == [
        ("quote", "Kirby", "We will finish the bridge."),
        ("quote", "Kirby", "Nobody can stop us."),
        ("attributed", "Kirby", "Kirby said this on Monday.")]


def test_scare_quotes_do_not_make_a_quote_claim() -> None:
    text = 'Officials called the plan a "pause" on Tuesday.\n'
    (claim,) = split_document(build_document("q.txt", text, markdown=False))
    assert claim.kind == "factual" and [m.text for m in claim.quotes] == ["pause"]


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_seed_article() -> None:
    doc = load_document(str(SEED))
    claims = split_document(doc)
    _check_invariants(claims, doc.text, str(SEED))
    kind = {c.text[:40]: (c.kind, c.speaker) for c in claims}
    for furniture in ["Hamas Claims Talks Have Returned to Squa", "by Sead Dedovic",
                      "© Abid Katib/Getty Images News", "John Kirby",
                      "John Kirby© Anna Moneymaker / Getty Imag",
                      "Attacks by Israelis in the Gaza Strip",
                      "The French reacted to Israel's attacks o"]:
        assert kind[furniture][0] == "non_claim", furniture
    quotes = [(c.speaker, c.text) for c in claims if c.kind == "quote"]
    expected = [
        ("Hamas", "The Israeli rejection of the"), ("Hamas", "The Israeli rejection of the"),
        ("Hamas", "In light of Netanyahu's"), ("Kirby", "We have seen comments from"),
        ("Kirby", "But we are working hard"), ("Kirby", "We still believe that an"),
        ("Kirby", "The remaining gaps can be"), ("Kirby", "We're not giving up on that")]
    assert len(quotes) == len(expected)
    for (speaker, text), (want_speaker, opening) in zip(quotes, expected, strict=True):
        assert speaker == want_speaker and text.startswith(opening), text
    assert quotes[-1][1] == "We're not giving up on that"
    assert kind["Israel controls Rafah"] == ("factual", None)
    assert kind["it is still unclear what will happen."] == ("speculation", None)
    # every body sentence, found with exact offsets: 49 sentences, the last ends the file
    sentences = sorted({(c.sentence_start, c.sentence_end) for c in claims})
    assert len(sentences) == 49
    assert doc.text[sentences[-1][0]:sentences[-1][1]].startswith("The world hopes that")
    assert sentences[-1][1] == len(doc.text.rstrip())
    body = [doc.text[s:e] for s, e in sentences[5:]]
    assert all(t.endswith((".", '."', '"', "?")) or "©" in t or t[-1].isalpha() for t in body)
    assert "We still believe that an agreement was possible..." in [
        doc.text[s:e] for s, e in sentences]


def test_a_curly_apostrophe_gives_the_same_claims() -> None:
    # kinds, speakers and names read word lists written with straight apostrophes
    text = ("I'm told Dana Lee runs the port. You shouldn't go there alone. "
            "Once you start, you won't be able to stop. What's Valmora Port's plan?\n")

    def read(draft: str) -> list[tuple[str, str | None, list[str]]]:
        claims = split_document(build_document("d.txt", draft, markdown=False))
        return [(c.kind, c.speaker, [m.text.replace("’", "'") for m in c.entities])
                for c in claims]

    straight = read(text)
    assert [kind for kind, _, _ in straight] == ["attributed", "opinion", "speculation",
                                                 "question"]
    assert read(text.replace("'", "’")) == straight
