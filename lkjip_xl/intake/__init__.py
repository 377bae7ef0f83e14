"""Intake: every workbook that arrives (a bidang file or the master) screened, scanned and read.

Takes files on disk; gives `BidangFile`s (rows with their real Excel row numbers) and the `Master`, plus the
findings of reading them. Nothing reaches a parser before the guard has screened its bytes.
"""
