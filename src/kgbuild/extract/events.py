"""Meetings and agreements: which sentences tell of one, who took part, when and about what.

A sentence with a *strong* trigger ("met", "held talks with", "a meeting between", "visited")
tells of a meeting; one with a *weak* trigger ("the meeting", "the sides discussed") goes on
telling of a meeting already told. A strong sentence whose actors are already taking part in a
meeting told before is a retelling of that meeting, not a new one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .dates import MONTH_NAME, best_event_date
from .entities import ArticleEntities, OrgCluster, PersonCluster
from .gazetteer import lookup_country
from .patterns import alternatives, literal_starts, may_hold, phrases
from .vocabulary import (
    MEETING_STEMS,
    POST_MODIFIERS,
    SESSION_ORDINAL,
    ACTOR_OBJECT_VERBS, AGREEMENT_ACRONYMS, ANOTHER_OCCASION, BILATERAL_BODY_HEADS, CONTINUING_PHRASES, DOCUMENT_COUNTS, DOCUMENT_NOUNS,
    EVENT_OBJECT_NOUNS, HONORIFICS, LEADER_POSTS, MEETING_PHRASES, POST_WORDS, SIGNING_VERBS, TALKS_PHRASES,
)
from .text import Sentence

Actor = OrgCluster | PersonCluster

_STRONG = phrases(MEETING_PHRASES)
_NEEDS_ACTOR_OBJECT = re.compile("^" + alternatives(ACTOR_OBJECT_VERBS) + "$", re.IGNORECASE)
_EVENT_OBJECT = re.compile(r"^\s*(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?" + alternatives(EVENT_OBJECT_NOUNS) + r"\b",
                           re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|where)\b[^.;]*$", re.IGNORECASE)
_WEAK = phrases(CONTINUING_PHRASES)
# A sentence that tells of a meeting by itself even with a weak trigger, when two actors are named.
_TALKS = phrases(TALKS_PHRASES)
# "is in Indonesia for an official visit", "her recent visit to Kenya", "visiting Baku": a visit to a country.
_COUNTRY_VISIT = re.compile(
    r"\b(?:visit(?:ed|ing)?\s+(?:to\s+)?|(?:is|was|are|were|arrived)\s+in\s+"
    r"|(?:delegation|trip|mission|visit\s+of)\b[^.;,]{0,50}?\s+to\s+)(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?,\s+)?"
    r"(?:the\s+)?$", re.IGNORECASE)  # "a visit to the United States", "to the Republic of Serbia"
# "a trade mission of 25 companies to Dhaka, Bangladesh": the city may stand before the country; "the state
# visit of Zambian President X to Namibia"
# "the 35th meeting of the Board of ...", "a session of the council": one body's sitting, a meeting by itself.
_NUMBERED_SESSION = re.compile(r"\b" + SESSION_ORDINAL + r"\s+"
                               r"(?:\w+\s+)?(?:meeting|session|sitting)\s+of\b|\bsession\s+of\b", re.IGNORECASE)
# "a Mexico-Chile business summit held in May", "hosted a Saudi-French business forum": a meeting of the
# two countries (and of whoever hosted it).
_EVENT_NOUN = r"(?:summit|forum|conference|talks|meeting|consultations|round\s*table|webinar|seminar|dialogue)"
_COUNTRIES_EVENT = re.compile(
    r"\b(?P<pair>(?:[A-Z][\w.]+\s)?[A-Z][\w.]+[-–][A-Z][\w.]+)[\"”]?\s+(?:[\w-]+\s+){0,2}?" + _EVENT_NOUN
    + r"\s+(?:was\s+|were\s+)?(?:held|took\s+place|convened|organi[sz]ed)\b"
    r"|\b(?P<host>hosted|hosting|hosts|organi[sz]ed|organi[sz]ing|held|holding|convened)\s+(?:a|an|the)\s+(?:(?-i:[a-z])\w*\s+)?"
    r"(?P<pair2>(?:[A-Z][\w.]+\s)?[A-Z][\w.]+[-–][A-Z][\w.]+)"
    r"\s+(?:[\w-]+\s+){0,4}?" + _EVENT_NOUN + r"\b"
    # "During the China-Mongolia Business Forum yesterday, ...": an occasion told with its date, so past
    r"|\b(?:during|at)\s+the\s+(?P<pair3>(?:[A-Z][\w.]+\s)?[A-Z][\w.]+[-–][A-Z][\w.]+)\s+(?:[\w-]+\s+){0,3}?" + _EVENT_NOUN
    + r"\s+(?:yesterday|today|(?:on|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|on\s+"
    + MONTH_NAME + r"\s+\d)", re.IGNORECASE)
_ADDRESSING = re.compile(r"\W*(?:Addressing|Speaking\s+(?:at|to)|In\s+(?:a|an|her|his)\s+(?:speech|address)\s+(?:at|to))"
                         r"\s+the\s+[^,;]{0,120}?\b(?P<occasion>meeting|forum|conference|summit|seminar|session|dinner"
                         r"|luncheon|breakfast|reception|round\s*table|gathering)\b[^,;]{0,80},", re.IGNORECASE)
_TAKING_PART = re.compile(r"\b(?:attend(?:s|ing|ed)|took\s+part|taking\s+part|participat(?:es|ing|ed))\b", re.IGNORECASE)
_SPEECH_AT = re.compile(r"\b(?:said|stated|noted|stressed)\s+(?:\w+\s+)?in\s+(?:a|an|her|his)\s+(?:speech|address)\s+"
                        r"(?:at|to)\s+(?:a|an|the)\s+(?P<occasion>[^,;]{0,60}?\b(?:event|meeting|forum|conference|summit"
                        r"|seminar|session|reception|gathering)\b(?:\s+called\s+[\"“][^\"”]{1,60}[\"”])?)", re.IGNORECASE)
# "ProChile ... organized the summit": the organiser takes part in the event told before.
_ORGANISER = re.compile(r"\b(?:organi[sz]ed|co-organi[sz]ed|hosted|convened)\s+the\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:summit|forum|conference|meeting|event|gathering)\b", re.IGNORECASE)
# A forum, conference or fair told as held, with no meeting phrase: "A joint business forum took place in
# Berlin", "officials came together in Setif for the Economic Forum", "a business forum ... opened in Havana".
_OCCASION_NOUN = r"(?:forum|conference|expo|exhibition|fair|summit|seminar|symposium|round\s*table|congress)"
_OCCASION_HELD = re.compile(
    r"\b" + _OCCASION_NOUN + r"\b[^.;]{0,160}?\b(?:opened|kicked\s+off|took\s+place|(?:was|were)\s+held|got\s+under\s+way)\b"
    r"|\bcame\s+together\b[^.;]{0,80}?\bfor\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,5}?" + _OCCASION_NOUN + r"\b"
    r"|\b(?:at|during)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?" + _OCCASION_NOUN + r"\s+(?:held\s+)?in\s+[A-Z]"
    # "was a December 2016 advisory forum in Cartagena": dated, so past
    r"|\b(?:a|an|the)\s+(?:" + MONTH_NAME + r"\s+)?(?:19|20)\d\d\s+(?:[\w-]+\s+){0,3}?" + _OCCASION_NOUN + r"\b",
    re.IGNORECASE)
# Who organised it: "The forum was organized jointly by A and B", "its organizers were A, B and C".
_OCCASION_ORGANISED = re.compile(r"\b(?:organi[sz]ed|co-organi[sz]ed|hosted|convened|sponsored)\s+(?:jointly\s+)?by\s+"
                                 r"|\borgani[sz]ers\s+(?:were|are|included)\s+", re.IGNORECASE)
# Who hosted it: "Colombian President X hosted it", "the Chamber hosted the event"
_HOSTED_IT = re.compile(r"\b(?:hosted|organi[sz]ed|convened|opened|chaired)\s+(?:it|the\s+(?:event|forum|gathering))\b",
                        re.IGNORECASE)
# Who spoke at it: "In a speech at the forum, X said", "Welcoming the participants, X", "Speaking at the opening".
_AT_OCCASION = re.compile(r"\b(?:at|to|addressing|during)\s+the\s+(?:[\w-]+\s+){0,2}?(?:" + _OCCASION_NOUN
                          + r"|opening|event|gathering)\b|\b(?:welcoming|addressing|told)\s+the\s+(?:participants|guests"
                          r"|audience|delegates|attendees)\b|\bthe\s+(?:" + _OCCASION_NOUN + r")\s+(?:was|is)\s+taking\s+place\b",
                          re.IGNORECASE)
# Discourse cues that a meeting told now is not the one told before.
_ANOTHER_EVENT = phrases(ANOTHER_OCCASION)
# A meeting still to come: "agreed to hold the 9th meeting", "the upcoming session", "will meet".
_PLANNED_MEETING = re.compile(r"\b(?:to\s+(?:hold|convene|organi[sz]e|visit)|will\s+(?:hold|meet|convene|visit)|to\s+be\s+held"
                              r"|planned|plans?\s+to|scheduled"
                              r"|(?:should|will|would|shall|is\s+to|are\s+to)\s+(?:\w+\s+)?take\s+place"
                              r"|upcoming|forthcoming|next\s+(?:meeting|session)|in\s+the\s+coming\s+(?:months|weeks))\b",
                              re.IGNORECASE)
# A meeting named as the one told before: "During the meeting with ...", "The meeting took place ...".
_THE_MEETING_WITH = re.compile(r"the\s+meeting", re.IGNORECASE)
# "The meeting took place ...", "After the audience, the King hosted a luncheon for ...": the meeting told
_TOLD_MEETING_FIRST = re.compile(r"\W*(?:(?:after|following)\s+)?(?:the|this|that)\s+(?:meeting|talks|audience)\b",
                                 re.IGNORECASE)
_WELCOMED_THE_TOLD = re.compile(r"(?:welcomed|received|hosted|greeted)\s+the\s+(?:[\w-]+\s+)?(?:delegation|visitors|guests)\b",
                                re.IGNORECASE)
# "The visitors were received by the council's executive director, X": the visit told
_THE_VISITORS_RECEIVED = re.compile(r"\W*the\s+(?:[\w-]+\s+)?(?:delegation|visitors|guests)\s+(?:was|were)\s+"
                                    r"(?:received|welcomed|hosted|greeted)\s+by\b", re.IGNORECASE)
_ATTENDED_THE_TOLD = re.compile(r"attended\s+the\s+(?:meeting|talks|session|event)\b", re.IGNORECASE)
# "X led the meetings for Chile and Y for Vietnam": the heads of the sides of the meeting told
_LED_THE_TOLD = re.compile(r"\b(?:led|headed|co-?chaired|chaired)\s+the\s+(?:meetings?|talks|session|negotiations"
                           r"|consultations|discussions|(?:[\w-]+\s+)?side)\b", re.IGNORECASE)
_REPRESENTED = re.compile(r"\b(?:was|were)\s+represented\s+(?:at\s+\w+\s+)?by\b", re.IGNORECASE)
_FLASHBACK = re.compile(r"\bhad\s+(?:\w+\s+)?(?:said|met|told|noted|stated|held|visited|discussed)\b", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(?:on\s+)?the\s+same\s+day\b", re.IGNORECASE)
_REPORTED_CLAUSE = re.compile(r"^.*\b(?:said|says|told|stated|reported|announced|noted)\b[^.;]*?\bthat\b", re.IGNORECASE)
# "her recent visit to Kenya", "his previous trip": a journey of its own, told in passing
_PAST_VISIT = re.compile(r"\b(?:recent|previous|earlier|last|past|former)\s+(?:[\w-]+\s+)?(?:visit|trip|mission)\b",
                         re.IGNORECASE)
_VISIT = re.compile(r"\b(?:visit|delegation|trip|mission)", re.IGNORECASE)
# A session of a bilateral body: a one-participant meeting when no one else is named for it.
_SESSION = re.compile(r"\b(?:met|meeting|session|sitting|held)\b", re.IGNORECASE)
_PLURAL_VENUES = re.compile(r"\bheld\s+(?:\w+\s+)?meetings\b|\bmeetings\s+(?:\w+\s+){0,2}?(?:with|at)\b", re.IGNORECASE)
_THEY_MET = re.compile(r"\b(?:when|after|as|before|while|where)\s+(?:they|the\s+two)\s+(?:\w+\s+)?$", re.IGNORECASE)
_OBJECT_PRONOUN = re.compile(r"\b(?:on|with|met|received|hosted|visited|welcomed|called\s+on)\s+(him|her)\b(?!\s+\w+\s)",
                             re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|his|him|she|her)\b", re.IGNORECASE)
# "the delegation", "its delegation": the delegation of the article's principal organisation.
_DELEGATION = re.compile(r"\b(?:the|its|their|our|agency's|chamber's)\s+(?:\w+\s+)?(?:delegation|mission)\b",
                         re.IGNORECASE)
# "met ... in Tbilisi", "meeting in Baku", "was held in Uzbekistan": a place close after the trigger.
_PLACE = re.compile(r"\b(?:met|meet|meeting|meetings|talks|held|visit|visited|session|signed|signing|took\s+place)\b"
                    r"(?:(?!\b(?:that|which|who|where)\b)[^.;]){0,30}?\bin\s+((?:[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)(?:\s+[A-Z][a-zà-ÿ]+)?)\b")
_TOPIC = re.compile(
    r"\b(?:discussed|exchanged\s+views\s+on|talked\s+about|talk\s+about|focus(?:ed)?\s+on|cent(?:red|ered)\s+on"
    r"|covered|looked\s+at|considered|went\s+over|on\s+ways\s+to|to\s+explore|to\s+discuss|about)\s+(.+)$",
    re.IGNORECASE)
_AGENDA = re.compile(r"^(?:[A-Z]\w+,\s+)?(.+?)\s+(?:was|were)\s+(?:also\s+)?(?:on\s+the\s+(?:agenda|table))", re.IGNORECASE)

_AGREEMENT_NOUN = alternatives(DOCUMENT_NOUNS)
_ANY_DOCUMENT = re.compile(r"\b" + _AGREEMENT_NOUN, re.IGNORECASE)
_DOCUMENT_STARTS = literal_starts(DOCUMENT_NOUNS)
_COUNT = alternatives(DOCUMENT_COUNTS)
_SIGN_VERB = alternatives(SIGNING_VERBS)
# (words before the document noun: "worth $65 million", "(B2B)"; never past a clause's comma or a "with")
_DOCUMENT = (r"(?:(?P<count>" + _COUNT + r")\s+|(?P<det>an?|the)\s+)?"
             r"(?P<mods>(?:(?!with\b)[\w$.-](?:[\w$.,-]*[\w$.-])?\s+|\([\w-]{1,12}\)\s+){0,6}?)"
             r"(?P<noun>" + _AGREEMENT_NOUN + r")\b")
# "signed an MoU", "inked six memorandums", "signed commercial documents worth $65 million"
_SIGNED_DOCUMENT = re.compile(r"\b" + _SIGN_VERB + r"(?:,\s+[^,.;]{1,60},)?"  # "signed, on behalf of the two governments, an"
                              r"\s+(?!(?:\w+\s+)?(?:negotiations|talks|work|consultations|discussions)\b)"
                              + _DOCUMENT, re.IGNORECASE)  # not "concluded negotiations on the agreement"
# "an agreement ... was signed", "a memorandum ... has been reached by X and Y", "a roadmap they adopted"
_DOCUMENT_SIGNED = re.compile(
    r"\b" + _DOCUMENT.replace("(?P<det>an?|the)", "(?P<det>an?)").replace(r")\s+)?(?P<mods>", r")\s+)(?P<mods>")
    + r"(?:[^.;]{0,160}?\b(?:signed\s+by|bears?\s+the\s+signatures?\s+of)\b"
    r"|(?:\s+[\w,-]+){0,16}?\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
    + _SIGN_VERB + r"\b|(?:\s+\w+){0,3}?\s+(?:\w+\s+)?" + _SIGN_VERB + r"\b)", re.IGNORECASE)
# "nine MoUs between Malaysian and Indonesian companies", "A second MOU, between A and B, covers ...": documents
# told by the sides they are between.
_DOCUMENT_BETWEEN = re.compile(
    r"\b(?:(?P<count>" + _COUNT + r")|an?)\s+(?P<mods>(?:[\w-]+\s+){0,3}?)(?P<noun>" + _AGREEMENT_NOUN
    + r")(?:\s*\([^)]{1,12}\))?,?\s+(?:(?:signed|agreed|concluded|reached)\s+)?between\b", re.IGNORECASE)
# "the preferential trade agreement signed between the two countries in 2023": one in force, told in passing.
_THE_DOCUMENT_SIGNED = re.compile(
    r"\bthe\s+(?P<mods>(?:[\w-]+\s+){0,4}?)(?P<noun>" + _AGREEMENT_NOUN + r")\s*,?\s+(?:(?:that|which)\s+(?:was|were)\s+)?"
    r"signed\s+(?:(?:on|in|last|yesterday)\b[^,;]{0,30}?\s+)?(?:between|by)\b", re.IGNORECASE)  # ", signed on Monday by"
# "the cooperation agreement BCCI signed with ACCI last year": a document named before who signed it.
_DOCUMENT_ACTOR_SIGNED = re.compile(
    r"\bthe\s+(?P<mods>(?:[\w-]+\s+){0,3}?)(?P<noun>" + _AGREEMENT_NOUN + r")\s+(?:(?:that|which)\s+)?"
    r"(?P<subject>(?-i:[A-Z])[\w&.-]*(?:\s+(?:of\s+|and\s+|the\s+)?(?-i:[A-Z])[\w&.-]*){0,7})\s+(?:had\s+|has\s+)?"
    r"signed\s+with\b", re.IGNORECASE)
# "complemented by supplementary agreements on service trade, which were signed and put into effect": documents
# named without an article, told as signed in a clause of their own.
_BARE_DOCUMENTS = (r"(?P<mods>(?:(?!(?:by|with|of|and|to|the|for|on|in)\s)(?-i:[a-z])[\w-]*\s+){1,3}?)"
                   r"(?P<noun>agreements|memoranda|memorandums|protocols|contracts)\b")
_PASSIVE_SIGNED = r"(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:signed|inked|concluded)\b"
_PLURAL_DOCUMENTS_SIGNED = re.compile(r"\b" + _BARE_DOCUMENTS + r"[^.;,]{0,60},\s+(?:which|that)\s+"
                                      + _PASSIVE_SIGNED, re.IGNORECASE)
# "Memoranda of understanding were also signed between Kenyan and Ugandan companies": the sentence's subject
_PLURAL_DOCUMENTS_FIRST = re.compile(r"^\W*(?P<mods>(?:(?!(?:the|these|those|both|all|such|its|their)\s)(?-i:[A-Z])[\w-]*\s+)?)"
                                     r"(?P<noun>memoranda(?:\s+of\s+understanding)?"
                                     r"|memorandums(?:\s+of\s+understanding)?|MoUs|agreements|contracts|protocols)\b"
                                     r"(?:\s+\([^)]{1,12}\))?\s+(?:were|have\s+been|had\s+been)\s+(?:also\s+)?"
                                     r"(?:signed|inked|concluded)\b", re.IGNORECASE)
# "one contract and six MoUs": a further kind of document signed at once; "an MoU on the localization of
# enterprises, along with a deal that gives Serbia an export loan": after the first one's subject.
_AND_DOCUMENT = re.compile(
    r"^\s*(?:\([^)]{1,12}\)\s*)?(?:,\s*|\s+and\s+|\s+as\s+well\s+as\s+|,\s+and\s+"
    r"|(?:\s+(?:on|for|of)\s+[^,;]{1,80}?)?,\s+(?:along|together)\s+with\s+)(?:an?\s+|(?P<count>" + _COUNT
    + r")\s+)?(?P<mods>(?:[\w-]+\s+){0,3}?)(?P<noun>" + _AGREEMENT_NOUN + r")\b", re.IGNORECASE)
# "the Mexico-Chile Free Trade Agreement": an agreement in force, named by its two countries.
_NAMED_AGREEMENT = re.compile(r"\b(?P<pair>[A-Z][\w.]+[-–][A-Z][\w.]+)\s+(?P<name>(?:(?:[A-Z][\w-]+|free|trade|economic"
                              r"|investment|partnership|preferential|comprehensive)\s+){0,4}"
                              r"(?:[Aa]greement|[Tt]reaty|[Aa]ccord|[Pp]artnership|[Cc]onvention|"
                              + "|".join(AGREEMENT_ACRONYMS) + r"))\b")
_PLANNED = re.compile(r"\b(?:to|will|would|shall|plan\w*|intend\w*|expect\w*)\s+(?:\w+\s+)?(?:sign|ink|conclude|adopt)\b"
                      r"|\b(?:to|will|would|shall)\s+(?:\w+\s+){0,2}?the\s+signing\b"  # "will attend the signing of"
                      r"|\b(?:to|will|would|shall|should|could|may)\s+be\s+(?:\w+\s+)?(?:signed|inked|concluded|adopted)\b"
                      r"|\b(?:draft|proposed|planned|future|upcoming)\s+(?:\w+\s+)?" + _AGREEMENT_NOUN,
                      re.IGNORECASE)
_TWO_BODIES = re.compile(r"\b(?:the\s+two|both)\s+(?:delegations|chambers|organi[sz]ations|agencies|institutions)\b",
                         re.IGNORECASE)
_PLURAL_ANAPHOR = re.compile(r"\b(?:the\s+(?:two\s+)?(?:ministers|sides|parties|leaders|officials|delegations|chairmen"
                             r"|heads|co-chairs)|both\s+(?:sides|ministers|leaders|parties))\b", re.IGNORECASE)
_DATE_IN_TOPIC = re.compile(r"\s+(?:on|in)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                            r"|" + MONTH_NAME + r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{4})\b.*$")
_AGREEMENT_ANAPHOR = re.compile(
    r"\b(?:the|this|that)\s+(?:" + _AGREEMENT_NOUN + r"|signing|document)\b", re.IGNORECASE)
_HELD_THE_SIGNING = re.compile(r"\b(?:held|hosted|organi[sz]ed)\s+the\s+signing(?:\s+ceremony)?\b", re.IGNORECASE)
# "It was signed by A and by B", right after the document was told: that document's signers.
_PRONOUN_SIGNED = re.compile(r"\s*(?:It|They)\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?"
                             r"(?:signed|inked)\b")
# "signed by", "signed virtually by", "signed at the Commerce House in Lagos by"
_SIGNATORIES_WERE = re.compile(r"\bsignatories\b[^.;]{0,40}?\b(?:were|are|included)\b", re.IGNORECASE)
_SIGNED_BY = re.compile(r"\b(?:signed|initiall?ed|inked)\b[^.;]{0,60}?\bby\b|\bbears?\s+the\s+signatures?\s+of\b",
                        re.IGNORECASE)
_AGREEMENT_SCOPE = re.compile(r"\b(?:on|aimed\s+at|to)\s+((?:cooperation|boosting|the\s+development|\w+ing)\b[^.;]*)",
                              re.IGNORECASE)
_GENERIC_MODS = {"a", "an", "the", "joint", "new", "bilateral", "several", "important", "number", "of", "series"}


@dataclass
class MeetingEvent:
    participants: list[Actor | str]
    sentences: list[int]
    date: str | None = None
    place: str | None = None
    topics: list[str] = field(default_factory=list)
    visit_to: str | None = None  # a visit of one actor to a country, told as such
    separate: bool = False  # told as another occasion ("Earlier, ..."): a visit told before does not date it
    occasion: bool = False  # a forum, conference or fair told as held: its organisers and speakers take part


@dataclass
class AgreementEvent:
    kind: str
    parties: list[Actor | str]  # organisations and persons, or country codes
    signatories: list[PersonCluster]
    sentences: list[int]
    date: str | None = None
    place: str | None = None
    topics: list[str] = field(default_factory=list)
    venues: list[OrgCluster] = field(default_factory=list)
    in_force: bool = False  # named in passing as in force ("the Mexico-Chile Free Trade Agreement"): not signed now
    at_told_meeting: bool = False  # "It was at that meeting that A and B signed ...": at the meeting told before


def principal_person(entities: ArticleEntities) -> PersonCluster | None:
    people = [(-order, p) for order, p in enumerate(entities.persons) if p.mentions]
    return max(people, key=lambda item: (len(item[1].mentions), item[0]))[1] if people else None


def principal_org(entities: ArticleEntities) -> OrgCluster | None:
    orgs = [(-order, o) for order, o in enumerate(entities.orgs) if o.mentions]
    return max(orgs, key=lambda item: (len(item[1].mentions), item[0]))[1] if orgs else None


def _pronoun_person(sentence: Sentence, entities: ArticleEntities) -> PersonCluster | None:
    """Whom 'he' or 'she' stands for: the first person of the latest sentence that names one who is
    not named in this sentence, else the article's principal person."""
    here = {id(m.person) for m in entities.person_mentions.get(sentence.index, [])}
    for index in range(sentence.index - 1, -1, -1):
        named = [m.person for m in entities.person_mentions.get(index, []) if id(m.person) not in here]
        if named:
            return named[0]
    return principal_person(entities)


