"""Spreadsheets in and out: a framework as a workbook or CSV files, and back."""
