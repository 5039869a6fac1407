"""Measure against gold data: TimeML reading, TempEval-3 scores, event anchoring.
"""
