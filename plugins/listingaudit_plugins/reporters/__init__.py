"""Report writers: one module per format."""
