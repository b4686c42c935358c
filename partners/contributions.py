"""What partners adds to the pages and operations that lower apps own (see core.contributions)."""
