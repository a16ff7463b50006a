"""Export (导出): files for people and other programs: HTML pages, XLSX, iCalendar, CSV and
Markdown, GraphML/GEXF/JSON/DOT.
"""
