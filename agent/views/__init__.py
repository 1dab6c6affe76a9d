"""The season drawn for people: an iCalendar file for calendar apps and one HTML page for
the browser, both from the same `Dashboard` that `agent status` prints."""
