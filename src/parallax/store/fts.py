"""What a visitor types in a search box, as a full-text (FTS5) match expression.

The syntax people know from search engines passes through: words that must all occur,
``OR`` between alternatives, ``NOT`` before what must be absent, ``AND`` (the default),
``"quoted phrases"``, ``prefix*`` and parentheses. Everything else is taken literally: each
word or phrase is re-quoted, so a colon, a hyphen or a stray ``^`` can never become an FTS5
column filter or operator. The expression is parsed here and written out again, so SQLite only
ever sees a well-formed one; what cannot be parsed (an unclosed quote or parenthesis, an
operator with nothing on one side) raises a :class:`~parallax.errors.ConfigError` that says
what to change, which the faces show as a 400 with the query kept.
"""

from __future__ import annotations

import re

from parallax.errors import Code, ConfigError

#: Operators, in capitals only (as FTS5 has them): "or" in lower case is a word.
OPERATORS = frozenset({"OR", "AND", "NOT"})
_TOKEN = re.compile(r'\s+|"(?:[^"]|"")*"\*?|"[^"]*$|[()]|[^\s()"]+')


def _syntax(message: str) -> ConfigError:
    return ConfigError(
        Code.CONFIG,
        f'search syntax: {message}. Use words, OR, NOT, "a phrase", prefix* and ( ), '
        "or put the text in quotes to search for it as it is",
    )


def _tokens(text: str) -> list[str]:
    tokens = [token for token in _TOKEN.findall(text) if token.strip()]
    for token in tokens:
        if token.startswith('"') and (len(token) == 1 or not token.rstrip("*").endswith('"')):
            raise _syntax("a quote is not closed")
    return tokens


def _phrase(token: str) -> str:
    """One word or quoted phrase, quoted for FTS5 (with its prefix star kept)."""
    quoted = token.startswith('"')
    star = token.endswith('"*') if quoted else token.endswith("*")
    body = token[:-1] if star else token
    inner = body[1:-1].replace('""', '"') if quoted else body
    if star and not inner.strip("*"):
        raise _syntax("a * must end a word, as in elect*")
    return '"' + inner.replace('"', '""') + '"' + ("*" if star else "")


class _Parser:
    """Recursive descent over: or := and (OR and)*; and := not (AND? not)*; not := atom (NOT
    atom)*; atom := phrase | ( or )."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> str:
        expression = self.either()
        if self.peek() is not None:
            raise _syntax("a ) without its (")
        return expression

    def either(self) -> str:
        parts = [self.both()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.both())
        return " OR ".join(parts)

    def both(self) -> str:
        parts = [self.without()]
        while (token := self.peek()) is not None and token not in ("OR", ")"):
            if token == "AND":
                self.take()
            parts.append(self.without())
        return " AND ".join(parts)

    def without(self) -> str:
        expression = self.atom()
        while self.peek() == "NOT":
            self.take()
            expression = f"{expression} NOT {self.atom()}"
        return expression

    def atom(self) -> str:
        token = self.peek()
        if token is None:
            raise _syntax("an operator at the end has nothing after it")
        if token in OPERATORS:
            raise _syntax(f"{token} needs words on both sides")
        if token == ")":
            raise _syntax("a ) without its (")
        self.take()
        if token == "(":
            inner = self.either()
            if self.peek() != ")":
                raise _syntax("a ( is not closed")
            self.take()
            return f"({inner})"
        return _phrase(token)


def match_expression(text: str) -> str:
    """Return the FTS5 expression for a search as typed, or "" when it has no words.

    Raises:
        ConfigError: the search cannot be parsed (the message says how to fix it).
    """
    tokens = _tokens(text.replace("\x00", " "))  # SQLite ends a string at a NUL
    if not tokens:
        return ""
    return _Parser(tokens).parse()
