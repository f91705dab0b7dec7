"""extract: every figure the 情况说明 states, as a typed claim (spec §4).

Each narrative section is cut into paragraphs (a paragraph starts at a list marker, a
heading, or a '与上年相比' sentence; wrapped lines — also across blank lines, as in flattened
conversions — are joined). OCR noise is removed by deletions only ('10855. 22' → '10855.22',
'<u>0.27</u>' → '0.27', '12,705.06' → '12705.06'), so every character keeps the line it came
from. Then every figure (number + unit) is typed by the words just before it in its clause:

  占 X 的 N%                    share (base X; else the 'whole' named before 其中/包括/主要用于)
  增加/减少/增长/下降/降低 N     change_amount / change_rate, with direction
  持平                          change_amount 0, direction 持平
  完成(年初|全年)预算的 N%        completion
  (年初|全年)?预算(数)?为 N 万元  budget
  N 辆/个/人次/台(套)/批次/人     count
  otherwise N 万元              amount

The subject is the noun phrase before the figure (or the subject carried over from earlier
in the paragraph), normalised to a canonical name and, where one exists, linked to a table
cell (``CellRef``). Conventions for consumers:

- ``cell`` is the cell holding the subject's current-year final value (budget claims of
  三公 items point at T09 预算数 instead; other budgets have no cell). Compare
  ``claim.value`` with the cell only for kinds ``amount`` and ``budget``.
- ``value`` is as printed, in ``unit`` (万元, 元, 亿元, %, 辆 …); 元 is not converted.
- change claims: ``base`` is None for year-on-year changes and '年初预算数'/'预算数' when the
  text compares with the budget (比年初预算数减少 …); ``previous`` is derived for YoY changes
  from the current value stated in the narrative (else the linked cell).
- ``text`` is the span from the subject's clause to the figure's clause.

Modules: ``context`` (what the readers of one build share: section ranges, paragraphs, the
resolver), ``paragraphs`` (lines → paragraphs), ``figures`` (number + unit and its trigger
words), ``subjects`` (phrase → canonical subject and cell), ``extraction`` (the walk that
types each figure), ``statements`` (each sentence as a statement: subject path, measures,
relation words, reason — for the narrative rules that read words, not just numbers).
"""

from juesuan.extract.claims.context import NarrativeContext
from juesuan.extract.claims.extraction import extract_claims
from juesuan.extract.claims.paragraphs import Para, clean_text, paragraphs, strip_noise
from juesuan.extract.claims.subjects import BASE_CELLS, Resolver, resolve_subject

__all__ = ["NarrativeContext", "extract_claims", "paragraphs", "clean_text", "strip_noise", "resolve_subject", "BASE_CELLS", "Resolver", "Para"]
