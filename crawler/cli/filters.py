"""The article and signal filters shared by export, search and digest."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from crawler.cli.base import Context
from crawler.db.filters import ArticleFilter


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--since/--until/--jurisdiction/--agency/--source/--relevant; passes ``filters``."""

    @click.option("--since", metavar="WHEN",
                  help="Only articles published (or fetched) since: 30m, 24h, 7d, 2w or 2026-06-01.")
    @click.option("--until", metavar="WHEN",
                  help="Only articles published before WHEN (a bare date includes that day).")
    @click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="CODE",
                  help="Only articles tagged with this jurisdiction, e.g. HK (repeatable).")
    @click.option("--agency", "agencies", multiple=True, metavar="ID|NAME",
                  help="Only articles naming this agency, by id or name; a parent's id also "
                       "finds its units, and a body no list names matches its derived id or "
                       "the name the text gives (repeatable).")
    @click.option("--source", "source_ids", multiple=True, metavar="ID",
                  help="Only articles from this source (repeatable).")
    @click.option("--relevant", is_flag=True, help="Only articles judged relevant.")
    @signal_filter_options
    @functools.wraps(func)
    def wrapper(since: str | None, until: str | None, jurisdictions: tuple[str, ...],
                agencies: tuple[str, ...], source_ids: tuple[str, ...], relevant: bool,
                signal_types: tuple[str, ...], min_amount: float | None, currency: str | None,
                **kwargs: Any) -> Any:
        from crawler.outputs import export as exporter

        bounds = {}
        for name, value, parse in (("since", since, exporter.parse_since),
                                   ("until", until, exporter.parse_until)):
            try:
                bounds[name] = parse(value) if value else None
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint=f"--{name}") from None
        filters = ArticleFilter(since=bounds["since"], until=bounds["until"],
                                jurisdictions=jurisdictions, agencies=agencies,
                                sources=source_ids, relevant=relevant,
                                signal_types=signal_types, min_amount=min_amount,
                                currency=currency)
        return func(filters=filters, **kwargs)

    return wrapper


def signal_type_ids(directory: Path) -> tuple[str, ...]:
    """The signal type ids of DIR/signals.toml, else of the shipped one."""
    from crawler.config import load_signal_config, signal_config_path

    return tuple(t.id for t in load_signal_config(signal_config_path(directory)).types)


def check_signal_options(ctx: Context, signal_types: tuple[str, ...], min_amount: float | None,
                          currency: str | None) -> tuple[tuple[str, ...], str | None]:
    """--type ids must be known; --min-amount needs --currency (an amount means nothing
    without one); currencies are ISO 4217 codes. Returns the types and the currency."""
    if signal_types:
        known = signal_type_ids(ctx.config_dir)
        for value in signal_types:
            if value not in known:
                raise click.BadParameter(f"unknown signal type {value!r} (known: "
                                         f"{', '.join(known)})", param_hint="--type")
    if min_amount is not None and not currency:
        raise click.BadParameter("--min-amount needs --currency (e.g. --currency HKD)",
                                 param_hint="--min-amount")
    if currency is not None:
        if not (len(currency) == 3 and currency.isalpha() and currency.isascii()):
            raise click.BadParameter(f"expected an ISO 4217 code such as HKD, got {currency!r}",
                                     param_hint="--currency")
        currency = currency.upper()
    return signal_types, currency


def checked_filters(ctx: Context, filters: ArticleFilter) -> ArticleFilter:
    import dataclasses

    types, currency = check_signal_options(ctx, filters.signal_types, filters.min_amount,
                                            filters.currency)
    return dataclasses.replace(filters, signal_types=types, currency=currency)


def signal_filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--type (repeatable), --min-amount N, --currency CUR (export, search and digest)."""
    func = click.option("--currency", metavar="CUR",
                        help="Only articles with an amount in this ISO 4217 currency, e.g. HKD "
                             "(with --min-amount: an amount of at least N in it).")(func)
    func = click.option("--min-amount", "min_amount", type=click.FloatRange(min=0), metavar="N",
                        help="Only articles mentioning an amount of at least N (needs "
                             "--currency; amounts are not converted).")(func)
    return click.option("--type", "signal_types", multiple=True, metavar="TYPE",
                        help="Only articles with this signal type, e.g. procurement, "
                             "contract_award (repeatable: any of them; see config/signals.toml)."
                        )(func)


def gazetteer_known(ctx: Context) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Jurisdiction codes and agency ids of config/gazetteers (the digest also accepts every
    value already in the database), and the jurisdictions' headings ("Mainland China").
    A config folder without gazetteers gives neither; a broken one is a ConfigError."""
    from crawler.config import GAZETTEER_DIR, load_gazetteer

    directory = ctx.config_dir / GAZETTEER_DIR
    if not directory.is_dir():
        return {}, {}
    gazetteer = load_gazetteer(directory)
    values = {"jurisdictions": {j.code for j in gazetteer.jurisdictions},
              "agencies": {a.id for a in gazetteer.agencies} | {a.name for a in gazetteer.agencies}}
    return values, {j.code: j.label for j in gazetteer.jurisdictions}
