"""Page numbers as a reader sees them: runs of pages for messages ("7-25" in a warning,
"第 7–25 页" in a table's status)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def page_ranges(pages: Iterable[int], sep: str = ", ", dash: str = "-") -> str:
    """Page numbers as runs: [1, 2, 3, 7] → "1-3, 7" (sorted; each page once)."""
    out: list[str] = []
    run: list[int] = []
    for p in sorted(set(pages)):
        if run and p != run[-1] + 1:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}{dash}{run[-1]}")
            run = []
        run.append(p)
    if run:
        out.append(str(run[0]) if len(run) == 1 else f"{run[0]}{dash}{run[-1]}")
    return sep.join(out)


def zh_page_ranges(pages: Iterable[int]) -> str:
    """The same, as a Chinese message prints them: [7, 8, 9, 12] → "7–9、12" (for 第 … 页)."""
    return page_ranges(pages, "、", "–")


def zh_unread(lost: Mapping[int, str]) -> dict[str, str]:
    """Pages not read and why, as the Chinese messages that name them print them (a table's
    status, a rule's coverage): ``{"pages": "9–25", "why": "reason；other reason"}``."""
    return {"pages": zh_page_ranges(lost), "why": "；".join(sorted(set(lost.values())))}
