"""The error messages Node 20's `JSON.parse` (V8) gives for bad JSON.

Also body-parser's strict-mode variant. Wiki.js sends them back verbatim when a request body
is not JSON.
"""

from __future__ import annotations

_WHITESPACE = " \t\n\r"
_CONTEXT = 10


class _Failure(Exception):
    pass


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail_at(self, message: str) -> _Failure:
        return _Failure(f"{message} in JSON at position {self.pos}")

    def unexpected(self) -> _Failure:
        text, pos = self.text, self.pos
        if pos >= len(text):
            return _Failure("Unexpected end of JSON input")
        char = text[pos]
        if char == '"':
            return self.fail_at("Unexpected string")
        if char.isdigit() or char == "-":
            return self.fail_at("Unexpected number")
        if len(text) < _CONTEXT * 2 + 1:
            return _Failure(f"Unexpected token '{char}', \"{text}\" is not valid JSON")
        if pos < _CONTEXT:
            snippet = text[: pos + _CONTEXT]
            return _Failure(f"Unexpected token '{char}', \"{snippet}\"... is not valid JSON")
        if pos < len(text) - _CONTEXT:
            snippet = text[pos - _CONTEXT : pos + _CONTEXT]
            return _Failure(f"Unexpected token '{char}', ...\"{snippet}\"... is not valid JSON")
        snippet = text[pos - _CONTEXT :]
        return _Failure(f"Unexpected token '{char}', ...\"{snippet}\" is not valid JSON")

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def document(self) -> None:
        self.skip()
        self.value()
        self.skip()
        if self.pos < len(self.text):
            raise self.fail_at("Unexpected non-whitespace character after JSON")

    def value(self) -> None:
        char = self.peek()
        if char == "{":
            self.obj()
        elif char == "[":
            self.array()
        elif char == '"':
            self.string()
        elif char == "-" or char.isdigit():
            self.number()
        else:
            for word in ("true", "false", "null"):
                if self.text.startswith(word, self.pos):
                    self.pos += len(word)
                    return
            if char and word_prefix(self.text, self.pos):
                # e.g. "tru": V8 points at the first character that breaks the literal
                self.pos += word_prefix(self.text, self.pos)
            raise self.unexpected()

    def obj(self) -> None:
        self.pos += 1
        self.skip()
        if self.peek() == "}":
            self.pos += 1
            return
        if self.peek() != '"':
            raise self.fail_at("Expected property name or '}'")
        while True:
            self.string()
            self.skip()
            if self.peek() != ":":
                raise self.fail_at("Expected ':' after property name")
            self.pos += 1
            self.skip()
            self.value()
            self.skip()
            if self.peek() == "}":
                self.pos += 1
                return
            if self.peek() != ",":
                raise self.fail_at("Expected ',' or '}' after property value")
            self.pos += 1
            self.skip()
            if self.peek() != '"':
                raise self.fail_at("Expected double-quoted property name")

    def array(self) -> None:
        self.pos += 1
        self.skip()
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            self.value()
            self.skip()
            if self.peek() == "]":
                self.pos += 1
                return
            if self.peek() != ",":
                raise self.fail_at("Expected ',' or ']' after array element")
            self.pos += 1
            self.skip()

    def string(self) -> None:
        self.pos += 1
        while True:
            if self.pos >= len(self.text):
                raise self.fail_at("Unterminated string")
            char = self.text[self.pos]
            if char == '"':
                self.pos += 1
                return
            if ord(char) < 0x20:
                raise self.fail_at("Bad control character in string literal")
            if char == "\\":
                self.pos += 1
                escape = self.peek()
                if escape == "u":
                    digits = self.text[self.pos + 1 : self.pos + 5]
                    if len(digits) < 4 or any(d not in "0123456789abcdefABCDEF" for d in digits):
                        raise self.fail_at("Bad Unicode escape")
                    self.pos += 4
                elif escape not in '"\\/bfnrt':
                    raise self.fail_at("Bad escaped character")
            self.pos += 1

    def number(self) -> None:
        if self.peek() == "-":
            self.pos += 1
            if not self.peek().isdigit():
                raise self.fail_at("No number after minus sign")
        if self.peek() == "0":
            self.pos += 1
        while self.peek().isdigit():
            self.pos += 1
        if self.peek() == ".":
            self.pos += 1
            if not self.peek().isdigit():
                raise self.fail_at("Unterminated fractional number")
            while self.peek().isdigit():
                self.pos += 1
        if self.peek() in ("e", "E"):
            self.pos += 1
            if self.peek() in ("+", "-"):
                self.pos += 1
            if not self.peek().isdigit():
                raise self.fail_at("Exponent part is missing a number")
            while self.peek().isdigit():
                self.pos += 1


def word_prefix(text: str, pos: int) -> int:
    """How many characters at `pos` agree with the start of a JSON literal."""
    best = 0
    for word in ("true", "false", "null"):
        length = 0
        while length < len(word) and text[pos + length : pos + length + 1] == word[length]:
            length += 1
        best = max(best, length)
    return best


def parse_error(text: str) -> str | None:
    """V8's message for `JSON.parse(text)`, or None when the text is valid JSON."""
    try:
        _Parser(text).document()
    except _Failure as failure:
        return str(failure)
    return None


def body_parser_error(text: str) -> str | None:
    """body-parser 1.19's strict check: a body must start with `{` or `[`."""
    stripped = text.lstrip(_WHITESPACE)
    if not stripped:
        return None
    first = stripped[0]
    if first not in "{[":
        partial = text[: text.index(first)] + "#"
        message = parse_error(partial) or ""
        return message.replace("#", first, 1)
    return parse_error(text)
