"""P — performance self-evaluations (绩效自评表 and the 预算绩效 narrative).

- ``scoring``: the arithmetic of one table (执行率, its score, weights, subtotal, total, grade);
- ``indicators``: the indicator rows (score against completion, the table's own scoring note,
  deviation, units, duplicates, targets set low);
- ``narrative``: the narrative against the attachments and the tables.

``common`` holds what they share (tolerances, wording, grade bands, quantities with units).
Importing this package registers the rules.
"""

from juesuan.rules.performance import indicators, narrative, scoring
from juesuan.rules.performance.narrative import match_attachment

__all__ = ["indicators", "match_attachment", "narrative", "scoring"]
