"""Word lists the note composer reads, kept as data so they can grow without touching logic.

Every list is lowercase. The topic families (``PAY``, ``PRIVATE``, ``NEGATIVE``) and the lead
verbs are regular-expression fragments matched as whole words in the cleaned answer (so
"benefits(?! of)" refuses "salary and benefits" but keeps "the benefits of event sourcing");
the other lists are plain phrases. ``tests/test_notes_composer.py`` exercises each family.
"""

from __future__ import annotations

from bot.notes.spellings import (
    ACRONYMS,
    COMPANY_NAMES,
    ORDINARY_SHORT_WORDS,
    PHRASE_ACRONYMS,
    PRODUCT_NAMES,
)

__all__ = [
    "ACRONYMS",
    "AMOUNT_END",
    "COMPANY_NAMES",
    "EVALUATIVE_TAIL",
    "FILLER_END",
    "FILLER_START",
    "GENERIC_TOPICS",
    "GROUP_NOUNS",
    "JOB_WORDS",
    "LEAD_SUBJECT_WORDS",
    "LEAD_VERBS",
    "NEGATIVE",
    "NON_ANSWERS",
    "NOT_NAME_WORDS",
    "ORDINARY_SHORT_WORDS",
    "PAST_RESULT_VERBS",
    "PAY",
    "PHRASE_ACRONYMS",
    "PRIVATE",
    "PRODUCT_NAMES",
    "ROLE_SUFFIX_WORDS",
    "ROLE_WITHOUT_SUFFIX",
    "TITLES",
    "VERB_FOR_YOU",
]

# Answers that say "nothing" in one way or another (the whole answer, after filler is gone).
NON_ANSWERS: frozenset[str] = frozenset({
    "idk", "i dont know", "i don't know", "dont know", "don't know", "dunno", "no idea",
    "no clue", "none", "nothing", "nothing really", "nothing much", "not much", "nothing specific",
    "nothing in particular", "nothing special", "nothing comes to mind", "n/a", "na", "n.a.",
    "no", "nope", "nah", "not sure", "not really", "unsure", "can't remember", "cant remember",
    "cannot remember", "can't recall", "cant recall", "i can't remember", "i cant remember",
    "don't remember", "dont remember", "i don't remember", "i dont remember", "forgot",
    "i forgot", "blank", "skip", "pass", "-", "--", "?", "??", "...", "nothing to mention",
    "not applicable", "no comment", "whatever", "same as usual", "nothing stood out",
    "i don't recall", "i dont recall", "hard to say", "not a lot", "none really",
    "nothing comes to my mind", "no specific", "nothing at all", "not anything",
    # the thank-you question's answers, typed one question late: no topic in them
    "not yet", "planned", "planning", "planning to", "sent", "sent it", "already sent",
    "already did", "will do", "not sent yet", "haven't sent it", "havent sent it",
    "tonight", "tomorrow", "later", "soon",
    # how it went, or the next question's choice, typed one question early: no topic either
    # (how the talk went, "it stayed professional", is bot.notes.asides.HOW_IT_WENT)
    "fine", "good", "great", "it was fine", "it was good", "it was great", "all good",
    "pretty good", "really good", "very good", "meh", "not bad", "so so", "so-so", "okay",
    "it drifted", "a little", "a bit", "good fit", "great fit", "went well", "it went well",
})

# True but too general to remind anyone of anything: the whole phrase, after lead-ins.
GENERIC_TOPICS: frozenset[str] = frozenset({
    "the usual", "the usual stuff", "usual stuff", "general stuff", "stuff", "things",
    "everything", "a lot", "lots", "a lot of things", "lots of things", "many things",
    "various things", "different things", "a bit of everything", "standard questions",
    "the standard questions", "typical questions", "typical interview questions",
    "interview questions", "general questions", "the interview", "myself", "me",
    "the basics", "the usual questions", "normal questions", "questions", "the questions",
    "the process", "next steps", "the next steps", "about me", "work", "experience",
    "the whole thing", "everything really", "all sorts", "all sorts of things",
    "pretty much everything", "a little bit of everything", "all kinds of things",
    "all kinds of stuff", "random stuff", "a mix of things", "kind of everything",
    "literally everything", "basically everything", "a bit of everything really",
    # what every interview covers: "our conversation about my availability" says nothing
    "my availability", "availability", "my start date", "when i could start",
    "when i can start", "logistics", "the logistics", "my background", "my resume",
    "my cv", "my experience", "my work experience", "my previous experience", "the role",
    "the job", "the position", "the company", "the role itself", "the job description",
})

