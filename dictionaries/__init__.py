# Rule dictionaries (data, not code). Installed as the package textlint_gov.dictionaries so that a
# non-editable install finds them; see README.md in this folder for the schema.
