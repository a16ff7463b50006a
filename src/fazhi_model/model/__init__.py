"""The model (模型): documents, provisions, units and the rules a valid document keeps.

Frozen, typed value classes; nothing here reads files or renders output.
"""