# Things that do not belong in a thank-you note, by family (matched as whole words).
PAY: tuple[str, ...] = (
    "salary", "salaries", "pay", "pay range", "pay rise", "pay raise", "a raise",
    "compensation", "comp", "bonus", "bonuses", "equity", "stock options", "rsus?",
    "benefits(?! of)", "pto", "vacation days", "holiday allowance", "annual leave",
    "pension", "401k", r"401\(k\)", "wages?", "hourly rate", "day rate", "per hour",
    "salary range", "relocation package", "compensation package", "benefits package",
    "signing bonus", "sign-on bonus", "start date", "notice period", "health insurance",
    "perks", "overtime", "commission", "the offer amount", "visa sponsorship", "my visa",
    "work visa", "work permit", "how much (?:it|the role|the job) pays", "money for me",
    # said without the word "salary": "how much i make now", "my current package", "ctc"
    "how much (?:i|you|they|we) (?:make|made|earn|earned|get paid)",
    "what (?:i|i'm|i am|i was) (?:making|earning|on)", "(?:expected|current) ctc", "ctc",
    "(?:my|my current|current|big|bigger|better|total|whole) package", "the range(?! of)",
    "pay band", "salary band", "the money", "more money", "my rate", "stipend",
    "paid time off",
    "my expectations(?! (?:of|for|about|around|on)\\b)", "stock package", "the offer(?! of)",
)
PRIVATE: tuple[str, ...] = (
    # checked after "her"/"their" became "your": every possessive is listed
    "family", "families",
    "(?:my|our|her|his|their|your) (?:kids?|children|child|baby|babies)",
    # small talk about pets, however it is put ("we talked about dogs lol"); not a pet
    # business ("their dog food subscriptions")
    r"(?:(?:my|our|her|his|their|your) )?(?:dogs?|cats?|pets?|puppy|puppies|kittens?)"
    r"(?! (?:food|foods|products?|owners?|brands?|market|insurance|apps?|treats|toys|"
    r"customers?|walkers?|walking app))",
    "my son", "my daughter", "having kids", "childcare", "wife", "husband", "my partner",
    "boyfriend", "girlfriend", "spouse", "marriage", "married", "wedding", "divorced?",
    "pregnant", "pregnancy", "maternity", "paternity", "my health", "mental health",
    "health (?:issues|problems|condition)", "illness", "ill", "sick", "sickness",
    "my doctor", "doctor's appointment", "my therapy", "therapist", "diagnosis", "cancer",
    "my surgery", "disability", "medication", "religion", "religious", "church", "mosque",
    "synagogue", "faith", "god", "prayer", "pray", "politics", "political",
    "the elections?", "how (?:i|we|they) vote", "democrats", "republicans", "dating life",
    "(?:my|her|his|your) age", "how old", "(?:my|your|her|his) (?:parents|mom|mum|dad)",
    "funeral", "died", "grief", "immigration status", "ethnicity", "sexuality",
    "gender identity", "personal life", "private life", "my personal",
    # time away from work: a question they asked, not what a note should bring back
    "gap years?", "career (?:break|gap)", "employment gap", "time off work",
    "gaps? in my (?:cv|resume|résumé|employment|career|work history)",
    "why i was (?:unemployed|out of work)", "being unemployed",
)
NEGATIVE: tuple[str, ...] = (
    "disorganised", "disorganized", "unorganised", "unorganized", "chaotic", "a mess",
    "such a mess", "(?:a )?(?:total |complete |real |hot )mess", "messy", "shambles",
    "a nightmare", "toxic", "dysfunctional", "layoffs?", "laid off", "fired", "firing",
    r"(?:so many |many |a lot of |all the |the )?(?:people|everyone|folks|staff|engineers|"
    r"employees|colleagues|devs|developers|members) (?:who |that )?(?:left|quit|leaving|"
    r"are leaving|keep leaving|resigned)", r"why (?:\w+ ){0,3}(?:left|quit)",
    "high turnover", "quitting",
    "resigned", "complained", "complaining", "badmouth(?:ing|ed)?", "gossip", "drama",
    "office politics", "internal politics", "rude", "unprofessional", "incompetent",
    "boring", "bored", "annoying", "annoyed", "hate", "hated", "hates", "sucks", "sucked",
    "terrible", "awful", "horrible", "worst", "stupid", "useless", "unprepared",
    "(?:was|were|came|showed up) late", "seemed (?:stressed|tired|distracted|rushed|lost)",
    "not interested", "uninterested", "didn'?t care", "burnout", "burn(?:ed|t) out",
    "understaffed", "underpaid", "overworked",
    "my (?:old|previous|last|ex|former) (?:boss|manager|company|employer|team)",
    "why i (?:was|got) (?:fired|let go)", "why i left", "bad reviews", "glassdoor",
    "lawsuits?", "scandals?", "(?:bad|poor) management", "problems with (?:management|"
    "the manager|my manager)", r"micromanag\w*", "red flags?", "disaster", "a joke",
    "clueless", "arrogant", "cringe", "weird vibes?", "bad vibes?",
    # what is wrong inside the company, told as a fact ("their onboarding is broken" gave
    # "It was helpful to hear that your onboarding is broken")
    "broken", "falling apart", "dumpster fire", "garbage", "crap", "crappy", "janky",
    "shitty", "struggling", "a train ?wreck",
    r"keeps? (?:breaking|failing|crashing|going down)", "flaky",
    # how the interviewer treated them (bot.reflection.their_side), after "she" became
    # "you": "you were 20 mins late and kept interrupting me" is no topic to thank for
    r"interrupt(?:ed|ing|s)? me", "kept interrupting", "cut me off", "talked over me",
    "talked down to me", "dismissive", "condescending", "hostile",
    r"(?:was|were|came|showed up|arrived) (?:\w+ )?(?:min(?:ute)?s? )?late",
    "(?:on|checking|looking at) (?:his|her|their|your) phone", r"yawn(?:ed|ing)",
    r"didn'?t listen", r"wasn'?t listening", r"weren'?t listening",
    # why their project drags ("their migration to microservices and why it's been slow")
    r"why (?:\w+(?:'\w+)?)(?: \w+){0,3} (?:so )?(?:slow|late|stuck|delayed|behind|painful|"
    r"taking so long|over budget)",
)

