"""The query language of `ls --where` and `--sort`, compiled by hand into parameterised SQL.

`compile_where("metrics.acc > 0.9 and params.lr < 0.1", now=t)` returns a boolean SQL
expression over the outer table `runs` and its bound parameters; `compile_sort(["-metrics.acc"])`
returns an ORDER BY body. Params, metrics and tags are reached through correlated subqueries
on their (run, key) primary keys, so a filter never multiplies rows.

Security: every value and every key written in a `--where` is a bound parameter. The SQL text
itself comes only from the fixed tables in this module and store/fields.py, with one exception: `compile_sort`
returns a bare string (the store binds no parameters after the WHERE ones), so a sort key is
written as a hex blob literal `CAST(X'6c72' AS TEXT)` of its UTF-8 bytes; the only characters
that reach the SQL from the user are then hex digits.

Semantics worth knowing (README, "Querying runs"):

- Values are typed as written: `10`, `-1e-3` are numbers; `'10'`, `"abc"` and bare words
  (`failed`, `main`) are text; `true`, `false`, `null` (and `nan`, `inf`) are themselves.
  A number compares only with params stored as numbers (a param stored as the text "0.1" never
  matches `params.lr < 1`); text compares only with text (and list params' JSON text); `true`
  only with bools; `= null` matches a null param. Tags are text, but compare numerically with a
  number when their text is a number.
- A comparison is false for a run that lacks the field: `params.x != 1` is false when the run
  has no param x, and `not params.x = 1` is true for it.
- Time fields (`started`, `ended`) take ISO dates and times (naive ones are local time),
  epoch seconds, relative times (`-2h`: two hours before now; s m h d w) and `today`,
  `yesterday`. A date means its midnight; `=`, `!=` and `in` with a date, `today` or
  `yesterday` mean during that day. `duration` takes seconds or `90s`, `5m`, `1h30m`.
- `git.commit` and `id` match a prefix when the value is hexadecimal.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from runlab.errors import QueryError
from runlab.store.fields import (FIELDS, FIELD_HELP, KEY_CHAR, METRIC_STATS, Field, quote_key,
                                 split_stat)
from runlab.store.records import STATUSES

# -- the fields (store/fields.py holds the table) -----------------------------------------------

_PREFIXES = {"params.": "params", "metrics.": "metrics", "tags.": "tags", "inputs.": "inputs",
             "packages.": "packages"}
_ALIAS = {"params": "p", "metrics": "m", "tags": "t", "inputs": "j", "packages": "j"}
# Inputs and packages live in the run's data (JSON): an input's value is its fingerprint, a
# package's its version, both text.
_JSON_FIELDS = {
    "inputs": ("json_each(runs.data, '$.inputs')", "json_extract(j.value, '$.fingerprint')"),
    "packages": ("json_each((SELECT value FROM meta WHERE key = 'packages/' || "
                 "json_extract(runs.data, '$.environment.python.packages_id')))", "j.value"),
}

# -- values ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_SPECIAL_FLOATS = {"inf": math.inf, "+inf": math.inf, "-inf": -math.inf, "nan": math.nan}
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_SPAN = re.compile(r"(?:\d+(?:\.\d+)?[smhdw])+\Z")
_SPAN_PART = re.compile(r"(\d+(?:\.\d+)?)([smhdw])")
_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?"
    r"(Z|z|[+-]\d{2}:?\d{2})?\Z"
)
_INT64 = 2**63 - 1
_MAX_DEPTH = 64
_MAX_ARGS = 900  # stay under SQLite's smallest limit on bound parameters (999)


@dataclass(frozen=True)
class _Value:
    kind: str  # number, string, bool, null
    value: Any
    text: str  # as written (decoded when quoted): what text fields compare against
    pos: int


@dataclass(frozen=True)
class _Field:
    table: str  # params, metrics, tags; "" for a plain field
    key: str  # the key, or the plain field's name
    stat: str  # the metric statistic (a column of `metrics`)
    name: str  # as written, for messages
    pos: int
    named_stat: bool = False  # whether the statistic was written (`metrics.loss.last`)

    @property
    def column(self) -> Field:
        return FIELDS[self.key]


# -- tokens ------------------------------------------------------------------------------------

_OPERATORS = ("!=", "!~", "<=", ">=", "==", "&&", "||", "=", "<", ">", "~", "!")
_WORD_STOP = set(" \t\r\n\f\v()=!<>~'\"`&|,")
_KEYWORDS = ("and", "or", "not", "in", "exists")


@dataclass(frozen=True)
class _Token:
    kind: str  # word, string, field, op, "(", ")", ",", end
    text: str  # source text (a string's decoded text)
    pos: int
    field: _Field | None = None  # for a field whose key was quoted

    def keyword(self) -> str:
        return self.text.lower() if self.kind == "word" and self.text.lower() in _KEYWORDS else ""

    def show(self) -> str:
        return "the end of the expression" if self.kind == "end" else repr(self.text)


def _tokenize(expr: str, offset: int = 0, source: str | None = None) -> list[_Token]:
    """Split `expr` into tokens; errors point into `source` (default `expr`) at offset + i."""
    tokens: list[_Token] = []
    i, n = 0, len(expr)

    def fail(message: str, at: int) -> QueryError:
        return QueryError(message, expr if source is None else source, at + offset)

    while i < n:
        c = expr[i]
        if c.isspace():
            i += 1
        elif c in "(),":
            tokens.append(_Token(c, c, i))
            i += 1
        elif c in "'\"":
            text, i2 = _read_quoted(expr, i, fail)
            tokens.append(_Token("string", text, i))
            i = i2
        elif c == "`":
            raise fail("a backtick quotes a key, as in params.`model.lr`", i)
        elif c in "=!<>~&|":
            op = next((o for o in _OPERATORS if expr.startswith(o, i)), "")
            if not op:
                raise fail(f"unexpected {c!r}: write && or || (or: and, or)", i)
            tokens.append(_Token("op", op, i))
            i += len(op)
        else:
            start = i
            while i < n and expr[i] not in _WORD_STOP and not expr[i].isspace():
                i += 1
            word = expr[start:i]
            table = _PREFIXES.get(word.lower())
            if table and i < n and expr[i] in "`\"'":
                key, i = _read_quoted(expr, i, fail)
                if not key:
                    raise fail(f"expected a key inside the quotes after {word!r}", i - 2)
                stat, named = "last", False
                if table == "metrics" and expr.startswith(".", i) and i + 1 < n:
                    j = i + 1
                    while j < n and expr[j] not in _WORD_STOP:
                        j += 1
                    stat = expr[i + 1 : j]
                    if stat not in METRIC_STATS:
                        raise fail(
                            f"unknown metric statistic {stat!r}: use one of "
                            f"{', '.join(METRIC_STATS)}",
                            i + 1,
                        )
                    i, named = j, True
                field = _Field(table, key, stat, expr[start:i], start + offset, named)
                tokens.append(_Token("field", expr[start:i], start, field))
            else:
                tokens.append(_Token("word", word, start))
    tokens.append(_Token("end", "", n))
    return tokens


def _read_quoted(expr: str, start: int, fail: Any) -> tuple[str, int]:
    """The text between a quote at `start` and its mate (backslash escapes), and the end."""
    quote = expr[start]
    out: list[str] = []
    i = start + 1
    escapes = {"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"', "`": "`"}
    while i < len(expr):
        c = expr[i]
        if c == quote:
            return "".join(out), i + 1
        if c == "\\" and i + 1 < len(expr):
            nxt = expr[i + 1]
            # An unknown escape stays as written, so glob classes like \[ survive.
            out.append(escapes.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    raise fail(f"unterminated string: add the closing {quote}", start)


# -- parsing and compiling ---------------------------------------------------------------------

_Frag = tuple[str, list[Any]]


class _Compiler:
    """A recursive-descent parser that emits SQL as it goes.

    expr := and ("or" and)* ; and := unary ("and" unary)* ; unary := "not" unary | primary
    primary := "(" expr ")" | "exists" field | field [op value | ["not"] "in" "(" values ")"]
    """

    def __init__(self, expr: str, now: float) -> None:
        self.expr = expr
        self.now = now
        self.tokens = _tokenize(expr)
        self.i = 0
        self.depth = 0
        self.fields: list[_Field] = []  # every field the expression names, in order

    # token helpers

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def take(self) -> _Token:
        tok = self.peek()
        self.i += 1
        return tok

    def error(self, message: str, pos: int) -> QueryError:
        return QueryError(message, self.expr, pos)

    def is_or(self, tok: _Token) -> bool:
        return tok.keyword() == "or" or (tok.kind == "op" and tok.text == "||")

    def is_and(self, tok: _Token) -> bool:
        return tok.keyword() == "and" or (tok.kind == "op" and tok.text == "&&")

    def is_not(self, tok: _Token) -> bool:
        return tok.keyword() == "not" or (tok.kind == "op" and tok.text == "!")

    # grammar

    def compile(self) -> _Frag:
        if self.peek().kind == "end":
            raise self.error("empty expression: expected a condition such as metrics.acc > 0.9", 0)
        sql, args = self.parse_or()
        tok = self.peek()
        if tok.kind == ")":
            raise self.error("unexpected ')' without a matching '('", tok.pos)
        if tok.kind != "end":
            raise self.error(f"expected 'and', 'or' or the end of the expression, found "
                             f"{tok.show()}", tok.pos)
        if len(args) > _MAX_ARGS:
            raise self.error("the expression is too long: split it into simpler ones", 0)
        return sql, args

    def parse_or(self) -> _Frag:
        parts = [self.parse_and()]
        while self.is_or(self.peek()):
            self.take()
            parts.append(self.parse_and())
        return _join(" OR ", parts)

    def parse_and(self) -> _Frag:
        parts = [self.parse_unary()]
        while self.is_and(self.peek()):
            self.take()
            parts.append(self.parse_unary())
        return _join(" AND ", parts)

    def parse_unary(self) -> _Frag:
        tok = self.peek()
        if self.is_not(tok):
            self.take()
            self.nest(tok)
            sql, args = self.parse_unary()
            self.depth -= 1
            return f"NOT {sql}", args
        return self.parse_primary()

    def nest(self, tok: _Token) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise self.error("the expression is nested too deeply", tok.pos)

    def parse_primary(self) -> _Frag:
        tok = self.peek()
        if tok.kind == "(":
            self.take()
            self.nest(tok)
            sql, args = self.parse_or()
            self.depth -= 1
            close = self.take()
            if close.kind != ")":
                raise self.error(f"expected ')' to close the '(' at column {tok.pos + 1}, "
                                 f"found {close.show()}", close.pos)
            return f"({sql})", args
        if tok.keyword() == "exists":
            self.take()
            paren = self.peek().kind == "("
            if paren:
                self.take()
            field = self.parse_field("after 'exists'")
            if paren:
                close = self.take()
                if close.kind != ")":
                    raise self.error(f"expected ')' after {field.name!r}", close.pos)
            return _presence(field)
        field = self.parse_field(self.after_what())
        return self.parse_condition(field)

    def after_what(self) -> str:
        if self.i == 0:
            return "at the start"
        prev = self.tokens[self.i - 1]
        return f"after {prev.text!r}"

    def parse_field(self, where: str) -> _Field:
        tok = self.take()
        if tok.kind == "field" and tok.field is not None:
            self.fields.append(tok.field)
            return tok.field
        if tok.kind != "word" or tok.keyword():
            raise self.error(f"expected a field such as params.lr, metrics.acc or status "
                             f"{where}, found {tok.show()}", tok.pos)
        try:
            field = _parse_field(tok.text, tok.pos, self.expr, 0)
        except UnknownField as e:
            e.word = _run_on(self.expr, tok.pos, tok.pos + len(tok.text)) or e.word
            raise
        self.fields.append(field)
        return field

    def parse_condition(self, field: _Field) -> _Frag:
        tok = self.peek()
        if tok.kind == "op" and tok.text not in ("&&", "||", "!"):
            self.take()
            op = "=" if tok.text == "==" else tok.text
            value = self.parse_value(tok)
            return self.compare(field, op, [value], tok)
        negate = tok.keyword() == "not" and self.peek(1).keyword() == "in"
        if tok.keyword() == "in" or negate:
            self.take()
            if negate:
                self.take()
            return self.compare(field, "not in" if negate else "in", self.parse_list(), tok)
        if tok.kind in ("end", ")") or self.is_and(tok) or self.is_or(tok):
            return _presence(field)
        _check_key_goes_on(field, self.expr)
        raise self.error(f"expected an operator (= != < <= > >= ~ !~ in) after {field.name!r}, "
                         f"found {tok.show()}", tok.pos)

    def parse_list(self) -> list[_Value]:
        keyword = self.tokens[self.i - 1]
        opening = self.take()
        if opening.kind != "(":
            raise self.error(f"expected '(' after {keyword.text!r}, as in: in (1, 2)",
                             opening.pos)
        values = [self.parse_value(opening)]
        while True:
            tok = self.take()
            if tok.kind == ")":
                return values
            if tok.kind != ",":
                raise self.error(f"expected ',' or ')' in the list, found {tok.show()}", tok.pos)
            values.append(self.parse_value(tok))

    def parse_value(self, after: _Token) -> _Value:
        tok = self.take()
        if tok.kind == "string":
            return _Value("string", tok.text, tok.text, tok.pos)
        if tok.kind != "word" or tok.keyword():
            found = "" if tok.kind == "end" else f", found {tok.show()}"
            raise self.error(f"expected a value after {after.text!r}{found}", tok.pos)
        word = tok.text
        lower = word.lower()
        if lower in ("true", "false"):
            return _Value("bool", lower == "true", word, tok.pos)
        if lower == "null":
            return _Value("null", None, word, tok.pos)
        if lower in _SPECIAL_FLOATS:
            return _Value("number", _SPECIAL_FLOATS[lower], word, tok.pos)
        if _NUMBER.match(word):
            number: float | int
            if any(c in word for c in ".eE"):
                number = float(word)
            else:
                number = int(word)
                if abs(number) > _INT64:  # SQLite integers are 64-bit
                    number = float(number)
            return _Value("number", number, word, tok.pos)
        if lower.startswith(tuple(_PREFIXES)):
            raise self.error(f"comparing two fields is not supported; quote {word!r} to compare "
                             "with that text", tok.pos)
        return _Value("string", word, word, tok.pos)

    # compiling one condition

    def compare(self, field: _Field, op: str, values: list[_Value], op_tok: _Token) -> _Frag:
        """SQL for FIELD OP VALUE(S); false whenever the run lacks the field."""
        if field.table == "" and any(v.kind == "null" for v in values):
            return self.compare_null(field, op, values, op_tok)
        if op in ("!=", "!~", "not in"):
            positive = {"!=": "=", "!~": "~", "not in": "in"}[op]
            sql, args = self.conditions(field, positive, values, op_tok)
            return _within(field, (f"({sql}) IS NOT 1", args))
        return _within(field, self.conditions(field, op, values, op_tok))

    def compare_null(self, field: _Field, op: str, values: list[_Value], op_tok: _Token) -> _Frag:
        subject, sargs = _subject(field, self.now)
        if op not in ("=", "!=", "in", "not in"):
            raise self.error(f"null compares only with = != in, not {op_tok.text!r}", op_tok.pos)
        others = [v for v in values if v.kind != "null"]
        if op in ("!=", "not in"):
            if not others:
                return f"{subject} IS NOT NULL", sargs
            return self.compare(field, "not in", others, op_tok)
        if not others:
            return f"{subject} IS NULL", sargs
        sql, args = self.compare(field, "in", others, op_tok)
        return f"({subject} IS NULL OR {sql})", sargs + args

    def conditions(self, field: _Field, op: str, values: list[_Value], op_tok: _Token) -> _Frag:
        """The condition on the field's value (present) for =, <, <=, >, >=, ~ or in."""
        if op == "in":
            return _join(" OR ", [self.condition(field, "=", v, op_tok) for v in values])
        return self.condition(field, op, values[0], op_tok)

    def condition(self, field: _Field, op: str, value: _Value, op_tok: _Token) -> _Frag:
        if op not in ("=", "~") and value.kind in ("bool", "null"):
            raise self.error(f"{value.text} compares only with = != in, not {op_tok.text!r}",
                             op_tok.pos)
        if op not in ("=", "~") and value.kind == "number" and math.isnan(value.value):
            raise self.error(f"nan compares only with = != in, not {op_tok.text!r}", op_tok.pos)
        if field.table == "params":
            return self.param_condition(op, value)
        if field.table == "metrics":
            return self.metric_condition(field, op, value, op_tok)
        if field.table == "tags":
            return self.tag_condition(op, value)
        if field.table in _JSON_FIELDS:
            return self.json_condition(field, op, value)
        return self.plain_condition(field, op, value, op_tok)

    def json_condition(self, field: _Field, op: str, value: _Value) -> _Frag:
        if value.kind == "null":
            raise self.error(f"{field.table} values are text: use 'not {field.name}' for runs "
                             "without it", value.pos)
        column = _JSON_FIELDS[field.table][1]
        return f"{column} {'GLOB' if op == '~' else op} ?", [value.text]

    def param_condition(self, op: str, value: _Value) -> _Frag:
        if op == "~":
            return "p.kind IN ('str', 'json') AND p.value GLOB ?", [value.text]
        if value.kind == "number":
            if math.isnan(value.value):
                return "p.kind = 'float' AND p.value IS NULL", []
            return f"p.kind IN ('int', 'float') AND p.value {op} ?", [value.value]
        if value.kind == "bool":
            return "p.kind = 'bool' AND p.value = ?", [int(value.value)]
        if value.kind == "null":
            return "p.kind = 'null'", []
        return f"p.kind IN ('str', 'json') AND p.value {op} ?", [value.value]

    def metric_condition(self, field: _Field, op: str, value: _Value, op_tok: _Token) -> _Frag:
        column = f"m.{field.stat}"  # field.stat is one of METRIC_STATS
        if op == "~":
            raise self.error(f"~ matches text, and {field.name} is a number", op_tok.pos)
        if value.kind == "null" or (value.kind == "number" and math.isnan(value.value)):
            return f"{column} IS NULL", []  # a NaN is stored as NULL
        if value.kind != "number":
            raise self.error(f"{field.name} is a number: compare it with a number, not "
                             f"{value.text!r}", value.pos)
        return f"{column} {op} ?", [value.value]

    def tag_condition(self, op: str, value: _Value) -> _Frag:
        if value.kind == "null":
            raise self.error("tag values are text: use 'not tags.KEY' for runs without the tag",
                             value.pos)
        if op == "~":
            return "t.value GLOB ?", [value.text]
        if value.kind == "number" and not math.isnan(value.value):
            # Compare numerically when the tag's text is a number, as a user means `tags.epoch > 5`.
            sql = ("t.value GLOB '*[0-9]*' AND t.value NOT GLOB '*[^0-9eE.+-]*' "
                   f"AND CAST(t.value AS REAL) {op} ?")
            return sql, [value.value]
        return f"t.value {op} ?", [value.text]

    def plain_condition(self, field: _Field, op: str, value: _Value, op_tok: _Token) -> _Frag:
        subject, sargs = _subject(field, self.now)
        kind = field.column.type

        def test(operator: str, operand: Any) -> _Frag:
            return f"{subject} {operator} ?", [*sargs, operand]

        def between(low: Any, high: Any) -> _Frag:
            return f"{subject} >= ? AND {subject} < ?", [*sargs, low, *sargs, high]

        if op == "~":
            if kind not in ("text", "status", "hex"):
                raise self.error(f"~ matches text, and {field.name} is not text", op_tok.pos)
            return test("GLOB", value.text)
        if kind == "text":
            return test(op, value.text)
        if kind == "status":
            status = value.text.lower()
            if status not in STATUSES:
                raise self.error(f"unknown status {value.text!r}: use one of "
                                 f"{', '.join(STATUSES)}", value.pos)
            if op != "=":
                raise self.error(f"status compares with = != in ~, not {op_tok.text!r}",
                                 op_tok.pos)
            return test("=", status)
        if kind == "hex":
            text = value.text.lower()
            if op == "=" and text and all(c in "0123456789abcdef" for c in text):
                return between(text, text + "g")  # a prefix, like a short commit hash
            return test(op, value.text)
        if kind == "bool":
            if not (value.kind == "bool" or (value.kind == "number" and value.value in (0, 1))):
                raise self.error(f"{field.name} is true or false, not {value.text!r}", value.pos)
            if op != "=":
                raise self.error(f"{field.name} compares with = or !=, not {op_tok.text!r}",
                                 op_tok.pos)
            return test("=", int(value.value))
        if kind == "int":
            if value.kind != "number" or math.isnan(value.value):
                raise self.error(f"{field.name} is a number: compare it with a number, not "
                                 f"{value.text!r}", value.pos)
            return test(op, value.value)
        if kind == "duration":
            seconds = _parse_duration(value)
            if seconds is None:
                raise self.error(f"expected a duration such as 90, 90s, 5m, 2h or 1h30m, not "
                                 f"{value.text!r}", value.pos)
            return test(op, seconds)
        span = _parse_time(value, self.now)
        if span is None:
            raise self.error(
                "expected a time such as 2024-05-01, 2024-05-01T12:00, -2h, -7d, today or "
                f"yesterday, not {value.text!r}", value.pos)
        start, end = span
        if op == "=" and end is not None:
            return between(start, end)  # `= 2024-05-01`, `= today`: during that day
        return test(op, start)


