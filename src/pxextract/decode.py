"""Bytes of an article file → its text: UTF-8 (a leading BOM removed: the annotation contract),
UTF-16/32 with a BOM, GB18030 or Big5 when the bytes say so; anything else a ValueError with
the reason (:func:`decode_any`, :func:`decode`).
"""

from __future__ import annotations

import re


BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# legacy encodings read as Chinese; charset-normalizer names them, we decode with the superset
CHINESE_ENCODINGS = {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "hz": "hz",
                     "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs"}
MAX_JUNK_SHARE = 0.05  # replacement characters, NUL and control codes a text may hold


# replacement characters, control codes other than \t \n \v \f \r, DEL and the C1 controls
_JUNK = re.compile("[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _junk_share(text: str) -> float:
    r"""The share of :data:`_JUNK` characters (a regular expression: a character loop in Python
    cost the build process 0.9 s per 5 MB).

    >>> _junk_share("ab\ufffd\x00\t\n")
    0.3333333333333333
    """
    junk = sum(1 for _ in _JUNK.finditer(text))
    return junk / max(1, len(text))


def decode_any(data: bytes) -> tuple[str, str]:
    """Text and encoding of an article file: UTF-8 (BOM removed), UTF-16 or UTF-32 with a BOM,
    or a Chinese legacy encoding (GB18030/GBK/GB2312, Big5) recognised by charset-normalizer
    when the bytes are not UTF-8.

    Raises ValueError with the reason for empty, binary, undecodable or non-Chinese legacy
    files (EUC-KR, Shift-JIS …), and for text that decodes to mostly replacement characters or
    control codes. The UTF-8 case is the annotation contract; the others are reported by the caller.

    >>> decode_any("萍乡市地区生产总值".encode("gbk"))
    ('萍乡市地区生产总值', 'gb18030')
    """
    if not data.strip():
        raise ValueError("empty file")
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ValueError(f"{enc.upper()} byte-order mark but undecodable ({exc.reason})") from None
            break
    else:
        if b"\x00" in data:
            raise ValueError("binary file (NUL bytes); not an article")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                # a file cut inside its last character: keep everything before it
                text, enc = data[: exc.start].decode("utf-8"), "utf-8 (truncated: incomplete last character dropped)"
            else:
                text, enc = _decode_legacy(data, f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ValueError("empty file (whitespace only)")
    if _junk_share(text) > MAX_JUNK_SHARE:
        raise ValueError(f"read as {enc}, the text is mostly replacement characters or control codes; not an article")
    return text, enc


def _decode_legacy(data: bytes, utf8_error: str) -> tuple[str, str]:
    """A non-UTF-8 file: decoded when charset-normalizer reads it as Chinese, else ValueError."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name = (best.encoding if best else "").lower().replace("-", "").replace("_", "")
    enc = CHINESE_ENCODINGS.get(name)
    if enc is None or (best.language not in ("Chinese", "Unknown")):
        what = f"it reads as {best.encoding} ({best.language})" if best else "no known encoding reads it"
        raise ValueError(f"{utf8_error}; {what}, not Chinese; convert it to UTF-8")
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError:
        raise ValueError(f"{utf8_error}, nor {enc}; convert it to UTF-8") from None


def decode(data: bytes, path: str = "") -> str:
    """UTF-8 text with a leading BOM removed (the annotation contract); ValueError otherwise."""
    text, enc = decode_any(data)
    if enc != "utf-8":
        raise ValueError(f"not UTF-8 (it reads as {enc}); convert it to UTF-8")
    return text