# Small talk and hedges people put before or after the answer.
FILLER_START: tuple[str, ...] = (
    "um", "umm", "ummm", "uh", "uhh", "er", "erm", "hmm", "hmmm", "well", "so", "ok",
    "okay", "oh", "yeah", "yes", "yep", "i think", "i guess", "i suppose", "probably",
    "maybe", "perhaps", "honestly", "basically", "definitely", "tbh", "like", "mostly",
    "mainly", "mostly just", "mainly just", "just", "actually", "hm", "lol", "haha",
    "i would say", "i'd say", "id say", "i believe", "let me think", "let's see",
    "lets see", "good question", "hmm let me think", "ah", "right", "idk", "idk but",
    "dunno", "dunno but", "then", "and then", "after that", "later",
)
# How much they talked about it, after the topic ("AI a lot"): off, when a topic is left.
AMOUNT_END: tuple[str, ...] = (
    "a lot", "quite a lot", "quite a bit", "a bunch", "loads", "for ages", "for a while",
    "for a bit", "for a few minutes", "for a minute", "briefly",
)
FILLER_END: tuple[str, ...] = (
    "lol", "lmao", "haha", "hahaha", "hehe", "i guess", "i think", "i suppose",
    "probably", "maybe", "idk", "tbh", "honestly", "and stuff", "and so on", "and such",
    "etc", "etc.", "or something", "or something like that", "or so", "kinda", "kind of",
    "stuff like that", "things like that", "and things like that", "and stuff like that",
    "and more", "mostly", "mainly", "i believe", "if i remember correctly", "iirc",
    "if i recall", "as far as i remember", "ha", "heh", "xd", "basically",
    "and all that", "and whatnot", "among other things", "amongst other things",
    "too", "as well", "i'd say", "id say", "i would say",
    # shared with them: "hiking like me" is hiking
    "like me", "just like me", "like i do", "same as me", "like myself", "as much as me",
)

