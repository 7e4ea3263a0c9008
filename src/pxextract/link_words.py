"""jieba dictionary look-ups the linker makes around a figure (:mod:`pxextract.link`): is the word
right before it a verb, is the word at a position a noun. The tags come from jieba's dictionary
file (:func:`pxextract.segment.dictionary_tags`), looked up directly: no token list is built.

Example:
    >>> tags = {"吸引": "v", "居民": "n", "活动": "vn"}
    >>> ends_in_verb(tags, "活动吸引3000名居民", 0, 4), noun_at(tags, "3000名居民", 5, 7)
    (True, True)
"""

from __future__ import annotations

VERB_CHARS = 4  # the longest word looked up before or at a figure
NOUN_TAGS = frozenset(("n", "nr", "ns", "nt", "nz", "j"))  # jieba's noun tags


def ends_in_verb(tags: dict[str, str], text: str, clause_start: int, start: int) -> bool:
    """Whether the word right before ``start`` is a verb in jieba's dictionary (吸引, 设立 …:
    活动吸引3000名居民 → the metric is 居民, the noun after the figure): the longest dictionary
    word ending there."""
    for k in range(min(VERB_CHARS, start - clause_start), 1, -1):
        tag = tags.get(text[start - k : start])
        if tag is not None:
            return tag == "v"
    return False


def noun_at(tags: dict[str, str], text: str, at: int, end: int, token_starts=None) -> bool:
    """Whether the segmenter's token at ``at`` (else the longest dictionary word) is a noun in
    jieba's dictionary: 将电量反充至 → 电量 (n); 将投资 → vn; 将于今年 → 于 (p), not 于今."""
    ks = range(min(VERB_CHARS, end - at), 0, -1)
    if token_starts is not None:
        ks = [next((k for k in reversed(ks) if at + k in token_starts), 0)] if at in token_starts else []
    tag = next((t for k in ks if k and (t := tags.get(text[at : at + k])) is not None), None)
    return tag in NOUN_TAGS
