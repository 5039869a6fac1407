"""Ingest: read articles (text, Markdown, HTML, JSONL/CSV collections) and their publication dates.
"""
