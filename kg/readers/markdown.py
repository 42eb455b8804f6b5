"""Markdown notes: YAML front matter as metadata, the body as plain text.

The text kg stores (and every offset refers to) is the body with its markup removed:
headings, emphasis, links and list markers go, their words stay, one block per line.
Front matter keys follow the usual static-site names (``title``, ``date``, ``url``,
``source``, ``lang``, ``author``, ``tags``).
"""

from __future__ import annotations

import re
from typing import Any

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter (a mapping) and the body after it.

    >>> split_front_matter("---\\ntitle: Forum\\n---\\nCorps")
    ({'title': 'Forum'}, 'Corps')
    """
    import yaml

    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta = yaml.safe_load(m.group(1)) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping of keys to values")
    return meta, text[m.end() :]


def to_text(body: str) -> str:
    """Plain text of a Markdown body: one line per paragraph, heading or list item.

    >>> to_text("# Titre\\n\\nLe **ministre** a visité [Hanoï](https://x.vn).\\n\\n- un\\n- deux")
    'Titre\\nLe ministre a visité Hanoï.\\nun\\ndeux'
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    lines: list[str] = []
    for tok in md.parse(body):
        if tok.type == "inline":
            parts: list[str] = []
            for child in tok.children or ():
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
                elif child.type == "image":
                    continue
            line = re.sub(r"[ \t]+", " ", "".join(parts)).strip()
            if line:
                lines.append(line)
        elif tok.type in ("code_block", "fence"):
            lines.extend(ln for ln in tok.content.splitlines() if ln.strip())
    return "\n".join(lines)
