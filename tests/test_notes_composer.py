"""The note composer (bot/notes), table-driven: what people really type as the reference
point and as the interviewer, and the notes that come out of it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot.model import Interview
from bot.notes import (
    REFERENCE_SLOT,
    NoteRequest,
    Phrase,
    Refusal,
    RefusalReason,
    Situation,
    bring_phrase,
    compose,
    parse_interviewers,
    reference_phrase,
    role_name,
    signature_name,
)
from bot.notes.followups import follow_up_email
from bot.notes.people import role_title
from bot.reflection.summary import own_question

# (what the person typed, the phrase that goes after "our conversation about")
PHRASES: list[tuple[str, str]] = [
    # sentence form
    ("We talked about the Kafka migration and how they run on-call - it made me want to join",
     "the Kafka migration and how you run on-call"),
    ("they told me about their Kafka migration", "your Kafka migration"),
    ("I told them about my side project", "my side project"),
    ("She mentioned her team's roadmap for Q3", "your team's roadmap for Q3"),
    ("I asked about how they onboard new analysts", "how you onboard new analysts"),
    ("the panel asked a lot about my experience with dbt", "my experience with dbt"),
    ("we discussed their plans to move intake to mobile", "your plans to move intake to mobile"),
    ("Dr. Gonzalez told me about her research on protein folding",
     "your research on protein folding"),
    ("They asked me to design a URL shortener", "designing a URL shortener"),
    ("we had a great chat about accessibility in their checkout flow",
     "accessibility in your checkout flow"),
    ("we spent most of the time on their move from Heroku to AWS",
     "your move from Heroku to AWS"),
    ("the main topic was churn prediction", "churn prediction"),
    ("I really enjoyed hearing about the new warehouse in Leeds", "the new warehouse in Leeds"),
    ("The hiring manager and I discussed their expansion into Brazil",
     "your expansion into Brazil"),
    ("They were really interested in my thesis on graph databases",
     "my thesis on graph databases"),
    ("We spoke about their open-source work on Apache Arrow.",
     "your open-source work on Apache Arrow"),
    ("they showed me their internal dashboard for fraud alerts",
     "your internal dashboard for fraud alerts"),
    ("she explained how they price their API", "how you price your API"),
    ("we went over the case study on supply chain delays", "the case study on supply chain delays"),
    ("Priya talked about the ML platform and Tom asked about my SQL", "the ML platform"),
    # noun phrases, already fine, pronouns made to fit
    ("their migration to Kubernetes", "your migration to Kubernetes"),
    ("the benefits of event sourcing", "the benefits of event sourcing"),
    ("my internship at Siemens", "my internship at Siemens"),
    ("the 2025 roadmap and hiring plans", "the 2025 roadmap and hiring plans"),
    ("how she leads the design team", "how you lead the design team"),
    ("he runs the platform group", "how you run the platform group"),
    ("he's been leading the move to Rust", "how you've been leading the move to Rust"),
    ("that they are moving to GCP", "how you are moving to GCP"),
    ("They want to open 3 new stores in Texas next year",
     "how you want to open 3 new stores in Texas next year"),
    ("the data team and how they hire juniors", "the data team and how they hire juniors"),
    ('"the new onboarding flow"', "the new onboarding flow"),
    ("how they measure customer happiness (NPS)", "how you measure customer happiness (NPS)"),
    ("a bit about their culture and values", "your culture and values"),
    # lowercase, filler, emoji, punctuation
    ("mostly the data pipeline lol", "the data pipeline"),
    ("how they use feature flags i guess", "how you use feature flags"),
    ("we talked about kafka 🚀🚀", "Kafka"),
    ("Their new design system!!", "your new design system"),
    ("um, the move to event-driven billing", "the move to event-driven billing"),
    ("Talked about A/B testing at scale :)", "A/B testing at scale"),
    ("we went over the case study on pricing 👍", "the case study on pricing"),
    ("Idk. Maybe their roadmap?", "your roadmap"),
    ("the Kafka migration :rocket: :fire:", "the Kafka migration"),
    ("honestly probably their search ranking stuff haha", "your search ranking stuff"),
    # non-native phrasing
    ("we was talking about the data warehouse migration", "the data warehouse migration"),
    ("they explain me about their product for small farms", "your product for small farms"),
    ("he tell me about microservices they build", "microservices they build"),
    ("we discuss about the roadmap", "the roadmap"),
    ("they ask me many question about sql", "SQL"),
    ("In the interview we talk much about the new payment system of the bank",
     "the new payment system of the bank"),
    # rambling: cut at a clause
    ("the on-call rotation, which honestly sounded brutal but also kind of fun because they "
     "have a great tool for it and I would love to work on that kind of thing someday",
     "the on-call rotation"),
    ("we talked for ages about so many things like their data stack, their hiring, their "
     "remote policy and how they plan releases and what the team does on fridays",
     "your data stack"),
    ("the Kafka migration and salary", "the Kafka migration"),
    # clauses, as people type what they heard: "how …" for what is happening, a plain fact
    # kept as a clause (the note says it as one), and the happening one kept when a fact
    # comes first
    ("She explained the team is 6 people and they are moving all reporting from excel to "
     "looker by spring, which sounded like a big lift",
     "how you are moving all reporting from Excel to Looker by spring"),
    ("the team is moving to looker", "how the team is moving to Looker"),
    ("she said the team is rebuilding their data warehouse on snowflake",
     "how the team is rebuilding their data warehouse on Snowflake"),
    ("the team is 6 people", "the team is 6 people"),
    ("the team being 6 people", "the team is 6 people"),
    ("their stack is mostly python and dbt", "your stack is mostly Python and dbt"),
    ("the company has 200 engineers", "the company has 200 engineers"),
    ("3 rounds left", "there are 3 rounds left"),
    ("we talked about how the team is 6 people", "the team is 6 people"),
    ("the role reports to the CTO", "the role reports to the CTO"),  # was read as a topic
    ("the office is in berlin", "the office in Berlin"),
    # a comment about the interviewer after a comma is its own sentence, not the topic's
    # ("our conversation about your migration …, priya was super into it has stayed …")
    ("their migration from hadoop to spark on kubernetes, priya was super into it",
     "your migration from Hadoop to spark on Kubernetes"),
    ("their move to kafka, the team is growing fast", "your move to Kafka"),
    # a second speaker with the verb left out starts another topic (was "our conversation
    # about Basel iv and guy about my Python")
    ("priya asked loads about basel iv and guy about my python", "Basel IV"),
    ("pricing and tom on the roadmap", "pricing"),
    # how the interview went is no topic: the part after "but" is (was "It was helpful to
    # hear that the whole thing was a blur."); someone arriving is no topic either (was
    # "our conversation about the ceo joined at the end")
    ("honestly the whole thing was a blur 😅 but i think we talked about their new mobile "
     "app for a bit", "your new mobile app"),
    ("the ceo joined at the end and talked about their ipo plans", "your IPO plans"),
    # a number after a comma is a detail of the topic (was "Our conversation about the team
    # structure, 4 squads has stayed with me since.")
    ("the team structure, 4 squads", "the team structure (4 squads)"),
    ("they use kafka", "how you use Kafka"),
    ("the team has just moved to snowflake", "how the team has just moved to Snowflake"),
    ("the team uses dbt and airflow", "how the team uses dbt and Airflow"),
    # "the way …" is a noun already (was "how the way you use Kafka for event sourcing")
    ("the way they use kafka for event sourcing, was cool",
     "the way you use Kafka for event sourcing"),
    ("the way the team runs standups", "the way the team runs standups"),
    # a subject with "of" in it is still the subject (was "Our conversation about the head
    # of the data team is new has stayed with me")
    ("the head of the data team is hiring 3 analysts",
     "how the head of the data team is hiring 3 analysts"),
    # small talk first, then the topic (was "dogs lol and then the roadmap")
    ("we talked about dogs lol and then the roadmap", "the roadmap"),
    ("we bonded over dogs but mostly the q3 roadmap", "the Q3 roadmap"),
    ("their dog food subscriptions", "your dog food subscriptions"),  # their business
    # how keen they were is no part of the topic (was "how you seemed keen on my cold
    # outreach numbers")
    ("they seemed keen on my cold outreach numbers", "my cold outreach numbers"),
    ("they were really into my dashboard", "my dashboard"),
    ("the office is in leeds and they are hiring 3 more analysts",
     "how you are hiring 3 more analysts"),
    ("they are a small team but they ship weekly", "how you ship weekly"),
    ("he explained that the team will double next year", "how the team will double next year"),
    ("the role is new and the team is growing fast", "how the team is growing fast"),
]

# (what the person typed, why it cannot go in a note)
REFUSALS: list[tuple[str, RefusalReason]] = [
    ("idk", RefusalReason.NON_ANSWER),
    ("none", RefusalReason.NON_ANSWER),
    ("n/a", RefusalReason.NON_ANSWER),
    ("nothing specific", RefusalReason.NON_ANSWER),
    ("not sure tbh", RefusalReason.NON_ANSWER),
    ("can't remember", RefusalReason.NON_ANSWER),
    ("Nothing really, it was short", RefusalReason.NON_ANSWER),
    ("lol idk", RefusalReason.NON_ANSWER),
    ("we talked about nothing specific", RefusalReason.NON_ANSWER),
    ("🤷", RefusalReason.EMPTY),
    ("   ", RefusalReason.EMPTY),
    ("honestly the usual stuff", RefusalReason.GENERIC),
    ("everything", RefusalReason.GENERIC),
    ("idk we talked about a lot of stuff", RefusalReason.GENERIC),  # was "a lot of stuff"
    ("lots of different things", RefusalReason.GENERIC),
    ("some technical stuff", RefusalReason.GENERIC),
    ("salary range and start date", RefusalReason.PAY),
    ("pay and benefits", RefusalReason.PAY),
    ("the health insurance and PTO", RefusalReason.PAY),
    ("how much the role pays", RefusalReason.PAY),
    ("equity and the bonus structure", RefusalReason.PAY),
    ("we talked about my kids", RefusalReason.PRIVATE),
    ("her kids and her dog 🐶", RefusalReason.PRIVATE),  # "your kids" once it is addressed
    ("how their current process is a total mess tbh", RefusalReason.NEGATIVE),
    ("religion", RefusalReason.PRIVATE),
    ("her maternity leave", RefusalReason.PRIVATE),
    ("we both go to the same church", RefusalReason.PRIVATE),
    ("they seemed disorganised", RefusalReason.NEGATIVE),
    ("why so many people left the team", RefusalReason.NEGATIVE),
    ("my old boss and why I left", RefusalReason.NEGATIVE),
    ("we talked about the layoffs last year", RefusalReason.NEGATIVE),
    # was "It was helpful to hear that your onboarding is broken and customers churn…"
    ("so basically we talked about how their onboarding is broken and customers churn in "
     "the first 90 days", RefusalReason.NEGATIVE),
    ("their data stack is kinda janky", RefusalReason.NEGATIVE),
    ("we talked about dogs lol", RefusalReason.PRIVATE),
    ("he complained about the CEO", RefusalReason.NEGATIVE),
    ("they are super chaotic right now lol", RefusalReason.NEGATIVE),
]


@pytest.mark.parametrize(("answer", "expected"), PHRASES)
def test_a_reference_answer_becomes_a_phrase_that_reads_right_in_the_note(
        answer: str, expected: str) -> None:
    result = reference_phrase(answer)
    assert isinstance(result, Phrase), result
    assert result.text == expected
    # the phrase is made of the person's own words (apart from pronouns and "how")
    typed = set(re.findall(r"[a-z0-9]+", answer.lower()))
    added = set(re.findall(r"[a-z0-9]+", result.text.lower())) - typed
    assert added <= {"you", "your", "how", "ve", "designing", "lead", "run", "sql", "there",
                     "are", "is"}, added


@pytest.mark.parametrize(("answer", "reason"), REFUSALS)
def test_an_answer_that_does_not_belong_in_a_note_is_refused_with_its_reason(
        answer: str, reason: RefusalReason) -> None:
    result = reference_phrase(answer)
    assert isinstance(result, Refusal), result
    assert result.reason is reason


def test_the_table_covers_at_least_sixty_reference_answers() -> None:
    assert len(PHRASES) + len(REFUSALS) >= 60


def test_a_long_answer_with_no_clean_cut_asks_for_the_short_version() -> None:
    answer = ("the way their platform team rolls every single service through three separate "
              "staging environments before anything ever reaches production customers")
    assert reference_phrase(answer) == Refusal(RefusalReason.TOO_LONG)


def test_a_cut_answer_says_it_was_shortened() -> None:
    result = reference_phrase("their roadmap. Also we talked about my cat lol")
    assert result == Phrase("your roadmap", shortened=True)
    assert reference_phrase("their roadmap") == Phrase("your roadmap", shortened=False)


# (what was typed as the interviewer, the greeting name of each person; None: "Hello,")
INTERVIEWERS: list[tuple[str, list[str | None]]] = [
    ("Dr. Gonzalez", ["Dr. Gonzalez"]),
    ("dr gonzalez", ["Dr. Gonzalez"]),
    ("Dr. Maria Gonzalez", ["Dr. Gonzalez"]),
    ("jane", ["Jane"]),
    ("Jane Doe (eng manager)", ["Jane"]),
    ("the recruiter", [None]),
    ("HR", [None]),
    ("hiring manager", [None]),
    ("the panel", [None]),
    ("Priya, Tom and Lee", ["Priya", "Tom", "Lee"]),
    ("priya & tom", ["Priya", "Tom"]),
    ("Ms. Okafor", ["Ms. Okafor"]),
    ("ms okafor", ["Ms. Okafor"]),
    ("Prof. Smith", ["Prof. Smith"]),
    ("Jane Doe, Engineering Manager", ["Jane"]),
    ("Priya, Tom, and the recruiter", ["Priya", "Tom", None]),
    ("the recruiter, Anna", ["Anna"]),
    ("Anna the recruiter", ["Anna"]),
    ("Tom (CTO) and Sarah (VP Eng)", ["Tom", "Sarah"]),
    ("JANE DOE", ["Jane"]),
    ("jean-luc picard", ["Jean-Luc"]),
    ("o'brien", ["O'Brien"]),
    ("DeShawn Williams", ["DeShawn"]),
    ("@jane", ["Jane"]),
    ("Jane from HR", ["Jane"]),
    ("Kim Lee - Head of Data", ["Kim"]),
    ("Sarah and the hiring manager", ["Sarah", None]),
    ("Sam + Alex + Jo", ["Sam", "Alex", "Jo"]),
    ("Priya/Tom", ["Priya", "Tom"]),
    ("Mr. and Mrs. Smith", ["Mrs. Smith"]),
    ("idk", []),  # names nobody: the note says "Hello,"
    ("the CTO", [None]),
    # a sentence typed at the panel question names nobody (was "Dear Is,", "Dear Havent,")
    ("the team is 8 people", []),
    ("havent sent it yet", []),
    ("priya and tom & the team is 8 people", ["Priya", "Tom"]),
    # "Guy" is a first name before a surname (was "Hi Levi,"), a job word after an article
    ("Guy Levi", ["Guy"]),
    ("guy levi", ["Guy"]),
    ("Guy", ["Guy"]),
    ("Priya and Guy Levi (hiring manager)", ["Priya", "Guy"]),
    ("a guy from finance", [None]),
    ("some guy", [None]),
    # the name after "named" / "called" (was "Hi Named,")
    ("a guy named Tom", ["Tom"]),
    ("the recruiter, called sam", ["Sam"]),
    # "a senior dev" is a job (was greeted "Hi Dev,"); "Dev Patel" is Dev
    ("priya and a senior dev", ["Priya", None]),
    ("Dev Patel", ["Dev"]),
    ("dev patel", ["Dev"]),
]


@pytest.mark.parametrize(("typed", "names"), INTERVIEWERS)
def test_interviewer_names_are_read_by_the_documented_greeting_rule(
        typed: str, names: list[str | None]) -> None:
    assert [p.name for p in parse_interviewers(typed)] == names


def test_the_interviewer_table_has_at_least_twenty_strings_with_panels() -> None:
    assert len(INTERVIEWERS) >= 20
    assert sum(len(names) > 1 for _, names in INTERVIEWERS) >= 5


@pytest.mark.parametrize(("typed", "normalised", "subject"), [
    ("a marketing role", "marketing", "Marketing"),
    ("Software Engineer role", "Software Engineer", "Software Engineer"),
    ("the Data Analyst position", "Data Analyst", "Data Analyst"),
    ("an SRE job", "SRE", "SRE"),
    ("ux designer", "ux designer", "UX Designer"),
    ("Data Analyst at Acme", "Data Analyst", "Data Analyst"),
    ("summer internship", "summer internship", "Summer Internship"),
    ("sr. swe ii", "sr. swe ii", "Sr. SWE II"),  # was "Sr. Swe Ii"
    ("sde iii", "sde iii", "SDE III"),
])
def test_the_role_is_normalised_without_a_doubled_role_or_an_article(
        typed: str, normalised: str, subject: str) -> None:
    assert role_name(typed, "Acme") == normalised
    assert role_title(normalised) == subject


@pytest.mark.parametrize(("chosen", "profile", "signed"), [
    (None, "Ann Lee", "Ann Lee"),
    (None, "Priya 🌸", "Priya"),
    (None, "user_p3", None),
    (None, "U0123ABC", None),
    (None, "jdoe42", None),
    (None, "ann", None),  # a lowercase username, not a name
    (None, "jane.doe", None),
    (None, "12345", None),
    ("jane doe", "user_p3", "Jane Doe"),  # the name they set wins
    (None, None, None),
])
def test_the_signature_is_a_name_never_a_handle(chosen: str | None, profile: str | None,
                                                signed: str | None) -> None:
    assert signature_name(chosen, profile) == signed


@pytest.mark.parametrize(("answer", "phrase"), [
    ("ten years of platform work", "my ten years of platform work"),
    ("I bring 5 years of SQL and dashboards", "my 5 years of SQL and dashboards"),
    ("building data pipelines at scale", "my experience building data pipelines at scale"),
    ("a background in statistics", "a background in statistics"),
    ("sql and looker", "my SQL and Looker"),
    ("building dashboards and mentoring analysts",
     "my experience building dashboards and mentoring analysts"),
    ("sql, dashboards and being calm with stakeholders", None),  # nouns and a gerund
    ("python, and explaining numbers to non-technical people", None),
    ("I'm a hard worker", None),
    ("team player, passionate and detail oriented", None),
    ("hard work and passion lol", None),
    ("idk", None),
    # a list mixing stock phrases with specifics keeps the specifics; a result is told as
    # experience ("my led the migration" read nowhere)
    ("hard worker, led the migration to k8s that cut deploys from 2h to 10min",
     "my experience leading the migration to k8s that cut deploys from 2h to 10min"),
    ("hard worker and 5 years of python", "my 5 years of Python"),
    ("team player, sql and dashboards", "my SQL and dashboards"),
    ("motivated and I built a data platform used by 200 analysts",
     "my experience building a data platform used by 200 analysts"),
    ("led the migration to k8s", "my experience leading the migration to k8s"),
    ("I built the payments service and led a team of 4",
     "my experience building the payments service and leading a team of 4"),
    # a sentence about themselves among the items is left out, not pasted into the line
    # ("applying my stats background + I love messy data to problems like that")
    ("my stats background + i love messy data", "my stats background"),
    ("sql and i love dashboards", "my SQL"),
    # one "my" per item once the list starts with one ("my SQL and a stats background")
    ("sql and a stats background", "my SQL and my stats background"),
    # "I've" + what they did: the experience, never "my run Kafka", "my been a …"
    ("i've run kafka in prod for 3 years", "my experience running Kafka in prod for 3 years"),
    ("ive led teams of 6", "my experience leading teams of 6"),
    ("I have worked with dbt for years", "my experience working with dbt for years"),
    ("i've been a backend engineer for 5 years",
     "my experience as a backend engineer for 5 years"),
    ("i've been in fintech for 3 years", "my experience in fintech for 3 years"),
    ("i've been very lucky", None),
    ("honestly just my love for the product lol", "my love for the product"),
    ("idk my enthusiasm?", None),  # was "my idk my enthusiasm"
    ("analytics skills from 3 years at a bank",  # "an" was read in "analytics": no "my"
     "my analytics skills from 3 years at a bank"),
    ("a phd in statistics lol", "a PhD in statistics"),
    ("my background in customer success + sql", "my background in customer success and SQL"),
    # as written in a letter (was "my design systems and a11y, 5 yrs react" and "SAAS")
    ("design systems + a11y, 5 yrs react",
     "my design systems and a11y, and 5 years of React"),
    ("strong communication, 3 yrs in saas sales",
     "my strong communication and 3 years in SaaS sales"),
    ("sql, python, tableau", "my SQL, Python and Tableau"),
    ("1 yr of sql", "my 1 year of SQL"),
    # an adjective is no noun: the note said "how my passionate about marketing could help"
    ("im a hard worker and passionate about marketing", None),
    ("really good at social media", None),
    ("im creative and organised", None),
    ("experienced in b2b sales", "my experience in B2B sales"),
    ("familiar with looker", "my familiarity with Looker"),
    ("excel, sql and 3 yrs in logistics", "my Excel, SQL and 3 years in logistics"),  # was
    # "my Excel and SQL and 3 years in logistics"
])
def test_what_the_person_brings_is_used_only_when_it_is_specific(
        answer: str, phrase: str | None) -> None:
    assert bring_phrase(answer) == phrase


def request(**kw: object) -> NoteRequest:
    base: dict[str, object] = dict(
        company="Acme", seed=7, role="Data Analyst", interviewer="Jane Doe",
        references=("they told me about their Kafka migration",),
        bring="ten years of platform work", sender="Ann Lee")
    base.update(kw)
    return NoteRequest(**base)  # type: ignore[arg-type]


def test_a_title_and_level_typed_in_lowercase_read_as_written_in_the_note() -> None:
    """"Thank you - Sr. Swe Ii interview" and "about the sr. swe II role at AT&T"."""
    (note,) = compose(request(company="at&t", role="sr. swe ii"))
    assert note.subject == "Thank you - Sr. SWE II interview"
    assert "about the Sr. SWE II role at AT&T" in " ".join(note.body.split())


def test_a_note_has_a_subject_naming_the_role_a_greeting_the_reference_and_a_signature(
        ) -> None:
    (note,) = compose(request())
    assert note.subject == "Thank you - Data Analyst interview"
    assert note.text.startswith("Subject: Thank you - Data Analyst interview\n\nHi Jane,\n")
    assert "about your Kafka migration." in note.body
    assert "the Data Analyst role at Acme" in note.body
    assert "my ten years of platform work" in note.body
    assert note.body.endswith("\nAnn Lee")
    assert not note.needs_reference


@pytest.mark.parametrize("seed", range(40))
def test_every_email_is_between_100_and_180_words_and_the_card_is_short(seed: int) -> None:
    for bring in ("ten years of platform work", None):
        for situation in (Situation.FRESH, Situation.LATE, Situation.SENT):
            (note,) = compose(request(seed=seed, bring=bring, situation=situation))
            assert 100 <= len(note.body.split()) <= 180, note.body
            assert note.card is not None and len(note.card.split()) <= 70


def test_two_interviews_rarely_read_alike() -> None:
    bodies = {compose(request(seed=seed))[0].body for seed in range(20)}
    assert len(bodies) >= 15
    assert compose(request(seed=3))[0].body == compose(request(seed=3))[0].body


def test_a_panel_gets_one_note_each_with_what_that_person_discussed() -> None:
    notes = compose(request(interviewer="Priya, Tom and Lee", per_person={
        "Priya": "she showed me their feature store", "tom": "we talked about my thesis"}))
    assert [n.body.split("\n")[0] for n in notes] == ["Hi Priya,", "Hi Tom,", "Hi Lee,"]
    assert "your feature store" in notes[0].body
    assert "my thesis" in notes[1].body
    assert "your Kafka migration" in notes[2].body  # the shared answer for the others
    assert len({n.body.split("\n", 2)[2] for n in notes}) == 3  # each a little different


def test_no_usable_reference_gives_a_clearly_marked_slot_never_the_answer() -> None:
    for answer in ("idk", "salary range and start date", "they seemed disorganised", None):
        (note,) = compose(request(references=(answer,)))
        assert REFERENCE_SLOT in note.body and note.needs_reference
        assert "salary" not in note.body and "disorganised" not in note.body
        assert "idk" not in note.body


def test_the_interviewers_interest_is_the_reference_when_the_first_answer_is_unusable(
        ) -> None:
    (note,) = compose(request(references=("idk", "how they test their ETL jobs")))
    assert "how you test your ETL jobs" in note.body


def test_a_late_note_says_so_kindly() -> None:
    (fresh,) = compose(request(seed=1))
    (late,) = compose(request(seed=1, situation=Situation.LATE))
    assert fresh.body != late.body
    assert re.search(r"later than I (?:intended|meant to)|some time has passed", late.body)


def test_after_a_rejection_the_reply_asks_for_feedback_and_leaves_the_door_open() -> None:
    for seed in range(6):
        (note,) = compose(request(seed=seed, situation=Situation.REJECTED))
        assert "look forward to hearing about the next steps" not in note.body
        assert "feedback" in note.body
        assert "future" in note.body
        assert note.card is None
        assert REFERENCE_SLOT not in note.body  # a gracious reply needs no reference
        # "Thank you for letting me know about the role at Acme" read as if they had
        # told the candidate about the job, not about their decision
        assert "letting me know about" not in note.body
    (with_ref,) = compose(request(seed=1, situation=Situation.REJECTED))
    assert "your Kafka migration" in with_ref.body


def test_a_recruiter_screen_gets_a_shorter_note() -> None:
    (normal,) = compose(request(seed=2))
    (screen,) = compose(request(seed=2, interview_type="recruiter_screen"))
    (to_recruiter,) = compose(request(seed=2, interviewer="the recruiter"))
    assert len(screen.body.split()) < len(normal.body.split())
    assert to_recruiter.body == screen.body.replace("Hi Jane,", "Hello,")


def test_a_recruiter_note_without_a_role_says_the_role_once() -> None:
    """"…about the role at Wayne Enterprises. It was good to learn more about the role and
    the team." said it twice in two sentences."""
    for seed in range(12):
        (note,) = compose(request(seed=seed, role=None, interviewer="the recruiter"))
        thanks = note.body.split("\n\n")[1]
        assert thanks.count("the role") <= 1, thanks