_LED_BY = re.compile(r"\bdelegation\b[^.;]{0,80}?\b(?:led|headed)\s+by\b", re.IGNORECASE)


def _delegation_leader(sentence: Sentence, entities: ArticleEntities) -> PersonCluster | None:
    """The person told before as leading a delegation: "a delegation ... led by Ambassador X"."""
    for index in range(sentence.index - 1, max(sentence.index - 6, -1), -1):
        mentions = entities.person_mentions.get(index, [])
        if not mentions:
            continue
        told = entities.sentences[index]
        if match := _LED_BY.search(told.text):
            after = [m.person for m in mentions if told.tokens[m.first].start - told.start >= match.end()]
            if after:
                return after[0]
    return None


def _delegation_countries(sentence: Sentence, entities: ArticleEntities) -> list[str]:
    """Countries whose delegation the sentence names: "the visiting Bhutanese delegation", "a delegation
    from Switzerland"."""
    codes: list[str] = []
    text = sentence.text
    for mention in entities.country_mentions.get(sentence.index, []):
        end = sentence.tokens[mention.last - 1].end - sentence.start
        # "with his Kyrgyz counterpart": a counterpart not named stands for the country
        if not mention.in_compound and re.match(r"\s+(?:counterpart|counterparts)\b(?!\s*,?\s+[A-Z])", text[end:end + 40]):
            codes.append(mention.country.code)
    if re.search(r"\b(?:led|headed)\b", text, re.IGNORECASE):
        return codes  # "a delegation led by X", "X headed an Emirati delegation": its leader stands for it
    for mention in entities.country_mentions.get(sentence.index, []):
        if mention.in_compound:
            continue
        start = sentence.tokens[mention.first].start - sentence.start
        end = sentence.tokens[mention.last - 1].end - sentence.start
        # Only the words next to the country are read (a window, not the whole sentence for each one)
        if re.match(r"\s+(?:[\w-]+\s+){0,2}delegation", text[end:end + 80], re.IGNORECASE) or re.search(
                r"\bdelegation\s+(?:[\w-]+\s+){0,2}(?:from|of)\s+$", text[max(0, start - 80):start], re.IGNORECASE):
            if mention.country.code not in codes:
                codes.append(mention.country.code)
    return codes


