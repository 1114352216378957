"""Build the shipped sample drafts in samples/ (run: python tools/make_samples.py).

Each sample is a realistic post with known slips; tests/test_samples.py lists what govlint must find.
"""

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

OUT = Path(__file__).resolve().parent.parent / "samples"


def draft_docx() -> None:
    d = docx.Document()
    h = d.add_heading("城关镇召开2021年秋冬季安全生产暨森林防火工作部署会议并开展专项检查行动。", 1)
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("")
    d.add_paragraph(
        "10月15日上午，城关镇召开秋冬季安全生产暨森林防火工作会议。会议传达学习了习近平书记关于安全生产的重要指示精神，"
        "对全镇秋冬季安全生产工作进行了再布署。"
    )
    p = d.add_paragraph("会议要求,各村(社区)要坚持“人民至上、生命至上”，")
    r = p.add_run("一如继往")
    r.bold = True
    p.add_run("抓好隐患排查整治，严禁焚烧秸杆。")
    d.add_paragraph("镇党委书记王建军强调，全镇上下要再接再厉，确保全镇安全形势持续稳定。")
    t = d.add_table(rows=2, cols=3)
    for j, v in enumerate(("检查组", "检查内容", "完成时限")):
        t.cell(0, j).text = v
    for j, v in enumerate(("第一组", "森林防火、秸秆禁烧", "10月31日")):
        t.cell(1, j).text = v
    d.sections[0].footer.paragraphs[0].text = "城关镇人民政府办公室"
    d.save(OUT / "draft.docx")


NOTICE = """关于做好2022年元旦春节期间安全生产工作的通知
各村（社区），镇直各单位：
　　元旦、春节将至，为切实做好节日期间安全生产工作，现将有关事项通知如下：
　　一、提高思想认识。各单位要深入学习贯彻习近平新时代中国特色社会主义思想，增强“四个意识”、坚定“四个自信”、做到“两个维护”，统筹按排好节日期间各项工作。
　　二、强化隐患排查。截止目前,全镇共排查隐患43处，已整改40处，整改率93.02%.
　　三、严格值班值守。值班电话：67777396。
城关镇人民政府
2021年12月28日
"""

NEWS_MD = """---
title: 我镇开展“我为群众办实事”实践活动
date: 2021-06-18
unit: 城关镇
---

# 我镇开展“我为群众办实事”实践活动

6月17日，城关镇组织机关干部深入各村开展“我为群众办实事”实践活动,
帮助群众解决急难愁盼问题。

活动中，干部们坚持以新时代中国特色社会主义思想为指导，把党史学习教育成果转化为为民办实事的实际行动。
详情见[镇政府网站](http://www.example.gov.cn/news/2021,06.html)。

```
本段为代码示例,不检查。
```
"""

POST_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="区教育体育局召开全区教育系统安全工作会议">
<meta name="PubDate" content="2021-01-08">
<meta name="ContentSource" content="教育体育局">
<title>区教育体育局召开全区教育系统安全工作会议_偃师区人民政府</title>
<style>p { text-indent: 2em; }</style><script>var t = "习近平书记";</script>
</head><body>
<h1>区教育体育局召开全区教育系统安全工作会议</h1>
<p>1月7日，区教育体育局召开全区教育系统安全工作会议。会议强调，要在以习近平总书记为核心的党中央坚强领导下，
压实安全责任&mdash;&mdash;确保校园安全稳定。</p>
<p>会议指出,各学校要严禁焚烧秸杆，加强&ldquo;三防&rdquo;建设。</p>
</body></html>
"""


def main() -> None:
    OUT.mkdir(exist_ok=True)
    draft_docx()
    (OUT / "notice.txt").write_bytes(NOTICE.replace("\n", "\r\n").encode("gb18030"))
    (OUT / "news.md").write_text(NEWS_MD, encoding="utf-8")
    (OUT / "post.html").write_text(POST_HTML, encoding="utf-8")


if __name__ == "__main__":
    main()