def _join(sep: str, parts: list[_Frag]) -> _Frag:
    if len(parts) == 1:
        return parts[0]
    args: list[Any] = []
    for _, a in parts:
        args.extend(a)
    return "(" + sep.join(s for s, _ in parts) + ")", args


def _subject(field: _Field, now: float) -> _Frag:
    """A plain field's SQL value and its arguments (only duration binds one: now)."""
    column = field.column
    return column.sql, ([now] if column.type == "duration" else [])


def _within(field: _Field, cond: _Frag | None) -> _Frag:
    """`cond` on the field's value, true only when the run has the field (presence if None)."""
    if field.table in _JSON_FIELDS:
        sql = f"EXISTS (SELECT 1 FROM {_JSON_FIELDS[field.table][0]} j WHERE j.key = ?"
        if cond is None:
            return sql + ")", [field.key]
        return f"{sql} AND ({cond[0]}))", [field.key, *cond[1]]
    if field.table:
        alias = _ALIAS[field.table]
        sql = (f"EXISTS (SELECT 1 FROM {field.table} {alias} WHERE {alias}.run = runs.number "
               f"AND {alias}.key = ?")
        if cond is None:
            return sql + ")", [field.key]
        return f"{sql} AND ({cond[0]}))", [field.key, *cond[1]]
    column = field.column
    if cond is None:
        return (f"{column.sql} IS NOT NULL" if column.nullable else "1"), []
    if not column.nullable:
        return f"({cond[0]})", cond[1]
    return f"({column.sql} IS NOT NULL AND ({cond[0]}))", cond[1]