def sentence_actors(sentence: Sentence, entities: ArticleEntities, until: int | None = None,
                    since: int | None = None) -> list[Actor]:
    """Persons and organisations named in a sentence (optionally only before a character offset)."""
    found: list[tuple[int, Actor]] = []
    for mention in entities.person_mentions.get(sentence.index, []):
        found.append((sentence.tokens[mention.first].start, mention.person))
    for mention in entities.org_mentions.get(sentence.index, []):
        if mention.cluster is not None and not is_news_source(mention.cluster):
            found.append((sentence.tokens[mention.first].start, mention.cluster))
    text_start = sentence.start
    if (match := _PRONOUN.search(sentence.text)) and (person := _pronoun_person(sentence, entities)):
        if not any(isinstance(a, PersonCluster) and pos < text_start + match.start() for pos, a in found):
            found.append((text_start + match.start(), person))
    if (match := _OBJECT_PRONOUN.search(sentence.text)) and (person := _pronoun_person(sentence, entities)):
        # "X paid a courtesy call on him": an object pronoun is never the subject named before it
        if all(a is not person for _, a in found):
            found.append((text_start + match.start(1), person))
    if (match := _DELEGATION.search(sentence.text)) and not re.match(r"\s+to\b", sentence.text[match.end():]) \
            and not any(isinstance(a, OrgCluster) and text_start + match.end() < pos < text_start + match.end() + 8
                        for pos, a in found):
        # "the delegation": the delegation's leader told before ("a delegation led by X"), else the
        # delegation of the article's principal organisation
        leader = _delegation_leader(sentence, entities)
        if leader is not None and leader not in [a for _, a in found]:
            found.append((text_start + match.start(), leader))
        elif leader is None and not any(isinstance(a, PersonCluster) for _, a in found) \
                and (org := principal_org(entities)):
            found.append((text_start + match.start(), org))
    found.sort(key=lambda item: item[0])
    actors: list[Actor] = []
    seen: set[int] = set()  # by identity: comparing the clusters field by field made this quadratic
    for pos, actor in found:
        if until is not None and pos >= until or since is not None and pos < since:
            continue
        if id(actor) not in seen:
            seen.add(id(actor))
            actors.append(actor)
    return actors


_NEWS_SOURCE = re.compile(r"\b(?:News|Press|Telegraph|Information)\s+Agency\b|\bNews\s+Service\b", re.IGNORECASE)


def is_news_source(org: OrgCluster) -> bool:
    """A news agency ("Emirates News Agency", "Brazil-Arab News Agency") reports events; it takes no part."""
    return any(_NEWS_SOURCE.search(name) for name in org.names)


def _counterparts(meeting: MeetingEvent, principals: set[int]) -> set[int]:
    return {id(a) for a in meeting.participants} - principals


def _topics(text: str) -> list[str]:
    topics = []
    if match := _AGENDA.search(text):
        topics.append(_trim_topic(match.group(1)))
    elif match := _TOPIC.search(text):
        topics.append(_trim_topic(match.group(1)))
    return [t for t in topics if t]


def _trim_topic(text: str) -> str:
    text = re.sub(r"^(?:the\s+)?(?:possibilities|prospects|ways|issues)\s+(?:of|for)\s+", "", text.strip(), flags=re.I)
    text = _DATE_IN_TOPIC.sub("", text)
    text = re.sub(r"\s+(?:at|during)\s+(?:a|the|their)\s+(?:meeting|talks|visit)\b.*$", "", text)
    text = text.rstrip(" .;,")
    words = text.split()
    return " ".join(words[:40])


# A day told between a verb and its object: "received on March 14 the Ambassador", "met yesterday the delegation"
_DAY_NAMED = (r"(?:" + MONTH_NAME + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH_NAME
              + r"|\d{1,2}\.\d{1,2}\.\d{4})(?:,?\s+\d{4})?")
_DAY_BEFORE_OBJECT = re.compile(
    r"\s*(?:on\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:,?\s+" + _DAY_NAMED + r")?|"
    + _DAY_NAMED + r")|yesterday|today)\b(?!['’]),?", re.IGNORECASE)


def _opens_with_actor(sentence: Sentence, entities: ArticleEntities, at: int) -> bool:
    """Does the phrase from character offset `at` name an actor first ("received the Ambassador of
    Belarus", "hosted a delegation", "welcomed him", "received on March 14 the Ambassador")?"""
    if day := _DAY_BEFORE_OBJECT.match(sentence.text, at - sentence.start):
        at = sentence.start + day.end()
    starts = {sentence.tokens[m.first].start for m in entities.person_mentions.get(sentence.index, [])}
    starts |= {sentence.tokens[m.first].start for m in entities.org_mentions.get(sentence.index, []) if m.cluster}
    countries = {sentence.tokens[m.first].start for m in entities.country_mentions.get(sentence.index, [])}
    skipped = 0
    for token in sentence.tokens:
        if token.start < at:
            continue
        if token.start in starts or token.lower in POST_WORDS or token.lower in (
                "delegation", "delegations", "him", "her", "them", "counterpart", "counterparts"):
            return True
        if token.text == "." or token.lower.rstrip(".") in HONORIFICS or token.text.rstrip(".").upper() in ("S.E", "H.E") \
                or token.lower in POST_MODIFIERS:
            continue  # "received S.E. Dr. Girma Amente", "received Paraguayan Foreign Minister ..."
        if token.lower in ("the", "a", "an", "his", "her", "their", "its") or token.start in countries or (
                token.text.islower() and skipped < 2):
            skipped += token.text.islower() and token.lower not in ("the", "a", "an", "his", "her", "their", "its")
            continue
        return False
    return False


def _strong_trigger(sentence: Sentence, entities: ArticleEntities) -> re.Match | None:
    if not may_hold(sentence.text.lower(), MEETING_STEMS):
        return None
    for match in _STRONG.finditer(sentence.text):
        if not _NEEDS_ACTOR_OBJECT.match(match.group(0)):
            return match
        if re.search(r"\b(?:was|were|been|being)\s+$", sentence.text[:match.start()]):
            continue  # "The meeting was attended by ...": told of a meeting already told
        after = sentence.text[match.end():]
        if _EVENT_OBJECT.match(after) or _opens_with_actor(sentence, entities, sentence.start + match.end()):
            return match
        if match.group(0).lower() == "attended" and _RELATIVE_BEFORE.search(sentence.text[:match.start()]):
            return match  # "the forum, which the prime ministers attended"
    return None


def _visited_country(sentence: Sentence, entities: ArticleEntities) -> str | None:
    """The country a visit told in the sentence is to: "a visit to Kenya", "is in Indonesia for an official visit"."""
    if not _VISIT.search(sentence.text) or _PLANNED_MEETING.search(sentence.text):
        return None  # "a planned business trip to Belarus" has not taken place
    mentions = entities.country_mentions.get(sentence.index, [])
    for number, mention in enumerate(mentions):
        if mention.in_compound:
            continue
        start = sentence.tokens[mention.first].start - sentence.start
        end = sentence.tokens[mention.last - 1].end - sentence.start
        following = mentions[number + 1] if number + 1 < len(mentions) else None
        if following is not None and re.fullmatch(r"\s*,?\s*(?:and|&)\s+(?:the\s+)?",
                                                  sentence.text[end:sentence.tokens[following.first].start - sentence.start]):
            return None  # "a mission to South Korea and Japan": a tour of several countries, not a visit to one
        if _COUNTRY_VISIT.search(sentence.text[:start]) or re.match(
                r"\s+(?:for|on)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}visit", sentence.text[end:], re.IGNORECASE):
            return mention.country.code
    return None


def _is_body(actor: Actor | str) -> bool:
    """A commission, committee or council that meets in sessions: "the Joint Permanent Commission",
    "the Uzbek-British Trade and Industry Council"."""
    return isinstance(actor, OrgCluster) and (actor.kind == "Commission" or actor.head in BILATERAL_BODY_HEADS
                                              and len(actor.countries_in_name) >= 2)


def _actor_country(actor: Actor | str) -> str | None:
    if isinstance(actor, str):
        return actor
    if isinstance(actor, PersonCluster):
        return actor.country or (actor.organization.country if actor.organization is not None else None)
    return actor.country


def _organiser_named(sentence: Sentence, entities: ArticleEntities, actor: Actor | str) -> bool:
    """Is the actor named as who organised the occasion ("met in Accra at a forum organised by the Authority")?"""
    organised = _OCCASION_ORGANISED.search(sentence.text)
    return organised is not None and isinstance(actor, OrgCluster) and any(
        m.cluster is actor and sentence.tokens[m.first].start - sentence.start >= organised.end()
        for m in entities.org_mentions.get(sentence.index, []))


def _joint_body(actor: Actor | str) -> bool:
    """A commission, committee or council, named by the countries or not ("their Joint Trade Council")."""
    return isinstance(actor, OrgCluster) and (actor.kind == "Commission" or actor.head in BILATERAL_BODY_HEADS)


def _sitting(actors: list[Actor], sentence: Sentence) -> bool:
    """Does the sentence tell of one body sitting, with no one else named for it?"""
    return len(actors) == 1 and isinstance(actors[0], OrgCluster) and (
        _is_body(actors[0]) or bool(_NUMBERED_SESSION.search(sentence.text)))


_DURING_SITTING = re.compile(r"\b(?:during|at|on\s+the\s+sidelines\s+of)\s+the\s+" + SESSION_ORDINAL + r"\s+"
                             r"(?:(?:session|meeting|sitting)\s+of\s+the\s+)?$", re.IGNORECASE)


def _held_body(sentence: Sentence, entities: ArticleEntities) -> OrgCluster | None:
    """A commission or council told as held or convened: "the Joint Permanent Commission held in Kigali"."""
    for mention in entities.org_mentions.get(sentence.index, []):
        if mention.cluster is not None and _is_body(mention.cluster):
            end = sentence.tokens[min(mention.last + (3 if mention.acronym else 0), len(sentence.tokens)) - 1].end
            if re.match(r"\s*(?:,\s*)?(?:meeting\s+|session\s+)?(?:which\s+was\s+|that\s+was\s+)?"
                        r"(?:held|convened|took\s+place)\b",
                        sentence.text[end - sentence.start:]):
                return mention.cluster
            start = sentence.tokens[mention.first].start - sentence.start
            if _DURING_SITTING.search(sentence.text, max(0, start - 60), start):
                return mention.cluster  # "signed 26 agreements during the 22nd Grand Joint Commission"
    return None


