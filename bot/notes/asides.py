"""Parts of a "what did you discuss" answer that are not its topic, for the reference reader
(bot.notes.reference): how the interview itself went, someone arriving, a second speaker
whose verb was left out, and where "but" starts the real answer."""

from __future__ import annotations

import re

__all__ = ["ABOUT_ITSELF", "AND_THEN", "ARRIVED", "ASKED_NEXT", "BUT_THEN", "DEMEANOR",
           "ELIDED_LEAD", "HOW_IT_WENT", "MID_FILLER", "NOTE_STATUS"]

# How the interview itself went ("the whole thing was a blur", "it went fast"): said of no
# topic, so the answer's next sentence (or its part after "but") is the reference.
ABOUT_ITSELF = re.compile(r"(?:the whole thing|the whole interview|the interview|the call|"
                          r"it all|it|everything)\s+(?:was|went|felt|is)\b(?!.*\babout\b)",
                          re.I)

# How the talk went - the next question's answer ("did the personal talk stay professional
# and on topic?") typed one question early, whole or after small talk: "it stayed
# professional", "we kept it professional", "(dogs lol then) all business". No topic, so
# never "Our conversation about all business" in a note.
_DEGREE = r"(?:(?:very|really|pretty|super|quite|mostly|all|strictly|purely|totally|so)\s+)*"
_TONE = (_DEGREE + r"(?:professional|on topic|on track|off topic|off track|all business|"
         r"business|businesslike|friendly|personal|too personal|drifted(?: a (?:little|bit))?)")
HOW_IT_WENT = re.compile(
    r"(?:(?:we|they|i)\s+(?:kept|stayed)\s+(?:it\s+|things\s+)?|(?:it|things|the (?:talk|chat|"
    r"conversation|small talk))\s+(?:stayed|kept|was|got)\s+)?" + _TONE +
    r"(?:,?\s+(?:and|but)?\s*(?:(?:it\s+)?(?:stayed|kept|was)\s+(?:it\s+)?)?" + _TONE + r")*",
    re.I)

# Where the thank-you note is - the thank-you question's answer typed a question late (at
# "what did you discuss?") or early (at "what were they most interested in?"): "sent it
# already", "already emailed them this morning", "will send it tonight". No topic either.
_NOTE = r"(?:it|one|them|him|her|the note|my note|a note|the thank ?you(?: note| email)?)"
_WHEN = (r"(?:\s+(?:already|just now|this morning|this afternoon|this evening|earlier|today|"
         r"tonight|tomorrow|later|last night|right after|after the (?:interview|call)|soon|"
         r"in an hour|asap|yet))*")
NOTE_STATUS = re.compile(
    r"(?:yes\s+|yeah\s+|yep\s+)?(?:i\s+)?(?:already\s+|just\s+)?"
    r"(?:(?:sent|emailed|wrote|did)(?:\s+" + _NOTE + r")?|"
    r"(?:(?:i\s+)?(?:will|am going to|going to|gonna|plan to|planning to|am planning to|"
    r"have not|did not|not)\s+)(?:send|sent|sending|write|email|do)(?:\s+" + _NOTE + r")?|"
    r"(?:sending|writing|drafting)(?:\s+" + _NOTE + r")?)" + _WHEN, re.I)

# How the interviewer came across ("the interviewer was super nice", "priya seemed really
# friendly"): said of no topic ("It was helpful to hear that the interviewer was super
# nice"); what follows it ("… and we talked about X") is the reference.
DEMEANOR = re.compile(r"(?:the\s+)?[\w'-]+(?:\s+manager)?\s+(?:was|were|seemed|is|are)\s+"
                      r"(?:(?:really|super|very|so|pretty|quite|genuinely|extremely|incredibly)"
                      r"\s+)*(?:nice|friendly|lovely|kind|cool|chill|warm|welcoming|helpful|"
                      r"pleasant|funny|sweet|awesome|great|easy to talk to|down to earth)\b"
                      r"(?!\s+(?:about|with|at|for|to)\b)", re.I)

# Someone arriving, before what they talked about: "the ceo joined at the end and …".
ARRIVED = re.compile(r"(?:(?:the|our|their|a|an)\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:also\s+)?"
                     r"(?:joined|came in|came|arrived|showed up|popped in|dropped in|"
                     r"stepped in|walked in|was there)\b", re.I)

# "basel iv and guy about my python": a second speaker with the verb left out ("[asked]
# about") starts another topic too.
ELIDED_LEAD = re.compile(r"\s*,?\s+and\s+(?!(?:more|also|then|less|mostly|lots|later|even|"
                         r"especially|specifically|a|an|the|some|how|what|why)\b)"
                         r"[a-z][\w'-]*\s+(?:about|on)\s", re.I)

# "their power bi dashboards n asked how id improve them": the same speaker's next question,
# its subject left out, is another topic.
ASKED_NEXT = re.compile(r"\s*,?\s+and\s+(?:then\s+|also\s+)?(?:asked|wanted to know|"
                        r"had me|made me|got me to|quizzed me|grilled me)\b", re.I)

# "the whole thing was a blur but we talked about X": two sentences, the first no topic.
BUT_THEN = re.compile(r"(?<=\w)\s*,?\s+but\s+(?=(?:i think |i guess )?(?:we|they|he|she|"
                      r"i)\s+(?:talked|discussed|chatted|spoke|went over|covered)\b)", re.I)

# Laughter and "tbh" in the middle of an answer ("dogs lol and then the roadmap").
MID_FILLER = re.compile(r"(?<=\w)[\s,]+(?:lol|lmao|haha+|hehe|ngl|tbh)\b[,.!]*(?=\s)", re.I)

# After a part that does not belong in a note, the topic that follows it: "dogs and then
# the roadmap" -> "the roadmap", "dogs but mostly the q3 roadmap" -> "the Q3 roadmap".
AND_THEN = re.compile(r"\s*,?\s+(?:and\s+)?(?:then|after that|later)\s+|"
                      r"\s*,?\s+but\s+(?:mostly\s+|also\s+)?", re.I)
