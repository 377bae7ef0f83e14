"""Checks: the rows and sets of bidang files against the master, as findings, never raising for data problems.

Takes the `BidangFile`s and the `Master`; gives a `Report` (the files, their frames and every finding, sorted).
"""
