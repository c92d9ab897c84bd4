"""Send a rendered digest: email over SMTP, or a Slack-compatible webhook POST.

Every failure (server down, refused, TLS error, HTTP 500…) becomes a
:class:`DeliveryError` whose message is one line naming the server or URL; the caller
records the attempt as failed and exits non-zero. No new HTTP dependency: urllib and
smtplib from the standard library are enough for one POST and one message.
"""

from __future__ import annotations

import json
import smtplib
import ssl
import urllib.error
import urllib.request
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import urlsplit

from crawler import __version__
from crawler.config import EmailSettings
from crawler.outputs.digest_model import Digest
from crawler.outputs.render import human_time, period_text, render, title

WEBHOOK_TIMEOUT = 30
SLACK_SECTION_CHARS = 2900  # Slack refuses a section text over 3000 characters
SLACK_MAX_BLOCKS = 50


class DeliveryError(Exception):
    """A digest could not be delivered; ``str(err)`` is one line for the user."""


# ------------------------------------------------------------------------------ email

def subject_for(digest: Digest, settings: EmailSettings) -> str:
    return settings.subject.format(start=digest.period_start[:10], end=digest.period_end[:10],
                                   date=digest.period_end[:10], count=digest.story_count)


def build_message(digest: Digest, settings: EmailSettings, html: str, text: str) -> EmailMessage:
    """An email with the plain-text digest first and the HTML digest as the alternative."""
    message = EmailMessage()
    message["Subject"] = subject_for(digest, settings)
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Date"] = formatdate(usegmt=True)
    domain = settings.sender.rsplit("@", 1)[-1].strip(" >") or "govwatch.local"
    message["Message-ID"] = make_msgid("govwatch-digest", domain=domain)
    message["X-Mailer"] = f"govwatch {__version__}"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def send_email(message: EmailMessage, settings: EmailSettings) -> list[str]:
    """Send ``message``; returns the recipients the server accepted (raises if none)."""
    where = f"SMTP {settings.host}:{settings.port}"
    context = ssl.create_default_context()
    try:
        smtp: smtplib.SMTP
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                    context=context)
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with smtp:
            if settings.security == "starttls":
                smtp.starttls(context=context)
            if settings.user:
                smtp.login(settings.user, settings.password())
            refused = smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = "; ".join(f"{addr}: {code} {_text(msg)}" for addr, (code, msg)
                          in exc.recipients.items())
        raise DeliveryError(f"{where}: every recipient refused ({codes})") from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"{where}: server said {exc.smtp_code} {_text(exc.smtp_error)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(f"{where}: {exc} (check 'security' in digest.toml)") from None
    except smtplib.SMTPException as exc:
        raise DeliveryError(f"{where}: {' '.join(str(exc).split())}") from None
    except ssl.SSLError as exc:
        raise DeliveryError(f"{where}: TLS failed ({exc.reason or exc})") from None
    except TimeoutError:
        raise DeliveryError(f"{where}: no answer within {settings.timeout:g} s") from None
    except ConnectionRefusedError:
        raise DeliveryError(f"{where}: connection refused (is the server running?)") from None
    except OSError as exc:
        raise DeliveryError(f"{where}: {exc.strerror or exc}") from None
    return [addr for addr in settings.to if addr not in refused]


def email_digest(digest: Digest, settings: EmailSettings) -> list[str]:
    """Render and send ``digest`` (HTML with the Markdown as plain text); accepted recipients."""
    message = build_message(digest, settings, render(digest, "html"), render(digest, "markdown"))
    return send_email(message, settings)


def _text(value: bytes | str) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return " ".join(text.split())


# ------------------------------------------------------------------------------ webhook

def _slack(text: str) -> str:
    """Escape the three characters Slack mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_link(text: str, url: str | None) -> str:
    label = _slack(" ".join(text.split())).replace("|", "¦")
    return f"<{url.replace('|', '%7C').replace('>', '%3E')}|{label}>" if url else label


def slack_payload(digest: Digest) -> dict[str, object]:
    """A Slack-compatible summary: ``text`` as the fallback, ``blocks`` for the layout."""
    counts = ", ".join(f"{g.name} {len(g.stories)}" for g in digest.groups)
    plural = "story" if digest.story_count == 1 else "stories"
    fallback = f"{title(digest)}: {digest.story_count} {plural}" + (f" ({counts})" if counts else "")
    blocks: list[dict[str, object]] = [
        {"type": "header", "text": {"type": "plain_text", "text": title(digest)[:150]}},
        {"type": "section", "text": {"type": "mrkdwn", "text": _slack(
            f"*{digest.story_count} {plural}* · {period_text(digest)}"
            + (f"\n{counts}" if counts else ""))}},
    ]
    for group in digest.groups:
        lines = [f"*{_slack(group.name)}* ({len(group.stories)})"]
        for story in group.stories:
            line = (f"• {_slack_link(story.title, story.url)} · {_slack(story.source_name)}"
                    f" · {human_time(story.published_at, with_time=False)}")
            if len("\n".join([*lines, line])) > SLACK_SECTION_CHARS - 20:
                lines.append(f"… and {len(group.stories) - len(lines) + 1} more")
                break
            lines.append(line)
        if len(blocks) < SLACK_MAX_BLOCKS - 2:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}})
    if digest.source_health:
        health = "; ".join(f"{h.name}: {h.problem}" for h in digest.source_health)
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": _slack(f"Source health: {health}")[:SLACK_SECTION_CHARS]}]})
    return {"text": fallback, "blocks": blocks}


def check_webhook_url(url: str) -> str | None:
    """None when ``url`` can be posted to, else the reason it cannot."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"not an http(s) URL: {url!r}"
    return None


def post_webhook(url: str, payload: dict[str, object], timeout: float = WEBHOOK_TIMEOUT) -> None:
    """POST ``payload`` as JSON; any non-2xx answer or network error is a DeliveryError."""
    shown = redact(url)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"govwatch/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read(65536)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise DeliveryError(f"webhook {shown}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) else exc.reason
        raise DeliveryError(f"webhook {shown}: {reason or exc}") from None
    except TimeoutError:
        raise DeliveryError(f"webhook {shown}: no answer within {timeout:g} s") from None
    except OSError as exc:
        raise DeliveryError(f"webhook {shown}: {exc.strerror or exc}") from None


def redact(url: str) -> str:
    """A webhook URL's path is its secret (Slack): show scheme and host only."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…" if parts.path not in ("", "/") else url
