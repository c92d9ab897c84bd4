"""The shared layer: dates and durations, schedule strings, text (CJK, OpenCC), URLs,
exit codes, the item type and the extraction worker pool. Imports nothing else of govwatch."""
