"""The QR codes: the SVG itself is read back, by a real renderer and scanner and module by module."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import segno
import weasyprint
from bs4 import BeautifulSoup

from leitfaden import qr
from leitfaden.model import Guide
from leitfaden.site import SiteUrl

from .conftest import TEST_SITE_URL

SVG = "{http://www.w3.org/2000/svg}"
#: ISO/IEC 18004: the mask XORed onto the format information, and its BCH generator.
FORMAT_MASK = 0b101010000010010
FORMAT_GENERATOR = 0b10100110111
#: The two error-correction bits of the format information.
ERROR_LEVEL_BITS = {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}
URLS = (
    TEST_SITE_URL + "projekt/",
    "https://projektleitfaden.example.org/kapazitaetsplanung/",
)
_PATH_TOKEN = re.compile(r"([Mmh])(-?\d+(?:\.\d+)?)(?: (-?\d+(?:\.\d+)?))?")


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} fehlt: .ci/run installiert poppler-utils und zbar-tools"
    return path


def run(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stderr}"
    return result.stdout


def qr_codes_on_page(pdf: Path, page: int, workdir: Path) -> set[str]:
    """Render one page at 150 dpi and decode every QR code on it."""
    image = workdir / f"page-{page}"
    only = ("-f", str(page), "-l", str(page))
    run(tool("pdftoppm"), "-r", "150", "-png", "-singlefile", *only, str(pdf), str(image))
    result = subprocess.run(
        [tool("zbarimg"), "--raw", "-q", f"{image}.png"], capture_output=True, text=True, check=False
    )
    assert result.returncode in (0, 4), result.stderr  # 4: no code found on the page
    return set(result.stdout.split())


def dark_modules(svg: str) -> tuple[int, set[tuple[int, int]]]:
    """The SVG's size in modules and its dark modules as (row, column), read from its path."""
    root = ET.fromstring(svg)
    x0, y0, width, height = (float(value) for value in root.attrib["viewBox"].split())
    assert (x0, y0) == (0, 0) and width == height
    [path] = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == "#000"]
    data = path.attrib["d"]
    assert _PATH_TOKEN.sub("", data) == "", "unerwartete Pfadbefehle"
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for command, first, second in _PATH_TOKEN.findall(data):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:  # a horizontal run of dark modules, stroked along the row's middle
            dark.update((int(y), int(x) + i) for i in range(int(first)))
            x += float(first)
    return int(width), dark


def format_information(dark: set[tuple[int, int]], size: int, border: int) -> tuple[int, int]:
    """Both copies of the 15 format bits (ISO/IEC 18004 7.9), most significant first."""

    def bits(cells: list[tuple[int, int]]) -> int:
        return int("".join("1" if (border + r, border + c) in dark else "0" for r, c in cells), 2)

    n = size - 2 * border
    first = [(8, c) for c in (0, 1, 2, 3, 4, 5, 7, 8)] + [(r, 8) for r in (7, 5, 4, 3, 2, 1, 0)]
    second = [(n - 1 - i, 8) for i in range(7)] + [(8, n - 8 + i) for i in range(8)]
    return bits(first), bits(second)


def bch_remainder(value: int) -> int:
    for shift in range(14, 9, -1):
        if value & (1 << shift):
            value ^= FORMAT_GENERATOR << (shift - 10)
    return value


@pytest.mark.parametrize("url", URLS)
def test_svg_has_error_level_m_mask_3_and_a_quiet_zone_of_four_modules(url: str) -> None:
    size, dark = dark_modules(qr.svg(url))
    border = qr.BORDER
    assert border == 4
    assert (size - 2 * border - 17) % 4 == 0, "Symbolgröße 17 + 4·Version"
    light_frame = [
        (r, c) for r in range(size) for c in range(size) if min(r, c, size - 1 - r, size - 1 - c) < 4
    ]
    assert not dark.intersection(light_frame), "die Ruhezone ist nicht frei"
    # the finder patterns' outer rings begin right at the quiet zone
    for corner in ((4, 4), (4, size - 5), (size - 5, 4)):
        assert corner in dark
    first, second = format_information(dark, size, border)
    assert first == second, "die beiden Kopien der Formatinformation widersprechen sich"
    unmasked = first ^ FORMAT_MASK
    assert bch_remainder(unmasked) == 0, "keine gültige Formatinformation"
    assert ERROR_LEVEL_BITS[unmasked >> 13] == "M"
    assert (unmasked >> 10) & 0b111 == qr.MASK == 3, "die Maske ist fest, nicht je Code gewählt"


@pytest.mark.parametrize("url", URLS)
def test_svg_is_the_qr_code_segno_computes(url: str) -> None:
    expected = segno.make_qr(url, error="M", boost_error=False, mask=3)
    size, dark = dark_modules(qr.svg(url))
    rows = [[(r + 4, c + 4) in dark for c in range(size - 8)] for r in range(size - 8)]
    assert rows == [[bool(module) for module in row] for row in expected.matrix]


def test_svg_is_deterministic_and_scalable() -> None:
    svg = qr.svg(URLS[0])
    assert svg == qr.svg(URLS[0])
    root = ET.fromstring(svg)
    assert "width" not in root.attrib and "viewBox" in root.attrib
    assert not svg.startswith("<?xml")  # embeddable inline as well as a file


@pytest.mark.parametrize("url", URLS)
def test_rendered_svg_scans_as_the_url(url: str, tmp_path: Path) -> None:
    """Rendered by WeasyPrint (the brochure's renderer) at 30 mm and printed at 150 dpi."""
    data = base64.b64encode(qr.svg(url).encode()).decode()
    html = f'<img src="data:image/svg+xml;base64,{data}" style="width: 30mm">'
    pdf = tmp_path / "qr.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    assert qr_codes_on_page(pdf, 1, tmp_path) == {url}


def test_site_files_are_one_svg_per_chapter(guide: Guide) -> None:
    site = SiteUrl(TEST_SITE_URL, is_default=False)
    files = qr.site_files(guide, site)
    assert files == {f"qr/{c.id}.svg": qr.svg(site.chapter(c.id)) for c in guide.chapters}


def test_site_publishes_the_codes_and_each_chapter_page_shows_its_own(built_site: Path, guide: Guide) -> None:
    site = SiteUrl(TEST_SITE_URL, is_default=False)
    for chapter in guide.chapters:
        url = site.chapter(chapter.id)
        published = built_site / "qr" / f"{chapter.id}.svg"
        assert published.read_text(encoding="utf-8") == qr.svg(url)
        page_dir = built_site / chapter.id
        figure = BeautifulSoup((page_dir / "index.html").read_text(encoding="utf-8"), "html.parser").find(
            "figure", class_="lf-qr"
        )
        assert figure is not None, chapter.id
        image = figure.find("img")
        assert image["alt"] == f"QR-Code: {url}"
        assert (page_dir / image["src"]).resolve() == published.resolve()
        assert figure.figcaption.get_text(strip=True) == url
