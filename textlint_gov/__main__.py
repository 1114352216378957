from textlint_gov.cli import run

run()
