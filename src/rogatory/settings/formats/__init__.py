"""Django date formats that replace Django's own for a language (FORMAT_MODULE_PATH)."""
