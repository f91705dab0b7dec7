"""Comparisons over models: a department across years, departments of a region, and the
cross-year rules (family Y). Pure functions over :class:`juesuan.model.Disclosure`; the
store, the API and the web pages call them."""
