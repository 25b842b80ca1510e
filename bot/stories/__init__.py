"""The story bank: short stories (situation, what you did, the result) tagged by skill."""