def _presence(field: _Field) -> _Frag:
    return _within(field, None)


def _parse_field(text: str, pos: int, expr: str, offset: int) -> _Field:
    """A field written unquoted: a plain name, or params./metrics./tags. and a key."""
    lower = text.lower()
    if lower in FIELDS:
        return _Field("", lower, "last", text, pos + offset)
    for prefix, table in _PREFIXES.items():
        if not lower.startswith(prefix):
            continue
        key = text[len(prefix):]
        if not key:
            raise QueryError(f"expected a key after {text!r}, as in {prefix}lr",
                             expr, pos + len(text) + offset)
        bad = next((i for i, c in enumerate(key) if not KEY_CHAR.fullmatch(c)), None)
        if bad is not None:
            raise QueryError(
                f"a key may hold letters, digits, _ - / and dots; quote others with backticks: "
                f"{prefix}{quote_key(key)}", expr, pos + len(prefix) + bad + offset)
        stat = ""
        if table == "metrics":
            key, stat = split_stat(key)
        return _Field(table, key, stat or "last", text, pos + offset, bool(stat))
    head = lower.split(".", 1)[0] + "." if "." in lower else lower
    close = difflib.get_close_matches(head, [*FIELDS, *_PREFIXES], n=1)
    hint = f" (did you mean {close[0]}{'KEY' if close[0].endswith('.') else ''}?)" if close else ""
    if lower in STATUSES:
        hint = f" (to match a status, write status = {lower} or status in (...))"
    raise UnknownField(f"unknown field {text!r}{hint}: use one of {FIELD_HELP}",
                       expr, pos + offset, word=text)


