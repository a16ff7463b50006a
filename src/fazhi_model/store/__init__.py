"""Data I/O (数据读写): load and dump documents and registries (YAML, JSON), the one cattrs
converter, the bundled data, and the JSON rows of the command line.
"""