# Clauses after a comma or dash that judge rather than describe ("- it made me excited").
EVALUATIVE_TAIL: tuple[str, ...] = (
    r"(?:it|that|this|which)(?:'s| is| was| made| sounded| seemed| looked| felt| got)",
    r"(?:it|that|this|which) (?:really |was |is )?(?:made|got|left)",
    r"(?:was|is|sounded|seemed|felt) (?:really |so |super |very |pretty |quite )?"
    r"(?:cool|interesting|fun|great|nice|awesome|good|exciting|amazing|fascinating)",
    r"(?:really|so|super|very|pretty|quite) (?:cool|interesting|fun|great|nice|awesome|"
    r"exciting|amazing|fascinating)",
    r"(?:cool|interesting|fun|great|nice|awesome|exciting|amazing|fascinating)(?:\b|$)",
    r"(?:which|that) (?:i|we) (?:really |both )?(?:loved|liked|enjoyed|found)",
    r"i (?:really |also )?(?:loved|liked|enjoyed|found|think|thought|felt)",
    r"(?:we|they|he|she) (?:both )?(?:seemed|looked) (?:to )?(?:like|enjoy|love)",
    r"(?:good|great|nice) (?:chat|conversation|talk|discussion)",
)

# The verb part of a lead-in ("we talked about", "the panel asked a lot about"): regexes.
LEAD_VERBS: tuple[str, ...] = (
    r"talk(?:ed|ing|s)?", r"discuss(?:ed|ing|es)?", r"spo(?:ke|ken)", r"speak(?:ing|s)?",
    r"chat(?:ted|ting|s)?", r"cover(?:ed|ing|s)?", r"mention(?:ed|ing|s)?",
    r"explain(?:ed|ing|s)?", r"describ(?:ed|ing|es|e)", r"shar(?:ed|ing|es|e)",
    r"told", r"tell(?:ing|s)?", r"sa(?:id|ys)(?: that)?", r"ask(?:ed|ing|s)?",
    r"show(?:ed|n|ing|s)?",
    r"went (?:over|through|into|deep into|deep on)", r"go(?:ing)? (?:over|through|into)",
    r"brought up", r"bring(?:ing)? up", r"focus(?:ed|ing|es)? (?:on|mostly on|a lot on)",
    r"dug into", r"dig(?:ging)? into", r"got (?:into|onto|on to)", r"touched on",
    r"walked me through", r"walk(?:ed)? (?:me |us )?through", r"present(?:ed|ing|s)?",
    r"pitch(?:ed|ing|es)?", r"explor(?:ed|ing|es|e)", r"review(?:ed|ing|s)?",
    r"look(?:ed)? at", r"work(?:ed)? through", r"highlight(?:ed|ing|s)?",
    r"emphasi[sz](?:ed|ing|es|e)", r"stress(?:ed|es)?", r"introduc(?:ed|ing|es|e)",
    r"interested in", r"curious about", r"excited about", r"keen on",
    r"wanted to (?:know|hear|talk|discuss|learn)(?: more)?", r"want(?:ed)? to know",
    r"kept (?:asking|talking|coming back to)", r"c(?:a|o)me back to",
    r"had (?:a|an|this|some) (?:\w+ )?(?:\w+ )?(?:chat|conversation|discussion|talk|debate|"
    r"exchange)",
    r"ha(?:d|ve) (?:a|an|this|some) (?:\w+ )?(?:chat|conversation|discussion|talk)",
    r"spent (?:\w+ ){0,5}(?:on|talking about|discussing|going over|chatting about)",
    r"bonded over", r"agreed on", r"vib(?:ed|ing) (?:about|over|on)",
    r"(?:geek|nerd)(?:ed|ing)? out (?:about|over|on)",
    r"gave (?:me|us) (?:a|an) (?:\w+ )?(?:overview|tour|demo|"
    r"rundown|walkthrough|intro|introduction)",
    r"did (?:a|an) (?:\w+ )?(?:demo|walkthrough|exercise|case study)",
    r"(?:was|were) (?:all )?about", r"revolved around", r"centered on", r"centred on",
    r"grill(?:ed|ing|s)?", r"quizz(?:ed|ing|es)?", r"probed", r"pressed", r"drilled",
    r"(?:seemed|seems|seem|was|were|is|are|got|looked) (?:(?:really|super|very|so|quite) )?"
    r"into",
)