def _named_persons(sentence: Sentence, entities: ArticleEntities) -> list[Actor]:
    found: list[Actor] = []
    for mention in entities.person_mentions.get(sentence.index, []):
        if mention.person not in found:
            found.append(mention.person)
    return found


def _told_occasion(sentence: Sentence, entities: ArticleEntities, meetings: list[MeetingEvent],
                   current: MeetingEvent | None, triggered: bool, strong: bool,
                   published: date | None = None) -> MeetingEvent | None:
    """A meeting told as an occasion rather than by a meeting phrase: a summit or forum named by two
    countries, its organiser, a commission told as held. Returns the meeting the sentence tells of
    (added to meetings when new), or None."""
    compound = any(m.in_compound for m in entities.country_mentions.get(sentence.index, []))
    if compound and (event := _COUNTRIES_EVENT.search(sentence.text)) and (
            pair := _pair_in(event.group("pair") or event.group("pair2") or event.group("pair3"))):
        meeting = MeetingEvent(list(pair), [sentence.index], occasion=True)
        hosts = sentence_actors(sentence, entities, until=sentence.start + event.start()) if event.group("host") \
            else [a for a in sentence_actors(sentence, entities) if isinstance(a, OrgCluster)]
        _join(meeting, hosts)
        meetings.append(meeting)
        return meeting
    if not triggered and (held := _OCCASION_HELD.search(sentence.text)):
        # a forum of its own: the countries and the bodies and persons named with it, unless it is the one told
        # ("At the May 2023 summit, ...": the summit told before)
        told = next((m for m in _recent(meetings) if m.occasion), None)
        if told is not None and _OCCASION_ORGANISED.search(sentence.text) is None and re.search(
                r"\bthe\s+(?:[\w-]+\s+){0,3}?" + _OCCASION_NOUN, held.group(0), re.I):
            return told
        codes = list(dict.fromkeys(m.country.code for m in entities.country_mentions.get(sentence.index, [])))
        actors = [a for a in sentence_actors(sentence, entities) if not _venue_only(sentence, entities, a)]
        meeting = MeetingEvent(codes[:2] + actors, [sentence.index], occasion=True)
        meetings.append(meeting)
        return meeting
    if current is not None and current.occasion and (hosted := _HOSTED_IT.search(sentence.text)):
        # "Colombian President X hosted it, and its organizers were A, B and C"
        _join(current, sentence_actors(sentence, entities, until=sentence.start + hosted.start())[:1])
        if organised := _OCCASION_ORGANISED.search(sentence.text, hosted.end()):
            _join(current, sentence_actors(sentence, entities, since=sentence.start + organised.end()))
        return current
    if current is not None and current.occasion and not strong and (
            organised := _OCCASION_ORGANISED.search(sentence.text)):
        # "The forum was organized jointly by the Embassy and the provincial government"
        _join(current, sentence_actors(sentence, entities, since=sentence.start + organised.end()))
        if _TAKING_PART.search(sentence.text, 0, organised.start()):
            # "the event, which Vice President X is attending, is being hosted by Baku"
            _join(current, [a for a in sentence_actors(sentence, entities, until=sentence.start + organised.start())
                            if isinstance(a, PersonCluster) and not _cited(sentence, entities, a)])
        return current
    if current is not None and current.occasion and not strong and _AT_OCCASION.search(sentence.text):
        # its speakers: "In a speech at the forum, Ambassador X said ...", "Welcoming the participants, Y ..."
        speakers = [a for a in sentence_actors(sentence, entities)
                    if isinstance(a, PersonCluster) and not _cited(sentence, entities, a)]
        if speakers:
            _join(current, speakers)
            return current
    if (address := _ADDRESSING.match(sentence.text)) and not (current is not None and current.occasion):
        # "Addressing the Jamaica Trade Mission breakfast meeting at the Hyatt, she said ...": the speaker took
        # part in an occasion of the countries it is named after
        speakers = [a for a in sentence_actors(sentence, entities, since=sentence.start + address.end())
                    if isinstance(a, PersonCluster) and not _cited(sentence, entities, a)][:1]
        named = list(dict.fromkeys(m.country.code for m in entities.country_mentions.get(sentence.index, [])
                                   if sentence.tokens[m.first].start - sentence.start < address.end("occasion")))
        # (named by them, not by where it was held: "... meeting at the Hyatt in Port of Spain")
        if speakers and named:
            meeting = MeetingEvent(speakers + named, [sentence.index], occasion=True)
            if best_event_date(sentence.text, None) is None and sentence.index > 0:
                meeting.date = _said_on(entities.sentences[sentence.index - 1], speakers[0], entities, published)
            meetings.append(meeting)
            return meeting
    if (speech := _SPEECH_AT.search(sentence.text)) and not (current is not None and current.occasion):
        # "..., Ambassador X said in a speech at an event called 'Business World Meeting'": the speaker took part
        speakers = [a for a in sentence_actors(sentence, entities, until=sentence.start + speech.start())
                    if isinstance(a, PersonCluster) and not _cited(sentence, entities, a)][-1:]
        named = list(dict.fromkeys(m.country.code for m in entities.country_mentions.get(sentence.index, [])
                                   if speech.start("occasion") <= sentence.tokens[m.first].start - sentence.start
                                   < speech.end()))
        if speakers:
            meeting = MeetingEvent(speakers + named, [sentence.index], occasion=True)
            meetings.append(meeting)
            return meeting
    if current is not None and (organiser := _ORGANISER.search(sentence.text)):
        # the subject is the first actor named: "ProChile, which belongs to ..., organized the summit"
        _join(current, sentence_actors(sentence, entities, until=sentence.start + organiser.start())[:1])
        return current
    held = _held_body(sentence, entities) if not triggered else None
    if held is not None and not any(held in m.participants for m in meetings[-MEETING_REACH:]):
        # "... at the end of the Joint Permanent Commission held in Kigali": a sitting of the body
        meeting = MeetingEvent([held] + _named_persons(sentence, entities), [sentence.index])
        meetings.append(meeting)
        return meeting
    return None


def _said_on(sentence: Sentence, speaker: PersonCluster, entities: ArticleEntities, published: date | None
             ) -> str | None:
    """The day the speaker said something, told in the sentence ("X said yesterday that ..."): the day of
    the occasion the next sentence places the speech at."""
    if not any(m.person is speaker for m in entities.person_mentions.get(sentence.index, [])):
        return None
    if said := re.search(r"\b(?:said|told|stated|noted)\s+((?:yesterday|today|on\s+\w+day)\b)", sentence.text):
        return best_event_date(said.group(1), published)
    return None


# How many meetings told last a sentence is matched against: a news item tells of a handful, and a text
# of thousands (one article made of many) would otherwise try every pair.
MEETING_REACH = 40


def _told_as_flashback(meeting: MeetingEvent, sentences: list[Sentence]) -> bool:
    """Is the meeting told in the past perfect ("At a forum in July, X had said ...")? What follows goes back
    to the meeting told before it."""
    return bool(meeting.sentences) and meeting.sentences[0] < len(sentences) and bool(
        _FLASHBACK.search(sentences[meeting.sentences[0]].text))


def _recent(meetings: list[MeetingEvent]):
    """The meetings told last, the latest first."""
    return itertools.islice(reversed(meetings), MEETING_REACH)


def find_meetings(sentences: list[Sentence], entities: ArticleEntities, published: date | None) -> list[MeetingEvent]:
    meetings: list[MeetingEvent] = []
    principals: set[int] = set()
    if person := principal_person(entities):
        principals.add(id(person))
        if person.organization:
            principals.add(id(person.organization))
    if org := principal_org(entities):
        principals.add(id(org))
    current: MeetingEvent | None = None
    for sentence in sentences:
        strong = _strong_trigger(sentence, entities)
        weak = _WEAK.search(sentence.text)
        visited = _visited_country(sentence, entities)
        if occasion := _told_occasion(sentence, entities, meetings, current, bool(strong or weak), bool(strong),
                                   published):
            current = occasion
            _describe(current, sentence, published)
            continue
        if not strong and not weak and not visited:
            continue
        actors = sentence_actors(sentence, entities)
        actors += [c for c in _delegation_countries(sentence, entities) if not any(
            isinstance(a, OrgCluster) and a.country == c for a in actors)]  # "the visiting Bhutanese delegation"
        if strong and _TWO_BODIES.search(sentence.text):
            # "hosted the two delegations": the two organisations named last
            actors += [a for a in _latest_organizations(entities, sentence.index, 2) if a not in actors]
        if strong and len(actors) >= 2:
            # "at the Chinese Embassy", "received the delegation ... at the TOBB Reception Hall": a place
            actors = [a for a in actors if not _venue_only(sentence, entities, a)]
        if strong and current is not None and _PLURAL_ANAPHOR.search(sentence.text):
            actors += [a for a in current.participants if isinstance(a, PersonCluster) and a not in actors]
        ids = {id(a) for a in actors} | {id(a.organization) for a in actors
                                          if isinstance(a, PersonCluster) and a.organization is not None}
        if visited and (reported := _REPORTED_CLAUSE.search(sentence.text)):
            # "FIEO told TASS that a delegation had arrived in Russia": the teller is not the visitor
            actors = sentence_actors(sentence, entities, since=sentence.start + reported.end())
        if visited and not strong:
            actors = [a for a in actors if not _cited(sentence, entities, a)]  # the teller is not the visitor
        if visited and len(actors) == 1 and not strong:
            # "her recent visit to Kenya": a meeting of the visitor with the country visited
            told_on = best_event_date(sentence.text, published)
            target = next((m for m in meetings[-MEETING_REACH:] if visited in m.participants
                           and actors[0] in m.participants and (told_on is None or m.date in (None, told_on))),
                          None)  # (a visit told with a date of its own is another: "her mission there last November")
            if target is None:
                target = MeetingEvent([actors[0], visited], [], visit_to=visited,
                                      separate=bool(_PAST_VISIT.search(sentence.text)))
                meetings.append(target)
        elif strong:
            trigger_at = sentence.start + strong.start()
            if _THEY_MET.search(sentence.text, 0, strong.start()):
                # "X and Y voiced support for the council when they met": the subject met, not the rest
                before = sentence_actors(sentence, entities, until=trigger_at)
                actors = [a for a in before if isinstance(a, PersonCluster)] or before
            venues = _plural_venues(sentence, entities, actors)
            if venues:
                subject = [a for a in sentence_actors(sentence, entities, until=trigger_at) if a not in venues]
                if not subject and current is not None:  # "During the visit there were meetings with ..."
                    subject = [a for a in current.participants if isinstance(a, PersonCluster)][:1]
                for venue in venues:
                    current = MeetingEvent(subject + [venue], [sentence.index])
                    meetings.append(current)
                    _describe(current, sentence, published)
                continue
            target = next((m for m in _recent(meetings) if _counterparts(m, principals) & ids), None)
            if target is None and current is not None and ids and ids <= {id(a) for a in current.participants}:
                target = current
            if target is None and current is not None and ids & {id(a) for a in current.participants} \
                    and _THE_MEETING_WITH.match(sentence.text, max(0, strong.start() - 4)):
                target = current  # "During the meeting with the Chairman of the Chamber ...": the one told
            if current is not None and (_TOLD_MEETING_FIRST.match(sentence.text) or _ATTENDED_THE_TOLD.match(
                    sentence.text, strong.start()) or (_WELCOMED_THE_TOLD.match(sentence.text, strong.start())
                                                        or _THE_VISITORS_RECEIVED.match(sentence.text))
                    and any(_VISIT.search(sentences[i].text) for i in current.sentences if i < len(sentences))):
                target = current  # "The meeting took place within ...", "X and Y also attended the meeting",
                # "The agency's chief executive X welcomed the delegation": the one told
            if target is not None and visited and target.visit_to not in (None, visited):
                target = None  # a visit to another country than the one told: "In October, X visited Korea"
            separate = bool(_ANOTHER_EVENT.search(sentence.text))
            if target is not None and separate and len(actors) >= 2:
                target = None  # "Earlier, ... the two ministers held an online meeting": another one
            if target is None and _PLANNED_MEETING.search(sentence.text):
                continue  # "agreed to hold the 9th meeting of the commission in the coming months"
            if target is None and (len(actors) >= 2 or visited and actors or _sitting(actors, sentence)):
                lone_visit = visited if visited and len(actors) == 1 else None
                target = MeetingEvent([actors[0], visited] if lone_visit else [], [], visit_to=lone_visit,
                                      separate=separate)
                meetings.append(target)
                if visited and not lone_visit and not any(_actor_country(a) == visited for a in actors):
                    # "During X's visit to the Philippines, Kadin held business dialogues": there, with the hosts
                    target.participants.append(visited)
            elif target is None and all(_joint_body(a) or _organiser_named(sentence, entities, a) for a in actors) \
                    and len(countries := _subject_countries(sentence, entities, trigger_at)) >= 2 \
                    and (_NUMBERED_SESSION.search(sentence.text) or re.search(
                        r"\b(?:and|&)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}\s+(?:have\s+|had\s+)?"
                        r"(?:held|met|hold|concluded|completed|wrapped\s+up)\b",
                        sentence.text[:strong.end()])):
                # "Mongolia and Kazakhstan signed ... at the fifth meeting of their intergovernmental commission",
                # "The United States and New Zealand held talks in Washington": the countries met
                target = MeetingEvent(list(countries) + actors, [],  # "... of their Joint Trade Council"
                                      occasion=bool(_OCCASION_ORGANISED.search(sentence.text)))
                meetings.append(target)
            if target is None:
                continue
            _join(target, actors)
        else:
            if current is not None and _told_as_flashback(current, sentences):
                current = next((m for m in _recent(meetings) if not _told_as_flashback(m, sentences)), current)
            target = next((m for m in _recent(meetings) if _counterparts(m, principals) & ids), current)
            if target is not None and (represented := _REPRESENTED.search(sentence.text)):
                # "The Managing Director, X, was represented by Y": Y took part, X did not
                _join(target, [a for a in sentence_actors(sentence, entities, since=sentence.start + represented.end())
                               if isinstance(a, PersonCluster)])
                if sentence.index not in target.sentences:
                    target.sentences.append(sentence.index)
                continue
            bodies = [a for a in actors if _is_body(a)]
            session = bool(bodies) and _SESSION.search(sentence.text)
            people = [a for a in actors if isinstance(a, PersonCluster)]
            new_people = [p for p in people if not any(p in m.participants for m in meetings[-MEETING_REACH:])]
            if session and (target is None or bodies[0] not in target.participants) \
                    and not _PLANNED_MEETING.search(sentence.text):
                # another body's session: "the meeting the Joint Commission held in August" (not "the
                # council's first meeting should take place in May")
                target = MeetingEvent([bodies[0]] + _named_persons(sentence, entities), [])
                meetings.append(target)
            elif target is not None and len(people) >= 2 and new_people and _TALKS.search(sentence.text) \
                    and not _LED_THE_TOLD.search(sentence.text) \
                    and not all(p.organization in target.participants for p in new_people):
                # (the heads of the organisations that met, named now, "led the discussions" of the same meeting)
                # "X and the Saudi minister Y also looked at ...": talks of their own
                target = MeetingEvent(people, [])
                meetings.append(target)
            elif target is None:
                if not (len(actors) >= 2 and _TALKS.search(sentence.text)):
                    continue
                target = MeetingEvent([], [])
                meetings.append(target)
                _join(target, actors)
            else:
                _join(target, [a for a in actors if isinstance(a, PersonCluster) and not _cited(sentence, entities, a)])
        if sentence.index not in target.sentences:
            target.sentences.append(sentence.index)
        _describe(target, sentence, published)
        if target.date is None and _SAME_DAY.search(sentence.text):
            target.date = next((m.date for m in _recent(meetings) if m is not target and m.date), None)
        current = target
    for meeting in meetings:
        first = meeting.sentences[0] if meeting.sentences else 0
        if meeting.date is None and first > 0 and _AT_THE_OCCASION_TOLD.match(sentences[first].text):
            meeting.date = best_event_date(sentences[first - 1].text, published)
    kept = _without_framing_visits(meetings)
    for meeting in kept:
        if meeting.visit_to is not None and meeting.visit_to in meeting.participants:
            # the visit to Serbia met the President of Serbia the article names
            if (host := _country_leader(entities, meeting.visit_to)) and host is not meeting.participants[0]:
                at = meeting.participants.index(meeting.visit_to)
                if host in meeting.participants:
                    del meeting.participants[at]
                else:
                    meeting.participants[at] = host
    return kept


