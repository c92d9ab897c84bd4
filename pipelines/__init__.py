"""Item pipeline stages, one module per stage: extract → relevance → tagging → dedup → store."""
