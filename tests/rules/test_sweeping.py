from __future__ import annotations

import pytest

from .helpers import cues


@pytest.mark.parametrize(("text", "expected"), [
    ("Politicians always lie.", ["always"]),
    ("No one trusts the plan.", ["No one"]),
    ("They are all racists.", ["all"]),
    ("Nobody cares and nothing changes.", ["Nobody", "nothing"]),
    ("It is necessary for everyone to show openness.", ["everyone"]),
])
def test_sweeping_cues_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


@pytest.mark.parametrize("text", [
    "All 12 members voted for the motion.",  # a figure counts the whole
    "Every one of the 40 seats was filled.",
    "Hamas confirmed that everything had returned to square one.",  # a named source
    "It was fine after all.",  # idioms
    "First of all, thank you.",
    "He is not at all sure.",
    "Despite all warnings, the strike went ahead.",
    "Not everyone agrees.",  # the careful claim
    "You should never break traffic laws.",  # a rule, not a claim about the world
    "If you never pay, you are fined.",  # supposed, not asserted
    "He spent all his time in the library.",  # a bounded set
    "Imagine all of those hungry kids.",
    'The ad sells the "everyone is doing it" mentality.',  # a mention in quotes
    '"No one will go hungry," the mayor said.',  # someone's own words
])
def test_supported_or_idiomatic_cues_are_not_flagged(text: str) -> None:
    assert cues(text, "CC101") == []


def test_unattributed_quoted_sentence_is_the_writers_claim() -> None:
    assert cues('"Everyone loves going to the movies."', "CC101") == ["Everyone"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Cars are worthless.", ["Cars are worthless"]),
    ("Therefore, vaccines are useless.", ["vaccines are useless"]),
    ("Happy families make happy children.", ["Happy families make happy"]),
])
def test_bare_generics_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC102") == expected


@pytest.mark.parametrize("text", [
    "My cars are old.",
    "Prices are rising.",
    "Air strikes have hit the camp.",
    "Sometimes flu vaccines don't work.",
    "Teenagers are reckless.",  # people: CC402's job, not reported twice
    "Two of the cars are broken.",
])
def test_specific_or_eventive_plurals_are_not_bare_generics(text: str) -> None:
    assert cues(text, "CC102") == []


@pytest.mark.parametrize("text", [
    "Every time the bell rings, the dog barks.",  # occasions in a story, not a group
    "She sat up all night with the patient.",
    "He walks there every single day.",
    "Everyone should carry a spare key.",  # a rule for everyone, not a report on everyone
    "All passengers must show a ticket.",
    "Without the ferry, no one could reach the island.",  # imagined, not asserted
    "If the tax were cut, we'd all be better off.",
    "No one has ever proved that the well is cursed.",  # a claim that nothing was shown
    "Nobody can deny the river is high.",
    "Everyone is buying the new phone, so you should too.",  # a call to follow the crowd
    "Everyone else has a bicycle.",
    "She has never lost an election.",  # one person's record, checkable
    "I always take the early train.",
    "He has always lived in Leeds.",
])
def test_cues_in_other_frames_are_not_sweeping_claims(text: str) -> None:
    assert cues(text, "CC101") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Everyone is buying the new phone.", ["Everyone"]),  # no call to follow: a claim
    ("No one can afford a house in this town.", ["No one"]),  # not about proof
    ("Every voter wants lower taxes.", ["Every"]),  # voters, not occasions
    ("Everyone would rather rent than buy.", []),  # would: still imagined
    ("Teachers always favour the quiet pupils.", ["always"]),  # a group, not one person
    ("He will never find work again.", ["never"]),  # a forecast from a case, not a record
    ("All four-year-olds talk too much.", ["All"]),  # an age is not a count
    ("All 40 four-year-olds in the class sang.", []),  # but a count still is
])
def test_context_keeps_real_sweeping_claims(text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


@pytest.mark.parametrize("text", [
    "Everyone is doing it.",  # "is" is not a plural noun
    "He begins talking about the weather.",  # a pronoun makes "begins" a verb
    "She was only driving to the shop.",
    "Whales are mammals.",  # a definition, not a trait
    "Oaks are plants that live for centuries.",
])
def test_verbs_and_definitions_are_not_bare_generics(text: str) -> None:
    assert cues(text, "CC102") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Science fiction books are not worth reading.", ["Science fiction books are not worth"]),
    ("Electric scooters are dangerous.", ["Electric scooters are dangerous"]),
])
def test_bare_generics_with_two_word_subjects_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC102") == expected


@pytest.mark.parametrize("text", [
    "Politicians don't always lie.",
    "Politicians don’t always lie.",  # a curly apostrophe is the same negation
    "Children who don’t always sleep well are not ill.",
])
def test_negated_always_is_the_careful_claim_with_either_apostrophe(text: str) -> None:
    assert cues(text, "CC101") == []


