"""The monthly audit (``govlint audit``): a CMS export in, the notice's score table out.

``collect`` walks the export and lints the posts, ``score`` turns finding counts into the
政务信息公开 score (pure functions), ``formats`` render the result. The audit consumes findings
only; it never rescores them beyond the deductions configured under ``scoring:``.
"""
