"""Organizations: what a name looks like and its key (names), the span filters
on the model's output (filters), the evidence for each candidate (evidence),
the learned decision (decision) and its training (train)."""