def test_a_first_note_never_thanks_them_again() -> None:
    """A recruiter screen's note could open "Thanks again for taking the time…": there was
    no earlier thanks to repeat. "Again" may only follow a thanks in the same note."""
    for seed in range(40):
        for kind in ("recruiter_screen", None):
            (note,) = compose(request(seed=seed, interview_type=kind))
            first = note.body.split("\n\n")[1]
            assert "again" not in first.lower(), first
            before = note.body.lower().split("again")[0]
            assert "again" not in note.body.lower() or "thank" in before, note.body


def test_without_a_usable_name_the_note_has_no_name_line() -> None:
    (note,) = compose(request(sender=None))
    assert note.body.rstrip().endswith(",")
    assert "[your name]" not in note.body


def test_without_a_role_the_subject_names_the_company() -> None:
    (note,) = compose(request(role=None))
    assert note.subject == "Thank you - Acme interview"
    assert "the role at Acme" in note.body
    (doubled,) = compose(request(role="a marketing role"))
    assert "the marketing role at Acme" in doubled.body and "role role" not in doubled.body


FACTS = ["the team is 6 people", "the team being 6 people", "3 rounds left",
         "the company has 200 engineers", "they are a team of 6", "the role is remote",
         "there's a lot of legacy code", "the role reports to the CTO"]


