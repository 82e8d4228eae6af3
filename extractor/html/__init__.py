"""The page: parse the HTML (dom), drop the chrome (clean, boilerplate),
find the main text (content), and read what the page says about itself
(metadata, language)."""
