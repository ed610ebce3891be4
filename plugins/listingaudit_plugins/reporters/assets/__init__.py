"""The HTML report's stylesheet and script, inlined into every report (it works offline)."""