@pytest.mark.parametrize("answer", FACTS)
def test_a_plain_fact_is_said_as_something_heard_not_as_a_flat_topic(answer: str) -> None:
    for seed in range(6):
        for bring in ("ten years of platform work", None):
            (note,) = compose(request(seed=seed, references=(answer,), bring=bring))
            assert " being " not in note.body and " having " not in note.body
            assert "conversation about" not in note.body, note.body
            assert re.search(r"(?:hear|learn) that (?:the|there|you)", note.body), note.body
            # no line about "that work" or "challenges like that" after a fact
            assert "challenge" not in note.body and "that work" not in note.body
            # neutral: "good to hear that there's a lot of legacy code" reads as irony
            assert "good to hear" not in note.body and "glad to learn" not in note.body
            assert 100 <= len(note.body.split()) <= 180, note.body
            assert note.card is not None and re.search(r"(?:hear|learn) that ", note.card)


def test_a_fact_in_a_sentence_reads_as_one() -> None:
    (note,) = compose(request(seed=1, references=("the team being 6 people",), bring=None))
    assert "that the team is 6 people." in note.body
    (note,) = compose(request(seed=1, references=("3 rounds left",), bring=None))
    assert "that there are 3 rounds left." in note.body
    (note,) = compose(request(seed=1, references=("the office is in berlin",), bring=None))
    assert "about the office in Berlin" in note.body


