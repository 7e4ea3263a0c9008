"""What every command shares: one plain line on stderr (:func:`say`), known errors as one-line
messages with their exit codes (:func:`guard`), notes and warnings worded once. The command
modules (:mod:`pxextract.cli`, :mod:`pxextract.cli_store`, :mod:`pxextract.cli_query`, :mod:`pxextract.cli_web`) import this; it imports none of them.

Example:
    >>> import io, contextlib
    >>> buf = io.StringIO()
    >>> with contextlib.redirect_stderr(buf): say("note: 萍乡\\x1b[31m")
    >>> buf.getvalue()
    'note: 萍乡␛[31m\\n'
"""

from __future__ import annotations

import os
import sys

import typer

from .ner import ModelError
from .read import InputError
from .rules import RulesError

DEBUG = {"on": False}  # --debug: unexpected errors show their traceback


def say(message: str) -> None:
    """One plain line on stderr (never wrapped, so paths stay greppable); file names and ids
    in it cannot steer a terminal (``output.for_terminal``)."""
    from .output import for_terminal

    sys.stderr.write(for_terminal(message) + "\n")
    sys.stderr.flush()


def note_skipped(skipped: dict[str, list[str]], verbose: bool = False) -> None:
    """One line for the files of folders that are not read (a count per suffix), or each named."""
    if not skipped:
        return
    if verbose:
        for suffix, paths in sorted(skipped.items()):
            for p in paths:
                say(f"note: {p}: skipped (pxextract does not read {suffix} files)")
        return
    counts = ", ".join(f"{suffix} {len(paths)}" for suffix, paths in sorted(skipped.items()))
    say(f"note: skipped {sum(map(len, skipped.values()))} file(s) of kinds pxextract does not read ({counts}); --verbose names them")


def warn_no_date(paths: list[str]) -> None:
    """A warning line per article without a publication date (its figures without a year of
    their own keep ``year`` null: never a guess)."""
    for p in paths:
        say(f"warning: {p}: no publication date (metadata, --date or a date in the text); figures without their own year have none")


def fail(message: str, code: int = 2) -> None:
    say(f"error: {message}")
    raise typer.Exit(code)


def guard(fn):
    """Turn known errors into one-line messages (exit 2, or the error's ``exit_code``); a SQLite
    error names the command's ``--db`` ("error: facts.sqlite: the disk is full …", exit 1), an
    OS error its file; unknown ones too, unless --debug."""
    import functools
    import sqlite3

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except (InputError, RulesError, ModelError) as exc:
            fail(str(exc), getattr(exc, "exit_code", 2))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except sqlite3.Error as exc:
            from .store import db_error

            named = db_error(kwargs.get("db") or "the database", exc)
            fail(str(named), getattr(named, "exit_code", 2))
        except OSError as exc:
            if DEBUG["on"]:
                raise
            fail(f"{exc.filename}: {exc.strerror}" if exc.filename else f"{exc.strerror or exc}", 1)
        except Exception as exc:  # noqa: BLE001 - last line of defence for users
            if DEBUG["on"]:
                raise
            fail(f"{type(exc).__name__}: {exc} (run with --debug for the traceback)", 1)

    return wrapper


MODEL_HELP = "Use the statistical NER model for names (issue #13, docs/model.md) or not (--no-model: rules only); default: $PXEXTRACT_NER, else the project default."


def use_model(flag: bool | None) -> None:
    """--model / --no-model: set for this process and the worker processes it starts."""
    if flag is not None:
        from .ner import ENV

        os.environ[ENV] = "on" if flag else "off"
