"""The annotation styles of the genre in one place (责任分工的写法): keys, role words, tails
that are not units, catch-alls, and the rules a document states about its own annotations.

Every pattern here is applied to one bracket's content or one line, never to unbounded text,
and none has nested quantifiers (see ``docs/parser.md``, "Limits").

Roles (角色): ``lead`` 牵头, ``responsible`` 负责/责任单位, ``cooperating`` 配合/参与/协同/协助,
``guiding`` 指导. A unit list that ends in a role word states that role for every unit of it:

* ``A、B负责`` / ``A、B按职责分工负责`` / ``A、B按职责分工分别负责`` → responsible;
* ``A牵头`` / ``A牵头负责`` → lead; ``B、C参与`` / ``B配合`` → cooperating;
* ``A指导`` → guiding; ``B负责落实`` / ``B落实`` → responsible;
* keyed lists ``牵头单位:X`` / ``责任单位:Y`` / ``配合单位:Z`` / ``指导部门:W``.
"""

from __future__ import annotations

import re

__all__ = [
    "CATCH_ALL",
    "COLUMN_ROLES",
    "IMPLIED_RULE",
    "KEY",
    "KEY_ROLES",
    "LEAD_RULE",
    "ROLE_TAIL",
    "ROLE_WORDS",
    "SUFFIXES",
    "role_of_key",
    "split_catch_all",
]

# simplified, then traditional forms (read even where OpenCC is missing)
_COOPERATING = (
    "配合单位", "配合部门", "协办单位", "协同单位", "参与单位", "协助单位",
    "配合單位", "配合部門", "協辦單位", "協同單位", "參與單位", "協助單位",
)  # fmt: skip
KEY_ROLES: dict[str, str] = {
    **dict.fromkeys(
        ("牵头单位", "牵头部门", "主责单位", "主责部门", "牽頭單位", "牽頭部門"), "lead"
    ),
    **dict.fromkeys(_COOPERATING, "cooperating"),
    **dict.fromkeys(
        ("责任单位", "责任部门", "承办单位", "責任單位", "責任部門", "承辦單位"), "responsible"
    ),
    **dict.fromkeys(("指导单位", "指导部门", "指導單位", "指導部門"), "guiding"),
}
"""The keys of keyed annotations (``牵头单位:X``) and the role each states."""

KEY = re.compile(r"(" + "|".join(KEY_ROLES) + r")\s*[::]")
"""A key followed by a colon."""

ROLE_WORDS: dict[str, str] = {
    "牵头负责": "lead",
    "牵头": "lead",
    "负责落实": "responsible",
    "负责": "responsible",
    "落实": "responsible",
    "配合": "cooperating",
    "参与": "cooperating",
    "协同": "cooperating",
    "协助": "cooperating",
    "协办": "cooperating",
    "指导": "guiding",
}
"""Role words that close a unit list (``A、B负责``) and the role each states."""

ROLE_TAIL = re.compile(
    r"^(?P<units>.+?)(?:按(?:照)?职责(?:分工)?)?(?:分别|共同)?"
    r"(?P<role>" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")$"
)
"""A unit list closed by a role word; ``按职责分工`` and ``分别`` before it are not units."""

CATCH_ALL = re.compile(r"^(?:等|各)?(?:其他|其它|有关|相关)?(?:部门|单位|机构)(?:和单位|和部门)?$")
"""A catch-all reference (等有关部门, 各有关部门和单位, 其他市政府部门 is a named group):
kept as written, never taken as a lead."""

_CATCH_START = re.compile(r"等(?=(?:其他|其它|有关|相关)?(?:部门|单位|机构))")

SUFFIXES = (
    "政府", "局", "委", "办", "院", "部门", "中心", "高校", "单位", "组", "厅", "室", "会",
    "所", "队", "站", "处", "馆", "社", "公司", "集团", "机关", "机构", "部", "团", "校",
    "学院", "大学", "党校", "银行", "总站", "办事处", "街道", "乡镇", "署", "联",
    "团中央", "工委",
)  # fmt: skip
"""Endings of complete unit and group names (单位名称后缀)."""

LEAD_RULE = re.compile(
    r"(?:排在|排|列在|列|位列|名列)?(?:第一|首)(?:责任)?(?:位|个|名)?的?"
    r"(?:责任)?(?:部门|单位|者)?(?:为|是|即为|作为)牵头(?:单位|部门)"
    r"|(?:排|列)(?:在)?(?:第一|首)位的?(?:责任)?(?:部门|单位)?牵头"
    r"|牵头(?:单位|部门)(?:排|列)(?:在)?(?:第一|首)位"
)
"""A stated rule that the first-named unit leads: 第一责任单位为牵头单位,
排在第一位的部门为牵头部门, 列第一位者为牵头单位 (下同: from where it is stated on)."""

IMPLIED_RULE = re.compile(
    r"以下(?:各项)?(?:任务)?(?:均|都|皆)(?:需|须|由|要|需要)?"
    r"(?P<unit>[^,;:。()]{2,30}?)(?:负责)?(?:落实|负责|实施|承担)"
)
"""A rule naming a unit implied for every later task: 以下均需试点城市政府落实, 不再列出."""

COLUMN_ROLES: dict[str, str] = {
    "序号": "number",
    "编号": "number",
    "工作任务": "title",
    "改革举措": "title",
    "重点任务": "title",
    "主要任务": "title",
    "具体任务": "title",
    "任务名称": "title",
    "任务": "title",
    "工作事项": "title",
    "事项": "title",
    "举措": "title",
    "主要内容": "content",
    "具体内容": "content",
    "工作内容": "content",
    "任务内容": "content",
    "具体措施": "content",
    "工作措施": "content",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "时间安排": "deadline",
    "时限": "deadline",
    **{k: v for k, v in KEY_ROLES.items()},
}
"""The columns of a 任务分工表 by header (spaces removed) and what each holds."""


def role_of_key(key: str) -> str:
    """The role a key states (``牵头单位`` → ``lead``)."""
    return KEY_ROLES[key]


def split_catch_all(piece: str) -> tuple[str, ...]:
    """``A等有关部门`` → (``A``, ``等有关部门``); ``A等`` → (``A``,); otherwise (piece,)."""
    match = _CATCH_START.search(piece)
    if match is not None and match.start() > 0:
        return (piece[: match.start()], piece[match.start() :])
    if piece.endswith("等") and len(piece) > 1:
        return (piece[:-1],)
    return (piece,)
