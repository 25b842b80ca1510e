"""The tip library: short, concrete interview tips, each tagged with its area.

``TIPS`` is what channels get on a schedule; its order is stored (``TipPost.tip_index``),
so tips are only ever appended. ``TYPE_TIPS`` adds, per kind of interview, one tip for each
area, for tips given to a person about their own interview (:func:`tip_for_interview`).
"""

from __future__ import annotations

from bot.model import Area, InterviewType

__all__ = ["TIPS", "TYPE_TIPS", "TYPE_WORDS", "tip_for_interview"]

TIPS: tuple[tuple[Area, str], ...] = (
    (Area.STAND_OUT, "Prepare three stories in the form problem, action, result - with a "
     "number in each result. Stories are what interviewers repeat to each other."),
    (Area.STAND_OUT, "Decide before you walk in the one sentence you want them to say about "
     "you afterwards, and steer one answer towards it."),
    (Area.STAND_OUT, "Answer \"tell me about yourself\" in 60 seconds: present, past, and why "
     "this role is the obvious next step."),
    (Area.STAND_OUT, "Bring something concrete: a one-page plan for your first 90 days, a "
     "portfolio piece, or a quick idea about their product."),
    (Area.STAND_OUT, "When you describe team results, say clearly what YOU did. \"We\" is "
     "generous; \"I\" is memorable."),
    (Area.STAND_OUT, "Close with a short summary of why you fit: two strengths that match "
     "their two biggest needs."),
    (Area.STAND_OUT, "Practise your stories out loud once. The second telling is always "
     "tighter than the first."),
    (Area.STAND_OUT, "Show curiosity about their problem, not just their perks: ask what a "
     "great first year in the role looks like."),
    (Area.FOLLOW_UP, "Send your thank-you note within 24 hours, while the conversation is "
     "fresh for both of you. If that has passed, a late note still beats none."),
    (Area.FOLLOW_UP, "Mention one specific thing you discussed in your thank-you note. It "
     "proves you listened and jogs their memory of you."),
    (Area.FOLLOW_UP, "Right after the interview, write down the interviewer's name and the "
     "two things you talked about most - your note will write itself."),
    (Area.FOLLOW_UP, "Keep the thank-you short: thanks, one specific reference, one line on "
     "what you'd bring, and a friendly close."),
    (Area.FOLLOW_UP, "Interviewed with several people? Send each a short, different note."),
    (Area.FOLLOW_UP, "If they said they'd decide by a date and it passes, a polite check-in "
     "two business days later is fine."),
    (Area.FOLLOW_UP, "Forgot something important in the interview? The thank-you note is "
     "the place for one short sentence about it."),
    (Area.FOLLOW_UP, "Ask at the end of the interview what the next steps and timeline are, "
     "so you know when to follow up."),
    (Area.PROFESSIONAL, "Be warm, but keep small talk to a minute or two and let the "
     "interviewer set the pace."),
    (Area.PROFESSIONAL, "If the chat drifts to personal topics, enjoy it briefly, then link "
     "it back to the role."),
    (Area.PROFESSIONAL, "Never criticise a former employer. Say what you learned and what "
     "you're looking for instead."),
    (Area.PROFESSIONAL, "Match their tone, one notch more formal. You're aiming to be "
     "personable, not their new friend."),
    (Area.PROFESSIONAL, "On video calls, test your setup 15 minutes early and look at the "
     "camera when you make your key points."),
    (Area.PROFESSIONAL, "Keep salary talk for when they raise it, or for the final stages - "
     "and know your range before anyone asks."),
    (Area.PROFESSIONAL, "Arrive (or log in) five minutes early - not twenty. Early is keen; "
     "too early is awkward."),
    (Area.PROFESSIONAL, "If you don't know an answer, say how you'd find out. Honesty with "
     "a plan beats a bluff."),
    (Area.PREPARED, "Research checklist: the company's recent news, the industry's biggest "
     "challenge, the job description line by line, and the interviewer's profile."),
    (Area.PREPARED, "Bring two questions only you could ask, built on something you found "
     "in your research."),
    (Area.PREPARED, "Map each requirement in the job description to one example from your "
     "experience before the interview."),
    (Area.PREPARED, "Look up the interviewer: their role, how long they've been there, "
     "anything they've written or presented."),
    (Area.PREPARED, "Know the company's product well enough to say what you'd improve first "
     "- and why."),
    (Area.PREPARED, "Good questions to ask: what does success look like in six months? "
     "What's the team's biggest challenge right now?"),
    (Area.PREPARED, "Read a couple of recent reviews from employees and customers; they tell "
     "you what to ask about."),
    (Area.PREPARED, "Prepare your answer to \"why this company?\" with a reason that "
     "wouldn't fit their competitor."),
    (Area.RIGHT_JOBS, "Before applying, list the role's top five requirements and mark the "
     "ones you clearly meet. Three or more is a good sign."),
    (Area.RIGHT_JOBS, "Write down what you bring to the table in three bullet points, and "
     "look for roles where all three matter."),
    (Area.RIGHT_JOBS, "If you keep reaching final rounds but not offers, check the seniority "
     "level of the roles you're applying to."),
    (Area.RIGHT_JOBS, "Your skills may be worth more in a neighbouring field: list two "
     "industries that face the problems you've solved."),
    (Area.RIGHT_JOBS, "Track fit against outcomes: if low-fit applications rarely call back, "
     "spend that time on fewer, better-fitting ones."),
    (Area.RIGHT_JOBS, "Consider location: a role in another city, or remote, may fit better "
     "than the one next door."),
    (Area.RIGHT_JOBS, "Ask in the interview what the hardest part of the job is - and be "
     "honest with yourself about whether you want it."),
    (Area.RIGHT_JOBS, "Tailor your CV's top third to each role; if you can't, it may not be "
     "the right job."),
)

