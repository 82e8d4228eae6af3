"""Sections: cut the main text into dated sections at its headings."""
