"""The stylesheet is one file with a section per app; a block left open swallows what follows."""

import re
from pathlib import Path

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "css" / "site.css"


def _sections_not_at_top_level(css: str) -> tuple[list[str], int]:
    """Section headings (a comment at the start of a line) found inside an open block."""
    inside, depth = [], 0
    for line in css.splitlines():
        if line.startswith("/*") and depth:
            inside.append(line.strip())
        code = re.sub(r"/\*.*?\*/|\"[^\"]*\"|'[^']*'", "", line)
        depth += code.count("{") - code.count("}")
    return inside, depth


def test_every_section_of_the_stylesheet_starts_at_the_top_level():
    inside, depth = _sections_not_at_top_level(STYLESHEET.read_text(encoding="utf-8"))
    assert inside == [], f"sections inside an unclosed block (e.g. @media print): {inside}"
    assert depth == 0, f"{depth} block(s) left open at the end"


def test_the_check_finds_a_media_block_left_open():
    css = "@media print {\n  a { color: red; }\n\n/* == next section == */\n.x { y: z; }\n"
    inside, depth = _sections_not_at_top_level(css)
    assert inside == ["/* == next section == */"]
    assert depth == 1
