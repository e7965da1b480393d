"""The store: journals per run, the SQLite index built from them, and the query language."""

from runlab.store.records import MetricPoint, MetricSummary, Run
from runlab.store.selection import RunQuery
from runlab.store.store import Store, locate

__all__ = ["MetricPoint", "MetricSummary", "Run", "RunQuery", "Store", "locate"]
