"""Workbook: the finished LKjIP workbook (Ringkasan, Bab III tables, charts, findings and sources).

Takes `Consolidated`; gives the .xlsx file, written atomically and byte-for-byte deterministic.
"""
