"""Inputs: find the pages to read (files, folders, globs, WARC files, URLs)
and decode each into text."""