def _country_leader(entities: ArticleEntities, country: str) -> PersonCluster | None:
    """The one head of state or government of the country the article names ("The President of the
    Republic of Serbia, Aleksandar Vučić, ...")."""
    leaders = [p for p in entities.persons if p.country == country and p.organization is None and p.post
               and re.sub(r"\s+of\b.*", "", p.post.lower()) in LEADER_POSTS]
    return leaders[0] if len(leaders) == 1 else None


# "There the two chairmen met": at the occasion the sentence before told, and on its date
_AT_THE_OCCASION_TOLD = re.compile(r"\W*(?:there|at\s+(?:the|that|this)\s+(?:conference|forum|event|gathering|"
                                   r"ceremony|exhibition|fair|reception))\b(?!\s+(?:is|are|was|were|will)\b)",
                                   re.IGNORECASE)


def without_retold_meetings(meetings: list[MeetingEvent]) -> list[MeetingEvent]:
    """A meeting of some of the actors of the one told a sentence or two before, with no other date and
    not told as another occasion, is that one told again ("The commission met ...; once the session
    closed, A and B put their signatures to ..."). Run once signatories have joined their sessions."""
    kept: list[MeetingEvent] = []
    for meeting in meetings:
        same = next((m for m in kept[-MEETING_REACH:] if m.sentences and meeting.sentences
                     and 0 < meeting.sentences[0] - m.sentences[-1] <= 2 and not meeting.separate
                     and ({id(a) for a in meeting.participants} <= {id(a) for a in m.participants}
                          or _told_in_detail(m, meeting))
                     and None in (m.date, meeting.date) and m.visit_to == meeting.visit_to), None)
        if same is None:
            kept.append(meeting)
            continue
        _join(same, meeting.participants)
        same.sentences.extend(i for i in meeting.sentences if i not in same.sentences)
        same.date = same.date or meeting.date
        same.place = same.place or meeting.place
        same.topics.extend(t for t in meeting.topics if t not in same.topics)
    return kept


def _told_in_detail(lead: MeetingEvent, detail: MeetingEvent) -> bool:
    """Does the later meeting name, person by person, the bodies and countries the lead named ("A delegation
    from Norway was received by the Chamber ... the Chamber's Director General X welcomed the Ambassador of
    Norway Y")?"""
    people = [p for p in detail.participants if isinstance(p, PersonCluster)]
    if not people or any(isinstance(a, PersonCluster) for a in lead.participants):
        return False
    for actor in lead.participants:
        if any(actor is a for a in detail.participants):
            continue
        if isinstance(actor, str):
            if not any(_actor_country(p) == actor for p in detail.participants):
                return False
        elif not any(p.organization is actor for p in people):
            return False
    return True


def _without_framing_visits(meetings: list[MeetingEvent]) -> list[MeetingEvent]:
    """A visit to a country told before the visitor's meetings there only frames them: the meetings
    are kept, dated by the visit when they have no date of their own, and the visit is not; nor is a
    visit told after the visitor's meeting, as its setting."""
    kept = []
    for number, meeting in enumerate(meetings):
        if meeting.visit_to is not None:
            visitor = meeting.participants[0]
            near = meetings[max(0, number - MEETING_REACH):number + 1 + MEETING_REACH]
            later = [m for m in near if m is not meeting and m.sentences and meeting.sentences
                     and m.sentences[0] > meeting.sentences[0] and visitor in m.participants
                     and m.visit_to in (None, meeting.visit_to)]  # a visit elsewhere is another journey
            if later:
                for other in later:
                    if not other.separate:
                        other.date = other.date or meeting.date
                continue
            # told just after an occasion in the country visited: the visit frames it, and the visitor took part
            # ("During the China-Mongolia Business Forum yesterday, ... A delegation led by X is in China")
            occasion = next((m for m in near if m.occasion and m.sentences and meeting.sentences
                             and 0 < meeting.sentences[0] - m.sentences[0] <= 2 and meeting.visit_to in m.participants
                             and meeting.date in (None, m.date)), None)
            if occasion is not None and not meeting.separate:
                _join(occasion, [visitor])
                occasion.sentences += [i for i in meeting.sentences if i not in occasion.sentences]
                continue
            # told after the visitor's meeting in the country: "the visit of the President to Poland was a chance"
            # (unless the visit has a date of its own: "she had led a trade mission to Zambia last November")
            if not meeting.separate and any(
                    m is not meeting and m.visit_to is None and not m.separate and m.sentences and meeting.sentences
                   and m.sentences[0] < meeting.sentences[0] and visitor in m.participants
                   and meeting.date in (None, m.date) for m in near):
                continue
        kept.append(meeting)
    return kept


