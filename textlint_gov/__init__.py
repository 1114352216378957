"""govlint: a content-quality linter for draft posts on Chinese government websites."""

__version__ = "0.1.0"
