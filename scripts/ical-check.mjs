// Parses each iCalendar file named on the command line with ical.js (npm, Mozilla's parser, as
// Thunderbird uses it) and prints, as JSON, each event's UID, URL, DTSTAMP, LAST-MODIFIED and
// SEQUENCE. Exits non-zero on a file it cannot parse. Used by tests/interfaces/test_feeds.py.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const result = {};
for (const path of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  result[path] = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      url: vevent.getFirstPropertyValue("url"),
      dtstamp: String(vevent.getFirstPropertyValue("dtstamp")),
      lastModified: String(vevent.getFirstPropertyValue("last-modified")),
      sequence: event.sequence,
    };
  });
}
console.log(JSON.stringify(result));
