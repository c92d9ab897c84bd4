"""Scrapy settings for govwatch: a polite, thrifty monitor by default.

Everything here can be overridden per run with ``govwatch crawl -s NAME=VALUE``.
Our own settings start with ``GOVWATCH_``.
"""

from crawler import __version__

BOT_NAME = "govwatch"
SPIDER_MODULES = ["crawler.runtime.spiders"]
NEWSPIDER_MODULE = "crawler.runtime.spiders"

# --- govwatch --------------------------------------------------------------------------
# Where the crawl writes; the CLI sets these from --db / --config.
GOVWATCH_DB = "data/govwatch.db"
GOVWATCH_CONFIG_DIR = ""
GOVWATCH_RUN_ID = 0
GOVWATCH_TOPIC = "public-sector-ai"
# How site owners reach whoever runs this crawler (a web page or mailto: address), named in
# the User-Agent. Empty by default: govwatch does not invent one. Set it with the
# environment variable GOVWATCH_CONTACT_URL (read by every crawl, the scheduler's too) or
# -s GOVWATCH_CONTACT_URL=...; see the README's quick start.
GOVWATCH_CONTACT_URL = ""
# Processes that extract pages in parallel (trafilatura is CPU-bound and holds the GIL):
# "auto" = one per core beyond the first (2 to 4) on a multi-core machine, none on one
# core; 0 extracts in the crawl process itself.
GOVWATCH_EXTRACT_WORKERS = "auto"
# Pages handled in the crawl process before the workers start. 0: they start at the first
# page (in about a second, from a forkserver that loads the matcher cache; pages wait for
# them meanwhile) and a crawl that finds nothing new starts none (issue #14).
GOVWATCH_EXTRACT_WORKERS_AFTER = 0
# Where the compiled topic and gazetteer matchers are cached between crawls (crawler/
# matchcache.py): "" = $GOVWATCH_CACHE_DIR, else $XDG_CACHE_HOME/govwatch, else
# ~/.cache/govwatch; "off" builds them in every crawl. Never inside the config folder.
GOVWATCH_CACHE_DIR = ""
# SIGTERM/SIGINT: seconds a crawl may take to stop (pages already downloaded are stored);
# then it ends anyway, and pages still in flight are fetched by the next run. Below the
# scheduler's stop_timeout (20s), so a crawl stopped by the scheduler records its stop.
GOVWATCH_STOP_TIMEOUT = 10
# Pages whose extracted text is shorter than this are recorded as "no extractable text".
GOVWATCH_MIN_TEXT_CHARS = 40

# An honest User-Agent: govwatch and its version, plus " (+CONTACT)" when a contact is
# set (crawler.runtime.run.build_settings adds it). -s USER_AGENT=... replaces it entirely.
USER_AGENT = f"govwatch/{__version__}"

# --- politeness --------------------------------------------------------------------------
# Per host across all sources of a run: crawler.runtime.run hands DOWNLOAD_DELAY,
# CONCURRENT_REQUESTS_PER_DOMAIN and AUTOTHROTTLE_ENABLED to the shared gate of
# crawler.runtime.politeness (as GOVWATCH_HOST_DELAY/_CONCURRENCY/_AUTOTHROTTLE), so two sources
# on one host share one delay and one concurrency limit. Set them here or with -s as usual.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Items of one response processed at once. Scrapy starts this many tasks for every
# response, though an article page yields one item: its default, 100, cost ~0.3 s of the
# crawl process's CPU per 440 pages (issue #14). 16 still sends a feed's full-content
# entries to every extraction worker (at most 4) at once.
CONCURRENT_ITEMS = 16
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote-control HTTP server listens on a port: not wanted on a cron host.
REMOTE_CONTROL_ENABLED = False

# --- limits --------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 20  # seconds; news pages that take longer are rarely worth the wait
DNS_TIMEOUT = 10
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # 10 MB, also applied to decompressed bodies
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
# Retries on 429, 5xx and timeouts, with exponential backoff (crawler.runtime.middlewares.retry).
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# A page that stays down is recorded in fetch_errors; the log gets a warning, not an error.
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
GOVWATCH_RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry; doubled each time
GOVWATCH_RETRY_BACKOFF_MAX = 60.0  # upper bound, also for a server's Retry-After

# Only http and https are ever fetched (crawler.shared.urls.web_url is the rule): Scrapy's
# handlers for local files, data: URLs, FTP and S3 are off, so a hostile feed cannot make
# the crawler read this machine's files.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}

DOWNLOADER_MIDDLEWARES = {
    # refuses any request, and any redirect, to a URL that is not http(s)
    "crawler.runtime.middlewares.schemes.WebOnlyMiddleware": 40,
    "crawler.runtime.middlewares.schemes.RefuseOtherSchemeRedirectMiddleware": 595,  # after redirects (600)
    # meta refresh read from the first 32 KB of a page, not from all of it decoded
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.runtime.middlewares.refresh.HeadMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.runtime.middlewares.retry.BackoffRetryMiddleware": 550,
    "crawler.runtime.middlewares.content.FrontierContentMiddleware": 45,
    "crawler.runtime.middlewares.stored.SkipStoredMiddleware": 50,
    "crawler.runtime.middlewares.stored.ConditionalGetMiddleware": 60,
    # one robots.txt download per host per run, shared by every source's crawler
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.runtime.middlewares.robots.SharedRobotsTxtMiddleware": 100,
    # last before the download: one delay and one concurrency limit per host, shared by
    # every source of the run
    "crawler.runtime.politeness.PolitenessMiddleware": 950,
}

ITEM_PIPELINES = {
    "pipelines.seen.SeenPipeline": 100,
    # extract → relevance → tagging → signals (after tagging: a bare "$" takes its
    # jurisdiction) → summary (it uses the tags), in one go in an extraction worker: the
    # five stages' own adapters (pipelines.extract.ExtractPipeline, …) do the same one
    # stage at a time, in the crawl process.
    "pipelines.chain.ChainPipeline": 300,
    "pipelines.store.StorePipeline": 700,
}

EXTENSIONS = {
    "crawler.runtime.extensions.RunRecorder": 500,
    "crawler.runtime.frontier.FrontierExtension": 510,
}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
