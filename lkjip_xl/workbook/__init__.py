"""Workbook: the finished LKjIP workbook (Ringkasan, Bab II-III tables and text, staff, charts, findings, sources)
and the Word document of Bab II and Bab III.

Takes `Consolidated`; gives the .xlsx (and .docx) file, written atomically and byte-for-byte deterministic.
"""
