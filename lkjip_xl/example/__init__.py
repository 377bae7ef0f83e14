"""Example: the built-in 2017 LKjIP of Dinas Perindustrian dan Tenaga Kerja Kabupaten Magelang.

Takes nothing; gives its master and the five bidang files filled with the report's published figures.
"""
