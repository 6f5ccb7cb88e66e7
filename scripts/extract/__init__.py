"""Extractors: pure functions from article text (plus the curated lexicon) to rows of the extracted tables."""
