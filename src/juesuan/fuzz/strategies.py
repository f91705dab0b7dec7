"""Hypothesis strategies over the hostile builders (hypothesis is a dev dependency)."""

from __future__ import annotations

from hypothesis import strategies as st

from juesuan.fuzz.hostile import BUILDERS
from juesuan.fuzz.run import Case


def hostile_cases(builders: list[str] | None = None) -> st.SearchStrategy[Case]:
    """A builder and a seed: hypothesis shrinks failures to the smallest seed that fails."""
    return st.builds(Case, st.sampled_from(sorted(builders or BUILDERS)), st.integers(0, 2**31 - 1))