def test_a_place_or_something_happening_stays_a_topic() -> None:
    for answer, topic in (("the office is in berlin", "the office in Berlin"),
                          ("they use kafka", "how you use Kafka")):
        result = reference_phrase(answer)
        assert result == Phrase(topic), result


def test_the_follow_up_email_and_the_question_example_say_a_fact_as_one() -> None:
    interview = Interview(user_id=1, company="Acme", happens_at=datetime(2026, 1, 5, tzinfo=UTC),
                          logged_at=datetime(2026, 1, 5, tzinfo=UTC), id=3,
                          answers={"reference": "the team being 6 people"})
    body = follow_up_email(interview, sender="Ann", number=1).body
    assert "that the team is 6 people, and I" in body and " being " not in body
    # "What's the hardest part of the team is 6 people?" would not be a question
    assert "6 people" not in own_question(interview.answers)


def test_a_mixed_list_of_what_you_bring_reaches_the_note_without_the_stock_phrase() -> None:
    (note,) = compose(request(bring="hard worker, led the migration to k8s that cut deploys "
                                    "from 2h to 10min"))
    assert "my experience leading the migration to k8s that cut deploys from 2h to 10min" \
        in note.body
    assert "hard worker" not in note.body


def test_a_sentence_at_the_panel_question_adds_no_note_to_nobody() -> None:
    notes = compose(request(interviewer="priya and tom & the team is 8 people"))
    assert [n.body.split("\n")[0] for n in notes] == ["Hi Priya,", "Hi Tom,"]


