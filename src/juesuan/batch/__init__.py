"""batch: check many disclosures at once, each in a bounded worker process.

``isolate`` is the mechanism (a small pool of worker processes under time and memory bounds,
also used by ``juesuan check``/``extract`` for a single document); ``task`` is what a worker
does with one file; ``runner`` drives a batch (store, resume, progress); ``outputs`` writes
the batch workbook and CSV.
"""