def _check_key_goes_on(field: _Field, source: str) -> None:
    """A QueryError saying to quote the key when the text right after an unquoted key goes on
    with characters a bare key cannot hold (`metrics.F1_(macro) > 0.4` stops at the `(`)."""
    prefix = field.table + "."
    start = field.pos + len(prefix)
    if not field.table or source[start:start + 1] in ("`", '"', "'"):
        return  # a plain field, or a quoted key: the text after it is the error
    text = _run_on(source, start, field.pos + len(field.name))
    if text is None:
        return
    suffix = ""
    if field.table == "metrics":
        text, stat = split_stat(text)
        suffix = "." + stat if stat else ""
    raise QueryError(f"a key may hold letters, digits, _ - / and dots; quote others with "
                     f"backticks: {prefix}{quote_key(text)}{suffix}", source,
                     field.pos + len(field.name))


def _run_on(source: str, start: int, end: int) -> str | None:
    """The name at source[start:end] with what runs on right after it (`F1_(macro)` for
    `F1_`): up to a space, an operator or a quote, less a `)` closing a group; None when
    nothing runs on."""
    j = end
    while j < len(source) and not source[j].isspace() and source[j] not in "=!<>~&|'\"`":
        j += 1
    text = source[start:j]
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1]  # the parenthesis that closes a group, not part of the name
    return text if len(text) > end - start else None