# How a kind of interview is named in a sentence ("your technical interview at Acme").
TYPE_WORDS: dict[InterviewType, str] = {
    InterviewType.RECRUITER: "recruiter screen",
    InterviewType.TECHNICAL: "technical interview",
    InterviewType.PANEL: "panel interview",
    InterviewType.FINAL: "final round",
}

TYPE_TIPS: dict[InterviewType, dict[Area, str]] = {
    InterviewType.RECRUITER: {
        Area.STAND_OUT: "The recruiter sums you up for the hiring manager in a line or two. "
                        "Hand them that line: one result of yours, with a number in it.",
        Area.FOLLOW_UP: "After a recruiter screen, a short thank-you to the recruiter is "
                        "enough: two or three lines, one thing you talked about, and that you "
                        "look forward to the next step.",
        Area.PROFESSIONAL: "Recruiters often ask about pay early. Give a range you have "
                           "researched rather than one number, and ask what the role's range "
                           "is.",
        Area.PREPARED: "For a recruiter screen, have three answers ready: why this role, the "
                       "range you're looking for, and when you could start.",
        Area.RIGHT_JOBS: "Use the screen to check the fit too: ask what the hiring manager "
                         "most needs from this hire in the first six months.",
    },
    InterviewType.TECHNICAL: {
        Area.STAND_OUT: "In a technical interview, think out loud: your first idea, its "
                        "trade-off, and how you'd test it. They score how you reason, not "
                        "only the answer.",
        Area.FOLLOW_UP: "In the thank-you after a technical round, name the problem you "
                        "worked on together and one thing you'd add with more time.",
        Area.PROFESSIONAL: "Stuck on a technical question? Say what you'd try next and ask "
                           "one clarifying question - a visible plan is easier to score than "
                           "silence.",
        Area.PREPARED: "Ask the recruiter what format the technical round takes (live "
                       "coding, system design, take-home) and practise that format once, "
                       "out loud.",
        Area.RIGHT_JOBS: "Note which technical topics came up. If they're far from what you "
                         "do best, that tells you about the fit, not only what to study.",
    },
    InterviewType.PANEL: {
        Area.STAND_OUT: "A panel compares notes afterwards. Give each person one specific "
                        "example they can bring to that discussion.",
        Area.FOLLOW_UP: "After a panel, send each person a short note of their own that names "
                        "something they asked - not one note copied to all.",
        Area.PROFESSIONAL: "On a panel, answer the person who asked, then bring the others in "
                           "with a look or their name - each of them is scoring you.",
        Area.PREPARED: "Before a panel, look up each person, guess their angle (manager, "
                       "peer, partner team) and prepare one question for each.",
        Area.RIGHT_JOBS: "Watch how the panel members talk to each other: it's your clearest "
                         "look at the team you'd join.",
    },
    InterviewType.FINAL: {
        Area.STAND_OUT: "In a final round, link your stories to what earlier interviewers "
                        "cared about - it shows you listened through the whole process.",
        Area.FOLLOW_UP: "After a final round, thank each person you met with a short note, "
                        "and say in one line why you want this job.",
        Area.PROFESSIONAL: "Lunches and informal chats in a final round still count. Stay "
                           "friendly, and keep to work and the role.",
        Area.PREPARED: "Before a final round, reread your notes from earlier rounds: what "
                       "they asked, what interested them most, and who you'll meet now.",
        Area.RIGHT_JOBS: "Before the final round, write down what would make you say yes to "
                         "an offer, so you can ask about it while you still can.",
    },
}


def tip_for_interview(area: Area, interview_type: InterviewType | None, count: int = 0
                      ) -> tuple[str, bool]:
    """A tip in ``area`` for a person whose interview is of ``interview_type``, and whether
    it is that type's own. ``count`` rotates: the type's tip on even counts, the general
    tips in turn on odd ones, so asking again never repeats the tip just given."""
    general = [text for a, text in TIPS if a is area]
    own = TYPE_TIPS.get(interview_type, {}).get(area) if interview_type else None
    if own is None:
        return general[count % len(general)], False
    if count % 2 == 0:
        return own, True
    return general[(count // 2) % len(general)], False
