"""The public side of a call: its feed and poster, the public reads, and the application form."""
