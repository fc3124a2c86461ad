"""Charts as SVG text, drawn on the server (no script): bars for categories, columns or lines
over time.

Accessibility: the root has role="img" and aria-labelledby naming its <title> and <desc>; the
figures themselves are also given in a data table next to each chart (the caller's template),
so nothing is conveyed by the drawing alone. Right-to-left: the whole drawing is mirrored
(labels on the right, bars growing leftwards, time running right to left) and each label is
anchored by its absolute side (the root says direction="ltr", so an Arabic page does not flip
the anchors), the bidirectional algorithm of the renderer laying out Arabic text within it.
Colours come from the classes in stats.css when shown in a page and from the fill attributes
(presentation attributes, allowed by the content security policy) elsewhere (PDF). With
`text=False` the words (category labels, legend) are left out and only digits drawn, the
caller giving them in HTML beside the chart. `shape` rewrites every text before it is written:
WeasyPrint draws SVG text letter by letter, without Arabic shaping or bidirectional ordering,
so the PDF passes a function that gives Arabic in its presentation forms and visual order
(rogatory.apps.stats.reports.pdf_text); a browser shapes by itself and gets the text as it is.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 640
# Noto covers the six UN languages (Arabic in Naskh, Chinese in CJK SC); named for PDF output.
FONTS = "Noto Sans, Noto Naskh Arabic, Noto Sans CJK SC, sans-serif"
PALETTE = ("#1f5f99", "#b35900", "#2e7d32", "#7b3294", "#8c564b", "#4d4d4d")

Shape = Callable[[str], str]


def _same(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[int | None]


def _head(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    tid, did = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id={quoteattr(chart_id)} '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        # Anchors below are absolute (left/right), so the page's direction must not flip them.
        'direction="ltr" '
        f'aria-labelledby="{tid} {did}">',
        f'<title id="{tid}">{escape(title)}</title>',
        f'<desc id="{did}">{escape(desc)}</desc>',
    ]


def _text(
    x: float, y: float, text: str, anchor: str, cls: str = "chart-label", shape: Shape = _same
) -> str:
    text = shape(text)
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}" '
        f'font-size="12" font-family="{FONTS}" fill="#222">{escape(text)}</text>'
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    bars: Sequence[Bar],
    rtl: bool = False,
    text: bool = True,
    shape: Shape | None = None,
) -> str:
    """Horizontal bars, one per category, with the value written at the end of each."""
    row, top = 24, 8
    height = top * 2 + row * max(len(bars), 1)
    label_w, value_w = 230, 60
    span = WIDTH - label_w - value_w - 16
    most = max((b.value for b in bars), default=0) or 1
    shape = shape or _same
    out = _head(chart_id, title, desc, height)
    for i, bar in enumerate(bars):
        y = top + i * row
        length = span * bar.value / most
        if rtl:
            label_x, bar_x = WIDTH - 4, WIDTH - label_w - length
            value_x, value_anchor, label_anchor = bar_x - 4, "end", "end"
        else:
            label_x, bar_x = 4, label_w
            value_x, value_anchor, label_anchor = bar_x + length + 4, "start", "start"
        if text:
            out.append(_text(label_x, y + 16, _clip(bar.label), label_anchor, shape=shape))
        out.append(
            f'<rect x="{bar_x:.1f}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'class="chart-bar chart-c0" fill="{PALETTE[0]}"/>'
        )
        out.append(_text(value_x, y + 16, str(bar.value), value_anchor, "chart-value"))
    out.append("</svg>")
    return "".join(out)


def series_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Series],
    lines: bool = False,
    rtl: bool = False,
    text: bool = True,
    shape: Shape | None = None,
) -> str:
    """Values over time: grouped columns (volumes) or lines with points (durations)."""
    height, top, bottom, side = 240, 12, 44, 44
    plot_h = height - top - bottom
    plot_w = WIDTH - 2 * side
    n = max(len(labels), 1)
    slot = plot_w / n
    most = max((v for s in series for v in s.values if v is not None), default=0) or 1
    shape = shape or _same
    out = _head(chart_id, title, desc, height + 20 * len(series))

    def x_of(i: int) -> float:
        # Time runs in the reading direction: right to left in Arabic.
        centre = side + slot * (i + 0.5)
        return WIDTH - centre if rtl else centre

    def y_of(v: int) -> float:
        return top + plot_h - plot_h * v / most

    axis_x = WIDTH - side if rtl else side
    out.append(
        f'<line x1="{side}" y1="{top + plot_h}" x2="{WIDTH - side}" y2="{top + plot_h}" '
        'class="chart-axis" stroke="#555"/>'
    )
    out.append(_text(axis_x, top + 10, str(most), "start" if rtl else "end", "chart-value"))
    out.append(_text(axis_x, top + plot_h, "0", "start" if rtl else "end", "chart-value"))
    step = max(1, -(-n // 12))
    for i, label in enumerate(labels):
        if i % step == 0:
            out.append(_text(x_of(i), top + plot_h + 16, label, "middle", "chart-tick", shape))
    width = slot * 0.8 / max(len(series), 1)
    for k, s in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        points: list[str] = []
        for i, v in enumerate(s.values):
            if v is None:
                continue
            if lines:
                points.append(f"{x_of(i):.1f},{y_of(v):.1f}")
                out.append(
                    f'<circle cx="{x_of(i):.1f}" cy="{y_of(v):.1f}" r="3" '
                    f'class="chart-c{k}" fill="{colour}"/>'
                )
                continue
            offset = -slot * 0.4 + k * width
            x = x_of(i) - offset - width if rtl else x_of(i) + offset
            out.append(
                f'<rect x="{x:.1f}" y="{y_of(v):.1f}" width="{width:.1f}" '
                f'height="{top + plot_h - y_of(v):.1f}" class="chart-bar chart-c{k}" '
                f'fill="{colour}"/>'
            )
        if lines and len(points) > 1:
            out.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                f'stroke-width="2" class="chart-line chart-c{k}"/>'
            )
        # Legend, one line per series under the axis (without words: given by the caller).
        ly = height + 14 + 20 * k - 6
        box_x = WIDTH - side - 12 if rtl else side
        if text:
            out.append(
                f'<rect x="{box_x}" y="{ly - 10}" width="12" height="12" class="chart-c{k}" '
                f'fill="{colour}"/>'
            )
            out.append(
                _text(
                    box_x - 6 if rtl else box_x + 18,
                    ly,
                    s.name,
                    "end" if rtl else "start",
                    shape=shape,
                )
            )
    out.append("</svg>")
    return "".join(out)


def _clip(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
