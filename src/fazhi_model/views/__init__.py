"""Views (视图): the duty graph, the responsibility matrix, the provisions table and a unit's
checklist.
"""
