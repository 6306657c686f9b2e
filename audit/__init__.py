"""One audit trail: who did what to which object, and when. Every service writes to it inside its own
transaction through ``audit.log``; staff read it in the admin."""
