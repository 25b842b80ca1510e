"""Prometheus metrics for ``debrief run`` (served at ``GET /metrics``).

A private registry, so tests can build several runtimes in one process.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

__all__ = ["Metrics"]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.commands = Counter("debrief_commands_total", "Commands handled",
                                ["platform", "command"], registry=self.registry)
        self.turns = Counter("debrief_dialogue_turns_total", "Reflection answers handled",
                             ["platform"], registry=self.registry)
        self.nudges = Counter("debrief_nudges_total",
                              "Nudge events (claimed, sent, late, retry, failed, dropped, "
                              "deferred)", ["platform", "event"], registry=self.registry)
        self.lateness = Histogram(
            "debrief_dispatch_lateness_seconds", "Time from a nudge's due time to its send",
            ["platform"], registry=self.registry,
            buckets=(0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400))
        self.api_errors = Counter("debrief_platform_api_errors_total",
                                  "Platform API errors (429s counted separately)",
                                  ["platform", "kind"], registry=self.registry)
        self.api_calls = Counter("debrief_platform_api_calls_total",
                                 "Platform API calls (each retry counts)", ["platform"],
                                 registry=self.registry)
        self.rate_limited = Counter("debrief_platform_rate_limited_total",
                                    "Platform API calls answered with HTTP 429", ["platform"],
                                    registry=self.registry)
        # Set at scrape time from the database (see adapters.runtime).
        self.nudges_by_status = Gauge(
            "debrief_nudges_stored", "Nudges in the database by status (pending_due: pending "
            "and due now)", ["status"], registry=self.registry)

    def nudge_event(self, event: str, platform: str, lateness: float | None = None) -> None:
        self.nudges.labels(platform, event).inc()
        if lateness is not None:
            self.lateness.labels(platform).observe(max(0.0, lateness))

    # adapters.observe.ApiObserver
    def api_response(self, platform: str, status: int) -> None:
        self.api_calls.labels(platform).inc()
        if status == 429:
            self.rate_limited.labels(platform).inc()
        elif status >= 400:
            self.api_errors.labels(platform, f"http_{status}").inc()

    def api_unreachable(self, platform: str, error: str) -> None:
        self.api_calls.labels(platform).inc()
        self.api_errors.labels(platform, "network").inc()

    def set_nudge_counts(self, counts: dict[str, int]) -> None:
        for status, count in counts.items():
            self.nudges_by_status.labels(status).set(count)

    def render(self) -> bytes:
        return generate_latest(self.registry)
