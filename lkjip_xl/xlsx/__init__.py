"""Shared xlsx helpers: deterministic xlsxwriter workbooks, Indonesian formats, and cells written as XML.

Used by planning (master and templates) and by the finished workbook alike, so it sits below both.
"""
