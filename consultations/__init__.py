"""Beyond the fifteen: public consultations on the committee's questions and draft sections, moderation,
"what we heard", and dialogue meetings with registration and a waiting list (floor 4, above deliberation)."""
