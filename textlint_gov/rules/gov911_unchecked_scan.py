"""GOV911: a page or picture in an attachment that has no text to check (a scan read without OCR)."""

from __future__ import annotations

from textlint_gov.document import Document
from textlint_gov.findings import Finding, Severity, finding_at
from textlint_gov.rules import Context, Rule

CODE = "GOV911"


class UncheckedScan(Rule):
    """附件中的扫描页没有文字层，未检查。

    作用：
    PDF 中没有文字层、只有图片的页面（扫描件）无法检查文字，每个文件报告一次，列出这些页码，提醒人工核对或加 --ocr 用文字识别检查（需先 pip install 'textlint-gov[ocr]'）。
    原因：
    扫描的公示名单、证照常含完整身份证号、手机号，不检查就发布，隐私泄露无人发现；说明哪些页没有检查，审核人才知道还要看哪里。
    示例：
    名单.pdf 第2页、第3页是扫描图片。
    修改为：
    用 govlint --ocr 检查，或人工核对这些页。
    """

    code = CODE
    name = "unchecked-scan"
    category = "format"
    severity = Severity.INFO
    summary = "PDF 扫描页没有文字层，未检查（可用 --ocr）"
    source = "govlint 附件检查（issue 13）"

    def check(self, ctx: Context):
        return ()  # no block holds an unread page: see document_findings

    def document_findings(self, doc: Document, severity: Severity) -> list[Finding]:
        """One finding for the pages the loader left unread (``meta["unchecked"]``: (page, why)), at
        the first of them."""
        pages = doc.meta.get("unchecked") or ()
        if not pages:
            return []
        first = pages[0][0]
        starts = doc.line_starts()
        start = starts[first - 1] if first - 1 < len(starts) else len(doc.source)
        shown = "、".join(f"第{n}页" for n, _why in pages[:10]) + ("等" if len(pages) > 10 else "")
        message = (
            f"{shown}是扫描件（没有文字层），共 {len(pages)} 页未检查：请人工核对，或加 --ocr 用文字识别检查"
        )
        return [finding_at(doc, CODE, self.category, severity, start, start, message, where=f"第{first}页")]