_CITING = re.compile(r"\b(?:citing|quoting|according\s+to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def _cited(sentence: Sentence, entities: ArticleEntities, person: Actor) -> bool:
    """Is the person (or organisation) named only as the source of what the sentence tells ("Citing X, the
    ministry said", "according to the Trade Promotion Organization, a delegation was sent")?"""
    mentions = [m for m in entities.person_mentions.get(sentence.index, []) if m.person is person] or [
        m for m in entities.org_mentions.get(sentence.index, []) if m.cluster is person]
    return bool(mentions) and all(
        _CITING.search(sentence.text[max(0, sentence.tokens[m.first].start - sentence.start - 60):
                                     sentence.tokens[m.first].start - sentence.start]) for m in mentions)


def _venue_only(sentence: Sentence, entities: ArticleEntities, actor: Actor) -> bool:
    """Is the organisation named only as the place of the meeting: "at the Egyptian Embassy"?"""
    mentions = [m for m in entities.org_mentions.get(sentence.index, []) if m.cluster is actor]
    return bool(mentions) and all(
        re.search(r"\b(?:at|in)\s+(?:the\s+)?$", sentence.text[:sentence.tokens[m.first].start - sentence.start])
        for m in mentions)


def _plural_venues(sentence: Sentence, entities: ArticleEntities, actors: list[Actor]) -> list[OrgCluster]:
    """'held meetings at HEPA and at the Chamber': one meeting at each organisation named after 'at'."""
    match = _PLURAL_VENUES.search(sentence.text)
    if not match:
        return []
    venues = []
    for mention in entities.org_mentions.get(sentence.index, []):
        token = sentence.tokens[mention.first]
        if token.start <= sentence.start + match.end() or mention.cluster is None:
            continue
        if mention.cluster not in venues:
            venues.append(mention.cluster)
    return venues if len(venues) >= 2 else []


def _join(meeting: MeetingEvent, actors: list[Actor]) -> None:
    for actor in actors:
        if actor not in meeting.participants:
            meeting.participants.append(actor)


def _describe(meeting: MeetingEvent, sentence: Sentence, published: date | None) -> None:
    if sentence.index not in meeting.sentences:
        meeting.sentences.append(sentence.index)
    if meeting.date is None:
        meeting.date = best_event_date(sentence.text, published)
    if meeting.place is None and (match := _PLACE.search(sentence.text)):
        meeting.place = match.group(1)
    for topic in _topics(sentence.text):
        if topic not in meeting.topics:
            meeting.topics.append(topic)


def reported_participants(meeting: MeetingEvent) -> list[Actor]:
    """Persons, and the organisations none of the persons present stands for."""
    people = [a for a in meeting.participants if isinstance(a, PersonCluster)]
    represented = {id(p.organization) for p in people if p.organization is not None}
    return [a for a in meeting.participants if isinstance(a, PersonCluster) or id(a) not in represented]


# ---- agreements ----------------------------------------------------------------------------

def _kind(noun: str, mods: str, count: str | None) -> str:
    noun = re.sub(r"\s+", " ", noun.lower())
    if re.fullmatch(r"mous?|memorand(?:um|ums|a)(?: of understanding)?", noun):
        noun = "memorandum of understanding" if not count else "memoranda of understanding"
        return f"{count.lower()} {noun}" if count and count.lower() not in ("one", "a", "an") else noun
    if noun == "road map":
        noun = "roadmap"
    words: list[str] = []
    for word in reversed(mods.lower().split()):  # the words right before the noun: "business deals"
        if not re.fullmatch(r"[a-z][a-z-]*", word) or word in ("in", "of", "on", "for", "worth", "over", "about",
                                                               "a", "an", "the"):
            break
        words.insert(0, word)
    words = [w for w in words if w not in _GENERIC_MODS]
    if count and count.lower() not in ("one", "a", "an"):
        return f"{count.lower()} {noun}"  # "11 documents": several signed at once
    return " ".join(words + [noun])


def _find_signings(sentence: Sentence, known: bool) -> list[re.Match]:
    """The phrases telling of documents signed or in force, in order ("adopted a road map ... and signed
    a protocol" is two); 'signed the agreement' refers to one already told when the article has told of one."""
    found: list[re.Match] = []
    if not may_hold(sentence.text.lower(), _DOCUMENT_STARTS) or not _ANY_DOCUMENT.search(sentence.text):
        return found
    for pattern in (_SIGNED_DOCUMENT, _DOCUMENT_SIGNED, _DOCUMENT_BETWEEN, _THE_DOCUMENT_SIGNED, _DOCUMENT_ACTOR_SIGNED,
                    _PLURAL_DOCUMENTS_SIGNED, _PLURAL_DOCUMENTS_FIRST):
        for match in pattern.finditer(sentence.text):
            if known and (match.groupdict().get("det") or "").lower() == "the":
                continue
            if _PLANNED.search(sentence.text[max(0, match.start() - 40):match.end() + 40]):
                continue
            if any(m.start() < match.end() and match.start() < m.end() for m in found):
                continue
            found.append(match)
    return sorted(found, key=lambda m: m.start())


def _names_own_parties(text: str, match: re.Match) -> bool:
    """Does a signing phrase name its own parties, with 'by', 'between' or 'with' right after it?"""
    return bool(re.match(r"\s+(?:by|between|with)\b", text[match.end():]) or re.search(r"\bby$", match.group(0))
                or match.re is _DOCUMENT_BETWEEN)


def _has_subject(sentence: Sentence, entities: ArticleEntities, start: int, end: int) -> bool:
    """Is an organisation or person named between two offsets of the sentence ("..., and the Authority signed")?"""
    return bool(sentence_actors(sentence, entities, until=sentence.start + end, since=sentence.start + start))


def _documents(text: str, match: re.Match) -> list[tuple[str, str, str | None]]:
    """(noun, modifiers, count) of the documents told: "one contract and six MoUs" is two."""
    found = [(match.group("noun"), match.group("mods") or "", match.groupdict().get("count"))]
    end = match.end("noun")
    while more := _AND_DOCUMENT.match(text[end:]):
        noun, mods, count = more.group("noun"), more.group("mods") or "", more.group("count")
        if not count and not mods and noun.lower().endswith(("s", "memoranda")) and \
                found[-1][0].lower().endswith(("s", "memoranda")):
            found[-1] = (f"{found[-1][0]} and {noun}", found[-1][1], found[-1][2])  # "agreements and memoranda"
        else:
            found.append((noun, mods, count))
        end += more.end()
    return found


def _clause_after(sentence: Sentence, entities: ArticleEntities, start: int) -> int:
    """Where a 'by ...' or 'between ...' phrase from character offset start ends: at the first comma or
    full stop outside brackets and outside the names of organisations."""
    inside = [(sentence.tokens[m.first].start, sentence.tokens[m.last - 1].end)
              for m in entities.org_mentions.get(sentence.index, [])]
    depth = 0
    for k in range(start - sentence.start, len(sentence.text)):
        char, at = sentence.text[k], sentence.start + k
        depth += char == "("
        depth -= char == ")" and depth > 0
        if char in ",.;" and depth == 0 and not any(a <= at < b for a, b in inside):
            return at
    return sentence.end


def _actors_between(sentence: Sentence, entities: ArticleEntities, start: int, end: int) -> list[Actor | str]:
    """Organisations named from start to end outside brackets, else the countries named there
    ("between Malaysian and Indonesian companies")."""
    text = sentence.text
    def bracketed(at: int) -> bool:
        before = text[:at - sentence.start]
        return before.count("(") > before.count(")")
    orgs: list[Actor | str] = []
    for mention in entities.org_mentions.get(sentence.index, []):
        at = sentence.tokens[mention.first].start
        if start <= at < end and mention.cluster is not None and not bracketed(at) and mention.cluster not in orgs:
            orgs.append(mention.cluster)
    if orgs:
        return orgs
    codes: list[Actor | str] = []
    for mention in entities.country_mentions.get(sentence.index, []):
        at = sentence.tokens[mention.first].start
        if start <= at < end and mention.country.code not in codes:
            codes.append(mention.country.code)
    return codes


_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*]|\d{1,2}[.)])\s+")
_ASIDE = re.compile(r"\b(?:in\s+addition\s+to|besides|apart\s+from|along\s+with|as\s+well\s+as)\b[^,]*,"
                    # "During President X's state visit to Cambodia, the Chamber signed ...": the setting, not a side
                    r"|^\W*(?:during|in\s+the\s+course\s+of)\s+[^,]*\bvisit\b[^,]*,", re.IGNORECASE)
_TWO_SIDES = re.compile(r"\b(?:two|both)\s+(?:countries|sides|states|governments|nations|parties|ministers|leaders"
                        r"|presidents|prime\s+ministers|heads\s+of\s+state)\b"
                        r"|\bthe\s+(?:parties|sides)\b", re.IGNORECASE)


def _signing_parties(sentence: Sentence, entities: ArticleEntities, match: re.Match, main_countries: list[str],
                     after: int = 0) -> tuple[list[Actor | str], list[PersonCluster], list[OrgCluster]]:
    """Parties, signatories and venues of the documents a signing phrase tells of; the subject is
    looked for after character offset `after` of the sentence (the end of a signing told before it)."""
    text = sentence.text
    verb_at = sentence.start + match.start()
    aside = [m for m in _ASIDE.finditer(text) if m.end() <= match.start()]
    since = sentence.start + max(aside[-1].end() if aside else 0, after)
    if after and (clauses := list(_NEW_CLAUSE.finditer(text, after, match.start()))):
        since = sentence.start + clauses[-1].end()  # "... bears the signatures of A and B, while C and D signed ..."
    if match.re is _DOCUMENT_ACTOR_SIGNED:  # the signer is named after the document
        subject = sentence_actors(sentence, entities, since=sentence.start + match.start("subject"),
                                  until=sentence.start + match.end("subject"))
    else:
        subject = [a for a in sentence_actors(sentence, entities, until=verb_at)
                   if _first_mention_at(sentence, entities, a) >= since
                   and not _cited(sentence, entities, a)]  # "According to X, ...", "According to the embassy, ..."
    everyone = sentence_actors(sentence, entities)
    people = [a for a in subject if isinstance(a, PersonCluster)]
    orgs: list[Actor | str] = [a for a in subject if isinstance(a, OrgCluster)]
    if _SIGNED_BY.search(text, after):  # (after a signing told before in the sentence: that one's signers are its own)
        people = [a for a in sentence_actors(sentence, entities, until=_witnesses_at(sentence))
                  if isinstance(a, PersonCluster) and _first_mention_at(sentence, entities, a) >= since]
    if match.re is _DOCUMENT_BETWEEN or _WITNESSED_SIGNING.search(text, 0, match.start()):
        # documents in force between two sides: who signed them is not told; "X witnessed the signing of
        # ...": X is no side of it
        people = []
        if match.re is not _DOCUMENT_BETWEEN:
            orgs = []
    named_after: list[Actor | str] = []
    by = re.match(r"\s+by\s+", text[match.end():])
    # "an MoU under which the RAS and the Free Zones Administration will work together": the sides are the
    # subject of the clause that says what the document makes them do
    between = re.search(r"\b(?:between|with|under\s+which|whereby|by\s+which)\s+",
                        text[match.end("noun"):match.end("noun") + 30]) or re.search(
        # "the Memorandum of Understanding for the Upgrading of the FTA between the Ministry ... and ...": the
        # document's own complement first, its parties after it, in the same clause
        r"^[^,;]{0,100}?\bbetween\s+(?=(?:the\s+|\w+\s+)?[A-Z])", text[match.end("noun"):])
    if by or re.search(r"\b(?:by|signatures?\s+of)$", match.group(0)):
        start = sentence.start + match.end() + (by.end() if by else 0)
        clause_end = _clause_after(sentence, entities, start)
        named_after = _actors_between(sentence, entities, start, clause_end)
        if len(_SIGNED_BY.findall(text)) > 1 or _NEW_CLAUSE.search(text, match.end()):
            # "A bears the signatures of X and Y, while Z and W signed B": each its own signers
            people = [a for a in sentence_actors(sentence, entities, since=start, until=clause_end)
                      if isinstance(a, PersonCluster)] or people
    elif between:
        start = sentence.start + match.end("noun") + between.end()
        if counterpart := re.match(r"(?:its|their|his|her)\s+(?:[\w-]+\s+)?counterparts?\s*,\s*",
                                   sentence.text[start - sentence.start:]):
            start += counterpart.end()  # "with its Ugandan counterpart, the Uganda Export Promotion Board,"
        end = _clause_after(sentence, entities, start)
        if between.group(0).startswith("with") and (stop := re.search(r"\s(?:during|at|on|in|for|under)\s",
                                                                     sentence.text[start - sentence.start:])):
            end = min(end, start + stop.start())  # "with Egyptian importers during the Trade Expo Indonesia"
        named_after = _actors_between(sentence, entities, start, end)
    parties: list[Actor | str] = [a for a in named_after if not isinstance(a, str)] or list(orgs) or [
        p.organization for p in people if p.organization]
    if between and between.group(0).startswith("with") and not orgs and named_after and all(
            isinstance(a, str) for a in named_after):
        # "In 2014 Angola signed a strategic partnership agreement with Brazil": the subject country and the other
        subject_countries = _subject_countries(sentence, entities, verb_at, since)
        if subject_countries:
            parties = list(dict.fromkeys(subject_countries + named_after))
    if between and between.group(0).startswith("with") and orgs:
        # "KNCCI has signed an MoU with the Rwanda Private Sector Federation": the subject and the other
        # side, an organisation or else a country ("contracts with Egyptian importers")
        parties = list(orgs) + ([a for a in named_after if a not in orgs and not isinstance(a, str)]
                                or [c for c in named_after if isinstance(c, str)])
    venues: list[OrgCluster] = []
    if not parties and named_after:
        parties = named_after
    if not parties and re.search(r"\b(?:the\s+two|both)\s+(?:organi[sz]ations|agencies|chambers|"
                                 r"institutions|bodies)\b", text[:match.end()], re.I):
        parties = _latest_organizations(entities, sentence.index, 2)
    if not parties:
        parties = list(_subject_countries(sentence, entities, verb_at, since))
        if not parties and _TWO_SIDES.search(text):
            parties = main_countries[:2]
    if not parties:
        parties = [a for a in everyone if isinstance(a, OrgCluster)]
    if _FOR_THE_TWO_STATES.search(text, since - sentence.start, match.end()) and len(main_countries) >= 2:
        parties = main_countries[:2]  # "signed, on behalf of the two governments, an Agreement"
    bodies = [o for o in parties if isinstance(o, OrgCluster) and o.kind == "Commission"
              and len(o.countries_in_name) >= 2]
    if bodies and len(bodies) == len(parties):
        # an intergovernmental commission is where the countries signed, not a party
        venues.extend(bodies)
        parties = list(dict.fromkeys(c for o in bodies for c in o.countries_in_name))
    if not parties:  # "deals closed at a Mexico-Chile summit": the countries named
        parties = list(dict.fromkeys(m.country.code for m in entities.country_mentions.get(sentence.index, [])))
    if not parties:  # a signing told with no side named: the two countries the article is about
        parties = main_countries[:2]
    if not people and re.search(r"\b(?:the\s+two|both)\s+(?:ministers|leaders|presidents|prime\s+ministers)\s+"
                                r"(?:\w+\s+)?(?:signed|inked)\b", text, re.IGNORECASE):
        people = _latest_persons(entities, sentence.index, 2)  # "The two ministers also signed ..."
    venues += [m.cluster for m in entities.org_mentions.get(sentence.index, [])
               if m.cluster is not None and sentence.tokens[m.first].start >= sentence.start + match.end()
               and re.search(r"\b(?:at|during|within)\s+(?:the\s+)?(?:\w+\s+){0,3}$",
                             text[:sentence.tokens[m.first].start - sentence.start])]
    return parties, people, venues


_FOR_THE_TWO_STATES = re.compile(r"\bon\s+behalf\s+of\s+(?:the\s+)?(?:two|both)\s+(?:governments|countries|states)\b",
                                 re.IGNORECASE)
_NEW_CLAUSE = re.compile(r"[,;]\s*(?:while|whereas|and\s+then)\b|;", re.IGNORECASE)
_WITNESSED_SIGNING = re.compile(r"\b(?:witnessed|attended|observed|oversaw|presided\s+over|was\s+present\s+at)\s+"
                                r"the\s+$", re.IGNORECASE)
_WITNESSES = re.compile(r"\b(?:in\s+the\s+presence\s+of|witnessed\s+by|attended\s+by|before)\b", re.IGNORECASE)


