"""Adapters: one module per marketplace, each reading its export formats into listings."""
