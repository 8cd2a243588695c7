"""A person's name after a title that the small English model types as something else.

"said Rep. Steve Israel, D-N.Y.": the model types "Israel" a place and leaves "Steve" out; the
first name after a title makes the word that person's surname. "Bishop Daniel Jenky, of
Peoria" (NYT, 2012) is typed an organisation: a title followed by a known first name and a
surname is a person. (A title before a lone surname typed so, "Bishop Jenky", is read in
:func:`parallax.nlp.entities._surname_of`.) The other way round, "The self-titled America's
Toughest Sheriff, who …, said" (Fox, 2011) is typed a person: words that end in a role word and
hold no first name are an epithet, no name (:func:`is_epithet`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from parallax.nlp.first_names import first_name_gender
from parallax.nlp.gazetteer import Gazetteer

__all__ = ["SURNAME_LABELS", "is_epithet", "is_role_head", "named_after_title", "place_after"]

# Labels the small English model gives a lone surname it does not know ("Etheridge", "Sestak").
SURNAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT"})


def is_role_head(token: Token, gazetteer: Gazetteer) -> bool:
    """Whether a token is a singular role word ("minister", "President"; not "officials")."""
    if token.tag_ in {"NNS", "NNPS"}:
        return False
    return token.lower_ in gazetteer.role_heads or token.lemma_.lower() in gazetteer.role_heads


def _titled(token: Token, gazetteer: Gazetteer) -> bool:
    return token.text in gazetteer.honorifics or is_role_head(token, gazetteer)


def named_after_title(doc: Doc, ent: Span, gazetteer: Gazetteer) -> tuple[Span, int, int] | None:
    """The person a place or organisation entity stands for after a title, as the module
    says, with the token range of the name; None when the entity is no such name."""
    if ent.label_ not in SURNAME_LABELS:
        return None
    if len(ent) == 1 and ent.start >= 2:
        first, title = doc[ent.start - 1], doc[ent.start - 2]
        if first.ent_iob_ != "O" or first.pos_ != "PROPN" or not first.is_alpha:
            return None
        if not (first.is_title and ent[0].is_title and first.whitespace_):
            return None
        if not _titled(title, gazetteer):
            return None
        person = Span(doc, ent.start - 1, ent.end, label="PERSON")
        return person, person.start, person.end
    names = ent[1:]
    if not 2 <= len(names) <= 3 or not _titled(ent[0], gazetteer) or not ent[0].is_title:
        return None
    if not all(t.is_alpha and t.is_title for t in names):
        return None
    if first_name_gender(f"{names[0].text} {names[-1].text}") is None:
        return None  # "General Motors Company": no first name after the title
    person = Span(doc, ent.start, ent.end, label="PERSON")
    return person, person.start, person.end


def is_epithet(ent: Span, gazetteer: Gazetteer) -> bool:
    """Whether a PERSON entity is a title-case epithet, not a name: two words or more that end
    in a role word and hold no first name ("Toughest Sheriff"; not "Peter King", not "Texas
    Governor Rick Perry")."""
    if ent.label_ != "PERSON" or len(ent) < 2 or not ent[-1].is_title:
        return False
    if not is_role_head(ent[-1], gazetteer):
        return False
    return all(first_name_gender(f"{token.text} X") is None for token in ent[:-1])


def place_after(doc: Doc, end: int, ents: Sequence[Span], gazetteer: Gazetteer) -> str | None:
    """The place in an "of" phrase right after a titled name, which is the title's place: "Gov.
    Rick Perry of Texas" is the governor of Texas, whom "the Texas governor" names later."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return None
    place = next((e for e in ents if e.start == end + 1), None)
    if place is None or place.label_ != "GPE":
        return None
    return gazetteer.place(place.text) or place.text
