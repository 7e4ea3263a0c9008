"""JSON Lines input: one ``{"id", "text", "meta"}`` record per line (:func:`iter_jsonl`), read
as bytes line by line, each bad line a :class:`ReadError` with its line number.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .article import Article, ReadError, display


MAX_JSON_DEPTH = 100  # meta nested deeper than this is not an article's metadata


def _depth(obj, limit: int) -> int:
    """Nesting depth of a JSON value, counted without recursion, stopping past ``limit``."""
    stack, deepest = [(obj, 1)], 0
    while stack:
        o, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(o, dict):
            stack.extend((v, d + 1) for v in o.values())
        elif isinstance(o, list):
            stack.extend((v, d + 1) for v in o)
    return deepest


def _has_surrogate(obj) -> bool:
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, str):
            try:
                o.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, list):
            stack.extend(o)
    return False


def _jsonl_record(line: bytes, where: str, lineno_first: bool) -> Article | ReadError | None:
    """One JSONL line as an Article, a ReadError (with the reason), or None for a blank line."""
    try:
        s = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadError(where, f"not UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); this line is skipped")
    if lineno_first:
        s = s.removeprefix("\ufeff")
    if not s.strip():
        return None
    try:
        obj = json.loads(s)
    except json.JSONDecodeError as exc:
        return ReadError(where, f"invalid JSON ({exc.msg})")
    except (ValueError, RecursionError) as exc:  # integers over 4,300 digits, nesting past the recursion limit
        return ReadError(where, f"invalid JSON ({type(exc).__name__}: {str(exc)[:120]})")
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not isinstance(obj.get("text"), str):
        return ReadError(where, 'a record needs string "id" and "text"')
    if not obj["id"].strip():
        return ReadError(where, "empty id")
    if not obj["text"].strip():
        return ReadError(where, "empty text")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        return ReadError(where, '"meta" must be an object')
    if _depth(meta, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        return ReadError(where, f'"meta" is nested deeper than {MAX_JSON_DEPTH} levels')
    if _has_surrogate(obj["id"]) or _has_surrogate(meta):
        return ReadError(where, '"id" or "meta" holds a lone surrogate (\\ud800-\\udfff): not valid Unicode')
    text = obj["text"][1:] if obj["text"].startswith("\ufeff") else obj["text"]
    if _has_surrogate(text):  # one code point for one: offsets stay valid
        n = sum(1 for ch in text if "\ud800" <= ch <= "\udfff")
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
        meta = dict(meta, encoding=f"utf-8 ({n} lone surrogate(s) replaced by U+FFFD)")
    return Article(obj["id"], text, meta, where)


def iter_jsonl(path: Path) -> Iterator[Article | ReadError]:
    """Records of a JSON Lines input, read line by line as bytes: a bad line (invalid UTF-8 or
    JSON, a record without id or text) is a ReadError with its exact line number, and the
    lines after it are still read."""
    name = display(path)
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield ReadError(name, f"cannot read ({exc.strerror or exc}); articles stored from it are kept")
        return
    with f:
        lineno = 0
        while True:
            try:
                line = f.readline()
            except OSError as exc:
                yield ReadError(f"{name}:{lineno + 1}", f"cannot read ({exc.strerror or exc}); the rest of the file is kept as stored",
                                scope=name)
                return
            if not line:
                return
            lineno += 1
            rec = _jsonl_record(line, f"{name}:{lineno}", lineno == 1)
            if isinstance(rec, ReadError):
                rec.scope = name  # which record it was is unknown: keep every stored one of this file
            if rec is not None:
                yield rec
