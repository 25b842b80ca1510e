"""The sentences a thank-you note is built from: several phrasings of each, so that two
interviews rarely produce the same note. Placeholders: {role} ("the Data Analyst role"),
{company}, {ref} (the reference phrase), {bring} (what the person brings, as a noun phrase).

Every phrasing must read right with any role, company and reference, promise nothing the
person did not say, and stay polite to someone who may have just rejected them.
"""

from __future__ import annotations

__all__ = [
    "BRING_ABOUT_COMPANY",
    "BRING_ABOUT_INTEREST",
    "BRING_ABOUT_ME",
    "BRING_ABOUT_THEM",
    "BRING_NEUTRAL",
    "CARD",
    "CLOSE",
    "FACT_BRING",
    "FACT_NO_BRING",
    "FACT_REFERENCE",
    "INTEREST",
    "LATE_THANKS",
    "NO_BRING_ABOUT_COMPANY",
    "NO_BRING_ABOUT_INTEREST",
    "NO_BRING_ABOUT_ME",
    "NO_BRING_ABOUT_THEM",
    "NO_BRING_NEUTRAL",
    "RECRUITER_CLOSE",
    "RECRUITER_THANKS",
    "REFERENCE",
    "REJECTED_CLOSE",
    "REJECTED_FEEDBACK",
    "REJECTED_THANKS",
    "SIGN_OFF",
    "THANKS",
]

THANKS = (
    "Thank you for taking the time to speak with me about {role} at {company}. It was good "
    "to learn more about the team and the work ahead of it.",
    "Thank you for meeting with me to talk about {role} at {company}. I appreciated the time "
    "you gave me and how much I learned about the work and the team.",
    "Thank you for the chance to talk with you about {role} at {company}. It was a pleasure "
    "to meet you and to hear more about what the team is working on.",
    "I'm grateful for the time you spent with me discussing {role} at {company}. It was good "
    "to get a real sense of the work and what matters to the team.",
)
LATE_THANKS = (
    "I wanted to thank you for taking the time to speak with me about {role} at {company}. "
    "This note comes a little later than I intended, but I didn't want to let it go unsaid.",
    "Although some time has passed since we spoke, I wanted to thank you for meeting with me "
    "about {role} at {company}. I appreciated the time you gave me.",
    "I'm writing, a little later than I meant to, to thank you for meeting with me to "
    "discuss {role} at {company}. I enjoyed learning more about the team and its work.",
)
REFERENCE = (
    "I especially enjoyed our conversation about {ref}.",
    "I particularly enjoyed talking with you about {ref}.",
    "Our conversation about {ref} has stayed with me since.",
    "I keep coming back to our conversation about {ref}.",
)
# A reference that is a plain fact ("the team is 6 people", "there are 3 rounds left"):
# said as something heard, since "our conversation about the team being 6 people" reads flat.
# The lines after it thank for the telling: "it is the kind of challenge I'd enjoy" would
# not fit "there are 3 rounds left".
# Neutral on purpose: "good to hear that there's a lot of legacy code" would read as irony.
FACT_REFERENCE = (
    "It was helpful to hear that {fact}.",
    "I was interested to learn that {fact}.",
    "It was useful to hear that {fact}.",
)
FACT_NO_BRING = (
    "I appreciated you taking the time to explain it.",
    "It helped me picture the role more clearly.",
)
FACT_BRING = (
    "It helped me picture where {bring} could be useful.",
    "It gave me a clearer idea of where {bring} would fit in.",
)
# The line after the reference, when it was work on their side ("your Kafka migration",
# "your API"): nothing that calls it a problem, and {bring} last or before a verb,
# since it may end in "to …" itself ("apply my 4 years of shipping models to prod to
# problems like that" read badly).
BRING_ABOUT_THEM = (
    "It is the kind of work where I could make good use of {bring}.",
    "It made me think about where {bring} could help.",
    # "that work", not "it": after two topics ("your move to Go and how on-call works")
    # "work on it" leaves the reader guessing which
    "Since then I've been thinking about how I could help with that work, drawing on {bring}.",
    "I'd welcome the chance to be part of that work, drawing on {bring}.",
)
NO_BRING_ABOUT_THEM = (
    "It gave me a clear picture of the work, and it is work I would like to take on.",
    "It is the part of the role I would most look forward to.",
    "It is the kind of work I'd be keen to take on, and I'd like to hear more about how you "
    "approach it.",
    "Hearing about it made the role feel like a natural fit for me.",
)
# ... when it was about the company itself ("your brand", "your mission", "the new store"):
# something to believe in, not a task to "work on".
BRING_ABOUT_COMPANY = (
    "It gave me a real sense of what matters at {company}, and of where {bring} could "
    "fit in.",
    "It left me thinking about where {bring} could fit in at {company}.",
)
NO_BRING_ABOUT_COMPANY = (
    "It gave me a real sense of what matters at {company}.",
    "It told me a lot about what {company} cares about.",
)
# ... when it was a personal interest they talked about ("hiking", "football"): common
# ground, kept brief, and the skill said on its own, never tied to the hobby.
BRING_ABOUT_INTEREST = (
    "It was good to find some common ground, and I hope I also showed where {bring} "
    "could help.",
    "It was nice to find something in common, and I hope you also saw what {bring} could "
    "add.",
)
NO_BRING_ABOUT_INTEREST = (
    "It was good to find some common ground, and it made the rest of the conversation "
    "feel easy.",
    "It was nice to find something we have in common outside of work as well.",
)
# ... when we cannot tell what it was ("Berlin", "the offsite"): true whatever it was.
BRING_NEUTRAL = (
    "I hope I was able to show where {bring} could help.",
    "I hope it came across how {bring} could help.",
)
NO_BRING_NEUTRAL = (
    "It was good to hear your take on it, and to get a feel for how things are seen at "
    "{company}.",
    "I appreciated hearing your perspective on it, and it gave me a better sense of "
    "{company}.",
)
# ... and when it was about the person ("my side project").
BRING_ABOUT_ME = (
    "I hope it showed how {bring} could help your team.",
    "I hope it gave you a sense of how {bring} would carry over to this role.",
)
NO_BRING_ABOUT_ME = (
    "I hope it gave you a good sense of how I work.",
    "I hope it gave you a clear picture of how I approach my work.",
)
INTEREST = (
    "I left even more interested in joining {company}, and I believe I could make a real "
    "contribution there.",
    "Everything I heard made me more certain that I would like to be part of {company}, and "
    "that the role is a good match for what I do best.",
    "I came away even more enthusiastic about the role and about {company}, and about "
    "working with the people I met.",
    "Our meeting confirmed how much I would like to contribute at {company}, and how much I "
    "could learn from the people there.",
)
CLOSE = (
    "Please let me know if there is anything else I can share, such as examples of my work. "
    "I look forward to hearing about the next steps.",
    "If it would help to see more of my work, I would be happy to send it. I look forward to "
    "hearing from you.",
    "Thank you again for your time, and please let me know if I can provide anything else in "
    "the meantime. I look forward to hearing about the next steps.",
    "If any other questions come up, or you would like to see examples of my work, I'd be "
    "glad to help. I look forward to hearing from you.",
)
# "All the best," reads as a goodbye, not as someone hoping to hear back.
SIGN_OFF = ("Best regards,", "Kind regards,", "With thanks,", "Warm regards,")

