"""Render a :class:`crawler.outputs.digest_model.Digest` as Markdown, HTML, JSON or Atom 1.0.

HTML comes from the Jinja2 template crawler/outputs/templates/digest.html.j2 with autoescape on,
so every value that came from the web is escaped; links are http(s) only (see
``crawler.outputs.digest_model.safe_url``). Markdown doubles as the plain-text part of the email, so it
escapes Markdown specials and stays readable unrendered. Atom and JSON are built in code.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from crawler import __version__
from crawler.outputs.digest_model import Digest, Story
from crawler.outputs.formats import DIGEST_FORMATS
from crawler.shared.dates import format_utc, parse_utc
from crawler.shared.text import has_han

FORMATS = DIGEST_FORMATS
ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def clean(value: Any) -> str:
    """Text without the control characters XML 1.0 and HTML forbid."""
    return _XML_BAD.sub("", "" if value is None else str(value))


def rfc3339(value: str, fallback: str) -> str:
    return format_utc(parse_utc(value) or parse_utc(fallback) or datetime.now(UTC))


def human_time(value: str | None, with_time: bool = True) -> str:
    """'1 Jun 2026 09:30 UTC' (or '1 Jun 2026'); the raw value when it is not a date."""
    moment = parse_utc(value or "")
    if moment is None:
        return value or ""
    moment = moment.astimezone(UTC)
    day = f"{moment.day} {moment:%b %Y}"
    if not with_time or (len(value or "") == 10) or moment.strftime("%H:%M:%S") == "00:00:00":
        return day
    return f"{day} {moment:%H:%M} UTC"


def period_text(digest: Digest) -> str:
    """The period for people: an end at midnight shows as the day before (it is exclusive)."""
    start, end = parse_utc(digest.period_start), parse_utc(digest.period_end)
    if start and end and end.strftime("%H:%M:%S") == "00:00:00" \
            and start.strftime("%H:%M:%S") == "00:00:00" and end > start:
        last = end - timedelta(days=1)
        first_text = human_time(digest.period_start)
        return first_text if last <= start else f"{first_text} – {last.day} {last:%b %Y}"
    return f"{human_time(digest.period_start)} – {human_time(digest.period_end)}"


def title(digest: Digest) -> str:
    return f"govwatch digest · {period_text(digest)}"


def render(digest: Digest, fmt: str) -> str:
    """The digest as text in ``fmt`` (one of FORMATS)."""
    if fmt == "markdown":
        return markdown(digest)
    if fmt == "html":
        return html(digest)
    if fmt == "json":
        return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "atom":
        return atom(digest)
    raise ValueError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")


def money(amount: dict[str, Any]) -> str:
    """An amount as currency and value for people: "HKD 10,000,000", "≈ CNY 3,000,000"."""
    value = amount.get("value")
    if not isinstance(value, (int, float)):
        return clean(amount.get("text"))
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{'≈ ' if amount.get('approx') else ''}{clean(amount.get('currency'))} {number}"


def _signal_lines(digest: Digest, story: Story) -> list[str]:
    """Badges, amounts and dates of a story as plain lines (Markdown and Atom)."""
    lines = []
    if story.signal_types:
        lines.append("Signals: " + ", ".join(digest.signal_labels.get(t, t)
                                             for t in story.signal_types))
    if story.amounts:
        lines.append("Amounts: " + "; ".join(f"{clean(a.get('text'))} ({money(a)})"
                                             for a in story.amounts))
    if story.deadlines:
        lines.append("Dates: " + "; ".join(
            f"{clean(w.get('kind'))} {clean(w.get('date'))} ({clean(w.get('text'))})"
            for w in story.deadlines))
    return lines


# ------------------------------------------------------------------------------ Markdown

def md_escape(value: Any) -> str:
    """Escape Markdown specials so a title shows as typed, in chat tools and as plain text."""
    text = _MD_INLINE.sub(r"\\\1", " ".join(clean(value).split()))
    text = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _MD_ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def md_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def md_link(text: Any, url: str | None) -> str:
    return f"[{md_escape(text)}]({md_url(url)})" if url else md_escape(text)


def _colon(label: str) -> str:
    """The colon after a language label: full-width after Chinese (中文：), else ": "."""
    return "：" if label and has_han(label[-1]) else ": "


def _md_story(digest: Digest, story: Story) -> list[str]:
    lines = [f"### {md_link(story.title, story.url)}", ""]
    lines += [f"{md_escape(v.label)}{_colon(v.label)}{md_link(v.title, v.url)}  "
              for v in story.other_languages]
    lines += [f"*{md_escape(story.source_name)} · {human_time(story.source_published_at)}*", ""]
    extra = _signal_lines(digest, story)
    for line in extra:
        label, _, rest = line.partition(": ")
        lines.append(f"**{label}:** {md_escape(rest)}  ")
    if extra:
        lines.append("")
    if story.summary:
        lines += [md_escape(story.summary), ""]
    lines += [f"- {md_escape(s)}" for s in story.key_signals]
    if story.key_signals:
        lines.append("")
    facts = [(label, values) for label, values in (("Agencies", story.agencies),
             ("Vendors", story.vendors), ("Locations", story.locations)) if values]
    for label, values in facts:
        lines.append(f"**{label}:** {', '.join(md_escape(v) for v in values)}  ")
    if facts:
        lines.append("")
    lines.append(f"**Ran in {len(story.outlets)} outlet{'s' if len(story.outlets) != 1 else ''}:**")
    lines += [f"- {md_link(o.name, o.url)}" + (f" · {human_time(o.published_at, False)}"
                                                if o.published_at else "")
              for o in story.outlets]
    return lines + [""]


def markdown(digest: Digest) -> str:
    lines = [f"# govwatch digest: {period_text(digest)}", ""]
    counts = " · ".join(f"{md_escape(c.name)} {c.count}" for c in digest.jurisdictions)
    plural = "story" if digest.story_count == 1 else "stories"
    lines += [f"**{digest.story_count} {plural}**" + (f" · {counts}" if counts else ""), ""]
    if not digest.story_count:
        lines += ["No stories in this period.", ""]
    for group in digest.groups:
        lines += [f"## {md_escape(group.name)} ({len(group.stories)})", ""]
        for story in group.stories:
            lines += _md_story(digest, story)
    lines += ["## Source health", ""]
    if digest.source_health:
        lines += [f"- **{md_escape(h.name)}** ({md_escape(h.source_id)}): {h.problem}: "
                  f"{md_escape(h.detail)}" for h in digest.source_health]
    else:
        lines.append("Every source worked and gave new articles.")
    lines += ["", f"_Generated by govwatch {__version__} at {human_time(digest.generated_at)}._"]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ HTML

_env: Environment | None = None


def _finalize(value: Any) -> Any:
    """Every {{ value }} loses forbidden control characters (then autoescape escapes it)."""
    return value if isinstance(value, Markup) else clean(value)


def _environment() -> Environment:
    global _env  # one loader per process; templates are read once
    if _env is None:
        _env = Environment(loader=PackageLoader("crawler.outputs", "templates"), autoescape=True,
                           trim_blocks=True, lstrip_blocks=True, finalize=_finalize)
        _env.filters["when"] = human_time
        _env.filters["day"] = lambda v: human_time(v, with_time=False)
        _env.filters["colon"] = _colon
        _env.filters["money"] = money
    return _env


def charts(digest: Digest) -> dict[str, Any]:
    """Bar sizes for the two charts (stories per day, per jurisdiction), drawn with HTML
    tables: Gmail strips inline SVG and blocks images by default, while table cells with
    a height, a width and a background colour render in Gmail, Outlook and Apple Mail."""
    days = digest.per_day
    height = 90  # px of the tallest day bar
    peak = max((c.count for c in days), default=0) or 1
    label_every = max(1, -(-len(days) // 7))
    day_bars = []
    for i, c in enumerate(days):
        moment = parse_utc(c.day)
        label = f"{moment.day} {moment:%b}" if moment else c.day
        day_bars.append({"h": max(round(height * c.count / peak), 1 if c.count else 0),
                         "space": height - round(height * c.count / peak),
                         "count": c.count, "title": f"{label}: {c.count}",
                         "label": label if i % label_every == 0 else ""})
    rows = digest.jurisdictions
    jpeak = max((c.count for c in rows), default=0) or 1
    jbars = [{"pct": max(round(100 * c.count / jpeak), 1), "label": c.name, "count": c.count}
             for c in rows]
    width = max(min(round(100 / max(len(days), 1)), 30), 3)  # % of the chart per day
    return {"height": height, "days": day_bars, "day_width": width, "jur": jbars}


def html(digest: Digest) -> str:
    template = _environment().get_template("digest.html.j2")
    return template.render(d=digest, title=title(digest), period=period_text(digest),
                           charts=charts(digest), version=__version__)


# ------------------------------------------------------------------------------ Atom

def _entry_html(digest: Digest, story: Story) -> str:
    """The entry body as an HTML fragment (escaped once more by the XML serializer)."""

    def esc(value: Any) -> str:
        return str(escape(clean(value)))

    parts = [f"<p>{esc(v.label)}{_colon(v.label)}"
             + (f'<a href="{esc(v.url)}">{esc(v.title)}</a>' if v.url else esc(v.title))
             + "</p>" for v in story.other_languages]
    parts += [f"<p>{esc(story.summary)}</p>"] if story.summary else []
    parts += [f"<p>{esc(line)}</p>" for line in _signal_lines(digest, story)]
    if story.key_signals:
        parts.append("<ul>" + "".join(f"<li>{esc(s)}</li>" for s in story.key_signals) + "</ul>")
    for label, values in (("Agencies", story.agencies), ("Vendors", story.vendors),
                          ("Locations", story.locations)):
        if values:
            parts.append(f"<p><b>{label}:</b> {esc(', '.join(values))}</p>")
    items = []
    for outlet in story.outlets:
        name = (f'<a href="{esc(outlet.url)}">{esc(outlet.name)}</a>' if outlet.url
                else esc(outlet.name))
        when = human_time(outlet.published_at, False) if outlet.published_at else ""
        items.append(f"<li>{name}{' · ' + esc(when) if when else ''}</li>")
    parts.append(f"<p><b>Outlets:</b></p><ul>{''.join(items)}</ul>")
    return "".join(parts)


def atom(digest: Digest) -> str:
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = clean(text)
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "id", digest.feed_id)
    sub(feed, "title", title(digest))
    sub(feed, "subtitle", f"{digest.story_count} stories, {period_text(digest)}")
    sub(feed, "updated", rfc3339(digest.generated_at, digest.generated_at))
    author = sub(feed, "author")
    sub(author, "name", "govwatch")
    sub(feed, "generator", "govwatch", version=__version__)
    for story in digest.stories:
        entry = sub(feed, "entry")
        if story.language:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", clean(story.language))
        sub(entry, "id", story.entry_id)
        sub(entry, "title", story.title, type="text")
        stamp = rfc3339(story.published_at, digest.generated_at)
        sub(entry, "updated", stamp)
        sub(entry, "published", stamp)
        if story.url:
            sub(entry, "link", rel="alternate", type="text/html", href=clean(story.url))
        for code in story.jurisdictions:
            sub(entry, "category", term=clean(code))
        sub(entry, "summary", story.summary or story.title, type="text")
        for signal_type in story.signal_types:
            sub(entry, "category", term=clean(signal_type),
                label=clean(digest.signal_labels.get(signal_type, signal_type)))
        sub(entry, "content", _entry_html(digest, story), type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
