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

from .read import InputError

# The model's and the rules' errors are looked up when one is caught (:func:`known_errors`):
# importing pxextract.ner here would cost every command, the fast read ones too, ~25 ms.

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


def known_errors() -> tuple[type[Exception], ...]:
    """The error classes that are the user's to fix (a one-line message, no traceback):
    :class:`InputError`, and ``RulesError`` / ``ModelError`` when their modules are loaded (an
    error of a module never imported cannot have been raised)."""
    errors: list[type[Exception]] = [InputError]
    for module, name in (("pxextract.rule_types", "RulesError"), ("pxextract.rules", "RulesError"), ("pxextract.ner", "ModelError")):
        error = getattr(sys.modules.get(module), name, None)
        if error is not None:
            errors.append(error)
    return tuple(errors)


SIGPIPE_EXIT = 141  # 128 + SIGPIPE: what a shell reports for a writer whose reader went away


def quiet_closed_pipe() -> None:
    """The reader of stdout went away (``pxextract facts … | head -1``): stop quietly with exit
    141, as a program killed by SIGPIPE would, without a message or a ``BrokenPipeError`` at
    exit. Python's advice (docs: "Note on SIGPIPE"): point stdout at /dev/null, so that the
    interpreter's last flush of what is still buffered goes nowhere instead of failing again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor behind sys.stdout (a test's capture)
        pass
    raise typer.Exit(SIGPIPE_EXIT)


def guard(fn):
    """Turn known errors into one-line messages (exit 2, or the error's ``exit_code``); a closed
    pipe on stdout into a quiet exit 141 (:func:`quiet_closed_pipe`); a SQLite
    error names the command's ``--db`` ("error: facts.sqlite: the disk is full …", exit 1), an
    OS error its file; unknown ones too, unless --debug."""
    import functools
    import sqlite3

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
            sys.stdout.flush()  # a reader that went away shows here, not at exit
            return result
        except BrokenPipeError:
            quiet_closed_pipe()
        except typer.Exit:
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                quiet_closed_pipe()
            raise
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except Exception as exc:  # noqa: BLE001 - sorted below; the last line of defence for users
            if isinstance(exc, known_errors()):
                fail(str(exc), getattr(exc, "exit_code", 2))
            if isinstance(exc, sqlite3.Error):
                from .store import db_error

                named = db_error(kwargs.get("db") or "the database", exc)
                fail(str(named), getattr(named, "exit_code", 2))
            if DEBUG["on"]:
                raise
            if isinstance(exc, OSError):
                fail(f"{exc.filename}: {exc.strerror}" if exc.filename else f"{exc.strerror or exc}", 1)
            fail(f"{type(exc).__name__}: {exc} (run with --debug for the traceback)", 1)

    return wrapper


MODEL_HELP = "Use the statistical NER model for names (issue #13, docs/model.md; the default) or not (--no-model: rules only); default: $PXEXTRACT_NER (on, off or a model file), else on. Its file's hash is part of the pipeline version."


def use_model(flag: bool | None) -> None:
    """--model / --no-model: set for this process and the worker processes it starts."""
    if flag is not None:
        from .ner import ENV

        os.environ[ENV] = "on" if flag else "off"
