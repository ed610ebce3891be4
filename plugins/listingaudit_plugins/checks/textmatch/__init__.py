"""Matching listing text against vocabularies kept per language, shared by the check families
that read what sellers wrote (disclosure, returns). Not a plugin: it declares no checks."""
