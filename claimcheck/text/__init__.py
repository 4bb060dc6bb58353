"""The text layer: one implementation of each text primitive, shared by every stage.

`split/`, `rules/`, `references/` and `check/` read text through these modules and keep no
private copies; a behaviour that should change for all of them changes here, once.

- `wordlists`: the one loader of packaged word lists (`text/data/*.txt` for shared lists,
  `<package>/data/*.txt` for a stage's own); tagged lists when uses differ.
- `patterns`: word lists as prefix-tree regex alternations; prose-aware atoms.
- `tokens`: `typography`, words with offsets (`tokens`), quote words, retrieval words.
- `stems`: the crude suffix stem, the Snowball stemmer adapter, content stems.
- `stopwords`: function words by use (retrieval, coverage) and negations.
- `numbers`: quantities with values, units, counted nouns (room for bounds and ranges).
- `dates`: dates with their fields and normalised value; month and weekday names.
- `quotes`: quote marks, quoted spans and passages, a block's quote regions.
- `attribution`: verbs of saying and the speaker of a quote or of reported speech.
- `names`: capitalised runs that name someone, trimmed; name stems.

Nothing here imports from a pipeline stage: the layer sits under all of them.
"""
