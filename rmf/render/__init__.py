"""Rendering: view models of each document, templates, Markdown, HTML and Word output."""