def _parse_duration(value: _Value) -> float | None:
    if value.kind == "number" and math.isfinite(value.value):
        return float(value.value)
    if value.kind == "string" and _SPAN.match(value.text.lower()):
        return _span_seconds(value.text.lower())
    return None


def _span_seconds(text: str) -> float:
    return sum(float(n) * _UNIT_SECONDS[unit] for n, unit in _SPAN_PART.findall(text))


def _parse_time(value: _Value, now: float) -> tuple[float, float | None] | None:
    """(epoch seconds, end of the day or None): a date or a day keyword is a whole day."""
    if value.kind == "number":
        return (float(value.value), None) if math.isfinite(value.value) else None
    if value.kind != "string":
        return None
    text = value.text.strip().lower()
    if text == "now":
        return now, None
    if text in ("today", "yesterday"):
        midnight = datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0)
        day = midnight - timedelta(days=1) if text == "yesterday" else midnight
        return day.timestamp(), (day + timedelta(days=1)).timestamp()
    if text.startswith("-") and _SPAN.match(text[1:]):
        return now - _span_seconds(text[1:]), None
    match = _ISO.match(text.upper())
    if match is None:
        return None
    date, clock, zone = match.groups()
    iso = date + ("T" + clock if clock else "")
    if "." in iso:
        whole, fraction = iso.split(".")
        iso = f"{whole}.{fraction:0<6}"  # Python 3.10 reads only 3 or 6 digits
    if zone:
        zone = "+00:00" if zone == "Z" else (zone if ":" in zone else zone[:3] + ":" + zone[3:])
        iso += zone
    try:
        moment = datetime.fromisoformat(iso)
        if clock is None and zone is None:
            next_day = moment + timedelta(days=1)
            return moment.timestamp(), next_day.timestamp()
        return moment.timestamp(), None  # naive times are local, as timestamp() reads them
    except (ValueError, OverflowError):  # no such date, or one at the end of the calendar
        return None