def _witnesses_at(sentence: Sentence) -> int:
    """Where the witnesses of a signing start being named ("... in the presence of the High
    Commissioner"): they did not sign."""
    match = _WITNESSES.search(sentence.text)
    return sentence.start + match.start() if match else sentence.end


def _first_mention_at(sentence: Sentence, entities: ArticleEntities, actor: Actor) -> int:
    starts = [sentence.tokens[m.first].start for m in entities.person_mentions.get(sentence.index, [])
              if m.person is actor]
    starts += [sentence.tokens[m.first].start for m in entities.org_mentions.get(sentence.index, [])
               if m.cluster is actor]
    return min(starts) if starts else sentence.start


def _kind_word(kind: str) -> str:
    """The document noun of a kind, singular: "six memoranda of understanding" -> "memorandum"."""
    words = kind.split()
    noun = next((w for w in words if re.match(r"memorand|mou|agreement|protocol|road|contract|deal|document"
                                              r"|treat|declaration|accord|pact|charter|convention", w)), words[-1])
    return re.sub(r"(?:a|ums|s)$", "", noun.replace("memoranda", "memorandum"))


RETELLING_REACH = 64
# "have also agreed on a memorandum", "also signed": a further document, not the one told again
_ALSO = re.compile(r"\b(?:also|another|in\s+addition|a\s+(?:further|second|third))\b", re.IGNORECASE)


_FURTHER_DOCUMENT = re.compile(r"\b(?:supplementary|additional|further|another|other|second|separate|new)\b", re.IGNORECASE)


def _retells(old: AgreementEvent, new: AgreementEvent) -> bool:
    """Does a new signing tell again, in more detail, of one told just before ("a bilateral agreement",
    then "a memorandum of understanding agreed between the two chambers")?"""
    if new.sentences[0] - old.sentences[-1] > 2 or new.sentences[0] == old.sentences[0]:
        return False
    same_kind = _kind_word(old.kind) == _kind_word(new.kind) or _kind_word(old.kind) in ("agreement", "deal")
    if not same_kind or _FURTHER_DOCUMENT.search(new.kind):
        return False  # "supplementary agreements", "an additional protocol": others than the one told
    if old.signatories and new.signatories and not set(map(id, old.signatories)) & set(map(id, new.signatories)):
        return False  # signed by others: another signing ("A Protocol ... bears the signatures of C and D")
    if all(isinstance(p, str) for p in old.parties) and not all(isinstance(p, str) for p in new.parties):
        return True  # the countries first, then their bodies
    return set(map(id, new.parties)) <= set(map(id, old.parties)) or new.parties == old.parties


def find_agreements(sentences: list[Sentence], entities: ArticleEntities, published: date | None,
                    main_countries: list[str]) -> list[AgreementEvent]:
    agreements: list[AgreementEvent] = []
    listed: list[AgreementEvent] = []  # documents told before a list of their parties ("signed between:")
    for sentence in sentences:
        if listed and (item := _LIST_ITEM.match(sentence.text)):
            if re.match(r"(?!(?:the|a|an|both)\b)[a-z]", sentence.text[item.end():]):
                continue  # "aim to: - stimulate trade between Kenya and ...": a list of aims, not of parties
            parties = _actors_between(sentence, entities, sentence.start, sentence.end)
            if len(parties) >= 2:
                if listed[0] in agreements:
                    agreements = [a for a in agreements if a not in listed]  # the items replace the summary
                summary = listed[0]
                agreements.append(AgreementEvent(_singular_kind(summary.kind), parties, [], [sentence.index],
                                                 date=summary.date, venues=list(summary.venues)))
                continue
        listed = []
        signings = _find_signings(sentence, bool(agreements))
        shared = None
        told_until = 0
        for match in signings:
            parties, people, venues = _signing_parties(sentence, entities, match, main_countries, told_until)
            if shared is not None and not _names_own_parties(sentence.text, match) and not _has_subject(
                    sentence, entities, told_until, match.start()):
                parties, people, venues = shared  # "adopted a road map and signed a protocol": one subject
            shared = (parties, people, venues)
            told_until = match.end()
            after = sentence.text[match.end():]
            kinds = _listed_kinds(after) or [_kind(noun, mods, count)
                                             for noun, mods, count in _documents(sentence.text, match)]
            for kind in kinds:
                event = AgreementEvent(kind, list(parties), list(people), [sentence.index], venues=list(venues),
                                       at_told_meeting=bool(_AT_THAT_MEETING.search(sentence.text)))
                _describe_agreement(event, sentence, published, after)
                if event.date is None and _SAME_OCCASION.search(sentence.text):
                    # "On this occasion, ... signed two cooperation agreements": when the one before was signed
                    event.date = next((a.date for a in reversed(agreements) if a.date), None)
                # the few told just before: a retelling follows within two sentences
                earlier = None if _ALSO.search(sentence.text, 0, match.end()) or _FURTHER_DOCUMENT.search(
                    match.group(0)) else next(
                    (a for a in itertools.islice(reversed(agreements), RETELLING_REACH) if _retells(a, event)), None)
                if earlier is None:
                    agreements.append(event)
                    continue
                if all(isinstance(p, str) for p in earlier.parties) and not all(isinstance(p, str) for p in parties):
                    earlier.kind, earlier.parties = event.kind, event.parties
                earlier.sentences.append(sentence.index)
                earlier.date = earlier.date or event.date
                # "He and Peruvian President X put their names to 18 agreements": who signed, told now
                earlier.signatories += [p for p in event.signatories if p not in earlier.signatories]
        if signings:
            if sentence.text.rstrip().endswith(":"):
                listed = _latest_set(agreements)
        elif (named := _NAMED_AGREEMENT.search(sentence.text)) and (pair := _pair_in(named.group("pair"))):
            kind = AGREEMENT_ACRONYMS.get(named.group("name").split()[-1], named.group("name").lower())
            if not any(a.kind == kind and set(a.parties) == set(pair) for a in agreements):
                event = AgreementEvent(kind, pair, [], [sentence.index], in_force=True)
                if signed_on := _SIGNED_ON.search(sentence.text):  # "Signed in November 2005, the China-Chile FTA"
                    event.date = best_event_date(signed_on.group(1), published, span_as_month=True)
                agreements.append(event)
        elif agreements and (_AGREEMENT_ANAPHOR.search(sentence.text) or (
                _PRONOUN_SIGNED.match(sentence.text) and agreements[-1].sentences[-1] == sentence.index - 1)):
            signers = []
            if _SIGNED_BY.search(sentence.text) or _SIGNATORIES_WERE.search(sentence.text):
                # "The MoU was signed by A and B", "The signatories of the MoU were A and B"
                signers = [p for p in sentence_actors(sentence, entities, until=_witnesses_at(sentence))
                           if isinstance(p, PersonCluster)]
            elif signed := re.search(r"\b(?:signed|inked|put\s+(?:their|his|her)\s+signatures?\s+to)\b", sentence.text):
                # "Secretary A and Secretary B signed the documents", "A and B put their signatures to it"
                signers = [p for p in sentence_actors(sentence, entities, until=sentence.start + signed.start())
                           if isinstance(p, PersonCluster)]
            told = [agreements[-1]] if re.match(r"\s*It\b", sentence.text) else _latest_set(agreements)
            hosts = []
            if held := _HELD_THE_SIGNING.search(sentence.text):
                # "The Department ... and the Council ... held the signing ceremony": the two parties
                hosts = [a for a in sentence_actors(sentence, entities, until=sentence.start + held.start())
                         if isinstance(a, OrgCluster)]
            for event in told:
                if len(hosts) >= 2 and sum(isinstance(p, OrgCluster) for p in event.parties) < 2:
                    event.parties = list(hosts)
                event.sentences.append(sentence.index)
                _describe_agreement(event, sentence, published, sentence.text)
                event.signatories += [p for p in signers if p not in event.signatories]
            if sentence.text.rstrip().endswith(":"):
                listed = _latest_set(agreements)
    existing = _existing_agreements(sentences, entities, agreements, main_countries)
    agreements = sorted(agreements + existing, key=lambda a: a.sentences[0]) if existing else agreements
    for agreement in agreements:
        _complete_parties(agreement, main_countries)
    _dated_by_their_acronym(agreements, sentences, published)
    return _without_told_summaries(agreements)


# "a memorandum of cooperation (MoC)": the short name an article gives the document it tells of
_NAMED_DOCUMENT = re.compile(r"\b(?:" + _AGREEMENT_NOUN + r")(?:\s+[\w-]+){0,5}\s+\((?P<acronym>(?-i:[A-Z][A-Za-z]{1,6}))\)",
                             re.IGNORECASE)
# sentences after the one that named it, in which its signing may be told again with its date
NAMED_DOCUMENT_REACH = 3


def _dated_by_their_acronym(agreements: list[AgreementEvent], sentences: list[Sentence],
                            published: date | None) -> None:
    """An undated signing told again under the short name the article gave the document, with a date:
    "has signed a memorandum of cooperation (MoC) ... the MoC was signed yesterday"."""
    for agreement in agreements:
        if agreement.date is not None or agreement.in_force:
            continue
        told = agreement.sentences[0]
        for named in _NAMED_DOCUMENT.finditer(sentences[told].text):
            again = re.compile(r"\bthe\s+" + re.escape(named.group("acronym"))
                               + r"\s+(?:was|were|had\s+been|has\s+been)\s+(?:signed|inked|concluded)\b")
            for later in sentences[told + 1:told + 1 + NAMED_DOCUMENT_REACH]:
                if again.search(later.text) and (when := best_event_date(later.text, published)):
                    agreement.date = when
                    agreement.sentences.append(later.index)
                    break
            if agreement.date is not None:
                break


# How many sentences after "signed two MoUs" the documents it counts may be told one by one.
ITEMS_REACH = 4


def _without_told_summaries(agreements: list[AgreementEvent]) -> list[AgreementEvent]:
    """"The agency signed two memoranda on Thursday. ... an MOU under which A and B ... A second MOU,
    between A and C, ...": once the documents a count announced are each told, they stand for it (and
    take its date); the count is not one more document."""
    from .dates import NUMBER_WORDS

    kept = []
    for number, summary in enumerate(agreements):
        first = summary.kind.split()[0].lower() if summary.kind else ""
        count = int(first) if first.isdigit() else NUMBER_WORDS.get(first, 0)
        singular = _singular_kind(summary.kind)
        items = [a for a in agreements[number + 1:] if count >= 2 and a.kind == singular
                 and 0 < a.sentences[0] - summary.sentences[0] <= ITEMS_REACH and _shares_a_side(a, summary)]
        if count >= 2 and len(items) >= count:
            for item in items:
                item.date = item.date or summary.date
            continue
        kept.append(summary)
    return kept


def _shares_a_side(item: AgreementEvent, summary: AgreementEvent) -> bool:
    """A party of the summary is a party of the item, or the country of one of its organisations."""
    countries = {p for p in item.parties if isinstance(p, str)} | {
        c for p in item.parties if isinstance(p, OrgCluster) for c in (p.country, *p.countries_in_name) if c}
    return any(p in countries if isinstance(p, str) else any(p is q for q in item.parties) for p in summary.parties)


# "signed several documents: the Protocol of the Commission, a Roadmap for ..., and memorandums on ...":
# each item of the list after the colon is a document of its own.
_LIST_AFTER_COLON = re.compile(r"^\s*(?:\([^)]*\)\s*)?:\s*(.+)$")
_ITEM_SPLIT = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+(?=(?:the|a|an)\s|" + _AGREEMENT_NOUN + r")", re.IGNORECASE)


def _listed_kinds(after: str) -> list[str]:
    """The kinds of documents listed after a colon that follows a signing phrase, when there are several."""
    match = _LIST_AFTER_COLON.match(after)
    if not match:
        return []
    items = [re.sub(r"^(?:the|a|an)\s+", "", item.strip(" ."), flags=re.IGNORECASE)
             for item in _ITEM_SPLIT.split(match.group(1))]
    kinds = [" ".join(item.lower().split()[:10]) for item in items if item and _ANY_DOCUMENT.search(item)]
    return kinds if len(kinds) >= 2 else []


