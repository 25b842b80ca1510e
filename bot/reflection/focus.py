"""The summary's "One thing to focus on", worded for the kind of interview it was.

The area is chosen by impact (``bot.reflection.summary.choose_focus``); this module only
says it. Advice that differs by kind is kind-specific ("come prepared" after a recruiter
screen means the three answers every screen asks for; after a technical round it means
practising the round's format). Each (kind, area) has three phrasings, chosen like the
general ones by how many interviews the person has logged, so two interviews in a row never
read the same. The points follow ``bot.tips.library.TYPE_TIPS`` (same facts, said as a next
step after this interview). A kind without phrasings for an area (recruiter screens ask no
fit question, technical rounds no small-talk one, "something else") uses the general ones.

Placeholders: ``{said}`` (a sentence quoting what they typed), ``{example}`` (a question
only they could ask), and for follow-up ``{deadline}``, ``{mention}`` and ``{to}`` (who
the note goes to).
"""

from __future__ import annotations

from bot.model import Area, InterviewType

__all__ = ["FOLLOW_UP_BY_TYPE", "LATE_BY_TYPE", "TIPS_BY_TYPE"]

_R, _T, _P, _F = (InterviewType.RECRUITER, InterviewType.TECHNICAL, InterviewType.PANEL,
                  InterviewType.FINAL)

# While the 24 hours are open and the note is not sent.
FOLLOW_UP_BY_TYPE: dict[InterviewType, tuple[str, ...]] = {
    _R: ("Send {to} a short note before {deadline}{mention} - after a screen, two or three "
         "lines is plenty, and it keeps you in mind when they brief the hiring manager. "
         "Your draft is below.",
         "Before {deadline}, a two-line thank-you to {to}{mention} is all a screen needs. "
         "Recruiters pass candidates on, and a quick note makes you an easy one to put "
         "forward. Your draft is below.",
         "A quick note to {to} before {deadline}{mention}: recruiters talk to many people a "
         "day, and the ones who write back stand out. Your draft is below."),
    _T: ("Send it before {deadline}{mention}. After a technical round, one extra line on how "
         "you'd take the problem further shows you're still thinking about it. Your draft "
         "is below.",
         "The 24 hours run until {deadline}: a short note{mention} now, plus one sentence on "
         "what you'd add to your technical answer with more time. Your draft is below.",
         "Before {deadline}, send the note{mention} - few candidates write after a "
         "technical round, so it sets you apart. Your draft is below."),
    _P: ("Before {deadline}, send {to} a short note of their own{mention} - a panel "
         "compares notes, and one copied note shows. {drafts}",
         "The 24 hours run until {deadline}. After a panel, give {to} a few lines of "
         "their own{mention}: each of them has a say in the decision. {drafts}",
         "Before {deadline}, thank {to} separately{mention} - everyone on a panel has a say "
         "in the decision, and they compare what they heard. {drafts}"),
    _F: ("Send it before {deadline}{mention}; add one line on why you want this job - "
         "after a final round, wanting it counts. Your draft is below.",
         "The 24 hours run until {deadline}. After a final round, thank each person you "
         "met{mention}, and say in one sentence why you want the role. Your draft is below.",
         "Before {deadline}, send the note{mention} - decisions after a final round come "
         "quickly, so today matters. Your draft is below."),
}

# The 24 hours have passed and the note is not sent.
LATE_BY_TYPE: dict[InterviewType, tuple[str, ...]] = {
    _R: ("A short late note to {to} is still worth it: two lines, and that you look forward "
         "to the next step. Next time, send it the same day as the screen.",
         "The 24 hours have passed, but a recruiter reads a late two-line note in seconds - "
         "send it today. Next screen, write it that evening.",
         "Send {to} a brief note today anyway. For the next screen, put a reminder in for "
         "that evening."),
    _T: ("A late note still helps: thank them and add one line on how you'd improve your "
         "solution. After the next technical round, send it within 24 hours.",
         "The 24 hours have passed - a short note today still helps. Next technical round, "
         "write it that evening, while the problem is fresh for both of you.",
         "A late note is still worth sending. After your next technical interview, send it "
         "the same day and name the problem you worked on together."),
    _P: ("A late note to each person on the panel still helps - keep each to a few lines. "
         "Next time, send them within 24 hours.",
         "The 24 hours have passed, but short notes to {to} today still help. After the next "
         "panel, write them that evening.",
         "Send each panel member a brief note today anyway. Next panel, note who asked what "
         "during the interview - the notes then write themselves."),
    _F: ("Send a short note today anyway - after a final round the decision is close, and "
         "one line on why you want the job can still count. Next time, send it within 24 "
         "hours.",
         "The 24 hours have passed, but a final round is worth a late note: thanks, and one "
         "sentence on why you want the role. Next time, send it that evening.",
         "A late note after a final round still beats none. For the next one, put a reminder "
         "in for that evening."),
}