# -- the interface -----------------------------------------------------------------------------


class UnknownField(QueryError):
    """A field name the language does not know; `word` is the name as written, so that a
    caller who knows the store's keys can suggest `metrics.val_loss` for `val_loss`."""

    def __init__(self, message: str, expression: str, column: int, word: str) -> None:
        super().__init__(message, expression, column)
        self.word = word


def keys_used(where: str | None, sort: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(table, key) of each params/metrics/tags field a --where and --sort name, in order.
    Raises QueryError as compile_where and compile_sort do."""
    fields: list[_Field] = []
    if where:
        compiler = _Compiler(where, 0.0)
        compiler.compile()
        fields += compiler.fields
    for item in sort:
        for text, offset in _split_sort_item(item):
            body = text[1:] if text[:1] in "+-" else text
            fields.append(_sort_field(item, body, offset + len(text) - len(body)))
    return list(dict.fromkeys((f.table, f.key) for f in fields if f.table))


def compile_where(expr: str, *, now: float) -> tuple[str, list[Any]]:
    """Compile a `--where` expression into an SQL boolean over `runs` and its bound parameters.

    `now` (epoch seconds) anchors relative times, `today` and running runs' duration.
    A comparison on a field the run lacks is false, `!=` included: `params.x != 1` skips runs
    without x, while `not params.x = 1` keeps them. Raises QueryError pointing at the column.
    """
    return _Compiler(expr, now).compile()


def compile_sort(fields: Sequence[str]) -> str:
    """An ORDER BY body for `[-]FIELD` items (`-` descending), missing values last either way.

    An item may list several fields separated by commas. Ends with the tie-break
    `runs.number DESC`. Raises QueryError for an unknown field.
    """
    terms: list[str] = []
    for item in fields:
        for text, offset in _split_sort_item(item):
            descending = text.startswith("-")
            body = text[1:] if text[:1] in "+-" else text
            skip = len(text) - len(body)
            field = _sort_field(item, body, offset + skip)
            sql = _sort_expression(field)
            terms.append(f"{sql} IS NULL, {sql}{' DESC' if descending else ''}")
    terms.append("runs.number DESC")
    return ", ".join(terms)


def _split_sort_item(item: str) -> list[tuple[str, int]]:
    """The comma-separated parts of one --sort value, with their columns (quotes respected)."""
    parts = split_fields(item)
    for text, offset in parts:
        if not text:
            raise QueryError("expected a field to sort by, such as -metrics.acc", item, offset)
    return parts


def split_fields(text: str) -> list[tuple[str, int]]:
    """The comma-separated fields of a --sort or --columns value, each stripped, with the
    column it starts at: a comma inside quotes (metrics.`a,b`) is part of its field. A quote
    opens only where a key or a field starts (metrics.`a,b`, not Best_model's_auc)."""
    parts: list[tuple[str, int]] = []
    start, quote, escaped = 0, "", False
    for i in range(len(text) + 1):
        c = text[i] if i < len(text) else ","  # an unterminated quote ends with the text
        if i < len(text) and escaped:
            escaped = False
        elif i < len(text) and quote:
            escaped = c == "\\"
            quote = "" if c == quote else quote
        elif c in "`\"'" and _opens_key(text[start:i]):
            quote = c
        elif c == ",":
            piece = text[start:i]
            stripped = piece.lstrip()
            parts.append((stripped.rstrip(), start + len(piece) - len(stripped)))
            start = i + 1
    return parts


def _opens_key(before: str) -> bool:
    """Whether a quote after `before` (the field so far) starts a quoted key or field."""
    head = before.lstrip()
    head = head[1:] if head[:1] in "+-" else head
    return not head or head.lower() in _PREFIXES


def read_field(text: str) -> _Field:
    """One field written as --where and --sort write it (metrics.`acc@1`.max, status), as
    `ls --columns` names one. Raises QueryError (UnknownField for a name the language does
    not know)."""
    return _sort_field(text, text, 0, sorting=False)


def _sort_field(item: str, body: str, offset: int, sorting: bool = True) -> _Field:
    # Errors point into `item`, the --sort value as the user wrote it.
    tokens = _tokenize(body, offset, item)
    first = tokens[0]
    if first.kind == "field" and first.field is not None:
        field = first.field
    elif first.kind == "word" and not first.keyword():
        try:
            field = _parse_field(first.text, first.pos, item, offset)
        except UnknownField as e:
            e.word = _run_on(body, first.pos, first.pos + len(first.text)) or e.word
            raise
    else:
        example = "a field to sort by, such as -metrics.acc" if sorting else \
            "a field, such as metrics.acc"
        raise QueryError(f"expected {example}", item, first.pos + offset)
    if tokens[1].kind != "end":
        _check_key_goes_on(field, item)
        raise QueryError(f"expected one field{' to sort by' if sorting else ''}, found "
                         f"{tokens[1].show()} after it", item, tokens[1].pos + offset)
    return field


def _sort_expression(field: _Field) -> str:
    if not field.table:
        return field.column.order_sql
    alias = _ALIAS[field.table]
    value = f"{alias}.{field.stat}" if field.table == "metrics" else f"{alias}.value"
    key = field.key.encode("utf-8").hex()  # hex digits only: nothing the user wrote reaches SQL
    if field.table in _JSON_FIELDS:
        source, subject = _JSON_FIELDS[field.table]
        return f"(SELECT {subject} FROM {source} j WHERE j.key = CAST(X'{key}' AS TEXT))"
    return (f"(SELECT {value} FROM {field.table} {alias} WHERE {alias}.run = runs.number "
            f"AND {alias}.key = CAST(X'{key}' AS TEXT))")
