"""A ministry cut before its title's last character is a person's title, no body (issue #13, h347): 外交部长 is "the
foreign minister", so where the model or a rule ends an ORG at 部 right before 长 (瑞典外交部 + 长比尔斯特伦), the ORG is
no name; a country or place at its start stays, a GPE (annotation §6: a person's title is outside the span). The titles
are ``name_grammar.tsv`` ``body_title`` (部长); a word starting with the title's last character (``body_title_not``: 长江,
长期) leaves the body (水利部 + 长江).

Example:
    >>> from pxextract.spans import Span
    >>> t = "瑞典外交部长比尔斯特伦说，水利部长江委员会"
    >>> spans = [Span(0, 5, "ORG", "瑞典外交部"), Span(13, 16, "ORG", "水利部")]
    >>> [(s.text, s.label) for s in titled_bodies(spans, t, {"瑞典": "GPE"}, ("部长",), ("长江",))]
    [('瑞典', 'GPE'), ('水利部', 'ORG')]
"""

from __future__ import annotations

from ..spans import Span

_MAX_PLACE = 6  # the longest place at a body's start (塞浦路斯, 马来西亚)


def titled_bodies(spans: list[Span], text: str, known: dict[str, str], titles, not_after, tags=None) -> list[Span]:
    """``spans`` without the ORGs that end where a ``titles`` word starts (module docstring), their place kept
    where the rest is a dictionary word (``tags``: 国防部, 外交部长; 俄国防部 keeps no 俄国)."""
    taken = {(s.start, s.end) for s in spans}
    out = []
    for s in spans:
        e = s.end
        t = next((t for t in titles if s.label == "ORG" and s.text.endswith(t[:-1]) and text.startswith(t, e - len(t) + 1)), None)
        if t is None or text.startswith(tuple(not_after), e):
            out.append(s)
            continue
        n = next((n for n in range(min(_MAX_PLACE, len(s.text) - 2), 1, -1) if known.get(s.text[:n]) == "GPE"
                  and (tags is None or tags.get(s.text[n:]) == "nt" or s.text[n:] + t[-1] in tags)), 0)  # not 俄国 + 防部 of 俄 + 国防部
        if n and (s.start, s.start + n) not in taken:
            out.append(Span(s.start, s.start + n, "GPE", s.text[:n]))
    return sorted(out, key=lambda s: (s.start, s.end))
