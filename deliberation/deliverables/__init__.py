"""The deliverable: drafting and versions, submission, its route through the political bodies,
amendments and the Council's decision."""