TIPS_BY_TYPE: dict[InterviewType, dict[Area, tuple[str, ...]]] = {
    _R: {
        Area.STAND_OUT: (
            "{said} The recruiter sums you up for the hiring manager in a line or two. "
            "Before your next screen, write that line yourself: one result, with a number "
            "in it.",
            "{said} Next screen, give the recruiter one story they can retell in a sentence "
            "(\"cut reporting time from 3 days to 4 hours\") - that's what gets passed "
            "on.",
            "{said} Recruiters talk to many people a day. Open your next \"tell me about "
            "yourself\" with one result and its number, so yours is the screen they "
            "remember.",
        ),
        Area.PREPARED: (
            "{said} For the next screen, have three answers ready - why this role, the pay "
            "range you're after, and when you could start - plus one question of your own, "
            "like {example}",
            "{said} Recruiters know what the hiring manager wants: next screen, ask what "
            "this hire most needs to do in the first six months, or something only you "
            "could ask, like {example}",
            "{said} Before your next screen, read the posting line by line and bring two "
            "questions about the role itself, such as {example}",
        ),
        Area.PROFESSIONAL: (
            "{said} Recruiter calls feel casual, but they're still an interview - keep it "
            "friendly and bring it back to the role within a minute.",
            "{said} When a screen gets chatty, answer briefly and steer back with a "
            "question about the role or the team.",
            "{said} Keep one bridge line ready for your next screen (\"Speaking of which, "
            "what does the team need most right now?\") to turn small talk back to the job.",
        ),
    },
    _T: {
        Area.STAND_OUT: (
            "{said} In your next technical round, think out loud: your first idea, its "
            "trade-off and how you'd test it. How you reason is what they write down.",
            "{said} Before the next technical interview, pick one thing you built and "
            "practise explaining one hard decision in it, with its numbers - that sets you "
            "apart from people who only solve the exercise.",
            "{said} Next technical round, when you finish a problem, say in one sentence "
            "what you'd change for real traffic or real users. They remember the candidate "
            "who looks past the exercise.",
        ),
        Area.PREPARED: (
            "{said} Before the next technical round, ask the recruiter its format (live "
            "coding, system design, take-home) and practise that format once, out loud. "
            "Bring one question about how they build things, like {example}",
            "{said} Before your next technical interview, spend 20 minutes on their "
            "engineering blog or docs and bring a question about their work, such as "
            "{example}",
            "{said} Practise two problems in the technical format they use, out loud and "
            "timed, and keep a few minutes at the end for a question only you could ask, "
            "like {example}",
        ),
        Area.RIGHT_JOBS: (
            "{said} Note which technical topics came up. If they're far from what you do "
            "best, that tells you about the fit, not only about what to study.",
            "{said} List the skills this technical round tested and mark the ones you use "
            "every day. Roles that test mostly your strengths are the ones to chase.",
            "{said} If the technical problems were far from your strengths, look for teams "
            "working on what you've already built - your experience counts for more there.",
        ),
    },
    _P: {
        Area.STAND_OUT: (
            "{said} A panel compares notes afterwards. Next time, give each person one "
            "specific example - a story with a result - to bring to that discussion.",
            "{said} Before your next panel, match one story to each person's angle "
            "(manager, peer, partner team), so everyone leaves with something of yours to "
            "repeat.",
            "{said} On your next panel, end one answer with a number (\"…and it cut support "
            "tickets by a third\") - it's what they'll quote to each other afterwards.",
        ),
        Area.PREPARED: (
            "{said} Before your next panel, look up each person, guess their angle (manager, "
            "peer, partner team) and prepare one question for each, like {example}",
            "{said} Next panel, bring one question per person, aimed at their part of the "
            "work. One only you could ask: {example}",
            "{said} Ask for the panel's names ahead of time and read up on each; a question "
            "that shows it, like {example}, is what a panel remembers.",
        ),
        Area.PROFESSIONAL: (
            "{said} On a panel, a side chat with one person leaves the others out - answer "
            "briefly, then bring everyone back to the role.",
            "{said} With a whole panel listening, keep personal talk short and link it to "
            "the work (\"That reminds me of how your team…\").",
            "{said} Next panel, when the chat drifts, bring the others in by name with a "
            "question about the work - each of them is scoring you.",
        ),
        Area.RIGHT_JOBS: (
            "{said} Think back to how the panel talked to each other - it's your clearest "
            "look at the team you'd join, and whether you'd want to.",
            "{said} Write down what each panel member needs from this hire and mark the "
            "ones you clearly meet. Three or more is a good sign.",
            "{said} The panel showed you the people you'd work with. If the fit still feels "
            "low, favour roles where you clearly bring something.",
        ),
    },
    _F: {
        Area.STAND_OUT: (
            "{said} In your next final round, link your stories to what earlier "
            "interviewers cared about - it shows you listened through the whole process.",
            "{said} At the final stage they're comparing a few strong people. Next time, "
            "have the one result only you can claim ready, with its number, and tell it "
            "early.",
            "{said} Next final round, close with two sentences: the two things the team "
            "needs most, and the result of yours that matches each.",
        ),
        Area.PREPARED: (
            "{said} Before your next final round, reread your notes from the earlier rounds "
            "- what they asked, what interested them - and build two questions on them, "
            "like {example}",
            "{said} In a final round, your questions show how seriously you're weighing "
            "the job. Bring ones that follow on from earlier rounds, such as {example}",
            "{said} Next time, ask who you'll meet in the final round, look each person up, "
            "and bring a question only you could ask, like {example}",
        ),
        Area.PROFESSIONAL: (
            "{said} Lunches and informal chats in a final round still count. Stay friendly, "
            "and keep to the work and the role.",
            "{said} By the final round it's easy to relax - be warm, but save the personal "
            "stories for after the offer.",
            "{said} Keep one bridge line ready (\"Speaking of which, how does the team…\") "
            "for the informal moments of your next final round.",
        ),
        Area.RIGHT_JOBS: (
            "{said} After a final round, write down what would make you say yes to an "
            "offer, so you can ask about it while you still can.",
            "{said} At the final stage, check the fit both ways: list three things you'd "
            "need from this job and ask about any you're unsure of before you decide.",
            "{said} A low fit after a final round is worth listening to: write down what's "
            "missing, and whether an offer could make up for it.",
        ),
    },
}
