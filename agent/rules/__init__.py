"""The follow-up rules: each module says which follow-ups exist and why (candidates);
`ladder.decide` works out the state of each at a moment, in one documented order."""
