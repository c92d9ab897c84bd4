"""config/digest.toml: how the digest is e-mailed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from crawler.config.loader import Fields, load_toml

SMTP_SECURITY = ("starttls", "ssl", "none")


SUBJECT_FIELDS = {"start": "2026-06-01", "end": "2026-06-02", "count": 3, "date": "2026-06-02"}


_EMAIL_KEYS = {"host", "port", "security", "user", "password_env", "from", "to", "subject",
               "timeout"}


_ADDRESS = re.compile(r"[^@\s<>]+@[^@\s<>]+")


@dataclass(frozen=True)
class EmailSettings:
    host: str
    port: int
    security: str
    user: str
    password_env: str
    sender: str
    to: tuple[str, ...]
    subject: str
    timeout: float

    def password(self) -> str:
        """The SMTP password from the environment variable named by ``password_env``."""
        return os.environ.get(self.password_env, "") if self.password_env else ""


def load_digest_config(path: str | Path) -> EmailSettings:
    """Load and validate the ``[email]`` table of ``digest.toml``."""
    path = Path(path)
    data = load_toml(path)
    top = Fields(path, "", data, {"email"})
    f = Fields(path, "[email]", top.get("email", dict, required=True), _EMAIL_KEYS)
    host = f.get("host", str, required=True).strip()
    if not host:
        f.fail("host", "empty")
    security = f.get("security", str, "starttls")
    if security not in SMTP_SECURITY:
        f.fail("security", f"unknown value {security!r} (expected {', '.join(SMTP_SECURITY)})")
    port = f.get("port", int, {"starttls": 587, "ssl": 465, "none": 25}[security])
    if not 0 < port < 65536:
        f.fail("port", f"not a TCP port: {port}")
    password_env = f.get("password_env", str, "")
    if password_env and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", password_env):
        f.fail("password_env", f"not an environment variable name: {password_env!r}")
    sender = f.get("from", str, required=True)
    to = f.str_list("to")
    if not to:
        f.fail("to", "no recipients")
    for key, addresses in (("from", (sender,)), ("to", to)):
        for address in addresses:
            if not _ADDRESS.search(address):
                f.fail(key, f"not an email address: {address!r}")
    subject = f.get("subject", str, "govwatch digest {date}: {count} stories")
    try:
        subject.format(**SUBJECT_FIELDS)
    except (KeyError, IndexError, ValueError) as exc:
        f.fail("subject", f"bad template {subject!r} (fields: {', '.join(SUBJECT_FIELDS)}): {exc}")
    timeout = f.get("timeout", (int, float), 30)
    if timeout <= 0:
        f.fail("timeout", f"must be positive, got {timeout}")
    return EmailSettings(host=host, port=port, security=security, user=f.get("user", str, ""),
                         password_env=password_env, sender=sender, to=to, subject=subject,
                         timeout=float(timeout))