def test_one_person_record_with_a_curly_contraction() -> None:
    assert cues("She’s never lost an election.", "CC101") == []
    assert cues("She's never lost an election.", "CC101") == []


def test_if_clause_and_abbreviation_before_the_cue() -> None:
    assert cues("If the U.N.-led talks never resume, then everyone suffers.", "CC101") == [
        "everyone"]


@pytest.mark.parametrize("text", [
    "We should ban all hairspray.",  # a proposal: what is wanted, not what is so
    "I urge you to tear down all the power lines.",
    "My opponent wants all of you to pay more tax.",
    "We're all going to die anyway.",  # "all" floats over the people present
    "You can all trust what I say.",
    "She sings in the car all of the time.",  # idioms that count nothing
    "The vase fell off the shelf all by itself.",
    "He talks about it every chance he gets.",  # an occasion
    "You've never been abroad.",  # one known party's record
])
def test_proposals_present_company_and_records_are_not_sweeping_claims(text: str) -> None:
    assert cues(text, "CC101") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("You should know that everyone lies.", ["everyone"]),  # "that" asserts again
    ("They are all racists.", ["all"]),  # "they" is a group, not the people present
    ("Everyone knows the plan failed.", []),  # CC301 reports the unnamed crowd
])
def test_claims_inside_or_beside_those_frames_stay_flagged(text: str, expected: list[str]
                                                          ) -> None:
    assert cues(text, "CC101") == expected


@pytest.mark.parametrize("text", [
    "Cellphones were invented in the 1970s.",  # a past event in the passive, not a trait
    "Employees are like nails.",  # an analogy, not a trait
])
def test_past_passives_and_analogies_are_not_generics(text: str) -> None:
    assert cues(text, "CC102") == [] and cues(text, "CC402") == []


@pytest.mark.parametrize("text", [
    "The whole office is taking up yoga, so we should, too!",  # any person, with the comma
    "Everyone on my street recycles, so they should too.",
    "I think I should get a scooter. Everybody at work rides one.",  # the call comes first
    "You should watch that show because everyone is talking about it.",  # the crowd as reason
    "Nobody else is wearing a tie. Why should you?",  # the empty crowd is a lever too
])
def test_crowds_held_up_to_be_followed_are_popularity_appeals(text: str) -> None:
    assert cues(text, "CC101") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The cafe is busy because everyone likes it.", ["everyone"]),  # nothing urged
    ("Nobody reads the terms and conditions.", ["Nobody"]),
])
def test_crowds_not_held_up_to_follow_stay_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


@pytest.mark.parametrize("text", [
    "My uncle always parks on the kerb.",  # one known person's record
    "Our landlord never answers the phone.",
    "This printer has never worked properly.",
    "You are always so impatient.",  # the reader, after "are"
    "Either you help me or you get nothing.",  # the object of one person's verb
    "He knows everything about old trains.",
    "I know nothing about their finances.",
])
def test_one_known_persons_record_or_object_is_not_sweeping(text: str) -> None:
    assert cues(text, "CC101") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("My neighbours always complain.", ["always"]),  # a plural head is a set
    ("Their buses are always late.", ["always"]),
    ("Residents of Dunmore never complain about noise.", ["never"]),  # a name in "of ..."
    ("I think everything is getting worse.", ["everything"]),  # a subject, not an object
    ("Sugar ruins everything.", ["everything"]),  # no one person as the subject
])
def test_sets_and_subjects_stay_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


def test_that_before_a_name_opens_a_clause_it_points_at_nothing() -> None:
    # "that Acme Rail" is not "that printer": the record is not one known thing's.
    assert cues("It is believed that Acme Rail always runs late.", "CC101") == ["always"]
    assert cues("We were told that this printer never jams.", "CC101") == []


@pytest.mark.parametrize("text", [
    "All learner drivers must display L plates.",  # a rule; the bound phrase has two words
    "All pupils everywhere should learn to swim.",
    "Every single ticket holder has to queue.",
])
def test_rules_for_longer_noun_phrases_are_normative(text: str) -> None:
    assert cues(text, "CC101") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("All learner drivers must be nervous.", ["All"]),  # epistemic "must": a claim
    ("All learner drivers are nervous and should relax.", ["All"]),  # a verb came first
    ("All parents who smoke should quit.", ["All"]),  # a relative clause is a new claim
])
def test_claims_before_or_beside_a_modal_stay_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


@pytest.mark.parametrize("text", [
    "Dragons are real.",  # kind-level predicates: the kind, not each member
    "Unicorns don't exist.",
    "Red squirrels are rare in the south.",
    "Wolves are extinct in this valley.",
])
def test_kind_level_predicates_are_not_generalizations(text: str) -> None:
    assert cues(text, "CC102") == [] and cues(text, "CC402") == []


