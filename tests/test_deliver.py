"""Delivery: a real SMTP server and a webhook receiver on 127.0.0.1; digest.toml validation."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.config import ConfigError, EmailSettings, load_digest_config
from crawler.outputs.deliver import (
    DeliveryError,
    build_message,
    post_webhook,
    send_email,
    slack_payload,
)
from crawler.outputs.digest import build_digest
from crawler.outputs.digest_model import Filters
from crawler.outputs.render import render
from tests.digest_servers import free_port, smtp_server, webhook_server
from tests.digest_support import END, START, add_article, new_db, sample

NOW = datetime(2026, 6, 3, tzinfo=UTC)


def settings(port: int, **changes) -> EmailSettings:
    values = dict(host="127.0.0.1", port=port, security="none", user="", password_env="",
                  sender="govwatch <gw@example.org>", to=("a@example.org", "b@example.org"),
                  subject="digest {date}: {count} stories", timeout=5.0)
    values.update(changes)
    return EmailSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def digest(tmp_path):
    db = new_db(tmp_path / "g.db")
    sample(db)
    add_article(db, "https://x.example/p", "rthk-en", "A <b>pipe|and&amp</b>",
                "2026-06-02T03:00:00Z", jurisdictions=["HK"])
    built = build_digest(db, START, END, Filters(), now=NOW)
    db.conn.close()
    return built


def message_for(digest, smtp_settings):
    return build_message(digest, smtp_settings, render(digest, "html"), render(digest, "markdown"))


def test_email_reaches_a_real_smtp_server_with_text_and_html(digest):
    with smtp_server() as (mailbox, port):
        accepted = send_email(message_for(digest, settings(port)), settings(port))
    assert accepted == ["a@example.org", "b@example.org"]
    [message] = mailbox.messages
    assert message["Subject"] == "digest 2026-06-03: 6 stories"
    assert mailbox.envelopes[0] == ("gw@example.org", ["a@example.org", "b@example.org"])
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    assert "數字政策辦公室推出人工智能助手" in plain.get_content()
    assert "&lt;b&gt;pipe|and&amp;amp&lt;/b&gt;" in html.get_content()
    assert message.get_content_type() == "multipart/alternative"


def test_smtp_refusal_is_one_line(digest):
    with smtp_server(refuse="554 5.7.1 Message rejected as spam") as (mailbox, port), \
            pytest.raises(DeliveryError) as err:
        send_email(message_for(digest, settings(port)), settings(port))
    assert str(err.value) == f"SMTP 127.0.0.1:{port}: server said 554 5.7.1 Message rejected as spam"
    assert mailbox.messages == []


def test_smtp_down_is_one_line(digest):
    port = free_port()
    with pytest.raises(DeliveryError, match=r"connection refused"):
        send_email(message_for(digest, settings(port)), settings(port))


def test_starttls_against_a_plain_server_is_one_line(digest):
    with smtp_server() as (_, port), pytest.raises(DeliveryError, match="security"):
        send_email(message_for(digest, settings(port)), settings(port, security="starttls"))


def test_webhook_posts_slack_compatible_json(digest):
    with webhook_server() as (received, url):
        post_webhook(url, slack_payload(digest))
    [request] = received
    body = request["body"]
    assert request["content_type"].startswith("application/json")
    assert body["text"].startswith("govwatch digest · 1 Jun 2026 – 2 Jun 2026: 6 stories")
    assert body["blocks"][0]["type"] == "header"
    hk = next(b for b in body["blocks"][2:] if b["text"]["text"].startswith("*Hong Kong*"))
    assert "<https://x.example/p|A &lt;b&gt;pipe¦and&amp;amp&lt;/b&gt;>" in hk["text"]["text"]


def test_webhook_http_500_is_one_line_without_the_secret(digest):
    with webhook_server(status=500) as (_, url), pytest.raises(DeliveryError) as err:
        post_webhook(url, slack_payload(digest))
    assert "HTTP 500" in str(err.value) and "secret-token" not in str(err.value)


def test_webhook_down_is_one_line(digest):
    with pytest.raises(DeliveryError, match="webhook http://127.0.0.1"):
        post_webhook(f"http://127.0.0.1:{free_port()}/x", slack_payload(digest), timeout=5)


def test_slack_payload_stays_within_limits(tmp_path):
    db = new_db(tmp_path / "g.db")
    for n in range(120):
        add_article(db, f"https://x.example/{n}", "rthk-en", "Long headline " * 8,
                    "2026-06-02T03:00:00Z", jurisdictions=["HK"])
    payload = slack_payload(build_digest(db, START, END, Filters(), now=NOW))
    sections = [b for b in payload["blocks"] if b["type"] == "section"]  # type: ignore[index]
    assert all(len(b["text"]["text"]) <= 3000 for b in sections)
    assert "more" in sections[-1]["text"]["text"]


GOOD = """[email]
host = "smtp.example.org"
from = "gw@example.org"
to = ["a@example.org"]
"""


def test_digest_config_defaults(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_text(GOOD)
    loaded = load_digest_config(path)
    assert (loaded.port, loaded.security, loaded.to) == (587, "starttls", ("a@example.org",))


@pytest.mark.parametrize(("extra", "message"), [
    ('security = "tls"\n', "key 'security': unknown value 'tls'"),
    ('port = 70000\n', "key 'port': not a TCP port"),
    ('password_env = "my password"\n', "key 'password_env': not an environment variable name"),
    ('subject = "{nope}"\n', "key 'subject': bad template"),
    ('colour = "red"\n', "key 'colour': unknown key"),
    ('timeout = 0\n', "key 'timeout': must be positive"),
])
def test_digest_config_errors_name_the_key(tmp_path, extra, message):
    path = tmp_path / "digest.toml"
    path.write_text(GOOD + extra)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("{", r"\{")):
        load_digest_config(path)


def test_digest_config_needs_recipients(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_text(GOOD.replace('["a@example.org"]', "[]"))
    with pytest.raises(ConfigError, match="key 'to': no recipients"):
        load_digest_config(path)


def test_shipped_digest_config_is_valid_except_for_recipients():
    shipped = Path(__file__).resolve().parents[1] / "config" / "digest.toml"
    with pytest.raises(ConfigError, match="key 'to': no recipients"):
        load_digest_config(shipped)


def test_ssl_against_a_plain_server_is_one_line(digest):
    with smtp_server() as (mailbox, port), pytest.raises(DeliveryError) as err:
        send_email(message_for(digest, settings(port)), settings(port, security="ssl", timeout=3))
    assert str(err.value).startswith(f"SMTP 127.0.0.1:{port}: ")
    assert "\n" not in str(err.value) and mailbox.messages == []
