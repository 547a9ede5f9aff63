"""Reads an iCalendar feed on stdin with Python's `icalendar` and prints, as JSON, each
event's UID with its start and end as UTC instants, computed from the feed's own
VTIMEZONE definitions (not from the system's zone database)."""

import json
import sys
from datetime import timezone

import icalendar


def main() -> None:
    cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
    zones = {str(vtz["TZID"]): vtz.to_tz() for vtz in cal.walk("VTIMEZONE")}
    out = {}
    for event in cal.walk("VEVENT"):
        times = []
        for key in ("DTSTART", "DTEND"):
            prop = event[key]
            tzid = prop.params.get("TZID")
            if tzid is None:
                # Only a UTC time may come without a zone; a floating time is an error.
                if prop.dt.tzinfo is None or prop.dt.utcoffset().total_seconds() != 0:
                    raise SystemExit(f"{key} of {event['UID']} is neither UTC nor zoned")
                local = prop.dt
            elif tzid not in zones:
                raise SystemExit(f"no VTIMEZONE for {tzid}")
            else:
                local = prop.dt.replace(tzinfo=None).replace(tzinfo=zones[tzid])
            times.append(local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        out[str(event["UID"])] = {
            "start": times[0],
            "end": times[1],
            "status": str(event.get("STATUS", "")),
            "summary": str(event.get("SUMMARY", "")),
        }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
