"""The committee's review: the dashboard, ratings, the matching page, seats and exports."""
