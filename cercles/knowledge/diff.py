"""What changed between two texts, as accessible HTML.

Lines are compared with difflib; within a changed line, words are compared too. A
removed passage is a <del>, an added one an <ins>, each also marked in words ("Supprimé",
"Ajouté", hidden visually but read aloud) and by a sign in its own column (− and +), so
the change never rests on colour. Unchanged stretches far from any change are folded
into one row ("12 lignes identiques"). Every piece of text is escaped.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CONTEXT = 2
# Word-level comparison is worth it only for lines that look alike.
SIMILAR = 0.4
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class Row:
    kind: str  # "same", "del", "ins", "fold"
    old_number: int | None = None
    new_number: int | None = None
    html: SafeString = field(default_factory=lambda: mark_safe(""))
    folded: int = 0


@dataclass
class Diff:
    rows: list[Row]
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)

    @property
    def summary(self) -> str:
        if not self.changed:
            return _("Aucune différence dans le texte.")
        added = ngettext("%(n)s ligne ajoutée", "%(n)s lignes ajoutées", self.added) % {
            "n": self.added
        }
        removed = ngettext("%(n)s ligne supprimée", "%(n)s lignes supprimées", self.removed) % {
            "n": self.removed
        }
        return f"{added}, {removed}"


def _marked(tag: str, text: str) -> str:
    word = _("Supprimé :") if tag == "del" else _("Ajouté :")
    return format_html(
        '<{tag}><span class="visually-hidden">{word} </span>{text}</{tag}>',
        tag=mark_safe(tag),
        word=word,
        text=text,
    )


def _words(old: str, new: str) -> tuple[str, str]:
    """The two lines with their removed and added words marked."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            chunk = escape("".join(a[i1:i2]))
            left.append(chunk)
            right.append(chunk)
            continue
        if i2 > i1:
            left.append(_marked("del", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(_marked("ins", "".join(b[j1:j2])))
    return "".join(left), "".join(right)


def _line(text: str) -> str:
    # An empty line would collapse: keep its row visible.
    return escape(text) if text else ""


def diff_texts(old: str, new: str, *, context: int = CONTEXT) -> Diff:
    a = (old or "").splitlines()
    b = (new or "").splitlines()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    rows: list[Row] = []
    added = removed = 0
    opcodes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            count = i2 - i1
            keep_head = context if index > 0 else 0
            keep_tail = context if index < len(opcodes) - 1 else 0
            if count > keep_head + keep_tail + 1:
                for k in range(keep_head):
                    rows.append(Row("same", i1 + k + 1, j1 + k + 1, mark_safe(_line(a[i1 + k]))))
                rows.append(Row("fold", folded=count - keep_head - keep_tail))
                for k in range(count - keep_tail, count):
                    rows.append(Row("same", i1 + k + 1, j1 + k + 1, mark_safe(_line(a[i1 + k]))))
            else:
                for k in range(count):
                    rows.append(Row("same", i1 + k + 1, j1 + k + 1, mark_safe(_line(a[i1 + k]))))
            continue
        old_lines, new_lines = a[i1:i2], b[j1:j2]
        removed += len(old_lines)
        added += len(new_lines)
        pairs = min(len(old_lines), len(new_lines)) if op == "replace" else 0
        left_html: list[str] = []
        right_html: list[str] = []
        for k in range(pairs):
            old_line, new_line = old_lines[k], new_lines[k]
            if difflib.SequenceMatcher(None, old_line, new_line).quick_ratio() >= SIMILAR:
                left, right = _words(old_line, new_line)
            else:
                left, right = _marked("del", old_line), _marked("ins", new_line)
            left_html.append(left)
            right_html.append(right)
        left_html += [_marked("del", line) for line in old_lines[pairs:]]
        right_html += [_marked("ins", line) for line in new_lines[pairs:]]
        for k, line_html in enumerate(left_html):
            rows.append(Row("del", old_number=i1 + k + 1, html=mark_safe(line_html)))
        for k, line_html in enumerate(right_html):
            rows.append(Row("ins", new_number=j1 + k + 1, html=mark_safe(line_html)))
    return Diff(rows=rows, added=added, removed=removed)
