"""Writing results: whole or not at all (a temporary file beside the target, then a rename),
to the file the user named, and text made safe for a terminal.

Example:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> with atomic_writer(p) as f: _ = f.write('{"id": "萍乡"}\\n')
    >>> p.read_text(encoding="utf-8")
    '{"id": "萍乡"}\\n'
    >>> for_terminal("萍乡\\x1b[31m红")
    '萍乡␛[31m红'
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .read import InputError

# one colour per label, for every HTML view (show --html, the eval report): the displaCy colours
LABEL_COLORS = {
    "MONEY": "#f9d65c",
    "PERCENT": "#a6e22e",
    "QUANTITY": "#7aecec",
    "CARDINAL": "#e4e7d2",
    "DATE": "#bfe1d9",
    "PERSON": "#aa9cfc",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "ORG": "#7aecec",
    "LAW": "#ff8197",
}


class OutputError(InputError):
    """An output path pxextract will not write: a device, a FIFO, a folder (a usage error)."""


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"))


def output_target(path: str | Path) -> tuple[Path, os.stat_result | None]:
    """The regular file that writing ``path`` replaces, and its current status (None if new).

    A symlink is followed to the file it names (which is then replaced; the link stays a
    link). Anything that is not a regular file is refused with :class:`OutputError`:
    ``-o /dev/null`` must never replace the system's ``/dev/null``.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        link = f" (a symlink to {target})" if path.is_symlink() else ""
        raise OutputError(f"{path}{link}: is {kind}, not a regular file; pxextract writes only regular files (give a file name)")
    return target, st


def umask() -> int:
    """The process's umask (read from /proc where possible: setting it to probe is not thread-safe)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_writer(path: str | Path, mode: str = "w", encoding: str = "utf-8", newline: str | None = None):
    """Yield a file whose content replaces ``path`` only if the block finishes without error.

    The file written is :func:`output_target` of ``path`` (a symlink's target). A new file gets
    the mode the umask allows (0644 under umask 022, 0640 under 027: ``tempfile.mkstemp``
    creates 0600, so the temporary file is chmod-ed before the rename), a replaced one keeps its
    mode (and, when we may, its owner). ``encoding="utf-8-sig"`` starts the file with a BOM;
    ``newline=""`` writes line ends as given (what the csv module wants).
    """
    target, st = output_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~umask())
        if st is not None and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
            with contextlib.suppress(OSError):
                os.fchown(fd, st.st_uid, st.st_gid)
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding, newline=None if "b" in mode else newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None and exc.errno in _WRITE_ERRNOS:
            raise OSError(exc.errno, exc.strerror, str(path)) from None  # "error: out.csv: No space left on device"
        raise


_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


def write_parquet(directory: str | Path, tables: Iterable[tuple[str, object]]) -> list[Path]:
    """Write each ``(name, pyarrow.Table)`` as ``<directory>/<name>.parquet``, each file whole or
    not at all (:func:`atomic_writer`; a new file's mode follows the umask). With
    :func:`pxextract.store.arrow_tables` the tables come from one snapshot of the database."""
    import pyarrow.parquet as pq

    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: not a folder; --parquet takes the folder to write the .parquet files into")
    written = []
    for name, table in tables:
        path = directory / f"{name}.parquet"
        with atomic_writer(path, "wb") as f:
            pq.write_table(table, f)
        written.append(path)
    return written


def write_csv(f, columns: Iterable[str], rows: Iterable[Iterable]) -> None:
    """A header line and one line per row (RFC 4180 quoting, ``\n`` line ends, ``None`` as an
    empty cell, numbers as Python writes them: 2553000.0, 2023). The caller picks the encoding:
    files get UTF-8 with a BOM, so that Excel opens the Chinese readable (docs/database.md)."""
    import csv

    w = csv.writer(f, lineterminator="\n")
    w.writerow(list(columns))
    w.writerows(rows)


XLSX_MAX_ROWS = 1_048_576 - 1  # Excel's sheet limit, less the header row
_XLSX_MAX_CHARS = 32_767  # Excel's limit for one cell
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML 1.0 cannot carry


def _width(text: str) -> int:
    """Display width in Excel's character units: a Chinese character counts two."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def write_xlsx(f, columns: list[str], rows: list[tuple], sheet: str = "facts", max_width: int = 60) -> None:
    """An Excel workbook of one sheet (openpyxl, streamed): a bold header row, frozen; numbers as
    numbers (value 2553000, year 2023: sums and filters work), text as text (a cell starting with
    ``=`` stays text, never a formula); column widths from the header and the first 500 rows
    (at most ``max_width``). Control characters XML cannot carry are dropped and a cell longer
    than Excel's 32,767 characters is cut; more rows than a sheet holds is an :class:`OutputError`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if len(rows) > XLSX_MAX_ROWS:
        raise OutputError(f"{len(rows):,} rows: more than an Excel sheet holds ({XLSX_MAX_ROWS:,}); filter them, or use --format csv or parquet")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A2"
    widths = [_width(c) + 2 for c in columns]
    for row in rows[:500]:
        for i, v in enumerate(row):
            if v is not None:
                widths[i] = max(widths[i], _width(str(v)) + 2)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(w, max_width)
    bold = Font(bold=True)
    header = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=c)
        cell.font = bold
        header.append(cell)
    ws.append(header)

    def text(v: str):
        if _XLSX_ILLEGAL.search(v):
            v = _XLSX_ILLEGAL.sub("", v)
        if len(v) > _XLSX_MAX_CHARS:
            v = v[:_XLSX_MAX_CHARS]
        if v.startswith("="):
            cell = WriteOnlyCell(ws, value=v)
            cell.data_type = "s"
            return cell
        return v

    for row in rows:
        ws.append([text(v) if isinstance(v, str) else v for v in row])
    wb.save(f)


def dumps(record: dict) -> str:
    """One JSON Lines line, Chinese kept readable."""
    return json.dumps(record, ensure_ascii=False) + "\n"


# C0 controls but tab and line feed, a carriage return not followed by a line feed, DEL, C1
# controls, and the bidirectional overrides and isolates (text that reads other than it prints)
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def _picture(m: re.Match) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # the Unicode control picture: ESC → ␛, BEL → ␇
    return "\u2421" if c == 0x7F else "\ufffd"


def for_terminal(text: str) -> str:
    """``text`` with every character that could steer a terminal replaced by a visible one.

    Escape sequences lose their ESC (``\\x1b[31m`` prints as ``␛[31m``, an OSC title
    ``\\x1b]0;x\\x07`` as ``␛]0;x␇``); C1 controls and bidi overrides become ``�``. One
    character for one, so offsets into the text stay valid (spans are coloured by them).
    ``"增长\\x1b[2J5%"`` → ``"增长␛[2J5%"``.
    """
    return _UNSAFE.sub(_picture, text) if text else text
