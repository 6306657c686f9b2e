"""The documents' layout for the demo: the municipality's name, a logo, a line under the name and a footer,
as staff would set them under Administration → Document layout. Created once; seeding again changes nothing.

The logo is drawn here (a plain mark, not any real municipality's arms), so the demo ships no picture file.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile

from case_documents.models import DocumentLayout

FOOTER_DA = "Gentofte Kommune · Bernstorffsvej 161 · 2920 Charlottenlund\nwww.gentofte.dk"
FOOTER_EN = "Gentofte Municipality · Bernstorffsvej 161 · 2920 Charlottenlund, Denmark\nwww.gentofte.dk"


def seed_layout() -> DocumentLayout:
    layout = DocumentLayout.objects.order_by("pk").first()
    if layout is not None:
        return layout
    layout = DocumentLayout(
        header_line_da="Politik og Borgerinddragelse",
        header_line_en="Policy and Public Participation",
        logo_alt_da="Kommunens logo",
        logo_alt_en="The municipality's logo",
        footer_da=FOOTER_DA,
        footer_en=FOOTER_EN,
    )
    layout.logo.save("logo.png", ContentFile(_logo_png()), save=False)
    layout.full_clean()
    layout.save()
    return layout


def _logo_png() -> bytes:
    """A blue shield with three white waves, 240 × 280 pixels."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 280), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(10, 10), (230, 10), (230, 160), (120, 270), (10, 160)], fill=(10, 79, 143, 255))
    for top in (60, 110, 160):
        for left in range(30, 200, 40):
            draw.arc([left, top, left + 40, top + 30], start=200, end=340, fill=(255, 255, 255, 255), width=8)
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()
