"""Word output: rendered Markdown laid out with python-docx in the house style."""
