"""Meeting records: attendance, internal notes, the published decision summary, decisions, ideas,
action items and attachments."""