# Words allowed before the lead verb (who spoke): pronouns, panels, job words, adverbs.
LEAD_SUBJECT_WORDS: frozenset[str] = frozenset({
    "i", "we", "they", "he", "she", "you", "both", "of", "us", "all", "everyone",
    "the", "my", "our", "other", "panel", "panelists", "panellists", "interviewer",
    "interviewers", "hiring", "manager", "managers", "recruiter", "team", "lead", "cto",
    "ceo", "cfo", "vp", "engineer", "engineers", "director", "founder", "founders", "guy",
    "lady", "woman", "man", "people", "two", "three", "and", "&", "mostly", "mainly",
    "really", "also", "then", "basically", "just", "actually", "was", "were", "is", "are",
    "had", "have", "has", "did", "do", "kept", "even", "first", "later", "a",
    "lot", "spent", "most", "time", "hr", "person", "head", "senior", "second", "last",
    "one", "some", "briefly", "quickly", "eventually", "finally", "partner", "staff",
    # "they seemed keen on my outreach numbers", "she was super interested in …"
    "seemed", "seem", "seems", "looked", "super", "very", "quite", "pretty", "so",
    "cmo", "cpo", "coo", "cio", "svp", "evp", "recruiters", "directors", "leads",
})

# Words that make a segment of the interviewers' answer a sentence, not a person: "the team
# is 8 people" or "havent sent it yet" typed at the panel question names nobody (it gave
# "Dear Is," and "Dear Havent,").
NOT_NAME_WORDS: frozenset[str] = frozenset("""
    is are was were has have had havent haven't hasn't isn't wasn't it it's its yet yeah yep
    yes nope not mostly sent did didn't didnt think really very just because lol haha idk
    dunno sure maybe probably i i'm im we they them their he she him her you me my our
    there this that these those what whats what's how why when where which like role
    position job
""".split())

# Nouns that a later "they"/"their" may point at, so we leave such pronouns alone.
GROUP_NOUNS: frozenset[str] = frozenset({
    "team", "teams", "customers", "customer", "users", "user", "clients", "client",
    "people", "engineers", "developers", "analysts", "designers", "staff", "employees",
    "company", "companies", "partners", "students", "patients", "kids", "managers",
    "founders", "folks", "members", "investors", "vendors", "suppliers", "contractors",
    "squad", "squads", "group", "groups", "department", "org", "organisation",
    "organization", "stakeholders", "colleagues", "coworkers", "peers", "leadership",
    "execs", "executives", "interns", "candidates", "recruiters",
})

# Past-tense verbs that open a result ("led the migration", "cut deploys to 10 minutes"), with
# their -ing form: "what you bring" reads them as "my experience leading the migration".
_REGULAR_PAST = """
    shipped launched migrated designed reduced increased saved doubled tripled halved fixed
    automated improved raised closed delivered scaled hired mentored founded created
    published managed owned developed implemented introduced trained organised organized
    coordinated negotiated analysed analyzed redesigned streamlined optimised optimized
    deployed maintained started spearheaded architected refactored handled coached
    modernised modernized
""".split()
PAST_RESULT_VERBS: dict[str, str] = {
    "led": "leading", "built": "building", "rebuilt": "rebuilding", "cut": "cutting",
    "ran": "running", "grew": "growing", "wrote": "writing", "rewrote": "rewriting",
    "won": "winning", "made": "making", "taught": "teaching", "drove": "driving",
    "tried": "trying", "applied": "applying",
    # participles after "I've" ("I've run Kafka in prod", "I have worked with dbt")
    "run": "running", "grown": "growing", "written": "writing", "rewritten": "rewriting",
    "driven": "driving", "done": "doing", "worked": "working", "used": "using",
    "supported": "supporting", "taken": "taking", "studied": "studying",
    **{past: past[:-2] + "ing" for past in _REGULAR_PAST},  # "migrated" -> "migrating"
}

