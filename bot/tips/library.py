"""The tip library: short, concrete interview tips, each tagged with its area."""

from __future__ import annotations

from bot.model import Area

__all__ = ["TIPS"]

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
    (Area.FOLLOW_UP, "Send your thank-you note within 24 hours. After that it reads as an "
     "afterthought."),
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