RECRUITER_THANKS = (
    "Thank you for the call about {role} at {company}. I appreciated your time and the "
    "chance to learn more about the team and the work.",
    "Thank you for speaking with me about {role} at {company}. It was good to learn more "
    "about the team and what the work involves.",
    "Thank you for taking the time to talk with me about {role} at {company} - it was a "
    "helpful first conversation.",
)
RECRUITER_CLOSE = (
    "I'm very interested in moving forward and happy to send anything that would help for "
    "the next stage. I look forward to hearing from you.",
    "The role sounds like a strong match for me, and I'd be glad to take the next step. "
    "Please let me know if you need anything else from me.",
)

REJECTED_THANKS = (
    "Thank you for letting me know your decision about {role} at {company}. While I'm "
    "disappointed, I'm grateful for the time you spent with me.",
    "Thank you for getting back to me about {role} at {company}. Of course I'm disappointed, "
    "but I appreciated the chance to meet you and learn about the team.",
    "Thank you for letting me know how things stand with {role} at {company}, and for the "
    "time you gave me during the process.",
)
REJECTED_FEEDBACK = (
    "If you have a few minutes, I would be grateful for any brief feedback on my interview - "
    "it would help me as I keep looking.",
    "If you are able to share it, I would value any short feedback on where I could have "
    "been stronger.",
    "If there is anything you could share about how I might strengthen my application, I "
    "would really appreciate it.",
)
REJECTED_CLOSE = (
    "I enjoyed getting to know {company}, and I would welcome the chance to be considered "
    "for future roles. I hope our paths cross again.",
    "I remain very interested in {company} and would be glad to be considered for future "
    "openings. I wish you and the team all the best.",
    "I would be happy to stay in touch and to hear about future roles at {company}. Thank "
    "you again for your time.",
)

# The handwritten card: three short lines and the sign-off.
CARD = (
    "Thank you for meeting with me about {role} at {company}. {reference} I hope we can "
    "continue the conversation soon.",
    "Thank you for your time and for the chance to learn about {role}. {reference} I would "
    "love to be part of {company}.",
    "It was a pleasure to meet you and talk about {role} at {company}. {reference} I look "
    "forward to staying in touch.",
)
