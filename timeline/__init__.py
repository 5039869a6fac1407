"""news-timeline: temporal expressions -> events -> an event table and a timeline."""

__version__ = "0.1.0"
