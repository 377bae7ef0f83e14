"""lkjip-xl: check bidang Excel files against the planning master and merge them into the LKjIP workbook."""

__version__ = "0.1.0"
