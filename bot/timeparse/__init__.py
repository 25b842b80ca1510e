"""Times people type, read in their own timezone (DST-correct via zoneinfo).

Accepted (case-insensitive; "at" and "on" may join the parts):

- ``now`` (``just now``, ``just ended``); ``today`` alone is now as well;
- a day: ``today``, ``tomorrow`` (``tmrw``, ``tmr``), ``yesterday``, ``the day before
  yesterday``, ``the day after tomorrow``; a weekday (``fri``, ``friday``: the next one, or
  today if it is that day; ``this friday`` = ``friday``); ``next monday`` (``monday next
  week``): the Monday of next week, as ``next week`` is its Monday - typed on a Tuesday,
  ``next wed`` is eight days ahead, not tomorrow; ``last monday``: the last one before
  today; ``3 days ago``, ``in 2 days``, ``a week ago`` (whole days, before a time);
  ``2026-12-01``; ``Dec 4``, ``4 December``, ``December 4th 2026`` (without a year, the Dec 4
  nearest to today), also after its weekday as a calendar invite writes it (``Thursday,
  Dec 3`` - a weekday that is not that date's is refused); ``12/3``, ``3/12/2026``: a day
  in numbers in either order, read as :mod:`bot.timeparse.days` explains;
- a time: ``14:30``, ``14h30``, ``9``, ``3`` (an hour alone from 1 to 6 is p.m.), ``3pm``,
  ``9:15am``, ``3.30pm``, ``10 a.m.``, ``noon``, ``midnight`` (the end of the day given,
  so ``midnight`` alone is tonight's); after a day, a part of it: ``morning`` (09:00),
  ``lunch`` (12:00), ``afternoon`` (14:00), ``evening`` (18:00), ``night`` (19:00) -
  ``this morning``, ``at lunch``, ``yesterday afternoon``, ``tonight``, ``last night``; a
  part of today that has begun, its usual time still ahead, is now unless the time asked
  for is ahead; ``earlier`` (``earlier today``) is an hour ago;
- a zone after it, as an interviewer writes it: ``3pm EST``, ``10am london time`` (the
  person's day, that zone's clock; see :mod:`bot.timeparse.said`);
- a day and a time in either order (``tomorrow at 3pm``, ``3pm tomorrow``,
  ``Dec 4 10:30``, ``3 days ago 10:00``, ``tomorrow @ 9``); a day alone means
  :data:`DEFAULT_TIME` (09:00) on it; a time alone means today;
- ``in 90 minutes``, ``in 2h``, ``5 days ago``, ``an hour ago``, ``two hours ago``, ``half an
  hour ago``, ``2 days from now``: hours and smaller units are elapsed time, days and
  weeks move along the person's calendar (``in 1 day`` at 10:00 is 10:00 tomorrow, also
  across a DST change);
- an ISO 8601 instant with an offset (``2026-12-01T10:00:00+01:00``), which is what the
  date pickers of Slack forms give us.

A small grammar of our own rather than a natural-language library. Measured on this
project's machine: dateparser imports in ~100 ms and takes ~200 ms for its first parse
(~1 ms after), and by default reads ``fri 10:30`` and ``2 hours`` as times in the past;
parsedatetime is fast (~10 ms import, ~0.1 ms a call) but unmaintained since 2020, reads
partial junk ("meet me tomorrow blah") and computes in naive local time, which is wrong
across a DST change. This one's own modules import in a few milliseconds (misspelt days
are matched with rapidfuzz through :func:`bot.grammar.closest`, which the command grammar
has loaded already), it is DST-correct by construction, and the error message lists forms
that work.
"""

from bot.timeparse.clock import DEFAULT_TIME, TimeParseError, local_to_utc, parse_clock_time
from bot.timeparse.reading import parse_when

__all__ = ["DEFAULT_TIME", "TimeParseError", "local_to_utc", "parse_clock_time", "parse_when"]
