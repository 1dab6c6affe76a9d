"""Notes inserted so any natural phrasing reads right: with or without an article, a
fragment or a full sentence, about the interviewer or the program."""

from __future__ import annotations

import pytest

from agent.drafts.phrasing import noun_phrase, read, second_person, sentences

LEARNED = "I enjoyed learning that "


@pytest.mark.parametrize(
    ("note", "phrase"),
    [
        ("the resident-run clinic", "the resident-run clinic"),
        ("resident-run clinic", "the resident-run clinic"),
        ("The resident-run clinic", "the resident-run clinic"),
        ("Resident-run clinic.", "the resident-run clinic"),
        ("about the night float", "the night float"),
        ("our conversation about the night float", "the night float"),
        ("global health", "global health"),
        ("POCUS", "POCUS"),
        ("QI projects led by residents", "the QI projects led by residents"),
        ("teaching residents bedside ultrasound", "teaching residents bedside ultrasound"),
        ("Dr. Chen's sepsis registry", "Dr. Chen's sepsis registry"),
        ("how residents choose electives", "how residents choose electives"),
        (
            "resident-run free clinic; X+Y scheduling",
            "the resident-run free clinic and X+Y scheduling",
        ),
        ("a new ICU; the wellness retreat; POCUS", "a new ICU, the wellness retreat, and POCUS"),
    ],
)
def test_a_fragment_becomes_a_noun_phrase_with_one_article(note: str, phrase: str) -> None:
    assert noun_phrase(read(note)) == phrase


@pytest.mark.parametrize(
    ("note", "phrase"),
    [
        ("her QI project on sepsis bundles", "your QI project on sepsis bundles"),
        ("His lab", "your lab"),
        ("their approach to feedback", "your approach to feedback"),
        ("the clinic she founded", "the clinic you founded"),
    ],
)
def test_notes_about_the_interviewer_speak_to_them(note: str, phrase: str) -> None:
    assert noun_phrase(read(note, about_person=True)) == phrase


@pytest.mark.parametrize(
    ("note", "text"),
    [
        ("We talked about her QI project.", "We talked about your QI project."),
        ("we talked about her QI project", "We talked about your QI project."),
        ("She leads the global health track.", LEARNED + "you lead the global health track."),
        ("She always says residents come first.", LEARNED + "you always say residents come first."),
        ("she is building a new ICU", LEARNED + "you are building a new ICU."),
        ("She described the new ICU.", "You described the new ICU."),
        ("discussed his path into cardiology", "We discussed your path into cardiology."),
        ("asked her about resident wellness", "I asked you about resident wellness."),
        ("told me about her lab", "You told me about your lab."),
        (
            "her lab; She studies sepsis.",
            "We talked about your lab. " + LEARNED + "you study sepsis.",
        ),
    ],
)
def test_a_sentence_stays_a_sentence_in_the_letters_voice(note: str, text: str) -> None:
    notes = read(note, about_person=True)
    assert noun_phrase(notes) == ""  # a sentence never goes after "about"
    assert sentences(notes) == text


def test_empty_notes_give_nothing_to_insert() -> None:
    for note in ("", " ; ", ".", "\n\n", None):
        assert read(note) == [] and noun_phrase(read(note)) == "" and sentences(read(note)) == ""


def test_her_as_object_and_as_possessive() -> None:
    assert second_person("I asked her about her research") == "I asked you about your research"
    assert second_person("I thanked her.") == "I thanked you."


def test_stray_spaces_before_punctuation_are_dropped() -> None:
    assert noun_phrase(read("the clinic , and the wards")) == "the clinic, and the wards"
