"""Dates (日期): the working calendar with swapped days (调休), periods counted under the Civil
Code (期间), and the due dates of a document's provisions (schedule).

``yearfile`` (one notice as data) → ``workdays`` (the official :class:`Calendar`) →
``statutory`` (the statutory holidays by rule) → ``estimating`` (:class:`EstimatingCalendar`)
→ ``china`` (``china_calendar()``, the bundled notices) → ``periods`` (``add_period``) →
``schedule`` (the due dates of a year).
"""
