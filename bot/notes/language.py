"""Whether an answer is written in another language than the note's.

The note is written in English; an answer in Spanish or German pasted into it ("Our
conversation about hablamos de su nueva app") reads as a mistake, and translating it would
put words in the person's mouth. So such an answer is asked about again, in English. The
test is modest on purpose: two or more of another language's small words (articles,
pronouns, prepositions, a few common verbs), more of them than English ones, and three or
half the words (a name such as "café de la paix" is no language), or mostly letters of
another script. A lone "de" or "la" in an English answer ("the de facto
standard", "their office in la") is no other language.
"""

from __future__ import annotations

import re

__all__ = ["other_language"]

# Small words of Spanish, French, German, Portuguese, Italian and Dutch that are no English
# words ("die", "over", "we", "is", "in" are left out for that reason), and a few words of
# work ("experiencia", "Erfahrung", "équipe").
_FOREIGN = frozenset("""
    de del la las los el y que su sus con mi mis una uno por para es muy nuestra nuestro
    hablamos sobre como pero también tambien nueva nuevo nuevas nuevos fue era hemos
    le les des du et est avec nous vous leur leurs mon ma mes une pour dans pas avons parlé
    parle nouvelle nouveau nouvelles été était
    der das und ist mit wir ich sie ihre ihr ihren über ueber haben nicht ein eine einen
    von zu auf für fuer neue neuen gesprochen unser unsere mein meine sehr auch
    os com meu minha seu sua nós falamos não nao nossa nosso também
    il lo gli della di che abbiamo parlato nuova mio loro
    het een en van met hebben hun nieuwe onze mijn gesproken
    experiencia equipo empresa proyecto proyectos trabajo aplicación aplicacion erfahrung
    unternehmen projekt arbeit expérience équipe entreprise projet travail
""".split())
_ENGLISH = frozenset("""
    the and of to about their my our we they how what with for is was a an in on it that
    this i you your he she his her from at by be are were have had them me us its which
""".split())
_LETTERS = re.compile(r"[^\W\d_]+")


def other_language(text: str) -> bool:
    """The answer reads as written in another language than English."""
    words = _LETTERS.findall(text.lower())
    if not words:
        return False
    letters = "".join(words)
    if sum(1 for c in letters if ord(c) > 0x24F) > len(letters) / 2:  # another script
        return True
    foreign = [w for w in words if w in _FOREIGN]
    english = sum(1 for w in words if w in _ENGLISH)
    return len(set(foreign)) >= 2 and len(foreign) > english and (
        len(foreign) >= 3 or 2 * len(foreign) >= len(words))  # not "café de la paix project"
