"""The sheets of the finished LKjIP workbook, one module per group of sheets."""
