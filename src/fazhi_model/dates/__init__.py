"""Dates (日期): the working calendar with swapped days (调休), periods counted under the Civil
Code (期间), and the due dates of a document's provisions (schedule).
"""
