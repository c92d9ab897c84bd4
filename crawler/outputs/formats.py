"""The output formats, the one list of each (the CLI's choices, the renderers' checks).
Kept free of imports so the CLI can offer them without loading the renderers."""

DIGEST_FORMATS = ("markdown", "html", "json", "atom")
EXPORT_FORMATS = ("jsonl", "json", "csv")
