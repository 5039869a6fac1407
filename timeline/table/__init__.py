"""The event table: its schema (columns defined once), typed reading, and staged atomic
writing of every output file.
"""
