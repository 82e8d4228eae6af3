"""Entities: the spaCy pipeline (nlp), and the organization, country and place stages
that run on its output (extract)."""
