"""``govwatch digest``: the digest of a period, written, e-mailed or posted."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from crawler.cli.base import (
    Context,
    bound,
    check_choice,
    common_options,
    echo_utf8,
    fail,
    main,
    write_file,
)
from crawler.cli.filters import check_signal_options, gazetteer_known, signal_filter_options
from crawler.config import (
    ConfigError,
)
from crawler.outputs.formats import DIGEST_FORMATS
from crawler.shared.dates import format_utc
from crawler.shared.exits import (
    EXIT_DELIVERY,
    EXIT_OK,
    EXIT_USAGE,
)


@main.command()
@click.option("--since", default="24h", show_default=True, metavar="WHEN",
              help="Start of the period: 30m, 24h, 7d, 2w, 2026-06-01, or 'last' (the end of the "
                   "last digest delivered on the same channel).")
@click.option("--until", metavar="WHEN", help="End of the period (default: now); same forms.")
@click.option("--format", "fmt", type=click.Choice(DIGEST_FORMATS),
              default="markdown", show_default=True, help="Output format (stdout or --output).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE instead of stdout.")
@click.option("--topic", metavar="TOPIC", help="Only this topic, e.g. public-sector-ai.")
@click.option("--jurisdiction", metavar="CODE", help="Only stories about this ISO code, e.g. HK.")
@click.option("--agency", metavar="ID|NAME",
              help="Only stories naming this agency: id (hk-dpo), name, a parent's id (its "
                   "units too) or, for a body no list names, its derived id or the name the "
                   "text gives (Kent County Council).")
@click.option("--source", "source_id", metavar="ID", help="Only articles from this source id.")
@click.option("--min-score", type=float, metavar="X", help="Only articles scoring at least X.")
@click.option("--include-irrelevant", is_flag=True,
              help="Also articles the relevance stage rejected or has not scored.")
@click.option("--email", is_flag=True,
              help="Send the HTML digest (with a plain-text part) by SMTP; see config/digest.toml.")
@click.option("--webhook", metavar="URL", help="POST a Slack-compatible summary to URL.")
@click.option("--send-empty", is_flag=True, help="Output or send even when there are no stories.")
@signal_filter_options
@common_options
def digest(ctx: Context, since: str, until: str | None, fmt: str, output: str | None,
           topic: str | None, jurisdiction: str | None, agency: str | None,
           source_id: str | None, min_score: float | None, include_irrelevant: bool,
           email: bool, webhook: str | None, send_empty: bool, signal_types: tuple[str, ...],
           min_amount: float | None, currency: str | None) -> None:
    """Build the digest of recent relevant stories, grouped by jurisdiction; print or send it.

    Stories with a tender or a contract award open the digest in "Tenders and awards";
    the others follow by jurisdiction (most active first), newest first, each with its
    signal badges, amounts, dates, summary, key signals, agencies, vendors, locations
    and every outlet that ran it, followed by a source-health section. The HTML charts
    are tables, not SVG, so they survive Gmail, Outlook and Apple Mail. --email and --webhook record each delivery in
    the database's digests table; a story delivered once on a channel is not sent again
    there. With no stories nothing is printed or sent (exit 0) unless --send-empty.

    \b
    Exit codes: 0 done (or nothing to send); 1 a delivery failed (recorded as failed);
    2 bad option or config (unknown jurisdiction/agency/source, bad date, bad digest.toml);
    3 database missing or unusable.

    \b
    Examples:
      govwatch digest --since 7d --format html --output week.html
      govwatch digest --since last --email
      govwatch digest --jurisdiction HK --format atom -o hk.atom --send-empty
      govwatch digest --since 30d --type procurement --min-amount 1000000 --currency HKD
      govwatch digest --since 2026-06-01 --until 2026-06-08 --webhook https://hooks.slack.com/services/…
    """
    from crawler import db as dbm
    from crawler.config import load_digest_config
    from crawler.outputs import deliver
    from crawler.outputs import digest as digests
    from crawler.outputs.digest_model import Filters
    from crawler.outputs.render import human_time, render

    end = bound(until, "--until") if until else format_utc(datetime.now(UTC))
    if since != "last" and bound(since, "--since") >= end:
        raise click.BadParameter(f"{since!r} is not before the end of the period {end}",
                                 param_hint="--since")
    if webhook and (problem := deliver.check_webhook_url(webhook)):
        raise click.BadParameter(problem, param_hint="--webhook")
    if output and not Path(output).resolve().parent.is_dir():
        raise click.BadParameter(f"no such directory: {Path(output).parent}", param_hint="--output")
    settings = load_digest_config(ctx.config_dir / "digest.toml") if email else None
    if settings and settings.user and not settings.password():
        fail(f"{ctx.config_dir / 'digest.toml'}: [email]: key 'password_env': environment "
             f"variable {settings.password_env or '(unset)'} is empty", EXIT_USAGE)
    db = dbm.open_db(ctx.db_path, create=False, write=False)
    read_only = dbm.is_read_only(db)
    known = dbm.digest_known_values(db)
    gazetteer_values, names = gazetteer_known(ctx)
    for kind, values in gazetteer_values.items():
        known[kind] |= values
    code = jurisdiction.upper() if jurisdiction else None
    check_choice(code, known["jurisdictions"], "jurisdiction", "--jurisdiction")
    check_choice(agency, known["agencies"], "agency id", "--agency", fold=True)
    check_choice(source_id, known["sources"], "source id", "--source")
    health_items = source_health_report(ctx, db)
    signal_types, currency = check_signal_options(ctx, signal_types, min_amount, currency)
    filters = Filters(topic=topic, jurisdiction=code, agency=agency, source=source_id,
                              min_score=min_score, include_irrelevant=include_irrelevant,
                              signal_types=signal_types, min_amount=min_amount,
                              currency=currency)
    channels: list[tuple[str, list[str]]] = []
    if settings:
        channels.append(("email", list(settings.to)))
    if webhook:
        channels.append(("webhook", [deliver.redact(webhook)]))
    if not channels:
        channels.append(("file", [output]) if output else ("stdout", []))
    failed = written = False
    for channel, recipients in channels:
        start = bound(since, "--since") if since != "last" else digests.last_end(db, channel)
        if start is None:
            start = bound("24h", "--since")
            if ctx.verbosity >= 0:
                click.echo(f"govwatch: no earlier {channel} digest; from the last 24 hours",
                           err=True)
        built = digests.for_channel(db, channel, start, end, filters, health_items, names)
        if not built.story_count and not send_empty:
            click.echo(f"govwatch: no stories from {human_time(start)} to {human_time(end)}: "
                       f"{digests.empty_reason(built, channel)}; nothing sent "
                       "(--send-empty to send anyway)", err=True)
            continue
        if output and not written:
            write_file(output, render(built, fmt))
            written = True
        error = None
        try:
            if channel == "email":
                assert settings is not None
                recipients = deliver.email_digest(built, settings)
            elif channel == "webhook":
                assert webhook is not None
                deliver.post_webhook(webhook, deliver.slack_payload(built))
            elif channel == "stdout":
                echo_utf8(render(built, fmt))
        except deliver.DeliveryError as exc:
            error, failed = str(exc), True
            click.echo(f"govwatch: error: {exc}", err=True)
        if read_only:
            click.echo(f"govwatch: {ctx.db_path} is read-only: this {channel} digest is not "
                       "recorded (--since last and repeat suppression will not know it)",
                       err=True)
        else:
            dbm.record_digest(db, period_start=built.period_start, period_end=built.period_end,
                              fmt={"email": "html", "webhook": "slack"}.get(channel, fmt),
                              channel=channel, recipients=recipients,
                              story_keys=[story.key for story in built.stories],
                              status="failed" if error else "delivered", error=error)
        if not error and ctx.verbosity >= 0 and channel != "stdout":
            where = output if channel == "file" else ", ".join(recipients)
            click.echo(f"govwatch: {channel}: {built.story_count} stories to {where}", err=True)
    sys.exit(EXIT_DELIVERY if failed else EXIT_OK)


def source_health_report(ctx: Context, db: Any) -> list[Any]:
    """crawler.unattended.health's view of every configured source, for the digest's health section.

    A digest must not fail because sources.toml or schedule.toml cannot be read: then the
    section shows only the period's failures (with a warning when a file is invalid).
    """
    from crawler.unattended import health

    if not ctx.sources_path.exists():
        return []  # a digest-only setup: the period's failures are all there is
    try:
        return health.report(db, ctx.load_sources(), ctx.load_schedule_config(None).health)
    except ConfigError as exc:
        click.echo(f"govwatch: warning: source health limited to the period's failures: {exc}",
                   err=True)
        return []
