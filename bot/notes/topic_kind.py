"""What kind of thing the note's reference is, so the line after it fits.

"I'd welcome the chance to work on it" is right after "your Kafka migration" and wrong after
"your brand" or "hiking": nobody works on a hobby, and a brand or a mission is something to
believe in, not a task. The kinds:

- ``WORK``: a piece of work someone could take on (a migration, a pipeline, "how you price
  your API", "designing a URL shortener", a tool such as Kafka);
- ``COMPANY``: something about the company itself (its brand, product, mission, culture,
  customers, a new store or office);
- ``INTEREST``: a personal interest the two of them talked about (hiking, football, dogs);
- ``UNSURE``: none of these words: the note says a line that is true whatever it was.

Work words win over the others ("your travel booking platform" is work), an interest wins
over the company ("the company hiking club" is an interest).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from bot.notes.lexicon import PRODUCT_NAMES

__all__ = ["TopicKind", "topic_kind"]


class TopicKind(StrEnum):
    WORK = "work"
    COMPANY = "company"
    INTEREST = "interest"
    UNSURE = "unsure"


_WORK_NOUNS = (
    r"migrations?|moves?|move|rewrites?|rebuilds?|refactor(?:s|ing)?|overhaul|upgrades?|"
    r"projects?|pipelines?|platforms?|systems?|stack|architecture|"
    r"infrastructure|infra|roadmaps?|plans?|launch(?:es)?|rollouts?|redesign|design|"
    r"api|apis|apps?|tools?|tooling|dashboards?|data|models?|modell?ing|process(?:es)?|"
    r"workflows?|flows?|strategy|research|problems?|challenges?|backlog|code|codebase|"
    r"tests?|testing|deploys?|deployments?|releases?|features?|services?|microservices|"
    r"integrations?|automation|analytics|metrics|reporting|pricing|hiring|onboarding|"
    r"on-call|incidents?|support|operations|ops|sales|marketing|campaigns?|audits?|"
    r"compliance|budgets?|forecast(?:s|ing)?|predictions?|case stud(?:y|ies)|experiments?|"
    r"a/b|optimi[sz]ation|scaling|performance|security|accessibility|ux|ui|frontend|"
    r"backend|database|warehouse data|etl|ml|ai|llms?|machine learning|engineering|"
    r"work|job|role|tasks?|responsibilit(?:y|ies)|reliability|"
    r"onboard|approach|methods?|practices?|standards|reviews?|quality|qa|"
    r"logistics|supply chain|inventory|fulfil(?:l)?ment|sourcing|procurement|"
    r"curriculum|lessons?|patients?|clinic|care|caseload|"
    r"thesis|paper|publications?|open-source|open source|library|sdk|cloud|sql|"
    r"search|ranking|recommendations?|subscriptions?|"
    r"transition|transformation|growth plans?|okrs?|kpis?|goals?"
)
_WORK = re.compile(r"\b(?:" + _WORK_NOUNS + r")\b", re.I)
# "how you price your API", "what you look for in analysts", "designing a URL shortener"
_WORK_SHAPE = re.compile(r"^(?:how|what|why|where|when|whether)\b|^[a-z]+ing\b(?! (?:club|trip))",
                         re.I)

_INTEREST = re.compile(
    r"\b(?:hik(?:e|es|ing)|running|marathons?|cycling|bik(?:e|es|ing)|climbing|bouldering|"
    r"ski(?:s|ing)?|snowboard(?:ing)?|surf(?:ing)?|sailing|swimming|yoga|gym|fitness|"
    r"travel(?:l?ing|s)?|trips?|holidays?|vacations?|weekends?|"
    r"football|soccer|basketball|baseball|hockey|cricket|rugby|tennis|golf|f1|formula 1|"
    r"sports?|chess|board games?|video games|gaming|music|concerts?|guitar|piano|"
    r"books?|novels?|reading|podcasts?|movies?|films?|tv|netflix|"
    r"cooking|baking|restaurants?|coffee|"
    r"dogs?|cats?|pets?|puppy|puppies|gardening|photography|painting|"
    r"hometowns?|home towns?|the weather|weather|"
    r"alma mater|our (?:old )?(?:school|university|college|uni)|hobb(?:y|ies))\b"
    # the interest itself, not a word describing something else ("your dog food brand")
    r"(?=\s*(?:$|[^\w\s]|(?:and|or|in|at|on|with|of|near|around|during|over|together|you|"
    r"we|they|i|he|she|both|too|clubs?|trips?|groups?)\b))",
    re.I)

_COMPANY = re.compile(
    r"\b(?:brand|branding|products?|mission|vision|values|culture|history|story|founders?|"
    r"founding|logo|reputation|customers?|clients?|users|community|offices?|headquarters|"
    r"hq|stores?|shops?|locations?|warehouses?|factory|factories|sites?|growth|expansion|"
    r"funding|ipo|acquisition|merger|news|announcements?|awards?|company|business|"
    r"industry|market|competitors?|sustainability|diversity|charity|partnerships?|"
    r"team|teams|people)\b",
    re.I)


@lru_cache(maxsize=512)
def topic_kind(phrase: str) -> TopicKind:
    """The kind of the reference phrase as it reads in the note ("your brand")."""
    text = phrase.strip()
    if _WORK.search(text) or _names_a_tool(text):
        return TopicKind.WORK
    if _INTEREST.search(text):
        return TopicKind.INTEREST
    if _COMPANY.search(text):
        return TopicKind.COMPANY
    if _WORK_SHAPE.search(text):
        return TopicKind.WORK
    return TopicKind.UNSURE


def _names_a_tool(text: str) -> bool:
    words = re.findall(r"[\w+#.-]+", text.lower())
    return any(word.strip(".") in PRODUCT_NAMES for word in words)