@pytest.mark.parametrize(("typed", "phrase"), [
    ("we talked about AI a lot 🤖", "AI"),  # was "our conversation about AI a lot"
    ("their use of llms for support tickets", "your use of LLMs for support tickets"),
    ("their ios app and the q3 roadmap", "your iOS app and the Q3 roadmap"),
])
def test_how_much_they_talked_and_how_things_are_spelled(typed: str, phrase: str) -> None:
    assert reference_phrase(typed) == Phrase(phrase)


@pytest.mark.parametrize("company", ["Yahoo!", "Acme Inc."])
@pytest.mark.parametrize("situation", [Situation.FRESH, Situation.REJECTED])
def test_a_company_ending_in_its_own_mark_ends_a_sentence_once(
        company: str, situation: Situation) -> None:
    """"…the role at Yahoo!. I appreciated …" and "at Acme Inc.." read as typos."""
    for seed in range(12):
        for note in compose(request(company=company, seed=seed, situation=situation)):
            for text in (note.body, note.card or ""):
                assert "!." not in text and ".." not in text, text


def test_a_follow_up_ends_a_sentence_after_such_a_company_once() -> None:
    for number in (1, 2):
        interview = Interview(user_id=1, company="Yahoo!", id=number,
                              happens_at=datetime(2026, 1, 5, tzinfo=UTC),
                              logged_at=datetime(2026, 1, 5, tzinfo=UTC),
                              answers={"reference": "their roadmap"})
        body = follow_up_email(interview, sender="Ann", number=number).body
        assert "at Yahoo! " in body and "!." not in body, body
