"""Reading sources: files and folders of RDF, YAML, CSV and workbooks into one graph.

``load`` is the entry point (``explorer.ingest.loading``); ``LoadResult`` is what it gives.
"""

from explorer.ingest.loading import load
from explorer.ingest.result import LoadResult, Origins, SourceInfo

__all__ = ["LoadResult", "Origins", "SourceInfo", "load"]
