"""The applicant's own pages: applying, their applications, their data, and answering an invitation."""
