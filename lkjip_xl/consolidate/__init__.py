"""Consolidate: the accepted rows of every bidang merged into the LKjIP's tables.

Takes a `Report`; gives `Consolidated` (kinerja with capaian and kategori, realisasi anggaran per program and
kegiatan, the staff figures, the files and findings behind them), and from it the Perjanjian Kinerja table,
the efficiency per sasaran and Bab III's text.
"""