def _complete_parties(agreement: AgreementEvent, main_countries: list[str]) -> None:
    """A signing names both sides somewhere: the organisations of those who signed stand for countries told
    as the parties ("the chambers of Jordan and Oman signed ...; it was signed by the chairman of the Jordan
    Chamber and ..."), and one organisation signing alone signed with the other side: the organisation of
    another signatory, else the other country the article is about."""
    if agreement.in_force:
        return
    signers_orgs: list[OrgCluster] = []
    for person in agreement.signatories:
        if person.organization is not None and all(o is not person.organization for o in signers_orgs):
            signers_orgs.append(person.organization)
    if agreement.parties and all(isinstance(p, str) for p in agreement.parties) and len(signers_orgs) >= 2:
        agreement.parties = list(signers_orgs)
        return
    if len(agreement.parties) != 1 or not isinstance(agreement.parties[0], OrgCluster):
        return
    party = agreement.parties[0]
    others = [o for o in signers_orgs if o is not party]
    if others:
        agreement.parties.extend(others)
        return
    own = {party.country, *party.countries_in_name} - {None}
    if party.country is not None and len(party.countries_in_name) < 2:
        other = next((c for c in main_countries if c not in own), None)
        if other is not None:
            agreement.parties.append(other)


# "the partnership and cooperation agreement between Kazakhstan and the United Kingdom has opened ...",
# "the bilateral trade agreement the two countries already have": an agreement in force, named in passing
_EXISTING_AGREEMENT = re.compile(
    r"\b(?:the|an?|their)\s+(?P<existing>existing\s+|current\s+)?(?P<name>(?:(?!signed|new|draft|proposed|planned"
    r"|future)[\w-]+\s+){1,4}?(?:agreement|treaty|accord))(?:\s+\((?-i:[A-Z]{2,6})\))?\s+"
    r"(?:between\s+(?P<between>[^,.;()]{3,60}?)\s+(?P<verb>has|have|had|is|are|was|were|remains|provides|allows|covers)\b"
    r"|(?:that\s+|which\s+)?(?:the\s+two\s+(?:countries|nations|sides)|they|both\s+countries)\s+(?:already\s+)?"
    r"(?:have|share|signed\s+in)\b)", re.IGNORECASE)


def _existing_agreements(sentences: list[Sentence], entities: ArticleEntities, told: list[AgreementEvent],
                         main_countries: list[str]) -> list[AgreementEvent]:
    """Agreements in force named in passing, with no date: not a signing the article tells."""
    found: list[AgreementEvent] = []
    for sentence in sentences:
        if _PLANNED.search(sentence.text):
            continue
        for match in _EXISTING_AGREEMENT.finditer(sentence.text):
            if match.group("between"):
                pair = [m.country.code for m in entities.country_mentions.get(sentence.index, [])
                        if not m.in_compound and match.start("between") <= sentence.tokens[m.first].start - sentence.start
                        < match.end("between")]
                if len(set(pair)) != 2:
                    continue  # "the agreement between the two chambers": a document told, not one in force
                if not match.group("existing") and any(_countries_of(a) == set(pair) and a.sentences[0] < sentence.index
                                                       for a in told):
                    continue  # "the agreement between A and B provides ...": the one signed, told again
            elif len(main_countries) >= 2:
                pair = main_countries[:2]
            else:
                continue
            kind = re.sub(r"\s+", " ", match.group("name").lower())
            if kind.split()[0] in ("this", "that", "these", "each", "one", "another"):
                continue
            if not any(a.in_force and _countries_of(a) == set(pair) and a.kind == kind for a in told + found):
                found.append(AgreementEvent(kind, list(dict.fromkeys(pair)), [], [sentence.index], in_force=True))
    return found


def _countries_of(agreement: AgreementEvent) -> set[str]:
    return {p for p in agreement.parties if isinstance(p, str)}


def _pair_in(compound: str) -> list[str] | None:
    """The two countries of a compound "Mexico-Chile", else None."""
    parts = re.split(r"[-–]", compound)
    if lookup_country(parts[0]) is None and " " in parts[0]:
        parts[0] = parts[0].split()[-1]  # "Joint Mexico-Chile": a word before the pair that names no country
    codes = [lookup_country(part) for part in parts]
    if len(codes) == 2 and all(codes) and codes[0].code != codes[1].code:
        return [codes[0].code, codes[1].code]
    return None


def _singular_kind(kind: str) -> str:
    """The kind of one of several documents told together: "four memoranda of understanding" -> one memorandum."""
    words = kind.split()
    if words and re.fullmatch(_COUNT, words[0], re.IGNORECASE):
        words = words[1:]
    text = " ".join(words)
    text = re.sub(r"^memoranda\b", "memorandum", text)
    return re.sub(r"^(\w+?)s\b", r"\1", text) if not text.startswith("memorandum") else text


def _latest_set(agreements: list[AgreementEvent]) -> list[AgreementEvent]:
    """The agreements told in the same sentence as the latest one: documents signed together."""
    told = agreements[-1].sentences[0]
    return [a for a in agreements if a.sentences[0] == told]


def _latest_persons(entities: ArticleEntities, before: int, count: int) -> list[PersonCluster]:
    """The persons named last before a sentence ("the two ministers" refers to them)."""
    found: list[PersonCluster] = []
    for index in range(before - 1, -1, -1):
        for mention in entities.person_mentions.get(index, []):
            if mention.person not in found:
                found.append(mention.person)
        if len(found) >= count:
            return found[:count]
    return []


def _latest_organizations(entities: ArticleEntities, before: int, count: int) -> list[Actor]:
    """The organisations named last before a sentence ("the two organisations" refers to them)."""
    found: list[Actor] = []
    for index in range(min(before, len(entities.sentences)) - 1, -1, -1):
        if index not in entities.org_mentions:
            continue
        people = [m.person.organization for m in entities.person_mentions.get(index, []) if m.person.organization]
        for cluster in [m.cluster for m in entities.org_mentions[index]] + people:
            if cluster is not None and cluster not in found:
                found.append(cluster)
        if len(found) >= count:
            return found[:count]
    return []


def _subject_countries(sentence: Sentence, entities: ArticleEntities, until: int, since: int = 0) -> list[str]:
    codes: list[str] = []
    for mention in entities.country_mentions.get(sentence.index, []):
        if since <= sentence.tokens[mention.first].start < until and not mention.in_compound:
            if mention.country.code not in codes:
                codes.append(mention.country.code)
    return codes


_SAME_OCCASION = re.compile(r"\b(?:on\s+(?:this|that|the\s+same)\s+occasion|at\s+the\s+same\s+(?:event|ceremony|meeting)"
                            r"|on\s+the\s+same\s+day)\b", re.IGNORECASE)
_SIGNED_ON = re.compile(r"\bsigned\s+((?:in|on)\s+[^.;,]{3,30})", re.IGNORECASE)
_AT_THAT_MEETING = re.compile(r"\b(?:at|during)\s+(?:that|this)\s+(?:meeting|forum|summit|session|event|conference)\b"
                              # "the business meeting produced suitable MoUs": the meeting told before
                              r"|\b(?:the|that|this)\s+(?:[\w-]+\s+)?(?:meeting|forum|conference|session|talks)\s+"
                              r"(?:produced|yielded|resulted\s+in)\b", re.IGNORECASE)
_SIGNED_LAST_YEAR = re.compile(r"\bsigned\b[^.;]{0,60}?\b(?:last|past|previous)\s+year\b", re.IGNORECASE)
_SIGNED_IN_YEAR = re.compile(r"\bsigned\b[^.;]{0,60}?\b(?:in|back\s+in)\s+(\d{4})\b(?!\s*[-–])", re.IGNORECASE)


def _describe_agreement(event: AgreementEvent, sentence: Sentence, published: date | None, after: str) -> None:
    if event.date is None:
        event.date = best_event_date(sentence.text, published, span_as_month=True)
    if event.date is None and (year := _SIGNED_IN_YEAR.search(sentence.text)):
        if published is None or int(year.group(1)) <= published.year:
            event.date = year.group(1)  # "the agreement signed between the two countries in 2023"
    if event.date is None and published is not None and _SIGNED_LAST_YEAR.search(sentence.text):
        event.date = str(published.year - 1)  # "the agreement BCCI signed with ACCI last year"
    if event.place is None and (match := _PLACE.search(sentence.text)):
        event.place = match.group(1)
    if event.place is None and (match := re.search(r"\b(?:in|at)\s+([A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?)\b", after)):
        if best_event_date(match.group(1), None) is None:
            event.place = match.group(1)
    if match := _AGREEMENT_SCOPE.search(after):
        topic = _trim_topic(match.group(1))
        if topic and topic not in event.topics:
            event.topics.append(topic)


_MEETING_ITSELF = re.compile(r"\b(?:teleconference|video\s*(?:conference|call|link)|(?:online|virtual)\s+meeting"
                             r"|meetings?|talks|session|(?:phone|telephone)\s+(?:call|conversation)|negotiations"
                             r"|consultations|dialogues?)\b", re.IGNORECASE)


def without_signing_ceremonies(meetings: list[MeetingEvent], agreements: list[AgreementEvent],
                               sentences: list[Sentence]) -> list[MeetingEvent]:
    """A meeting told in the sentence of a signing, whose every actor signed or is a party, and with no
    talks told of it, is the signing ceremony: an agreement, not a meeting too ("A and B put their
    signatures to an MoU at the Congress held in Rio")."""
    text = {s.index: s.text for s in sentences}
    kept = []
    for meeting in meetings:
        actors = [p for p in meeting.participants if not isinstance(p, str)]
        ceremony = actors and meeting.sentences and any(
            not agreement.in_force and agreement.sentences and agreement.sentences[0] == meeting.sentences[0]
            and all(_signed_or_party(actor, agreement) for actor in actors)
            for agreement in agreements)
        if ceremony and not any(_TALKS.search(text[i]) or _MEETING_ITSELF.search(text[i])
                                for i in meeting.sentences if i in text):
            continue  # (but "At a teleconference on September 16, A and B signed ...": a meeting, held to sign)
        kept.append(meeting)
    return kept


def _signed_or_party(actor: Actor, agreement: AgreementEvent) -> bool:
    if any(actor is p for p in agreement.parties) or any(actor is p for p in agreement.signatories):
        return True
    return isinstance(actor, PersonCluster) and actor.organization is not None and any(
        actor.organization is p for p in agreement.parties)


# "concluded two MoUs in connection with the official visit of the President": signed during the visit
_DURING_THE_VISIT = re.compile(r"\b(?:in\s+connection\s+with|during|in\s+the\s+course\s+of|on\s+the\s+occasion\s+of)\s+"
                               r"(?:the|his|her|this)\s+(?:[\w-]+\s+){0,2}visit\b", re.IGNORECASE)


def dated_by_the_visit(meetings: list[MeetingEvent], agreements: list[AgreementEvent],
                       sentences: list[Sentence]) -> None:
    """A document signed during the one dated visit the article tells of, on a day it does not give: the
    month of the visit (a visit lasts days)."""
    visits = [m for m in meetings if m.visit_to is not None and m.date and len(m.date) == 10]
    if len(visits) != 1:
        return
    text = {s.index: s.text for s in sentences}
    for agreement in agreements:
        if agreement.date is None and not agreement.in_force and any(
                _DURING_THE_VISIT.search(text.get(i, "")) for i in agreement.sentences):
            agreement.date = visits[0].date[:7]


def share_dates(meetings: list[MeetingEvent], agreements: list[AgreementEvent]) -> None:
    """A session at which an agreement was signed, or talks told in the same sentence as a signing,
    took place on the day of the signing; and the other way round. Those who signed at a session
    took part in it."""
    # Which agreements could concern a meeting: those told in one of its sentences or signed at a venue
    # that is one of its participants; found through these maps, not by trying every pair.
    signed = [a for a in agreements if not a.in_force]
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for number, agreement in enumerate(signed):
        for index in set(agreement.sentences):
            by_sentence[index].append(number)
    by_venue: dict[int, list[int]] = defaultdict(list)
    for number, agreement in enumerate(signed):
        for venue in agreement.venues:
            by_venue[id(venue)].append(number)
    for meeting in meetings:
        taking_part = {id(p) for p in meeting.participants}
        numbers = {n for index in meeting.sentences for n in by_sentence.get(index, ())}
        numbers.update(n for p in taking_part for n in by_venue.get(p, ()))
        for agreement in (signed[n] for n in sorted(numbers)):
            at_session = any(id(v) in taking_part for v in agreement.venues)
            if not (at_session or set(agreement.sentences) & set(meeting.sentences)):
                continue
            if at_session:
                _join(meeting, agreement.signatories)
            if meeting.date is None and agreement.date:
                meeting.date = agreement.date
            elif agreement.date is None and meeting.date:
                agreement.date = meeting.date
    # "It was at that meeting that A and B signed": the dated meeting told last before it (found by bisection)
    dated = sorted((min(m.sentences), m.date) for m in meetings if m.date and m.sentences)
    starts = [start for start, _ in dated]
    for agreement in signed:
        if agreement.date is None and agreement.at_told_meeting:
            before = bisect.bisect_left(starts, agreement.sentences[0])
            if before:
                agreement.date = dated[before - 1][1]
