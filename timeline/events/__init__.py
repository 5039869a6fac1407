"""Events: sentences, triggers, labels, actors and places for each dated expression, and the
merge of the same event told by several articles.
"""
