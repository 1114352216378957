from textlint_gov.cli import main

main()