def test_member_level_predicates_stay_generics() -> None:
    assert cues("Dragons are dangerous.", "CC102") == ["Dragons are dangerous"]
    assert cues("Farmers are rarely wrong.", "CC402") == ["Farmers are rarely"]


@pytest.mark.parametrize("text", [
    # "all" floating over a set the sentence has just listed by name
    "The Liberal Democrats, the Greens, the SNP and Labour all support a ban.",
    "Plasticity, pre-adaptation and gene flow are all major factors in evolution.",
    "My brother, my sister and I all went home early.",
    # records, distances, degrees and hedges
    "The area of melting in 2002 broke all previous records.",
    "The wind blows over snow and ice all the way to the sea.",
    "By noon I was all better.",
    "The survey covered most or all of the reefs.",
    "Proving it may never be possible.",  # allowed for, not asserted
    # "forever" naming a thing
    "The shelter finds each dog a forever home.",
    "Forever chemicals were found in the river.",
])
def test_listed_sets_records_and_idioms_are_not_sweeping(text: str) -> None:
    assert cues(text, "CC101") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Politicians, bankers and lawyers are all liars.", ["all"]),  # three whole kinds
    ("Teachers, nurses and the police are all underpaid.", ["all"]),
    ("The dog will stay with us forever.", ["forever"]),
])
def test_lists_of_kinds_and_plain_forever_still_sweep(text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


@pytest.mark.parametrize("text", [
    "Climate models are run on supercomputers.",  # a procedure or make-up, not a trait
    "Scleractinian skeletons are composed of aragonite.",
    "Hydrofluorocarbons are included in the Kyoto Protocol.",
    "Cars are often unreliable in winter.",  # frequency and hedges
    "Yields are likely to fall sharply.",
    "Darker colours were originally used.",  # a former state
])
def test_procedures_frequencies_and_former_states_are_not_bare_generics(text: str) -> None:
    assert cues(text, "CC102") == []


@pytest.mark.parametrize("text", [
    "Extensive glaciers are found in Antarctica and Chile.",  # where a kind occurs
    "Human-induced forcings are needed to reproduce the warming.",
])
def test_where_a_kind_occurs_or_what_it_is_needed_for_is_not_a_trait(text: str) -> None:
    assert cues(text, "CC102") == []


@pytest.mark.parametrize("text", [
    "Such models are unreliable.",  # a set the text has already named
    "Other organisms are harmed directly.",
    "Conservative groups spend up to $1bn a year on it.",  # a figure with its magnitude on it
])
def test_sets_named_before_and_figures_with_units_are_not_bare_generics(text: str) -> None:
    assert cues(text, "CC102") == []


def test_seasons_and_times_are_not_kinds_given_a_trait() -> None:
    assert cues("Winters are cold and snowy.", "CC102") == []
    assert cues("Mornings are busy at the station.", "CC102") == []
    assert cues("Cars are worthless.", "CC102") == ["Cars are worthless"]


@pytest.mark.parametrize("text", [
    "The divergence does not affect all the trees.",  # a negated verb: "not all"
    "Such models cannot yet simulate all aspects of climate.",
    "Implementation follows all of the planned methods.",  # a definite set the text describes
    "At this site the temperature never reached freezing.",  # a record of what happened
    "The commercials never discussed his plans.",
])
def test_not_all_definite_sets_and_past_records_are_not_sweeping(text: str) -> None:
    assert cues(text, "CC101") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("She did not say it, but all politicians lie.", ["all"]),  # the negation is another clause's
    ("Politicians never keep their promises.", ["never"]),  # present: a rule for a kind
    ("All the politicians lie.", ["All"]),
])
def test_negation_in_another_clause_and_present_habits_still_sweep(
        text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Models are unable to reproduce the warming.", []),  # what a kind of thing can do
    ("Satellites are able to measure sea level.", []),
    ("Oceans are the largest carbon sink.", []),  # a ranking: CC601's
    ("Global emissions have risen since then.", []),  # a perfect tense, not a habit
    ("Vaccines are useless.", ["Vaccines are useless"]),  # a verdict on each still is one
])
def test_capacities_rankings_and_perfects_of_things_are_not_bare_generics(
        text: str, expected: list[str]) -> None:
    assert cues(text, "CC102") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("It is not true that all politicians lie.", []),  # the writer denies the sweep
    ("It is a myth that everyone hates taxes.", []),
    ("It is true that all politicians lie.", ["all"]),
])
def test_a_sweep_the_writer_denies_is_not_claimed(text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


def test_a_generic_the_writer_denies_is_not_claimed() -> None:
    assert cues("It is not true that politicians lie.") == []
    assert cues("It is not the case that vaccines are useless.") == []
    assert cues("Politicians lie.") == ["Politicians lie"]
