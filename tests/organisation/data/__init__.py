"""Sample files and builders for the import and export tests."""
