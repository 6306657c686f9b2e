"""After the decision: implementation actions with their progress, and the members' evaluation survey."""