# he/she + verb -> you + verb: the irregular ones; regular ones lose their -s.
VERB_FOR_YOU: dict[str, str] = {
    "is": "are", "was": "were", "has": "have", "does": "do", "goes": "go", "isn't": "aren't",
    "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't",
}

# Words that name a job, not a person: such an interviewer gets "Hello,".
JOB_WORDS: frozenset[str] = frozenset({
    "recruiter", "recruiters", "recruiting", "recruitment", "hr", "human", "resources",
    "talent", "acquisition", "partner", "hiring", "manager", "managers", "lead", "leads",
    "team", "teams", "panel", "panelist", "panelists", "panellist", "panellists",
    "interviewer", "interviewers", "cto", "ceo", "cfo", "coo", "cmo", "cpo", "vp",
    "svp", "evp", "director", "head", "of", "engineering", "eng", "engineer", "engineers",
    "senior", "staff", "principal", "founder", "cofounder", "co-founder", "owner",
    "president", "someone", "somebody", "person", "guy", "lady", "woman", "man",
    "people", "two", "three", "four", "a", "an", "the", "my", "their", "from",
    "product", "design", "designer", "sales", "marketing", "data", "analyst",
    "scientist", "developer", "developers", "tech", "technical", "techlead",
    "supervisor", "boss", "future", "potential", "other", "another", "unknown",
    "idk", "n/a", "na", "none", "not", "sure", "forgot", "dont", "don't", "know",
    "remember", "sir", "madam", "maam", "ma'am", "coordinator", "specialist",
    "generalist", "associate", "executive", "exec", "execs", "board", "committee",
    "group", "members", "member", "colleague", "colleagues", "pm", "em", "tl", "sre",
    "qa", "ops", "it", "admin", "assistant", "office", "operations", "department",
    "dept", "division", "unit", "name", "names", "several", "some", "few", "bunch",
    "trio", "duo", "pair", "both", "all", "everyone", "and", "&", "screen", "screener",
    "phone", "call", "chief", "officer", "head-hunter", "headhunter", "agency",
    "consultant", "rep", "representative", "gm", "general", "area", "regional",
    "store", "shift", "floor", "line", "company", "interviewing", "engineering-manager",
    "people-ops", "ta", "?", "-", "nobody", "no", "one", "finance", "legal", "accounting",
    "support", "research", "security", "growth", "customer", "success", "strategy",
    "partnerships", "business", "development", "architect", "researcher", "intern",
    "programmer", "tester", "dev", "devs",
})

# Honorifics kept with the surname ("Dr. Gonzalez"); value: how it is written.
TITLES: dict[str, str] = {
    "dr": "Dr.", "doctor": "Dr.", "prof": "Prof.", "professor": "Professor", "mr": "Mr.",
    "mister": "Mr.", "ms": "Ms.", "mrs": "Mrs.", "miss": "Miss", "mx": "Mx.",
}

# "a marketing role" -> "marketing": words that only say "this is a job".
ROLE_SUFFIX_WORDS: frozenset[str] = frozenset({
    "role", "position", "job", "opening", "vacancy", "post", "opportunity", "gig",
    "spot", "seat", "req", "requisition",
})
# Roles that read wrong with "role" after them ("the summer internship role").
ROLE_WITHOUT_SUFFIX: frozenset[str] = frozenset({
    "internship", "apprenticeship", "fellowship", "program", "programme", "residency",
    "traineeship", "placement", "co-op", "graduate scheme", "scheme",
})
