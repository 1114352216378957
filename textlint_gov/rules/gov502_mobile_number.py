"""GOV502: a mobile phone number."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules._numbers import mask

# 11 digits 1[3-9]xxxxxxxxx, written whole or grouped 3-4-4 with one kind of separator throughout.
# Not part of a longer run of digits (half- or full-width), not the decimal part or the integer
# part of a decimal (75394432.52), not glued to a unit of amount or measure (13500000000元).
_MOBILE = re.compile(
    r"(?<![\dA-Za-z\-])(?<!\d[.．])"
    r"1[3-9]\d(?:(?P<sep>[- ])\d{4}(?P=sep)\d{4}|\d{8})"
    r"(?![\dA-Za-z])(?![.．]\d)(?!(?:元|万|亿|千|百|%|％|‰|吨|公斤|千克|克|平方|㎡|亩|米|公里|人|户|辆|台|件|套|笔|份|项|次|个))"
)
# Digits, a table separator or white space right before or after the match: a flattened table row
# (“135 7539 4432 | 12”); a number grouped with spaces there is cells run together, not one number.
_CELL_BEFORE = re.compile(r"\d[ \t\u3000|｜]*$")
_CELL_AFTER = re.compile(r"[ \t\u3000|｜]*\d")
# A label under which a notice publishes a contact for the public (联系人：李女士，联系电话：…),
# or a post of an office holder given as a work contact (分局局长：张某 …).
_LABEL = re.compile(
    r"联系人|联络人|联系电话|联系方式|联系手机|联系号码|咨询电话|咨询热线|监督电话|举报电话|投诉电话|值班电话|服务电话"
    r"|报名电话|热线电话|办公电话|手机号码|手机号|手机|电话|微信号|微信"
    r"|(?:局|处|科|股|所|站|队|院|馆|中心)长|主任|书记|组长|专管员|联络员|网格员"
)
# What may stand between the label and the number: nothing but a colon or spaces (联系电话：…,
# a flattened two-cell row 联系电话 | …), or, right after the label or its colon, a name or title
# (李女士, 施书记, 小陈, 张某某), the office before it (区旅游文体局林芳) and other telephone numbers given
# with it (0591-23165000、), or a list of such contacts, each name with its number (联系人：区旅游文体局
# 林芳，134…；区旅游文化服务中心张秀丽，135…). A name after spaces (a list's header 姓名 联系电话 then
# 张三 …) or a lone row number is no such gap.
_NAME = r"[\u4e00-\u9fff]{1,16}"
_PHONE = r"(?:0\d{2,3}[-－]?\d{7,8}|\d{7,8}|1[3-9]\d{9})"
_SEP = r"[\s,，、;；/]"
_GAP = re.compile(rf"[\s|｜:：]*|[:：]?(?:{_NAME}{_SEP}*{_PHONE}{_SEP}+)*(?:{_NAME}{_SEP}*)?{_PHONE}?{_SEP}*")
# A private person whose contact it is: the party of a case, an applicant, a complainant, an owner.
_PRIVATE = re.compile(r"当事人|申请人|被处罚人|违法行为人|投诉人|举报人|户主|业主|经营者|承租人|法定代表人")
_ROLE_GAP = 8  # characters between such a role and the contact label: a name and a comma
_CLAUSE_END = "。！？!?\n"
_WINDOW = 60  # characters looked back for the contact label (a list of two contacts fits)


class MobileNumber(Rule):
    """稿件中出现完整的手机号码。

    作用：
    找出 11 位手机号码（1 开头、第二位 3–9，可整写或按 3-4-4 用空格、短横分组），建议保留前 3 位和后 4 位，中间用 * 遮盖。座机号码（如 0379-67777396、67777396）和 12345 等服务热线不报；更长数字串中的 11 位、带小数的数（75394432.52）、紧跟“元”“万元”“人”等单位的数、表格被压平后相邻单元格拼起来的数字（135 7539 4432 | 12）也不报。
    公告、通知在“联系人”“联系电话”“咨询电话”“监督电话”“举报电话”“值班电话”“联系方式”“微信号”或“局长：某某”之后给出的手机号，以及请读者“与某单位（号码）联系”时括注的手机号，是有意公开的工作联系方式，报为警告：请确认是本人同意公开的工作号码，否则遮盖或改用办公电话。同一句中有“当事人”“申请人”“投诉人”“经营者”“户主”等字样的，以及不紧跟联系方式标签的（人员名单、检查台账中私人的手机号），仍报为错误。
    原因：
    《中华人民共和国政府信息公开条例》第十五条：涉及个人隐私的政府信息不得公开；个人手机号属个人信息（《个人信息保护法》第四条）。公示、通报、名单中整号公开的个人手机号码是检查中常见的“泄露个人信息”问题。对外公布联系方式应使用办公电话；公告中的联系人手机号须经本人同意。
    示例：
    整改责任人：吴某某 13812345678
    修改为：
    整改责任人：吴某某 138****5678
    选项：
    无。级别随把握程度降低：联系方式标签之后的号码报为警告（`severity: {GOV502: info}` 之类的设置只会再降低，不会升高）。
    """

    code = "GOV502"
    name = "mobile-number"
    category = "privacy"
    severity = Severity.ERROR
    relative_severity = True  # a hit's own (lower) severity never raises a configured one
    summary = "出现完整的手机号码（应遮盖或改用办公电话）"
    fix = Applicability.UNSAFE
    source = "《政府信息公开条例》第十五条；《个人信息保护法》第四条"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (
        ("通知\n联系人：王某，13812345678。\n", "138****5678"),
        ("通知\n电话138-1234-5678。\n", "138-****-5678"),
    )
    passes = ("通知\n办公电话67777396，0379-67777396，服务热线12345，编号213812345678。\n",)

    def check(self, ctx: Context):
        text = ctx.text
        for m in _MOBILE.finditer(text):
            start, end = m.span()
            if m.group("sep") is not None and (
                _CELL_BEFORE.search(text, 0, start) or _CELL_AFTER.match(text, end)
            ):
                continue  # digits of neighbouring cells, not one grouped number
            masked = mask(m.group(), 3, 4)
            if _published_contact(text, start) or _contact_in_brackets(text, start, end):
                yield Hit(
                    start,
                    end,
                    f"联系方式中出现手机号码：请确认是本人同意公开的工作号码，否则遮盖为 {masked} 或改用办公电话",
                    masked,
                    severity=Severity.WARNING,
                )
            else:
                yield Hit(start, end, f"手机号码须遮盖后再公开，如 {masked}，或改用办公电话", masked)


# The number in brackets after whom to call, in a sentence asking the reader to get in touch:
# 请及时与县人大常委会人事代表委（150…）、县政协提案委（180…）联系.
_ASKS_CONTACT = re.compile(r"联系|咨询|对接|反馈")


def _contact_in_brackets(text: str, start: int, end: int) -> bool:
    """``（number）`` right after a name, in a clause that asks the reader to get in touch and names
    no private person: a contact published as such, like one after a 联系电话 label."""
    if not (start and text[start - 1] in "(（" and text[end : end + 1] in (")", "）")):
        return False
    if not ("\u4e00" <= text[start - 2 : start - 1] <= "\u9fff"):
        return False
    a = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    ends = [i for i in (text.find(c, end) for c in _CLAUSE_END) if i >= 0]
    clause = text[a : min(ends) if ends else len(text)]
    return bool(_ASKS_CONTACT.search(clause)) and not _PRIVATE.search(clause)


def _published_contact(text: str, start: int) -> bool:
    """The number stands right after a contact label of the notice, in a clause naming no private person."""
    a = max(0, start - _WINDOW)
    cut = max(text.rfind(c, a, start) for c in _CLAUSE_END)
    before = text[cut + 1 if cut >= 0 else a : start]
    labels = list(_LABEL.finditer(before))
    if not labels:
        return False
    gap = before[labels[-1].end() :]
    if not _GAP.fullmatch(gap):
        return False
    label = labels[-1].start()
    # the contact is a private person's when such a role names its holder right before the label
    # (当事人：张某，联系电话：…), not when it is the subject of the sentence (申请人需添加管理员微信号…)
    return not any(label - m.end() <= _ROLE_GAP for m in _PRIVATE.finditer(before, 0, label))
