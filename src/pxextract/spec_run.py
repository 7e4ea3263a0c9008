"""A spec run or a model number between a figure and the noun it counts (:mod:`pxextract.link_after`, issue #15 M2).

Product news writes a spec run (digits with a Latin unit, 120Hz, 300 PPI, 300 kW, 2772x1240) between a size or count
and the noun it measures; the noun after the figure starts after that run, which names no thing of its own:
采用【7英寸】120Hz高刷电竞屏 → 高刷电竞屏 (not 采用), 将提供【六个】 300 kW 直流快速充电桩 → 直流快速充电桩. A model
number glued to a Latin letter or opening the noun is part of it: 升空的【两架】F-16战机, 在【两个】4S店 → 4S店 (not a
Han word's: 【4架】歼15挂弹起飞 would run on past the verb). The noun also ends at a joint before another figure: 将提供【六个】
300 kW 直流快速充电桩和四个 22 kW 充电桩 → 直流快速充电桩.

Example:
    >>> spec_end("【7英寸】120Hz高刷电竞屏", 5, 20), spec_end("【8 英寸】 300 PPI 墨水屏", 6, 20), spec_end("【5家】3D打印企业", 4, 10)
    (10, 15, 4)
    >>> model_end("F-16战机", 2), model_end("歼15挂弹", 1), model_end("12日", 0)
    (4, 1, 0)
"""

from __future__ import annotations

import regex

# 120Hz, 300 PPI, 300 kW, 2772x1240, 2K before another spec (2K 185Hz): digits and a Latin unit, spaces around, a Han
# character next; a model name alone (3D打印企业, 4K micro-OLED) is the noun's own word and stays
_SPEC = regex.compile(r"(?:\s*(?:\d+(?:\.\d+)?\s?[A-Za-z]{2,5}(?![A-Za-z0-9])|\d+[x×]\d+(?![A-Za-z0-9])|\d[A-Z]\s(?=\d)))+\s*(?=\p{Han})")
# F-16, Xe2: a Latin letter, a hyphen at most, digits, then a Han character or Latin letter
_MODEL = regex.compile(r"(?<=[A-Za-z]-?)\d{1,4}(?=[\p{Han}A-Za-z])")
MODEL_FIRST = regex.compile(r"\d[A-Z]\p{Han}")  # 4S店: a model name opening the noun


def spec_end(text: str, at: int, s1: int) -> int:
    """Where the noun after a figure starts past a spec run at ``at`` (``s1``: the sentence's end), else ``at``."""
    m = _SPEC.match(text, pos=at, endpos=s1)
    return m.end() if m else at


def model_end(text: str, at: int) -> int:
    """The end of a model number's digits at ``at`` inside a noun (F-16战机, Xe2), else ``at`` (the caller checks
    that no figure's span covers them: 项目12日 is a date's)."""
    m = _MODEL.match(text, pos=at)
    return m.end() if m else at
