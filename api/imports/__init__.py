"""Bulk imports: many records of one resource from CSV or JSON, all or nothing."""
