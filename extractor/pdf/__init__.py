"""PDF stage: a PDF's text layer -> the same CleanPage the HTML stage gives the segmenter."""
