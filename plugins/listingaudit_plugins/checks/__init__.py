"""Checks: one package per family, one module per rule code."""
