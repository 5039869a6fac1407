"""Render the event table: the interactive HTML page, TimelineJS3 JSON, PNG/SVG images.
"""
