"""Exit status of every govlint command, defined once (as black's ``Report.return_code``).

0  nothing reaches ``--fail-on`` (default: error); a command that does not judge (review, audit) succeeded
1  at least one finding reaches ``--fail-on``, or ``--fix`` changed a file
2  a usage or configuration error, or an input that could not be read (the others are still handled)
"""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
