"""The minutes as a PDF, with fpdf2 (pure Python): Markdown -> sanitised HTML
(`cercles.lib.markdown`) -> `FPDF.write_html`.

The text needs a Unicode TrueType font (French accents, « », œ, —): the setting
`CERCLES_PDF_FONT` (environment variable of the same name) names its regular face, by
default DejaVu Sans from Debian's `fonts-dejavu-core`. Its bold and italic faces are
looked for next to it (DejaVu's and most fonts' file names: `-Bold`, `-Oblique` or
`-Italic`, `-BoldOblique` or `-BoldItalic`); a face not found uses the regular one.
If the font file is missing, the PDF falls back to the PDF core font Helvetica, whose
Windows-1252 encoding covers French (characters outside it print as "?"). If the
HTML layout fails (a word too wide for a table cell…), the PDF holds the Markdown as
plain text rather than failing.
"""

import logging
from pathlib import Path

from django.conf import settings
from fpdf import FPDF
from fpdf.errors import FPDFException

from cercles.lib.markdown import render_markdown

logger = logging.getLogger(__name__)

FAMILY = "cercles"
CORE_FAMILY = "helvetica"
CORE_ENCODING = "windows-1252"
STYLES = {
    "B": ("-Bold",),
    "I": ("-Oblique", "-Italic"),
    "BI": ("-BoldOblique", "-BoldItalic"),
}


def font_path() -> Path | None:
    """The regular face's file, or None if it is not there."""
    path = Path(settings.CERCLES_PDF_FONT)
    return path if path.is_file() else None


class MinutesPDF(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-15)
        self.set_font(self.font_family, size=8)
        self.cell(
            0,
            10,
            f"{self.footer_text} — {self.page_no()}/{{nb}}",
            align="C",
        )


def _new_pdf(title: str) -> tuple[MinutesPDF, str | None]:
    """A PDF with its font set up; the second value is the encoding text must fit
    (None with a Unicode font)."""
    pdf = MinutesPDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(title)
    pdf.set_lang("fr")
    pdf.set_creator("Cercles")
    pdf.footer_text = _fit(title[:80], None)
    regular = font_path()
    encoding = None
    if regular is not None:
        pdf.add_font(FAMILY, "", str(regular))
        for style, suffixes in STYLES.items():
            face = next(
                (
                    regular.with_name(f"{regular.stem}{suffix}{regular.suffix}")
                    for suffix in suffixes
                    if regular.with_name(f"{regular.stem}{suffix}{regular.suffix}").is_file()
                ),
                regular,
            )
            pdf.add_font(FAMILY, style, str(face))
        family = FAMILY
    else:
        logger.warning("CERCLES_PDF_FONT not found: the minutes' PDF uses Helvetica.")
        pdf.core_fonts_encoding = CORE_ENCODING
        family = CORE_FAMILY
        encoding = CORE_ENCODING
        pdf.footer_text = _fit(title[:80], encoding)
    pdf.set_font(family, size=10.5)
    pdf.add_page()
    return pdf, encoding


def _fit(text: str, encoding: str | None) -> str:
    if encoding is None:
        return text
    return text.encode(encoding, "replace").decode(encoding)


def minutes_pdf(*, title: str, text: str) -> bytes:
    """The Markdown `text` laid out as a PDF whose document title is `title`."""
    pdf, encoding = _new_pdf(title)
    html = str(render_markdown(_fit(text, encoding)))
    try:
        pdf.write_html(html, font_family=pdf.font_family)
    except (FPDFException, ValueError, KeyError, IndexError) as exc:
        # Some layouts fpdf2 cannot draw: give the text plainly rather than no PDF.
        logger.warning("Minutes PDF as plain text: %s", exc)
        pdf, encoding = _new_pdf(title)
        pdf.multi_cell(0, 5.5, _fit(text, encoding), wrapmode="CHAR")
    return bytes(pdf.output())
