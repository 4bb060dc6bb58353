from __future__ import annotations

from claimcheck.check.score import SpanCache, best_spans, sentence_bounds
from claimcheck.text.stems import content_stems


def test_sentence_bounds_respect_abbreviations_and_decimals() -> None:
    text = "Mr. Kirby spoke in the U.S. on Monday. Turnout was 3.5 percent! Was it? Yes."
    assert [text[s:e] for s, e in sentence_bounds(text)] == [
        "Mr. Kirby spoke in the U.S. on Monday.", "Turnout was 3.5 percent!", "Was it?", "Yes."]


def test_best_span_is_the_matching_sentence_with_offsets() -> None:
    texts = ["The weather was fine. The council accepted the truce on Monday. Rain came later.",
             "Nothing about it here."]
    claim = "The council accepted the truce."
    [best] = best_spans(claim, content_stems(claim), [0, 1], SpanCache(texts))
    assert texts[0][best.span.start:best.span.end] == "The council accepted the truce on Monday."
    assert best.coverage == 1.0 and 0.9 < best.score <= 1.0


def test_window_of_two_sentences_when_the_claim_spans_them() -> None:
    texts = ["The council met on Monday. It accepted the truce proposal from the mediators."]
    claim = "The council met and accepted the truce proposal from the mediators."
    [best] = best_spans(claim, content_stems(claim), [0], SpanCache(texts))
    assert (best.span.start, best.span.end) == (0, len(texts[0]))


def test_cache_splits_each_snippet_once() -> None:
    cache = SpanCache(["One. Two."])
    assert cache.sentences(0) is cache.sentences(0)
    assert [s.text for s in cache.sentences(0)] == ["One.", "Two."]


def test_a_span_sharing_only_names_is_marked_and_scored_down() -> None:
    texts = ['Transport Minister Ivo Lenz told the press: "We made a fair offer."']
    claim = "Transport Minister Ivo Lenz is not pleased with the delay."
    [best] = best_spans(claim, content_stems(claim), [0], SpanCache(texts))
    assert best.names_only and best.score < 0.4
    other = "Transport Minister Ivo Lenz made an offer."
    [backed] = best_spans(other, content_stems(other), [0], SpanCache(texts))
    assert not backed.names_only and backed.score > 0.7


def test_shared_function_words_do_not_lift_a_span_with_few_content_words() -> None:
    texts = ["Every family in the valley has now left their home."]
    claim = "Every trader in the valley has doubled their prices."
    [best] = best_spans(claim, content_stems(claim), [0], SpanCache(texts))
    assert best.coverage == 0.25 and best.score < 0.3


def test_known_stems_cover_every_snippet() -> None:
    cache = SpanCache(["Convoys reached Ebberly.", "Prices fell."])
    assert cache.known() == content_stems("Convoys reached Ebberly. Prices fell.")
